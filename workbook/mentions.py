"""Mentions: every known alias found in the text and linked to its entity.

Takes: the loaded corpus, its sentences, `workbook.knowledge.aliases` and the place rules of
`workbook.places`.
Gives: ``mentions`` (doc_id, sent_id, start, end, surface, entity, kind, reading) and ``all_mentions``
(the same with the mentions no rule could settle, kind "ambiguous", and the place names left unlinked
because they are part of a longer name, kind "unlinked"). Capitals are told from their governments,
datelines and other places from governments, ambiguous aliases settled by the article, as the README
describes. Comes after `workbook.knowledge`.
"""
from __future__ import annotations

import collections
import functools
import itertools

import pandas as pd

from .files import table_file
from .knowledge import aliases, general_table, vocabulary
from .places import PlaceRules, dateline_spans
from .sentences import char_test, code_points, sentence_at, sentences


def _matcher(path=None):
    """An Aho-Corasick automaton over every alias, the aliases, and per alias its (entity, kind, type) options.

    Built once per state of entities.csv and aliases.csv (their size and modification time).
    """
    files = [table_file(name, path) for name in ("entities.csv", "aliases.csv")]
    files.append(general_table("vocabulary.csv", path) / "vocabulary.csv")
    return _build_matcher(path, tuple((f.stat().st_mtime_ns, f.stat().st_size) for f in files))


@functools.lru_cache(maxsize=8)
def _build_matcher(path, _state):
    import ahocorasick

    automaton, names, options = ahocorasick.Automaton(), [], []
    table = aliases(path)
    rows = [_Option(*row) for row in zip(*(table[c].tolist() for c in _Option._fields))]
    groups = table.groupby("alias").indices                # alias -> its rows, in table order
    for k, alias in enumerate(sorted(groups)):
        automaton.add_word(alias, k)
        names.append(alias)
        options.append(tuple(rows[i] for i in groups[alias]))
    automaton.make_automaton()
    vocab = vocabulary(path)
    return automaton, names, options, PlaceRules(vocab), vocab["furniture"]


_Option = collections.namedtuple("_Option", "entity kind type")        # one entity an alias may name


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _scan(text: str, automaton, names):
    """(start, end, alias index) arrays for every alias found on word boundaries, longest first.

    A trailing plural "s" is part of the mention ("S-400s", "Turks"); a
    possessive ("Turkey's", "Turkey s") is not.
    """
    import numpy as np

    flat = np.fromiter(itertools.chain.from_iterable(automaton.iter_long(text)), dtype=np.int64)
    end, k = flat[0::2] + 1, flat[1::2]
    start = end - np.fromiter(map(len, names), dtype=np.int64)[k]
    codes = code_points(" " + text + "  ")                      # guard characters on both sides
    before, after, after2, last = (char_test(codes[i], _is_word) for i in (start, end + 1, end + 2, end))
    plural = (codes[end + 1] == ord("s")) & ~after2 & last
    keep = ~before & (~after | plural)
    end = end + (plural & after)
    return start[keep], end[keep], k[keep]


def _capital_choice(options):
    """For an alias that is a capital and its city: (government option, city option), else None."""
    government = [o for o in options if o.type == "capital"]
    city = [o for o in options if o.kind == "place" and o.type != "capital"]
    return (government[0], city[0]) if len(options) == 2 and len(government) == len(city) == 1 else None


def _resolve(options, in_doc):
    """For an alias naming several entities (capitals aside): the one entity the article names
    unambiguously elsewhere, else None (left unresolved)."""
    named = [o for o in options if o.entity in in_doc()]
    return named[0][:2] if len(named) == 1 else None


def mentions(docs: pd.DataFrame, path=None, unresolved: bool = False, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every linked mention of a known entity: doc_id, sent_id, start, end, surface, entity, kind, reading.

    Offsets are into the cleaned text (``docs.text``). Longest alias wins;
    mentions respect word boundaries; short acronyms are case-sensitive like
    every alias. An alias naming several entities is settled by the place rules
    of `workbook.places` (a capital: city or government) or `_resolve`;
    `reading` says how ("city: dateline", "city: after 'northwest of'",
    "government: default", "dateline" for a country in a dateline; "" where the
    alias names one entity). With ``unresolved=True`` the result holds instead
    the mentions no rule could settle (entity lists the options, kind "ambiguous").
    Pass ``sents=sentences(docs)`` when you have them, to split the text only once.
    """
    return linked(all_mentions(docs, path, sents), unresolved)


def linked(found: pd.DataFrame, unresolved: bool = False) -> pd.DataFrame:
    """From `all_mentions`: the linked mentions (or, with ``unresolved``, those no rule could settle)."""
    found = found[found["kind"] != "unlinked"]
    return found[(found["kind"] == "ambiguous") == unresolved].reset_index(drop=True)


def all_mentions(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """All mentions, the unresolved ones with kind "ambiguous" and the place names that are only part
    of a longer name with kind "unlinked" (entity: the place; reading: why). All articles are scanned
    as one text, so the cost per mention stays small."""
    import numpy as np

    automaton, names, options, rules, furniture = _matcher(path)
    texts = docs["text"].tolist()
    offsets = np.cumsum([0] + [len(t) + 1 for t in texts])       # each article starts here in `joined`
    joined = "\n".join(texts)
    start, end, k = _scan(joined, automaton, names)
    doc = np.searchsorted(offsets, start, side="right") - 1
    entity = np.array([o[0].entity for o in options], dtype=object)[k]
    kind = np.array([o[0].kind for o in options], dtype=object)[k]
    reading = np.full(len(k), "", dtype=object)
    # datelines, capitals and places (workbook.places): city or government, or only part of a longer name
    lines = dateline_spans(joined, furniture)
    in_dateline = np.zeros(len(k), dtype=bool)
    if lines:
        line_starts, line_ends = (np.array(col, dtype=np.int64) for col in zip(*lines))
        at = np.searchsorted(line_starts, start, side="right") - 1
        in_dateline = (at >= 0) & (end <= line_ends[np.maximum(at, 0)])
    capitals = {i: c for i, o in enumerate(options) if (c := _capital_choice(o))}
    places = {i for i, o in enumerate(options) if len(o) == 1 and o[0].kind == "place"}
    countries = {i for i, o in enumerate(options) if len(o) == 1 and o[0].kind == "country"}
    government, city = ({i: c[side][:2] for i, c in capitals.items()} for side in (0, 1))
    for i in np.flatnonzero(np.isin(k, list(set(capitals) | places | countries))):
        a, b, opt = int(start[i]), int(end[i]), int(k[i])
        if opt in countries:
            reading[i] = "dateline" if in_dateline[i] else ""
            continue
        why = "" if in_dateline[i] else rules.inside_a_name(joined, a, b)
        if why:
            entity[i], kind[i], reading[i] = (city[opt][0] if opt in city else entity[i]), "unlinked", why
        elif opt in capitals:
            side, why = rules.read_capital(joined, a, b, bool(in_dateline[i]))
            entity[i], kind[i] = (city if side == "city" else government)[opt]
            reading[i] = f"{side}: {why}"
        elif in_dateline[i]:
            reading[i] = "dateline"
    # any other alias naming several entities: the one the article names elsewhere, else left open
    ambiguous = np.flatnonzero(np.array([len(o) > 1 and i not in capitals for i, o in enumerate(options)])[k])
    settled = kind != "unlinked"
    settled[ambiguous] = False
    named_in = {}                                                 # doc -> entities it names unambiguously

    def in_doc(d):
        if d not in named_in:
            named_in[d] = set(entity[(doc == d) & settled])
        return named_in[d]

    for i in ambiguous:
        pick = _resolve(options[k[i]], lambda d=doc[i]: in_doc(d))
        entity[i], kind[i] = pick or (" or ".join(o.entity for o in options[k[i]]), "ambiguous")
    surface, length = np.array(names, dtype=object)[k], np.fromiter(map(len, names), dtype=np.int64)[k]
    table = pd.DataFrame({
        "doc_id": docs["doc_id"].to_numpy()[doc],
        "start": start - offsets[doc], "end": end - offsets[doc],
        "surface": np.where(end - start > length,
                            surface + "s", surface),
        "entity": entity, "kind": kind, "reading": reading})
    if sents is None:
        sents = sentences(docs)
    else:
        strangers = sorted(set(sents["doc_id"]) - set(docs["doc_id"]))[:5]
        if strangers or sents["doc_id"].nunique() != len(docs):
            raise ValueError(f"sents must come from sentences(docs) of the same articles "
                             f"(doc_ids only in sents: {strangers})")
    table.insert(1, "sent_id", sents["sent_id"].to_numpy()[sentence_at(sents, table["doc_id"], table["start"])])
    return table
