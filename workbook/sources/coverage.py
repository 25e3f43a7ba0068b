"""Coverage: what each outlet covers, over time, and what only one outlet covers.

Takes: the corpus, its sentences, mentions and events (`workbook.mentions`, `workbook.time`).
Gives: ``outlet_coverage`` (per outlet: kind, articles, sentences, dates, languages), ``mention_shares``
(per outlet, the share of its sentences naming each actor or system), ``only_here`` (actors and
systems only one outlet names, with the sentences) and ``happenings_only_here``.
Comes after `workbook.mentions` and `workbook.time`; notebook 05 uses it.
"""
from __future__ import annotations

import pandas as pd

from ..knowledge import ACTOR_KINDS

COVERED_KINDS = (*ACTOR_KINDS, "weapon_system")
NOT_GIVEN = "(not given)"


def outlet_coverage(docs: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet: outlet_kind, articles, sentences, first and last publication, languages
    and how many articles are translations (`translated_from` filled in)."""
    cols = ["outlet", "outlet_kind", "articles", "sentences", "first", "last", "languages", "translated"]
    if docs.empty:
        return pd.DataFrame(columns=cols)
    per_doc = sents.groupby("doc_id").size()
    table = docs.assign(outlet_kind=docs["outlet_kind"].replace("", NOT_GIVEN),
                        sentences=docs["doc_id"].map(per_doc).fillna(0).astype(int),
                        translated=docs["translated_from"].ne(""),
                        language=docs["language"].replace("", NOT_GIVEN))
    out = table.groupby("outlet", as_index=False).agg(
        outlet_kind=("outlet_kind", lambda k: "; ".join(sorted(set(k)))), articles=("doc_id", "size"),
        sentences=("sentences", "sum"), first=("published", "min"), last=("published", "max"),
        languages=("language", lambda k: "; ".join(sorted(set(k)))), translated=("translated", "sum"))
    return out.sort_values(["first", "outlet"], ignore_index=True)[cols]


def _named(ments: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """Mentions of actors and systems with each row's outlet."""
    named = ments[ments["kind"].isin(COVERED_KINDS)]
    return named.merge(docs[["doc_id", "outlet"]], on="doc_id", how="left")


def mention_shares(ments: pd.DataFrame, sents: pd.DataFrame, docs: pd.DataFrame, top: int = 12) -> pd.DataFrame:
    """Outlets x the `top` most widely named actors and systems (by the number of outlets naming them,
    then sentences): the share (0-1) of each outlet's sentences that name it. Rows: outlets."""
    named = _named(ments, docs).drop_duplicates(["doc_id", "sent_id", "entity"])
    if named.empty:
        return pd.DataFrame()
    spread = named.groupby("entity").agg(outlets=("outlet", "nunique"), sentences=("sent_id", "size"))
    keep = spread.sort_values(["outlets", "sentences"], ascending=False).head(top).index
    per_outlet = sents.merge(docs[["doc_id", "outlet"]], on="doc_id").groupby("outlet").size()
    counts = named[named["entity"].isin(keep)].pivot_table(index="outlet", columns="entity", aggfunc="size",
                                                            fill_value=0)
    counts = counts.reindex(index=per_outlet.index, columns=keep, fill_value=0)
    return counts.div(per_outlet, axis=0).round(2).rename_axis(index=None, columns=None)


def only_here(ments: pd.DataFrame, sents: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """Actors and systems that exactly one outlet names (when the corpus has two outlets or more):
    one row per mention sentence, with entity, kind, outlet, doc_id, sent_id and the sentence."""
    cols = ["entity", "kind", "outlet", "doc_id", "sent_id", "sentence"]
    named = _named(ments, docs)
    if named.empty or docs["outlet"].nunique() < 2:
        return pd.DataFrame(columns=cols)
    spread = named.groupby("entity")["outlet"].nunique()
    single = named[named["entity"].isin(spread.index[spread == 1])].drop_duplicates(["entity", "doc_id", "sent_id"])
    single = single.merge(sents[["doc_id", "sent_id", "text"]].rename(columns={"text": "sentence"}),
                          on=["doc_id", "sent_id"], how="left")
    return single.sort_values(["outlet", "kind", "entity", "doc_id", "sent_id"], ignore_index=True)[cols]


def happenings_only_here(ev: pd.DataFrame) -> pd.DataFrame:
    """Happenings of the chronology that exactly one outlet reports (when the corpus has two outlets
    or more): their time expressions, with outlet, doc_id, sent_id and the sentence."""
    cols = ["happening", "outlet", "doc_id", "sent_id", "surface", "start", "end", "sentence"]
    if ev.empty or ev["outlet"].nunique() < 2:
        return pd.DataFrame(columns=cols)
    spread = ev.groupby("happening")["outlet"].nunique()
    single = ev[ev["happening"].isin(spread.index[spread == 1])]
    return single.sort_values(["outlet", "start", "doc_id", "sent_id"], ignore_index=True)[cols]
