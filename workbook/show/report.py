"""What each page finds: the computed sentences `findings.py` shows on top of notebooks 00-04.

Takes: the corpus and its sentences; reads the annotations through the cached calls of
`workbook.annotate`, as the notebooks do.
Gives: ``PAGES``: notebook number -> function(docs, sents) returning (findings, limits), where a
finding is (sentence, words of the section heading it rests on) and a limit is a sentence on what
the method cannot see. Each sentence is built from counts, never typed; one whose table is empty
is left out.
Comes after every annotation stage; only `findings.py` uses it.
"""
from __future__ import annotations

import pandas as pd


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _v(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def _names(names, most: int = 4) -> str:
    names = [str(n) for n in names]
    return ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most else "")


def corpus_page(docs, sents):
    from ..cleaning import removals

    found, moved = [], docs[docs["reference_date"] != docs["published"]]
    if len(docs):
        per = docs["outlet"].value_counts()
        found.append((f"{_n(len(docs), 'article')} from {_n(len(per), 'outlet')}: the most from {per.index[0]} "
                      f"({per.iloc[0]}), the fewest from {per.index[-1]} ({per.iloc[-1]}).", "catalog"))
        sure = docs["confidence"].fillna("").astype(str).str.startswith("high") if "confidence" in docs else None
        if sure is not None and sure.all():
            found.append((f"All {len(docs)} catalog rows give high confidence in outlet and dates.", "catalog"))
        elif sure is not None:
            found.append((f"{int(sure.sum())} of {len(docs)} catalog rows give high confidence in outlet and dates; "
                          f"the other {len(docs) - int(sure.sum())} are leads to check.", "catalog"))
    if len(moved):
        lag = (moved["published"] - moved["reference_date"]).dt.days
        found.append((f"{_n(len(moved), 'article')} {_v(len(moved), 'counts', 'count')} relative dates from a reference date other than "
                      f"publication (a repost), up to {int(lag.max())} days earlier.", "When each outlet"))
    cut = removals(docs)
    raw, clean = int(docs["chars_raw"].sum()), int(docs["chars_clean"].sum())
    if raw:
        most = docs.assign(gone=docs["chars_raw"] - docs["chars_clean"]).sort_values("gone").iloc[-1]
        found.append((f"Cleaning removed {1 - clean / raw:.0%} of the characters ({raw - clean:,} of {raw:,}) in "
                      f"{_n(len(cut), 'removal')} by {_n(cut['rule'].nunique(), 'rule')}; the most from "
                      f"{most['outlet']} ({int(most['gone']):,} characters).", "cleaning"))
    limits = ["Cleaning is by rule: boilerplate no rule in corpus/boilerplate.csv matches stays in the text "
              "(and is counted); the raw files are never changed."]
    return found, limits


def actors_page(docs, sents):
    from ..annotate import candidates, mentions, statements
    from ..knowledge import ACTOR_KINDS

    m = mentions(docs, sents=sents)
    actors = m[m["kind"].isin(ACTOR_KINDS)].merge(docs[["doc_id", "outlet"]], on="doc_id")
    found = []
    if len(actors):
        per = actors.groupby("entity").agg(n=("sent_id", "size"), docs=("doc_id", "nunique"))
        per = per.sort_values("n", ascending=False)
        top = per.index[0]
        found.append((f"{top} is the most mentioned actor: {per['n'].iloc[0]} of {len(actors)} actor mentions "
                      f"({per['n'].iloc[0] / len(actors):.0%}), in {per['docs'].iloc[0]} of {len(docs)} articles.",
                      "Who appears"))
        everywhere = actors.groupby("entity")["outlet"].nunique()
        everywhere = everywhere[everywhere == docs["outlet"].nunique()].index
        if docs["outlet"].nunique() > 1:
            found.append((f"{_n(len(everywhere), 'actor')} appear in every one of the {docs['outlet'].nunique()} "
                          f"outlets" + (f": {_names(per.index[per.index.isin(everywhere)])}." if len(everywhere)
                                        else "."), "Who appears"))
    said = statements(docs, sents=sents)
    if len(said):
        named = said["speaker"] != ""
        unnamed = said["resolved"].str.startswith("unnamed")
        found.append((f"{_n(len(said), 'statement')} found: {int(named.sum())} name their speaker, "
                      f"{int(unnamed.sum())} come from unnamed sources, {int((~named & ~unnamed).sum())} "
                      f"{_v(int((~named & ~unnamed).sum()), 'is', 'are')} left unresolved.", "Who speaks"))
        if named.any():
            loud = said[named]["speaker"].value_counts()
            found.append((f"{loud.index[0]} is quoted most often ({_n(int(loud.iloc[0]), 'statement')}).",
                          "Who speaks"))
    cand = candidates(docs)
    unlinked = cand["surface"].nunique()
    found.append((f"{_n(unlinked, 'name')} in the text {'is' if unlinked == 1 else 'are'} not in the knowledge "
                  f"tables yet, {cand.loc[cand['possible_variant'] != '', 'surface'].nunique()} of them look like "
                  f"variants of a known entity.", "not yet know"))
    limits = [f"Only names listed in corpus/aliases.csv or entities.csv are counted: the {_n(unlinked, 'unlinked name')} "
              "listed on this page are missing from every count.",
              "A pronoun (\"he said\") gets a speaker only when exactly one person fits; a mention count "
              "measures presence in the text, not importance."]
    return found[:5], limits


def systems_page(docs, sents):
    from ..knowledge import cited_table
    from ..annotate import mentions
    from ..relations import transfers

    found = []
    reg = transfers(docs, sents=sents).merge(docs[["doc_id", "published"]], on="doc_id", how="left")
    if len(reg):
        key = reg.groupby(["supplier", "recipient", "system"], dropna=False).size().sort_values(ascending=False)
        (supplier, recipient, system), n = key.index[0], int(key.iloc[0])
        rows = reg[(reg["supplier"] == supplier) & (reg["recipient"] == recipient) & (reg["system"] == system)]
        stages = " \u2192 ".join(dict.fromkeys(rows.sort_values(["published", "sent_id"])["status"]))
        found.append((f"The register holds {_n(len(reg), 'report')} from {_n(reg['doc_id'].nunique(), 'article')}; "
                      f"the most reported transfer is {supplier} \u2192 {recipient}: {system or 'a system not named'}, "
                      f"{_n(n, 'report')}, stages in publication order: {stages}.", "transfer register"))
        others = sorted(set(reg["supplier"]) - {supplier})
        if others:
            found.append((f"{_n(len(others), 'other supplier')} appear{'s' if len(others) == 1 else ''} beside it: "
                          f"{_names(others, 6)}.", "transfer register"))
    m = mentions(docs, sents=sents)
    sys_m = m[m["kind"] == "weapon_system"].merge(docs[["doc_id", "published"]], on="doc_id")
    if len(sys_m):
        per = sys_m.groupby("entity").agg(n=("sent_id", "size"), docs=("doc_id", "nunique"),
                                          first=("published", "min"), last=("published", "max"))
        top = per.sort_values("n", ascending=False).iloc[0]
        found.append((f"{per['n'].idxmax()} is the most mentioned system: {top['n']} mentions in "
                      f"{top['docs']} articles, {top['first']:%B %Y} to {top['last']:%B %Y}; "
                      f"{_n(len(per), 'system')} are named in all.", "When each system"))
    attrs = cited_table("systems.csv", docs, sents=sents)
    if len(attrs):
        cited = int((attrs["doc_id"] != "").sum())
        found.append((f"{_n(len(attrs), 'attribute row')} describe {_n(attrs['system'].nunique(), 'system')}: "
                      f"{cited} quote an article, {len(attrs) - cited} rest on an outside source only.",
                      "What each system is"))
    limits = [f"The register holds the claims a researcher entered or accepted into corpus/relations.csv "
              f"({_n(len(reg), 'row')} here); the machine's suggestions (workbook.claims) are shown apart until "
              "accepted, and a deal that no rule catches and nobody entered is in neither.",
              "Actors and systems named in one sentence are counted together whatever the sentence says: "
              "co-occurrence is a pointer to read, not a relation."]
    return found[:5], limits


def alliances_page(docs, sents):
    from ..knowledge import cited_table
    from ..annotate import relations

    found = []
    members = cited_table("memberships.csv", docs, sents=sents)
    if len(members):
        other = members[members["status"] != "member"]
        found.append((f"{_n(members['member'].nunique(), 'member')} of {_n(members['organization'].nunique(), 'organisation')} "
                      f"are recorded: {int((members['status'] == 'member').sum())} full memberships and "
                      f"{len(other)} of another status"
                      + (f" ({_names([f'{r.member}: {r.status} of {r.organization}' for r in other.itertuples()], 3)})"
                         if len(other) else "") + ".", "Who belongs"))
    edges = relations(docs, sents=sents)
    typed = edges[(edges["kind"] == "typed") & (edges["relation"] != "member_of")]
    if len(typed):
        hubs = pd.concat([typed["source"], typed["target"]]).value_counts()
        found.append((f"{_n(len(typed), 'typed relation')} link {_n(hubs.size, 'entity', 'entities')}; the most "
                      f"connected are {_names([f'{e} ({n})' for e, n in hubs.head(3).items()], 3)}.", "relation graph"))
    stance = typed[typed["relation"].isin(["supports", "opposes"])]
    for side, verb in (("supports", "supporting"), ("opposes", "opposing")):
        who = sorted(set(stance.loc[stance["relation"] == side, "source"]))
        if who:
            found.append((f"{_n(len(who), 'actor')} {'is' if len(who) == 1 else 'are'} reported {verb} the "
                          f"purchase: {_names(who, 5)}.", "supports and who opposes"))
    outside = int((typed["doc_id"].fillna("") == "").sum()) if len(typed) else 0
    limits = [f"Relations and stances are those entered in corpus/relations.csv and memberships.csv; {outside} of "
              f"the {_n(len(typed), 'typed relation')} rest on an outside source, not on an article.",
              "A stance is what an article reports an actor said or did, not the actor's verified position."]
    return found[:5], limits


def chronology_page(docs, sents):
    from ..annotate import events, unresolved_times

    ev, vague = events(docs, sents=sents), unresolved_times(docs, sents)
    found = []
    if len(ev):
        day = int((ev["precision"] == "day").sum())
        loose = int(ev["precision"].isin(["year", "decade"]).sum())
        found.append((f"{_n(len(ev), 'time expression')} in {_n(ev['doc_id'].nunique(), 'article')} are placed on the "
                      f"calendar, from {ev['start'].min():%B %Y} to {ev['end'].max():%B %Y}: {day} to the day, "
                      f"{loose} only to the year or wider.", "Every time expression"))
        shared = ev[ev["n_articles"] > 1]
        if len(shared):
            found.append((f"{_n(shared['happening'].nunique(), 'happening')} {'is' if shared['happening'].nunique() == 1 else 'are'}"
                          f" reported by more than one article.", "same happening"))
        clash = ev[ev["conflict"] != ""]
        if len(clash):
            r = clash.sort_values("other_start", na_position="last").iloc[0]
            other = f" to {r['other_start']:%B %Y}" if pd.notna(r["other_start"]) else " differently"
            found.append((f"{_n(len(clash), 'row')} {_v(len(clash), 'carries', 'carry')} a dating conflict: "
                          f"\u201c{r['surface']}\u201d ({r['outlet']}) reads as {r['start']:%B %Y} by the calendar, "
                          f"while another article dates the same happening{other}.", "Calendar reading"))
        past = ev[ev["lag_days"] >= 0]
        if len(past):
            fast = past.groupby("outlet")["lag_days"].min().sort_values()
            found.append((f"The quickest report of a happening, outlet by outlet, ranges from "
                          f"{_n(int(fast.iloc[0]), 'day')} ({fast.index[0]}) to {_n(int(fast.iloc[-1]), 'day')} "
                          f"({fast.index[-1]}).", "How long after"))
    limits = [f"{_n(len(vague), 'vague expression')} (\u201cearlier\u201d, \u201cin the months since\u201d) "
              f"{'is' if len(vague) == 1 else 'are'} listed on this page but not placed on the calendar.",
              "A month or weekday without a year is read by the calendar from the article's reference date, "
              "never from what another article says; where readings disagree, both rows are flagged."]
    return found[:5], limits


# The findings of workbook.sources (notebook 05 computes them as lines); the words that tell which
# section a line rests on, in the page's order. A line that matches none stays unlinked, and the
# browser tests say so.
SOURCE_SECTIONS = (("Coverage", ("article(s) from", "named by one outlet", "Only one outlet")),
                   ("Voices", ("statement", "Charged verbs")),
                   ("Attribution chains", ("attribution", "names another outlet")),
                   ("Text reuse", ("share at least a clause", "reused passages")),
                   ("same happening", ("happening",)))


def sources_page(docs, sents):
    from ..annotate import sources_report

    lines = sources_report(docs, sents).findings()
    found = []
    for section, cues in SOURCE_SECTIONS:              # the first line of each section, in the page's order
        line = next((ln for ln in lines if any(c in ln for c in cues)), None)
        if line and line not in [f for f, _ in found]:
            found.append((line, section))
    limits = ["Outlets are compared by shares of their own sentences and statements, so a small outlet "
              "stands beside a large one; a share of very few statements moves with each one.",
              "Attributions are found by the cues of corpus/attribution.csv and reused passages by shared "
              "runs of words: a citation in another shape, or a paraphrase, is not found."]
    return found[:5], limits


PAGES = {"00": corpus_page, "01": actors_page, "02": systems_page, "03": alliances_page, "04": chronology_page,
         "05": sources_page}
