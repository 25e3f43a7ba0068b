"""The knowledge tables of ``corpus/``: what the workbook knows about the world, validated.

Takes: ``entities.csv``, ``aliases.csv``, the cited tables (``memberships.csv``, ``systems.csv``,
``relations.csv``), the general word lists (``vocabulary.csv``, ``claim_verbs.csv``), plus the loaded
corpus and its sentences to locate each quote.
Gives: ``entities``, ``aliases`` (with generated capitalised variants), ``cited_table`` (a table with
each quote's sentence), ``vocabulary`` (word lists by class), ``claim_verbs``, the entity kinds and
relation types, and every problem of a table reported by file and row. Comes after
`workbook.sentences`; every later stage (mentions, candidates, statements, relations, claims) uses it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pandas as pd

from .files import ROOT, CorpusError, corpus_path, read_csv, read_table, table_file, where
from .sentences import sentence_at, sentences

KINDS = ("person", "organization", "country", "alliance", "weapon_system", "place")
ACTOR_KINDS = ("person", "organization", "country", "alliance")      # who can act, speak, buy, supply


@dataclass(frozen=True)
class Schema:
    """What a table of corpus/ must hold: its columns, those that may not be empty, and those
    whose values must name an entity of entities.csv."""
    columns: tuple
    filled: tuple = ()
    names_entities: tuple = ()


CITATION = ("doc_id", "quote", "outside_source")           # how a row of a cited table gives its source
SCHEMAS = {
    "entities.csv": Schema(("entity", "kind", "affiliation", "role", "notes"), ("entity", "kind"), ("affiliation",)),
    "aliases.csv": Schema(("alias", "entity", "type"), ("alias", "entity"), ("entity",)),
    "relation_types.csv": Schema(("relation", "needs_status", "register", "direction", "meaning"),
                                 ("relation", "needs_status")),
    "memberships.csv": Schema(("member", "organization", "status", "since", *CITATION),
                              ("member", "organization", "status"), ("member", "organization")),
    "systems.csv": Schema(("system", "attribute", "value", *CITATION), ("system", "attribute", "value"), ("system",)),
    "relations.csv": Schema(("subject", "relation", "object", "system", "status", *CITATION),
                            ("subject", "relation", "object"), ("subject", "object", "system")),
    "vocabulary.csv": Schema(("class", "word", "notes"), ("class", "word")),
    "claim_verbs.csv": Schema(("form", "relation", "status", "object", "notes"), ("form", "relation", "status", "object")),
}
# The word lists of vocabulary.csv: general English of news copy, not facts about one article.
VOCABULARY_CLASSES = {
    "title": "an office or rank written before a name (President, Gen., Defence, Minister)",
    "org_head": "the last word of an organisation's name (Agency, Ministry, University)",
    "place_head": "the last word(s) of a place's name (Air Base, Sea, Province)",
    "group_noun": "an unnamed group of speakers (officials, sources, analysts)",
    "role_noun": "one unnamed speaker by role (minister, official, spokesman)",
    "generic_role": "a role noun that, right after a named person spoke, is that person ('the official', 'the diplomat')",
    "body_noun": "a body speaking as one (ministry, presidency, agency)",
    "head_role": "a role noun for whoever heads a body ('Rostec chief', 'the head of the service'): any heading_title",
    "heading_title": "a title of the one at the head of a body (head, CEO, director, chairman, president)",
    "subordinate_title": "a word that puts a role below the head (deputy, vice): 'Deputy Foreign Minister' is no minister",
    "company_title": "a heading title of a company (CEO): its holder heads 'the company', 'the state corporation'",
    "company_noun": "a generic noun of a company (corporation, firm, manufacturer) headed by a company_title",
    "thing_cue": "a word before a name that makes it a thing's name, never a person's ('dubbed Steel Dome')",
    "source_document": "a document quoted as source (report, statement)",
    "reporting_verb": "a verb that reports speech (said, told, has confirmed)",
    "reporting_verb_inverts": "a reporting verb that may come before its speaker ('“…,” said X')",
    "question_verb": "a verb that reports a question, a statement only before what was asked ('asked why ...')",
    "naming_verb": "a verb that reports a description in quotes, a statement only then ('called the purchase “a ...”')",
    "sentence_adverb": "a sentence opener that is never a name (Unfortunately, Meanwhile)",
    "calendar": "calendar words and abbreviations (Nov, Sept., Monday)",
    "time_zone": "time zones and clock words (GMT, UTC, PM)",
    "furniture": "words of page furniture (Tags, Sponsored, Read, More)",
    "weapon_noun": "a noun after a name that makes it a weapon system (systems, drones)",
    "locative": "words after which a capital is the city (in, outside, outskirts of)",
    "compass": "compass words: '<word> of <capital>' is the city (northwest)",
    "motion": "words of travel: '<word> (to) <capital>' is the city (visit, flew)",
    "place_attribute": "nouns after a capital that make it the city (summit, director)",
    "document_noun": "nouns after a place that make a named document, not the place (agreement)",
    "event_noun": "the last word of an event's name, which makes its kind other (Salon, Airshow, Expo)",
    "intent_cue": "words before a claim verb that make it a plan (will, plans to)",
    "agreement_cue": "words before a claim verb that make it agreed (signed, deal to)",
    "negation_cue": "words before a claim verb that deny it (not, refused to)",
    "prompt_cue": "words before '<someone> to <claim verb>': someone else is to do it ('urged the administration to')",
    "kind_determiner": "a word before a kind noun (kind_nouns.csv) that refers back to a named system (the)",
    "spelling": "a British and an American spelling of one word, 'defence defense': every alias is matched in both",
}
CLAIM_OBJECTS = ("from", "to", "on", "against", "for", "with", "direct", "system", "undergoer")   # what marks a claim's other end
VALUE_ENTITIES = ("maker", "origin")     # systems.csv attributes whose value names entities ("France and Italy")
RELATION_COLUMNS = ["source", "relation", "target", "kind", "detail", "count", "doc_id", "sent_id", "evidence",
                    "outside_source"]


def schema_table(name: str, path=None, required=()) -> pd.DataFrame:
    """Read a table of corpus/ with the columns its schema (and `required`) asks for, and report,
    by file and row, every empty cell its schema needs filled."""
    table = read_table(name, path, (*SCHEMAS[name].columns, *required))
    problems = _empty_cells(name, table, table_file(name, path))
    if problems:
        raise CorpusError(problems)
    return table


def _empty_cells(name: str, table: pd.DataFrame, file) -> list[str]:
    return [f"{where(file, line)}: {col} is empty; fill it in"
            for line, row in zip(table.index + 2, table.to_dict("records")) for col in SCHEMAS[name].filled if not row[col]]


def entities(path=None) -> pd.DataFrame:
    """The entity table (corpus/entities.csv): entity, kind, affiliation, role, notes; validated."""
    table = schema_table("entities.csv", path)
    file, known, problems = table_file("entities.csv", path), set(table["entity"]), []
    for i, row in zip(table.index + 2, table.itertuples()):
        if row.kind not in KINDS:
            problems.append(f"{where(file, i, row.entity)}: kind '{row.kind}' is not one of {', '.join(KINDS)}")
        if row.affiliation and row.affiliation not in known:
            problems.append(f"{where(file, i, row.entity)}: affiliation '{row.affiliation}' has no row of its own")
    for name in table["entity"][table["entity"].duplicated()]:
        problems.append(f"{where(file)}: entity '{name}' has more than one row; merge them")
    if problems:
        raise CorpusError(problems)
    return table


CASES = ("", "exact")       # aliases.csv `case`: empty (as written, Capitalised and CAPITALS too) or exact


def aliases(path=None) -> pd.DataFrame:
    """Every surface form the matcher looks for: alias, entity, kind, type, and where it comes from.

    From corpus/aliases.csv plus each entity's own name. Matching is exact
    (case-sensitive), with generated variants: a first letter in upper
    case (sentence starts); for aliases of four or more letters, ALL CAPS
    (datelines such as "ISTANBUL (Reuters)"); an acronym of four or more
    capitals with only its first ("Nato", as British papers write it); a name of
    several words in title case, also with its small words capitalised ("Republic
    Of Turkey", as headlines write it); the other spelling of each spelling pair of
    vocabulary.csv. A row whose optional column `case` says ``exact`` gets no
    variant: it is found only as written. To merge two
    identities, point the aliases of one at the other and delete its entity row.

    `written` is the alias as the table writes it, `case` its case setting and
    `row` the file and row it comes from (`where`), so a check can name the row to edit.
    """
    ents = entities(path)
    table = schema_table("aliases.csv", path)
    file, ent_file = table_file("aliases.csv", path), table_file("entities.csv", path)
    if "case" not in table.columns:
        table["case"] = ""
    known = set(ents["entity"])
    problems = [f"{where(file, i)}: alias '{a}' points to '{e}', which has no row in entities.csv"
                for i, a, e in zip(table.index + 2, table["alias"], table["entity"]) if e not in known]
    problems += [f"{where(file, i, a)}: case '{c}' must be empty (found as written, with a capital first letter, "
                 "and in CAPITALS) or 'exact' (found only as written)"
                 for i, a, c in zip(table.index + 2, table["alias"], table["case"]) if c not in CASES]
    problems += [f"{where(file, i)}: alias {a!r} has no letter or digit; write the name, or delete the row"
                 for i, a in zip(table.index + 2, table["alias"]) if a and not any(ch.isalnum() for ch in a)]
    if problems:
        raise CorpusError(problems)
    own = pd.DataFrame({"alias": ents["entity"], "entity": ents["entity"], "type": "name", "case": "",
                        "row": [where(ent_file, i) for i in ents.index + 2]})
    table = table.assign(row=[where(file, i) for i in table.index + 2])
    table = pd.concat([own, table[["alias", "entity", "type", "case", "row"]]], ignore_index=True)
    table["written"] = table["alias"]
    free = table[table["case"] != "exact"]
    titled = free["alias"].map(_title_case)                  # "Turkish defense ministry" -> "Turkish Defense Ministry"
    headline = free["alias"].map(functools.partial(_title_case, small=False))   # "Republic Of Turkey" (a headline)
    acronym = free["alias"].str.fullmatch(r"[A-Z]{4,}")      # "NATO" -> "Nato", "EUROSAM" -> "Eurosam" (British style)
    free = pd.concat([free, free.assign(alias=titled), free.assign(alias=headline),
                      free[acronym].assign(alias=lambda t: t["alias"].str.capitalize())], ignore_index=True)
    pairs = [w.split() for w in vocabulary(path)["spelling"]]
    respelled = [free.assign(alias=free["alias"].map(functools.partial(_respell, pairs=pairs, way=way)))
                 for way in (0, 1)]                           # "Ministry of Defence" <-> "Ministry of Defense"
    free = pd.concat([free, *respelled], ignore_index=True)
    variants = [table, free]
    first_upper = free["alias"].str[:1].str.upper() + free["alias"].str[1:]
    variants.append(free.assign(alias=first_upper))
    letters = free["alias"].str.count(r"[^\W\d_]")
    variants.append(free[letters >= 4].assign(alias=lambda t: t["alias"].str.upper()))
    table = pd.concat(variants, ignore_index=True).drop_duplicates(["alias", "entity"])
    return table.merge(ents[["entity", "kind"]], on="entity")


_SMALL_WORDS = frozenset("a an and as at by de del der for in of on or the to von".split())


def _title_case(alias: str, small: bool = True) -> str:
    """A name of several words written with lower-case words, in title case ("Turkish defense ministry");
    with `small` False every word capitalised, as headlines write "Republic Of Turkey"."""
    words = alias.split(" ")
    if len(words) < 2 or not alias[:1].isupper():
        return alias
    return " ".join(w if small and k and w in _SMALL_WORDS or not w[:1].islower() else w[:1].upper() + w[1:]
                    for k, w in enumerate(words))


def _respell(alias: str, pairs, way: int) -> str:
    """The alias with every word of a spelling pair written the other way (way 0: British to American)."""
    def same_case(m, dst):
        word = m.group(0)
        return dst.upper() if word.isupper() and len(word) > 1 else dst.capitalize() if word[0].isupper() else dst

    for pair in pairs:
        src, dst = pair[way].lower(), pair[1 - way].lower()
        if src in alias.lower():
            alias = re.sub(rf"\b{re.escape(src)}\b", lambda m: same_case(m, dst), alias, flags=re.I)
    return alias


def relation_types(path=None) -> pd.DataFrame:
    """The relations relations.csv may state (corpus/relation_types.csv), validated: relation,
    needs_status (yes/no: must a row give the stage reported?), register ("transfer" for the arms-transfer
    register of notebook 02), direction (for a transfer: which end supplies), meaning."""
    table = schema_table("relation_types.csv", path)
    file, problems = table_file("relation_types.csv", path), []
    allowed = {"needs_status": ("yes", "no"), "register": ("", "transfer"),
               "direction": ("", "subject_supplies", "object_supplies")}
    for i, row in zip(table.index + 2, table.to_dict("records")):
        for col, values in allowed.items():
            if row[col] not in values:
                problems.append(f"{where(file, i, row['relation'])}: {col} '{row[col]}' must be one of "
                                + ", ".join(f"'{v}'" for v in values))
        if (row["register"] == "transfer") != bool(row["direction"]):
            problems.append(f"{where(file, i, row['relation'])}: a transfer relation needs a direction "
                            "(subject_supplies or object_supplies), and only a transfer has one")
    for name in table["relation"][table["relation"].duplicated()]:
        problems.append(f"{where(file)}: relation '{name}' has more than one row; keep one")
    if problems:
        raise CorpusError(problems)
    return table


def general_table(name: str, path=None):
    """A table of general vocabulary: the corpus folder's own copy, else the workbook's (corpus/ beside
    helpers.py), so a corpus folder made before the table existed still runs."""
    own = corpus_path(path) / name
    return own.parent if own.is_file() else ROOT / "corpus"


def _state(name: str, path=None):
    file = general_table(name, path) / name
    stat = file.stat()
    return str(file.parent), (stat.st_mtime_ns, stat.st_size)


def vocabulary(path=None) -> dict[str, frozenset]:
    """The word lists of corpus/vocabulary.csv (class, word, notes), validated: {class: frozenset of words}.

    Every class of VOCABULARY_CLASSES is present (empty when the table has no row for it). The rules of
    mentions, candidates, statements and claims read their general words from here, so a researcher
    extends them by adding a row (e.g. `sentence_adverb,Regrettably,`).
    """
    return _vocabulary(*_state("vocabulary.csv", path))


@functools.lru_cache(maxsize=8)
def _vocabulary(folder, _state):
    table = schema_table("vocabulary.csv", folder)
    file, problems = table_file("vocabulary.csv", folder), []
    out = {c: set() for c in VOCABULARY_CLASSES}
    for line, row in zip(table.index + 2, table.to_dict("records")):
        if row["class"] not in VOCABULARY_CLASSES:
            problems.append(f"{where(file, line, row['word'])}: class '{row['class']}' is not one of "
                            f"{', '.join(VOCABULARY_CLASSES)}")
        elif row["class"] == "spelling" and not re.fullmatch(r"[^\W\d_]+ [^\W\d_]+", row["word"]):
            problems.append(f"{where(file, line, row['word'])}: a spelling row holds two words, the British then the "
                            f"American spelling ('defence defense')")
        elif row["word"] in out[row["class"]]:
            problems.append(f"{where(file, line, row['word'])}: '{row['word']}' is listed twice as {row['class']}; keep one row")
        else:
            out[row["class"]].add(row["word"])
    if problems:
        raise CorpusError(problems)
    return {c: frozenset(words) for c, words in out.items()}


def claim_verbs(path=None) -> pd.DataFrame:
    """The forms of corpus/claim_verbs.csv that state a claim: form, relation, status, object, notes; validated.

    `relation` must be a relation of relation_types.csv; `object` says how the other end is marked
    ("from", "to", "on", "against", "for" (whom a waiver spares), "with" for the other party of a deal, "direct" for a direct object,
    "system" when the object is the system, "undergoer" when the actor before the verb undergoes it as in a
    passive ("Turkey will face sanctions"), several joined by "|").
    """
    folder = _state("claim_verbs.csv", path)
    types = tuple(relation_types(path)["relation"])
    return _claim_verbs(*folder, types).copy()


@functools.lru_cache(maxsize=8)
def _claim_verbs(folder, _state, types):
    table = schema_table("claim_verbs.csv", folder)
    file, problems = table_file("claim_verbs.csv", folder), []
    for line, row in zip(table.index + 2, table.to_dict("records")):
        if row["relation"] not in types:
            problems.append(f"{where(file, line, row['form'])}: relation '{row['relation']}' is not one of "
                            f"{', '.join(types)} (corpus/relation_types.csv)")
        bad = [m for m in row["object"].split("|") if m not in CLAIM_OBJECTS]
        if bad:
            problems.append(f"{where(file, line, row['form'])}: object '{row['object']}' must be made of "
                            + ", ".join(CLAIM_OBJECTS) + " joined by '|'")
    for form in table["form"][table["form"].duplicated()]:
        problems.append(f"{where(file)}: form '{form}' has more than one row; keep one")
    if problems:
        raise CorpusError(problems)
    return table


def value_entities(value: str) -> list[str]:
    """The entities a systems.csv maker/origin value names: "EUROSAM (joint venture of ...)" -> [EUROSAM]."""
    return [x.strip() for x in re.split(r" and |, ", value.split(" (")[0]) if x.strip()]


def _check_knowledge(name: str, table: pd.DataFrame, path=None) -> list[str]:
    """Every problem of a cited table's rows besides its citations: unknown entities, an unknown
    relation, an empty cell where one is needed (see SCHEMAS and relation_types.csv)."""
    import difflib

    file, known = table_file(name, path), set(entities(path)["entity"])
    problems, schema = _empty_cells(name, table, file), SCHEMAS[name]
    types = relation_types(path).set_index("relation")["needs_status"] if name == "relations.csv" else None

    def unknown(at, col, value):
        near = difflib.get_close_matches(value, known, n=1)
        hint = f"did you mean '{near[0]}'? Otherwise " if near else ""
        problems.append(f"{at}: {col} '{value}' is not an entity of entities.csv; {hint}add a row for it there "
                        "(entity, kind, affiliation, role, notes) or correct the name")

    for row_no, row in zip(table.index + 2, table.to_dict("records")):
        at = where(file, row_no)
        for col in schema.names_entities:
            if row[col] and row[col] not in known:
                unknown(at, col, row[col])
        if name == "systems.csv" and row["attribute"] in VALUE_ENTITIES:
            for value in value_entities(row["value"]):
                if value not in known:
                    unknown(at, f"{row['attribute']} value", value)
        if types is not None and row["relation"]:
            if row["relation"] not in types.index:
                problems.append(f"{at}: relation '{row['relation']}' is not one of {', '.join(types.index)}; "
                                f"use one of them, or add it as a row of {table_file('relation_types.csv', path)}")
            elif types[row["relation"]] == "yes" and not row["status"]:
                problems.append(f"{at}: a '{row['relation']}' row needs a status (the stage the article reports, "
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
    entities.csv, relation not in relation_types.csv and missing status.
    """
    file = table_file(name, path)
    table = read_table(name, path, (*SCHEMAS[name].columns, *required))
    problems = _check_knowledge(name, table, path)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    sents = sentences(docs) if sents is None else sents
    catalog = set(read_csv(corpus_path(path) / "articles.csv", ("doc_id",))["doc_id"])     # (BOM, headers as the loader reads them)
    table = table[~table["doc_id"].isin(catalog - set(texts))]
    quoted = []                                           # (position in table, doc_id, offset of the quote)
    for i, (row_no, row) in enumerate(zip(table.index + 2, table.itertuples())):
        at = where(file, row_no)
        if row.doc_id and row.doc_id not in texts:
            problems.append(f"{at}: doc_id '{row.doc_id}' is not an article of the corpus; correct it, "
                            "or clear doc_id and quote and cite an outside_source")
        elif row.doc_id and (not row.quote or row.quote not in texts[row.doc_id]):
            problems.append(f"{at}: quote '{row.quote}' is not in the text of {row.doc_id}; copy the words "
                            "exactly from the cleaned article (helpers.load_corpus().text: curly quotes, dashes "
                            "and '$' as written there)")
        elif row.doc_id:
            quoted.append((i, row.doc_id, texts[row.doc_id].index(row.quote)))
        elif not row.outside_source:
            problems.append(f"{at}: cites nothing; give a doc_id and the quote from that article, "
                            "or an outside_source")
    ids, evidence = [pd.NA] * len(table), [""] * len(table)
    rows, doc_ids, offsets = zip(*quoted) if quoted else ((), (), ())
    for i, k in zip(rows, sentence_at(sents, doc_ids, offsets)):
        sid, ev = int(sents["sent_id"].iat[k]), sents["text"].iat[k]
        if table["quote"].iat[i] not in ev:
            problems.append(f"{where(file, table.index[i] + 2)}: quote '{table['quote'].iat[i]}' runs past the end of "
                            f"sentence {sid} of {doc_ids[rows.index(i)]}; cite words from one sentence (shorten the "
                            "quote, or add a row for the next sentence)")
        ids[i], evidence[i] = sid, ev
    if problems:
        raise CorpusError(problems)
    return table.assign(sent_id=pd.array(ids, dtype="Int64"), evidence=evidence)
