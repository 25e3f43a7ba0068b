"""Relations: who is tied to whom, from the tables and from the text.

Takes: the loaded corpus, its sentences and mentions, and the cited tables of `workbook.knowledge`.
Gives: ``relations`` (typed edges from the tables plus same-sentence co-occurrence, each with its
evidence) and ``transfers`` (the arms-transfer register of notebook 02, every cell cited).
Comes after `workbook.mentions`.
"""
from __future__ import annotations

import itertools

import pandas as pd

from .files import CorpusError, table_file, where
from .knowledge import (
    RELATION_COLUMNS,
    VALUE_ENTITIES,
    cited_table,
    relation_types,
    value_entities,
)
from .mentions import mentions
from .sentences import sentence_at, sentences


def relations(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Edges between entities: typed ones from the knowledge tables, co-occurrence ones from the text.

    Typed: memberships.csv (member_of), systems.csv (maker -> produces;
    system -> origin), relations.csv (supplies, offered_to, stationed_in,
    withdrew_from, supports, opposes, ...), each quote located by
    `cited_table`. Co-occurrence: two distinct entities mentioned in the same
    sentence (source and target in alphabetical order).

    Pass ``sents=sentences(docs)`` when you have them, to split the text only once.

    Returns
    -------
    DataFrame with RELATION_COLUMNS, one row per piece of evidence; `count`
    is the number of rows the same (source, relation, target) has.
    """
    sents = sentences(docs) if sents is None else sents
    tables, problems = [], []
    for name, required in (("memberships.csv", ("since",)), ("systems.csv", ()), ("relations.csv", ("status",))):
        try:
            tables.append(cited_table(name, docs, path, required, sents=sents))
        except CorpusError as err:                     # report the problems of all three tables at once
            problems += err.problems
    if problems:
        raise CorpusError(problems)
    mem, sysm, rel = tables
    parts = [mem.assign(source=mem["member"], relation="member_of", target=mem["organization"],
                        detail=mem["status"] + mem["since"].map(lambda y: f" since {y}" if y else ""))]
    for attribute, relation in zip(VALUE_ENTITIES, ("produces", "origin")):
        rows = sysm[sysm["attribute"] == attribute].copy()
        rows = rows.assign(value=rows["value"].map(value_entities)).explode("value")
        ends = (rows["value"], rows["system"]) if relation == "produces" else (rows["system"], rows["value"])
        parts.append(rows.assign(source=ends[0], relation=relation, target=ends[1], detail=""))
    details = rel[["system", "status", "quantity", "value", "date"]].copy()
    details.loc[details["system"] == rel["object"], "system"] = ""      # "opposes S-400 (S-400)"
    parts.append(rel.assign(source=rel["subject"], target=rel["object"],
                            detail=["; ".join(v for v in r if v) for r in details.itertuples(index=False)]))
    typed = pd.concat(parts, ignore_index=True).assign(kind="typed").drop_duplicates(   # said by two tables
        ["source", "relation", "target", "detail", "doc_id", "sent_id", "outside_source"])
    ments = mentions(docs, path, sents=sents)
    # plain tuples and a dict, in the order of a groupby on (doc_id, sent_id): a pandas lookup per pair or
    # group cost ~0.1 ms each, which a long article's hundred thousand pairs made minutes
    text_of = dict(zip(zip(sents["doc_id"], sents["sent_id"]), sents["text"]))
    named = sorted(set(zip(ments["doc_id"], ments["sent_id"], ments["entity"])))
    pairs = [(a, b, d, s) for (d, s), g in itertools.groupby(named, key=lambda t: t[:2])
             for a, b in itertools.combinations([t[2] for t in g], 2)]
    co = pd.DataFrame(pairs, columns=["source", "target", "doc_id", "sent_id"]).assign(
        relation="co-occurs", kind="co-occurrence", detail="", outside_source="")
    co["evidence"] = [text_of[k] for k in zip(co["doc_id"], co["sent_id"])]
    table = pd.concat([typed, co], ignore_index=True)
    table["count"] = table.groupby(["source", "relation", "target"])["kind"].transform("size")
    table["sent_id"] = table["sent_id"].astype("Int64")
    return table[RELATION_COLUMNS]


def transfers(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The arms-transfer register in the manner of SIPRI: supplier -> recipient -> system -> status -> quantity/value -> date.

    From relations.csv rows whose relation is a transfer in relation_types.csv. Every
    row cites its article sentence (doc_id, sent_id, quote) or an outside
    source; quantity, value and date are the text's own words and each gets
    the sentence it stands in (`<cell>_sent_id`, nearest to the quote).

    Raises
    ------
    CorpusError when such a cell's words are not in the cited article.
    """
    sents = sentences(docs) if sents is None else sents
    rel = cited_table("relations.csv", docs, path, ("status", "quantity", "value", "date", "notes"), sents=sents)
    types = relation_types(path)
    rel = rel[rel["relation"].isin(types.loc[types["register"] == "transfer", "relation"])]
    object_supplies = rel["relation"].isin(types.loc[types["direction"] == "object_supplies", "relation"])
    reg = rel.assign(supplier=rel["object"].where(object_supplies, rel["subject"]),
                     recipient=rel["subject"].where(object_supplies, rel["object"]))
    texts, file, problems = dict(zip(docs["doc_id"], docs["text"])), table_file("relations.csv", path), []
    for col in ("quantity", "value", "date"):
        ids = []
        for i, row in reg.iterrows():
            words, text = row[col], texts.get(row["doc_id"], "")
            sid = pd.NA
            if words and row["doc_id"]:
                sid = _nearest_sentence(sents, row["doc_id"], text, words, row["sent_id"])
                if pd.isna(sid):
                    problems.append(f"{where(file, i + 2)}: {col} '{words}' is not in the text of {row['doc_id']}; "
                                    "write it as the article does, or put it in notes")
            ids.append(sid)
        reg[f"{col}_sent_id"] = pd.array(ids, dtype="Int64")
    if problems:
        raise CorpusError(problems)
    return reg[["supplier", "recipient", "system", "status", "quantity", "quantity_sent_id", "value", "value_sent_id",
                "date", "date_sent_id", "doc_id", "sent_id", "quote", "outside_source", "notes"]].reset_index(drop=True)


def _nearest_sentence(sents: pd.DataFrame, doc_id: str, text: str, words: str, near):
    """The sent_id of the sentence holding `words` whole that lies nearest sentence `near`, or <NA>."""
    starts, at = [], text.find(words)
    while at >= 0:
        starts.append(at)
        at = text.find(words, at + 1)
    hits = sentence_at(sents, [doc_id] * len(starts), starts)
    whole = [k for k, a in zip(hits, starts) if k >= 0 and a + len(words) <= sents["end"].iat[k]]
    if not whole:
        return pd.NA
    ids = sents["sent_id"].to_numpy()[whole]
    return int(min(ids, key=lambda sid: (abs(sid - near), sid)))
