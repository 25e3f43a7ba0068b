"""The chronology: every resolved time expression with its evidence and its happening.

Takes: the loaded corpus, its sentences and mentions.
Gives: ``events`` (the table notebook 04 draws). Comes last in `workbook.time`.
"""
from __future__ import annotations

import pandas as pd

from ..anaphora import kind_mentions
from ..knowledge import ACTOR_KINDS
from ..mentions import mentions
from ..sentences import sentences
from .happenings import group_happenings
from .tagger import time_expressions


def _names_by_sentence(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> tuple[dict, dict]:
    """Per (doc_id, sent_id): the actors (people, organizations, countries, alliances) and
    systems (weapon systems) named in the sentence, as ('; '-joined actors, '; '-joined systems); a
    system the sentence refers to by its kind ("the missile system", `workbook.anaphora`) counts
    among its systems. Also, per (doc_id, sent_id), those referred to by kind: "S-400 (the missile system)"."""
    m = mentions(docs, path, sents=sents)
    by_kind = kind_mentions(docs, m, sents, path)
    referred: dict[tuple, list] = {}
    for doc, sent, entity, surface in zip(*_lists(by_kind, ["doc_id", "sent_id", "entity", "surface"])):
        referred.setdefault((doc, sent), []).append(f"{entity} ({surface})")
    m = pd.concat([m, by_kind[m.columns.intersection(by_kind.columns)]], ignore_index=True)
    names: dict[tuple, tuple[set, set]] = {}
    actor = m["kind"].isin(ACTOR_KINDS).to_numpy()
    named = actor | (m["kind"] == "weapon_system").to_numpy()              # actors and systems
    for doc, sent, entity, is_actor in zip(*_lists(m[named], ["doc_id", "sent_id", "entity"]), actor[named].tolist()):
        names.setdefault((doc, sent), (set(), set()))[0 if is_actor else 1].add(entity)
    return ({k: ("; ".join(sorted(a)), "; ".join(sorted(s))) for k, (a, s) in names.items()},
            {k: "; ".join(v) for k, v in referred.items()})


def _lists(table: pd.DataFrame, columns: list[str]) -> list[list]:
    """The columns as Python lists (walking a column of strings value by value through pandas costs far more)."""
    return [table[c].to_numpy().tolist() for c in columns]


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
    precision, then outlet, published, reference_date, sentence, actors, systems (named, or referred to
    by kind: "the missile system"), systems_by_kind (those referred to by kind, with the words), lag_days
    (days from the interval's end to publication; negative for what was still to come), rule,
    tense, char_start, char_end, and the grouping of `group_happenings`: happening, reported_by,
    n_articles, linked_by, conflict. Vague expressions are in `unresolved_times`.
    """
    sents = sentences(docs) if sents is None else sents
    ev = time_expressions(docs, sents)
    ev = ev.join(group_happenings(ev, sents))
    # lookups by key rather than merges: the same table, without pandas' fixed cost per merge
    keys = list(zip(*_lists(ev, ["doc_id", "sent_id"])))
    s_doc, s_sent, s_text = _lists(sents, ["doc_id", "sent_id", "text"])
    text = dict(zip(zip(s_doc, s_sent), s_text))
    ev["sentence"] = pd.Series([text.get(k) for k in keys], index=ev.index, dtype=sents["text"].dtype)
    names, referred = _names_by_sentence(docs, path, sents)
    ev["actors"] = [names.get(k, ("", ""))[0] for k in keys]
    ev["systems"] = [names.get(k, ("", ""))[1] for k in keys]
    ev["systems_by_kind"] = [referred.get(k, "") for k in keys]
    by_doc = docs.drop_duplicates("doc_id").set_index("doc_id")
    ev["outlet"] = ev["doc_id"].map(by_doc["outlet"])
    ev["published"] = ev["doc_id"].map(by_doc["published"])
    ev["lag_days"] = (ev["published"] - ev["end"]).dt.days
    cols = ["doc_id", "sent_id", "surface", "start", "end", "precision", "outlet", "published", "reference_date",
            "sentence", "actors", "systems", "systems_by_kind", "lag_days", "happening", "reported_by", "n_articles", "linked_by",
            "conflict", "rule", "tense", "char_start", "char_end", "other_start", "other_end"]
    return ev[cols].sort_values(["start", "end", "doc_id", "sent_id"], ignore_index=True)
