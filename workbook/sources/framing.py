"""Framing: one happening as each outlet tells it, side by side.

Takes: the events of `workbook.time` (happenings grouped across articles), the voices of
`workbook.sources.voices` and the attributions of `workbook.sources.attribution`.
Gives: ``framing`` (for each happening reported by two outlets or more, each outlet's sentences
with the speakers and verbs, and the sources named, in those sentences).
Comes after `workbook.sources.voices` and `workbook.sources.attribution`; notebook 05 uses it.
"""
from __future__ import annotations

import pandas as pd

FRAMING_COLUMNS = ["happening", "published", "outlet", "sentence", "speakers", "sources", "surface", "start", "end",
                   "linked_by", "doc_id", "sent_id"]


def framing(ev: pd.DataFrame, v: pd.DataFrame, att: pd.DataFrame) -> pd.DataFrame:
    """For happenings reported by two outlets or more: one row per (happening, sentence), earliest
    publication first within each happening. `speakers` lists "speaker (verb)" of the statements in
    that sentence (the words as written for an unnamed one), `sources` the attributions there
    ("according to Sputnik")."""
    if ev.empty:
        return pd.DataFrame(columns=FRAMING_COLUMNS)
    spread = ev.groupby("happening")["outlet"].nunique()
    shared = ev[ev["happening"].isin(spread.index[spread > 1])]
    if shared.empty:
        return pd.DataFrame(columns=FRAMING_COLUMNS)
    said = v.assign(who=v["speaker"].where(v["speaker"] != "", v["speaker_surface"]))
    said = said.assign(text=said["who"] + " (" + said["verb"] + ")").groupby(["doc_id", "sent_id"])["text"].agg("; ".join)
    cited = att.dropna(subset=["sent_id"]).astype({"sent_id": int})
    cited = cited.assign(text=cited["kind"] + " " + cited["source"]).groupby(["doc_id", "sent_id"])["text"].agg("; ".join)
    keys = pd.MultiIndex.from_arrays([shared["doc_id"], shared["sent_id"].astype(int)])
    table = shared.assign(speakers=said.reindex(keys).fillna("").to_numpy(),
                          sources=cited.reindex(keys).fillna("").to_numpy())
    return table.sort_values(["happening", "published", "doc_id", "sent_id"], ignore_index=True)[FRAMING_COLUMNS]
