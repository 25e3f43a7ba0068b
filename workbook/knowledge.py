"""The knowledge tables of ``corpus/``: what the workbook knows about the world, validated.

Takes: ``entities.csv``, ``aliases.csv`` and the cited tables (``memberships.csv``, ``systems.csv``,
``relations.csv``), plus the loaded corpus and its sentences to locate each quote.
Gives: ``entities``, ``aliases`` (with generated capitalised variants), ``cited_table`` (a table with
each quote's sentence), the entity kinds and relation types, and every problem of a table reported by
file and row. Comes after `workbook.sentences`; `workbook.mentions` and `workbook.relations` use it.
"""
from __future__ import annotations

import re

import pandas as pd

from .files import corpus_path, CorpusError, read_table, table_file
from .sentences import sentences


KINDS = ("person", "organization", "country", "alliance", "weapon_system", "place")
ACTOR_KINDS = ("person", "organization", "country", "alliance")      # who can act, speak, buy, supply


def entities(path=None) -> pd.DataFrame:
    """The entity table (corpus/entities.csv): entity, kind, affiliation, role, notes; validated."""
    table = read_table("entities.csv", path, ("entity", "kind", "affiliation", "role", "notes"))
    file, known, problems = table_file("entities.csv", path), set(table["entity"]), []
    for i, row in enumerate(table.itertuples(), start=2):
        if row.kind not in KINDS:
            problems.append(f"{file.name} row {i} ({row.entity}): kind '{row.kind}' is not one of {', '.join(KINDS)}")
        if row.affiliation and row.affiliation not in known:
            problems.append(f"{file.name} row {i} ({row.entity}): affiliation '{row.affiliation}' has no row of its own")
    for name in table["entity"][table["entity"].duplicated()]:
        problems.append(f"{file.name}: entity '{name}' has more than one row; merge them")
    if problems:
        raise CorpusError(problems)
    return table


def aliases(path=None) -> pd.DataFrame:
    """Every surface form the matcher looks for: alias, entity, kind, type.

    From corpus/aliases.csv plus each entity's own name. Matching is exact
    (case-sensitive), with two generated variants: a first letter in upper
    case (sentence starts) and, for aliases of four or more letters, ALL CAPS
    (datelines such as "ISTANBUL (Reuters)"). To merge two identities, point
    the aliases of one at the other and delete its entity row.
    """
    ents = entities(path)
    table = read_table("aliases.csv", path, ("alias", "entity", "type"))
    file = table_file("aliases.csv", path)
    unknown = [f"{file.name} row {i}: alias '{a}' points to '{e}', which has no row in entities.csv"
               for i, (a, e) in enumerate(zip(table["alias"], table["entity"]), start=2) if e not in set(ents["entity"])]
    if unknown:
        raise CorpusError(unknown)
    own = pd.DataFrame({"alias": ents["entity"], "entity": ents["entity"], "type": "name"})
    table = pd.concat([own, table[["alias", "entity", "type"]]], ignore_index=True)
    variants = [table]
    first_upper = table["alias"].str[:1].str.upper() + table["alias"].str[1:]
    variants.append(table.assign(alias=first_upper))
    letters = table["alias"].str.count(r"[^\W\d_]")
    variants.append(table[letters >= 4].assign(alias=lambda t: t["alias"].str.upper()))
    table = pd.concat(variants, ignore_index=True).drop_duplicates(["alias", "entity"])
    return table.merge(ents[["entity", "kind"]], on="entity")


RELATION_COLUMNS = ["source", "relation", "target", "kind", "detail", "count", "doc_id", "sent_id", "evidence",
                    "outside_source"]
TRANSFER_RELATIONS = ("supplies", "offered_to", "buys")   # "buys": the subject is the recipient
# Every relation relations.csv may state, and whether its rows must give a status (the stage reported).
RELATION_TYPES = {"supplies": True, "offered_to": True, "buys": True, "operates": True, "stationed_in": True,
                  "withdrew_from": True, "produces": False, "supports": False, "opposes": False}
# Per cited table: the columns that must name an entity of entities.csv, and those that may not be empty.
_ENTITY_COLUMNS = {"memberships.csv": ("member", "organization"), "systems.csv": ("system",),
                   "relations.csv": ("subject", "object", "system")}
_FILLED_COLUMNS = {"memberships.csv": ("member", "organization", "status"), "systems.csv": ("system", "attribute", "value"),
                   "relations.csv": ("subject", "relation", "object")}
VALUE_ENTITIES = ("maker", "origin")     # systems.csv attributes whose value names entities ("France and Italy")


def value_entities(value: str) -> list[str]:
    """The entities a systems.csv maker/origin value names: "EUROSAM (joint venture of ...)" -> [EUROSAM]."""
    return [x.strip() for x in re.split(r" and |, ", value.split(" (")[0]) if x.strip()]


def _check_knowledge(name: str, table: pd.DataFrame, path=None) -> list[str]:
    """Every problem of a cited table's rows besides its citations: unknown entities, an unknown
    relation, an empty cell where one is needed (see _ENTITY_COLUMNS, _FILLED_COLUMNS, RELATION_TYPES)."""
    import difflib

    file, known, problems = table_file(name, path), set(entities(path)["entity"]), []

    def unknown(where, col, value):
        near = difflib.get_close_matches(value, known, n=1)
        hint = f"did you mean '{near[0]}'? Otherwise " if near else ""
        problems.append(f"{where}: {col} '{value}' is not an entity of entities.csv; {hint}add a row for it there "
                        "(entity, kind, affiliation, role, notes) or correct the name")

    for row_no, row in zip(table.index + 2, table.to_dict("records")):
        where = f"{file} row {row_no}"
        for col in _FILLED_COLUMNS.get(name, ()):
            if not row[col]:
                problems.append(f"{where}: {col} is empty; fill it in")
        for col in _ENTITY_COLUMNS.get(name, ()):
            if row[col] and row[col] not in known:
                unknown(where, col, row[col])
        if name == "systems.csv" and row["attribute"] in VALUE_ENTITIES:
            for value in value_entities(row["value"]):
                if value not in known:
                    unknown(where, f"{row['attribute']} value", value)
        if name == "relations.csv" and row["relation"]:
            if row["relation"] not in RELATION_TYPES:
                problems.append(f"{where}: relation '{row['relation']}' is not one of {', '.join(RELATION_TYPES)}; "
                                "use one of them (or add it to helpers.RELATION_TYPES)")
            elif RELATION_TYPES[row["relation"]] and not row["status"]:
                problems.append(f"{where}: a '{row['relation']}' row needs a status (the stage the article reports, "
                                "e.g. planned, agreed, delivered); fill it in")
    return problems


def cited_table(name: str, docs: pd.DataFrame, path=None, required=(), sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """A knowledge table whose rows cite an article quote or an outside source, each quote located.

    Parameters
    ----------
    name : the file in corpus/ (e.g. "relations.csv"); its rows give doc_id + quote,
        outside_source, or both.
    docs : the corpus from `load_corpus` (quotes are looked up in the cleaned text).
    sents : `sentences(docs)`, when you have them (to split the text only once).

    Returns
    -------
    The table with `sent_id` (the sentence holding the quote; <NA> for a row
    citing only an outside source) and `evidence` (that sentence). Rows citing
    a catalog article that `docs` leaves out (a filtered corpus) are dropped.

    Raises
    ------
    CorpusError naming the file and row of every quote that is not in its
    article, every unknown doc_id, every row that cites nothing, and (for
    memberships.csv, systems.csv, relations.csv) every name that is not in
    entities.csv, relation not in RELATION_TYPES and missing status.
    """
    file = table_file(name, path)
    table = read_table(name, path, ("doc_id", "quote", "outside_source", *required,
                                     *_FILLED_COLUMNS.get(name, ()), *_ENTITY_COLUMNS.get(name, ())))
    problems = _check_knowledge(name, table, path)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    sents = sentences(docs) if sents is None else sents
    catalog = set(pd.read_csv(corpus_path(path) / "articles.csv", dtype=str)["doc_id"].str.strip())
    table = table[~table["doc_id"].isin(catalog - set(texts))]
    ids, evidence = [], []
    for row_no, row in zip(table.index + 2, table.itertuples()):
        where, sid, ev = f"{file} row {row_no}", pd.NA, ""
        if row.doc_id and row.doc_id not in texts:
            problems.append(f"{where}: doc_id '{row.doc_id}' is not an article of the corpus; correct it, "
                            "or clear doc_id and quote and cite an outside_source")
        elif row.doc_id and (not row.quote or row.quote not in texts[row.doc_id]):
            problems.append(f"{where}: quote '{row.quote}' is not in the text of {row.doc_id}; copy the words "
                            "exactly from the cleaned article (helpers.load_corpus().text: curly quotes, dashes "
                            "and '$' as written there)")
        elif row.doc_id:
            at = texts[row.doc_id].index(row.quote)
            hit = sents[(sents["doc_id"] == row.doc_id) & (sents["start"] <= at)].iloc[-1]
            sid, ev = int(hit["sent_id"]), hit["text"]
            if row.quote not in ev:
                problems.append(f"{where}: quote '{row.quote}' runs past the end of sentence {sid} of {row.doc_id}; "
                                "cite words from one sentence (shorten the quote, or add a row for the next sentence)")
        elif not row.outside_source:
            problems.append(f"{where}: cites nothing; give a doc_id and the quote from that article, "
                            "or an outside_source")
        ids.append(sid)
        evidence.append(ev)
    if problems:
        raise CorpusError(problems)
    return table.assign(sent_id=pd.array(ids, dtype="Int64"), evidence=evidence)
