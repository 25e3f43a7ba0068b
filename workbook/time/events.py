"""The chronology: every resolved time expression with its evidence and its happening.

Takes: the loaded corpus, its sentences and mentions.
Gives: ``events`` (the table notebook 04 draws). Comes last in `workbook.time`.
"""
from __future__ import annotations

import pandas as pd

from ..knowledge import ACTOR_KINDS
from ..mentions import mentions
from ..sentences import sentences
from .happenings import group_happenings
from .tagger import time_expressions


def _names_by_sentence(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per (doc_id, sent_id): the actors (people, organizations, countries, alliances) and
    systems (weapon systems) named in the sentence, as '; '-joined names."""
    m = mentions(docs, path, sents=sents)
    cols = {"actors": m["kind"].isin(ACTOR_KINDS), "systems": m["kind"] == "weapon_system"}
    out = None
    for col, keep in cols.items():
        names = (m[keep].groupby(["doc_id", "sent_id"])["entity"]
                 .agg(lambda s: "; ".join(sorted(set(s)))).rename(col))
        out = names.to_frame() if out is None else out.join(names, how="outer")
    return out.reset_index().fillna("")


def events(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The chronology: every resolved time expression with its evidence and its happening.

    Parameters
    ----------
    docs : from `load_corpus`; relative dates count from each row's ``reference_date``.
    path : the corpus folder whose knowledge tables name actors and systems (default: ``corpus/``).
    sents : the sentences of `docs` when already computed.

    Returns
    -------
    One row per expression: doc_id, sent_id, surface, start, end (inclusive datetime64),
    precision, then outlet, published, reference_date, sentence, actors, systems, lag_days
    (days from the interval's end to publication; negative for what was still to come), rule,
    tense, char_start, char_end, and the grouping of `group_happenings`: happening, reported_by,
    n_articles, linked_by, conflict. Vague expressions are in `unresolved_times`.
    """
    sents = sentences(docs) if sents is None else sents
    ev = time_expressions(docs, sents)
    happenings = group_happenings(ev, sents)
    ev = ev.join(happenings)
    ev = ev.merge(sents[["doc_id", "sent_id", "text"]].rename(columns={"text": "sentence"}), on=["doc_id", "sent_id"], how="left")
    ev = ev.merge(_names_by_sentence(docs, path, sents), on=["doc_id", "sent_id"], how="left")
    ev = ev.merge(docs[["doc_id", "outlet", "published"]], on="doc_id", how="left")
    ev[["actors", "systems"]] = ev[["actors", "systems"]].fillna("")
    ev["lag_days"] = (ev["published"] - ev["end"]).dt.days
    cols = ["doc_id", "sent_id", "surface", "start", "end", "precision", "outlet", "published", "reference_date",
            "sentence", "actors", "systems", "lag_days", "happening", "reported_by", "n_articles", "linked_by",
            "conflict", "rule", "tense", "char_start", "char_end", "other_start", "other_end"]
    return ev[cols].sort_values(["start", "end", "doc_id", "sent_id"], ignore_index=True)
