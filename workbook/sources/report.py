"""The sources report: every table of notebook 05 from one pass, and its findings in words.

Takes: the corpus and its sentences.
Gives: ``sources_report`` (a `SourcesReport`: coverage, voices, attributions, reuse and framing
tables, each row citing doc_id and sent_id) and ``SourcesReport.findings`` (the page's opening
lines, every number computed; "nothing to compare" where the corpus has one outlet or article).
Comes after `workbook.sources.coverage`, `.voices`, `.attribution`, `.reuse` and `.framing`.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..knowledge import entities
from ..annotate import events, mentions, statements   # the cached calls: a notebook never recomputes them
from . import attribution, coverage, framing, reuse, voices


@dataclass
class SourcesReport:
    docs: pd.DataFrame
    named: pd.DataFrame               # sentences naming an actor or system: outlet, kind, date, sentence
    coverage: pd.DataFrame            # per outlet: kind, articles, sentences, dates, languages
    shares: pd.DataFrame              # outlets x actors/systems: share of the outlet's sentences naming each
    only_here: pd.DataFrame           # mention sentences of actors/systems only one outlet names
    happenings_only_here: pd.DataFrame
    voices: pd.DataFrame              # statements with outlet, voice, side, tone
    voice_shares: pd.DataFrame        # per outlet: share of each kind of voice
    verbs: pd.DataFrame               # per outlet and side: verbs and the share charged
    attributions: pd.DataFrame        # teller -> source edges with their sentences
    reuse: pd.DataFrame               # sentence pairs sharing a clause, earlier first
    reused_articles: pd.DataFrame     # per article pair
    framing: pd.DataFrame             # happenings of two outlets or more, sentence by sentence

    def findings(self) -> list[str]:
        """The page's findings, one line each, every number computed from the tables."""
        n_outlets = self.docs["outlet"].nunique()
        lines = [f"{len(self.docs)} article(s) from {n_outlets} outlet(s) of "
                 f"{self.coverage['outlet_kind'].nunique()} kind(s); "
                 f"{int(self.coverage['translated'].sum())} article(s) are translations."]
        if n_outlets < 2:
            lines.append("Only one outlet: nothing to compare across outlets.")
        else:
            only = self.only_here.groupby("outlet")["entity"].nunique().sort_values(ascending=False)
            per_article = (only / self.docs.groupby("outlet").size().reindex(only.index)).sort_values(ascending=False)
            lines.append(f"{self.only_here['entity'].nunique()} actor(s) and system(s) are named by one outlet only"
                         + (f"; most per article by {per_article.index[0]} ({only[per_article.index[0]]} in "
                            f"{(self.docs['outlet'] == per_article.index[0]).sum()} article(s))." if len(only) else "."))
        vs = self.voice_shares
        if len(vs) == 1:
            lines.append(f"{int(vs['statements'].sum())} statement(s); unnamed sources make up "
                         f"{vs['anonymous'].iloc[0]:.0%} of them, charged verbs (insisted, claimed, warned, accused ...) "
                         f"{(self.voices['tone'] == 'charged').mean():.0%}.")
        elif len(vs):
            lo, hi = vs.loc[vs["anonymous"].idxmin()], vs.loc[vs["anonymous"].idxmax()]
            lines.append(f"{int(vs['statements'].sum())} statement(s); unnamed sources make up from "
                         f"{lo['anonymous']:.0%} ({lo['outlet']}) to {hi['anonymous']:.0%} ({hi['outlet']}) "
                         "of an outlet's statements.")
            charged = self.voices.groupby("outlet")["tone"].apply(lambda t: (t == "charged").mean())
            lines.append(f"Charged verbs (insisted, claimed, warned, accused ...) are used most by "
                         f"{charged.idxmax()} ({charged.max():.0%} of its statements), least by "
                         f"{charged.idxmin()} ({charged.min():.0%}).")
        else:
            lines.append("No reported statement was found: nothing to compare on voices.")
        edges = self.attributions[~self.attributions["own"]]
        if len(edges):
            top = edges.groupby(["teller", "source"]).size().sort_values(ascending=False)
            lines.append(f"{len(edges)} attribution(s) to another outlet or source, {top.size} distinct "
                         f"teller -> source link(s); the most used: {top.index[0][0]} -> {top.index[0][1]} "
                         f"({top.iloc[0]}).")
        else:
            lines.append("No article names another outlet as its source.")
        if len(self.docs) < 2:
            lines.append("One article: nothing to compare for reused passages.")
        else:
            reposts = int((self.reused_articles["reads_as"] == "repost").sum())
            lines.append(f"{len(self.reuse)} pair(s) of sentences in {len(self.reused_articles)} pair(s) of articles "
                         f"share at least a clause; {reposts} article pair(s) read as a repost.")
        lines.append(f"{self.framing['happening'].nunique()} happening(s) of the chronology are reported by two "
                     "outlets or more.")
        return lines


def sources_report(docs: pd.DataFrame, sents: pd.DataFrame, path=None) -> SourcesReport:
    """Compute every table of notebook 05 (see `SourcesReport`) from the corpus and its sentences."""
    ments = mentions(docs, path, sents=sents)
    ev = events(docs, path, sents=sents)
    said = voices.voices(statements(docs, path, sents=sents), docs, entities(path))
    att = attribution.attributions(docs, sents, ments, path)
    pairs = reuse.reuse(docs, sents)
    named = ments[ments["kind"].isin(coverage.COVERED_KINDS)].drop_duplicates(["doc_id", "sent_id", "entity"]).merge(
        docs[["doc_id", "outlet", "outlet_kind", "published"]], on="doc_id", how="left").merge(
        sents[["doc_id", "sent_id", "text"]].rename(columns={"text": "sentence"}), on=["doc_id", "sent_id"], how="left")
    return SourcesReport(
        docs=docs, named=named, coverage=coverage.outlet_coverage(docs, sents), shares=coverage.mention_shares(ments, sents, docs),
        only_here=coverage.only_here(ments, sents, docs), happenings_only_here=coverage.happenings_only_here(ev),
        voices=said, voice_shares=voices.voice_shares(said), verbs=voices.verbs_by_side(said), attributions=att,
        reuse=pairs, reused_articles=reuse.reused_articles(pairs, sents), framing=framing.framing(ev, said, att))
