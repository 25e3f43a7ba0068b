"""Candidates: the names no alias links yet, one row per name, ready to promote into the tables.

Takes: the loaded corpus, its sentences and all mentions, and the name rules of `workbook.names`.
Gives: ``candidates`` (one row per name: kind, count, articles, first sentence, other spellings, a
possible variant of a known entity, and rows to paste into entities.csv and aliases.csv) and
``candidate_sentences`` (one row per occurrence: every sentence behind a candidate); and the pieces
`workbook.annotate` keeps per article to redo them after adding one: ``name_words`` (per article),
``occurrences`` (per article, given the corpus's lower-case words), ``merged_occurrences`` and
``candidates_of`` (corpus-wide, from those).
Comes after `workbook.mentions` and `workbook.names`.
"""
from __future__ import annotations

import bisect
import csv
import functools
import io
import re
from collections import Counter, defaultdict

import pandas as pd

from .knowledge import aliases, vocabulary
from .mentions import all_mentions
from .names import DESIGNATION, GROUP_OF, Name, NameRules, common_words, fold
from .places import datelines
from .sentences import sentences

CANDIDATE_COLUMNS = ["surface", "kind", "count", "articles", "doc_id", "sent_id", "sentence", "also_written",
                     "possible_variant", "role", "affiliation", "entity_row", "alias_rows", "variant_row", "doc_ids",
                     "where"]
OCCURRENCE_COLUMNS = ["surface", "written", "kind", "doc_id", "sent_id", "start", "end", "role", "affiliation", "sentence"]


def candidate_sentences(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None,
                        found: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every occurrence of a name that no alias links: surface (the name it counts toward in
    `candidates`), written (as in the text), kind (guessed), doc_id, sent_id, start, end (offsets into
    the cleaned text, as in `mentions`), role, affiliation, sentence.

    Names in the text (`workbook.names`), weapon designations ("F-16", "Su-57"), groups ("Group of 20"),
    documents named after a place ("Istanbul agreement"), and aliases that name several entities no rule
    could tell apart (kind "ambiguous", role "A or B"). `found`: `all_mentions(docs, path, sents)` when
    you have them.
    """
    sents = sentences(docs) if sents is None else sents
    found = all_mentions(docs, path, sents) if found is None else found
    return merged_occurrences(occurrences(docs, path, sents, found, common_words(sents["text"])), docs)


def occurrences(docs: pd.DataFrame, path, sents: pd.DataFrame, found: pd.DataFrame, common: set) -> pd.DataFrame:
    """The occurrences of `candidate_sentences` before lone surnames are merged (`merged_occurrences`):
    OCCURRENCE_COLUMNS, each article's rows together, in the order of `docs`. `common`: `common_words`
    of the whole corpus. An article's rows depend on that article alone and on which of its
    `NameRules.probe_words` are in `common`, so they can be kept per article (`workbook.annotate`).
    """
    vocab = vocabulary(path)
    rules = NameRules(vocab)
    taken = defaultdict(list)
    settled = found[found["kind"] != "unlinked"]
    # plain lists, not pandas per row
    columns = {c: sents[c].tolist() for c in ("doc_id", "sent_id", "start", "end", "text")}
    sent_start = dict(zip(zip(columns["doc_id"], columns["sent_id"]), columns["start"]))
    for d, sid, a, b, e, k in zip(*(settled[c].tolist()
                                    for c in ("doc_id", "sent_id", "start", "end", "entity", "kind"))):
        off = sent_start[(d, sid)]
        taken[(d, sid)].append((a - off, b - off, e, k))
    lines = {d: datelines(t, vocab["furniture"]) for d, t in zip(docs["doc_id"].tolist(), docs["text"].tolist())}
    line_starts = {d: [a for a, _, _ in found_lines] for d, found_lines in lines.items()}
    rows = []
    for doc_id, sent_id, start, end, text in zip(*columns.values()):
        spans = taken.get((doc_id, sent_id), [])
        starts = line_starts[doc_id]            # in text order: the sentence's datelines by bisection
        here = lines[doc_id][bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
        dl_end = max([b - start for a, b, _ in here] or [0])
        names = rules.find_names(text, spans, common, dl_end)
        for m in DESIGNATION.finditer(text) if "-" in text else ():        # (a designation has a dash,
            if not any(a <= m.start() < b for a, b, *_ in spans):            # a group "G")
                names.append(Name(m.start(), m.end(), m.group(), m.group(1), "weapon_system"))
        for m in GROUP_OF.finditer(text) if "G" in text else ():
            if not any(a <= m.start() < b for a, b, *_ in spans):
                names = [n for n in names if not m.start() <= n.start < m.end()]
                names.append(Name(m.start(), m.end(), m.group(), m.group(), "organization"))
        for n in names:
            rows.append((n.surface, n.written, n.kind, doc_id, sent_id, start + n.start, start + n.end,
                         n.role, n.affiliation, text))
    unlinked = found[(found["kind"] == "unlinked") & (found["reading"] == "named document")]
    text_of = dict(zip(zip(columns["doc_id"], columns["sent_id"]), columns["text"]))
    texts = dict(zip(docs["doc_id"].tolist(), docs["text"].tolist()))
    for d, sid, a, b in zip(*(unlinked[c].tolist() for c in ("doc_id", "sent_id", "start", "end"))):
        m = re.match(r"\s+([a-z]+)", texts[d][b:])
        written = texts[d][a:b] + (m.group() if m else "")
        rows.append((written, written, "other", d, sid, a, a + len(written), "", "", text_of[(d, sid)]))
    ambiguous = found[found["kind"] == "ambiguous"]
    for d, sid, a, b, surface, options in zip(*(ambiguous[c].tolist() for c in ("doc_id", "sent_id", "start", "end",
                                                                                 "surface", "entity"))):
        rows.append((surface, surface, "ambiguous", d, sid, a, b, options, "", text_of[(d, sid)]))
    table = pd.DataFrame(rows, columns=OCCURRENCE_COLUMNS)
    order = {d: i for i, d in enumerate(docs["doc_id"])}
    return table.iloc[table["doc_id"].map(order).argsort(kind="stable")].reset_index(drop=True)


def merged_occurrences(occ: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """`candidate_sentences` from `occurrences` (of every article of `docs`): in text order, articles
    in the order of `docs`, each lone surname counted toward its full name (`_merge_surnames`)."""
    table = occ.sort_values(["doc_id", "sent_id", "start"], kind="stable")
    order = {d: i for i, d in enumerate(docs["doc_id"])}
    table = table.iloc[table["doc_id"].map(order).argsort(kind="stable")]
    table["surface"] = _merge_surnames(table)
    return table.reset_index(drop=True)


def name_words(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per article (doc_id, lower, probe): the words it writes in lower case in reporting
    sentences (its share of `common_words`: the corpus's is the union of every article's), and every
    word `NameRules.find_names` may look up among them (`NameRules.probe_words`); each sorted and
    joined by spaces."""
    sents = sentences(docs) if sents is None else sents
    rules = NameRules(vocabulary(path))
    lower, probe = defaultdict(set), defaultdict(set)
    for d, text in zip(sents["doc_id"], sents["text"]):
        lower[d] |= common_words([text])
        probe[d] |= rules.probe_words(text)
    ids = docs["doc_id"].tolist()
    return pd.DataFrame({"doc_id": ids, "lower": [" ".join(sorted(lower[d])) for d in ids],
                         "probe": [" ".join(sorted(probe[d])) for d in ids]})


def _merge_surnames(occ: pd.DataFrame) -> list[str]:
    """The name each occurrence counts toward: a spelling key groups "Ismail Demir" and "İsmail Demir";
    a lone surname goes to the one full name of a person ending with it in the same article, else in the
    corpus ("Akar" -> "Hulusi Akar"); anything else stays itself."""
    surfaces, kinds, doc_ids = (occ[c].tolist() for c in ("surface", "kind", "doc_id"))
    folded = {s: fold(s) for s in set(surfaces)}            # (each spelling folded once)
    keys = [folded[s] for s in surfaces]
    first_form = {}
    for k, s in zip(keys, surfaces):
        first_form.setdefault(k, s)
    full = defaultdict(set)                      # folded last word -> keys of full names of persons (or unknown kind)
    in_doc = defaultdict(set)
    for k, s, kind, d in zip(keys, surfaces, kinds, doc_ids):
        words = s.split()
        if len(words) >= 2 and kind in ("person", "") and not DESIGNATION.search(s):
            full[fold(words[-1])].add(k)
        in_doc[d].add(k)
    out = []
    for k, s, kind, d in zip(keys, surfaces, kinds, doc_ids):
        options = full.get(k, set()) if len(s.split()) == 1 and kind in ("person", "") and not s.isupper() else set()
        here = options & in_doc[d]
        pick = here if here else options
        out.append(first_form[next(iter(pick))] if len(pick) == 1 else first_form[k])
    return out


def candidates(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Proper names in the text that no alias links, one row per name, most frequent first.

    Returns
    -------
    DataFrame with CANDIDATE_COLUMNS: surface (the name as a researcher would list it), kind (a guess from
    the words around it: person, organization, place, weapon_system, other, "" when nothing tells;
    "ambiguous" for an alias of several entities), count (occurrences), articles, the first occurrence
    (doc_id, sent_id, sentence), also_written (other spellings and lone surnames counted with it),
    possible_variant ("Entity (alias 'X')" where a known alias is spelled alike; "ambiguous: A or B"),
    role and affiliation (from a title or apposition), entity_row and alias_rows (lines to paste into
    corpus/entities.csv and corpus/aliases.csv), variant_row (the line that instead merges it with the
    possible variant), doc_ids and where (every doc_id:sent_id; `candidate_sentences` gives the sentences).
    """
    return candidates_of(candidate_sentences(docs, path, sents), path)


def candidates_of(occ: pd.DataFrame, path=None, hints: dict | None = None) -> pd.DataFrame:
    """`candidates` from the occurrences `candidate_sentences` gives (of the whole corpus), one pass
    over plain columns. `hints`: {(surface, kind): possible_variant} already worked out for these
    alias tables (`_hint` depends on nothing else); read, and filled with the new ones."""
    index = _alias_index(path)
    hints = {} if hints is None else hints
    col = {c: occ[c].tolist() for c in ("surface", "kind", "doc_id", "sent_id", "written", "role", "affiliation",
                                        "sentence")}
    groups = defaultdict(list)                        # surface -> its occurrences, names in order of first occurrence
    for i, surface in enumerate(col["surface"]):
        groups[surface].append(i)
    rows = []
    for surface, at in groups.items():
        kinds = Counter(k for k in (col["kind"][i] for i in at) if k)
        # where the text spells a name out before it in brackets ("... Sanctions Act (CAATSA)"), that
        # occurrence's kind, from the words spelled out, wins over guesses from an acronym's shape
        defined = Counter(col["kind"][i] for i in at if col["kind"][i] and f"({col['written'][i]})" in col["sentence"][i])
        kinds = defined or kinds
        kind = kinds.most_common(1)[0][0] if kinds else ""
        first = {c: col[c][at[0]] for c in ("doc_id", "sent_id", "sentence", "role")}
        written = list(dict.fromkeys(w for w in (re.sub(r"[’']s$", "", col["written"][i]) for i in at) if w != surface))
        role = _most(col["role"][i] for i in at) if kind != "ambiguous" else ""
        affiliation = _most(col["affiliation"][i] for i in at)
        if kind == "ambiguous":
            hint = f"ambiguous: {first['role']}"
        else:
            if (surface, kind) not in hints:
                hints[(surface, kind)] = _hint(surface, kind, index)
            hint = hints[(surface, kind)]
        docs_here = [col["doc_id"][i] for i in at]
        where = list(dict.fromkeys(f"{col['doc_id'][i]}:{col['sent_id'][i]}" for i in at))
        rows.append({"surface": surface, "kind": kind, "count": len(at), "articles": len(set(docs_here)),
                     "doc_id": first["doc_id"], "sent_id": first["sent_id"], "sentence": first["sentence"],
                     "also_written": "; ".join(written), "possible_variant": hint, "role": role,
                     "affiliation": affiliation,
                     "doc_ids": "; ".join(dict.fromkeys(docs_here)), "where": "; ".join(where),
                     **_rows_to_paste(surface, kind, role, affiliation, written, hint, first, index)})
    table = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)
    table = table.sort_values(["count", "articles", "surface"], ascending=[False, False, True], kind="stable")
    return table.reset_index(drop=True)


def _most(values) -> str:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else ""


def _csv_line(*cells) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def _rows_to_paste(surface, kind, role, affiliation, written, hint, first, index) -> dict:
    """entities.csv and aliases.csv lines for a new entity, and the aliases.csv line for a variant."""
    if kind == "ambiguous":
        return {"entity_row": "", "alias_rows": "", "variant_row": ""}
    known = index["entities"]
    note = f"first seen in {first['doc_id']} sentence {first['sent_id']}"
    if affiliation and affiliation not in known:
        note += f"; affiliation '{affiliation}' is not an entity yet"
        affiliation = ""
    entity_kind = kind if kind in ("person", "organization", "country", "alliance", "weapon_system", "place") else ""
    entity_row = _csv_line(surface, entity_kind, affiliation, role, note)
    alias_rows = [_csv_line(w, surface, "surname" if w == surface.split()[-1] else "variant", "")
                  for w in written if w.lower() != surface.lower()]
    variant_row = ""
    m = re.match(r"(.+) \(alias '(.+)'\)$", hint)
    if m:
        variant_row = _csv_line(surface, m.group(1), "variant", f"spelled like '{m.group(2)}'; {note}")
    return {"entity_row": entity_row, "alias_rows": "\n".join(alias_rows), "variant_row": variant_row}


def _alias_index(path=None) -> dict:
    """Known aliases blocked by the first letter of their spelling key, so a hint compares a name with
    the few aliases that could be its variant, not with all of them."""
    table = aliases(path)
    blocks = defaultdict(list)
    for alias, entity, kind, typ in zip(table["alias"], table["entity"], table["kind"], table["type"]):
        key = fold(alias)
        if key:
            never_close = bool(re.search(r"\d", alias)) or kind in ("country", "place") or typ in ("capital", "demonym")
            blocks[key[0]].append((alias, key, entity, kind, typ, [fold(w) for w in alias.split()], never_close))
    return {"blocks": blocks, "entities": set(table["entity"])}


@functools.lru_cache(maxsize=1 << 16)
def _ratio(a: str, b: str, least: float) -> float | None:
    """difflib's similarity ratio of `a` and `b` where it is at least `least`, else None; its cheap upper
    bounds (`real_quick_ratio`, `quick_ratio`) rule most pairs out before the ratio itself is worked out,
    and a pair already compared (a first name and an alias's, again and again) is not compared again."""
    import difflib

    matcher = difflib.SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < least or matcher.quick_ratio() < least:
        return None
    ratio = matcher.ratio()
    return ratio if ratio >= least else None


_DEMONYM_END = re.compile(r"n|an|ian|ese|i|ish")         # a country and its demonym differ by one of these


def _hint(name: str, kind: str, index: dict) -> str:
    """'Entity (alias 'X')' for a known alias that is likely the same entity as `name`, else ''.

    The same spelling key (case, accents, spaces and hyphens aside: "Turkiye" ~ "Türkiye", "Rosoboron
    Export" ~ "Rosoboronexport") is always a hint. Otherwise only between names of one kind (where the
    kind is known), never for countries, places, capitals and demonyms (Iraq is not Iran) unless one is the
    other with a demonym's ending ("America" ~ "American", "Iraqi" ~ "Iraq"), never between
    designations with other digits (S-300 is not S-400), and for persons at surname level: the same
    first initial and a close surname for full names (Jens Stoltenburg ~ Jens Stoltenberg, but Yasar Guler
    is not Fethullah Gulen), a close spelling for a lone surname (Walters ~ Wolters, Mekhev ~ Mikheev).
    """
    key = fold(name)
    if not key:
        return ""
    words = [fold(w) for w in name.split()]
    digits = re.findall(r"\d+", name)
    best, best_ratio = "", 0.0
    for alias, akey, entity, akind, atype, awords, never_close in index["blocks"].get(key[0], ()):
        if akey == key:
            if alias != name:
                return f"{entity} (alias '{alias}')"
            continue
        if akind == "country" and len(words) == 1 and (
                akey.startswith(key) and _DEMONYM_END.fullmatch(akey[len(key):])
                or key.startswith(akey) and _DEMONYM_END.fullmatch(key[len(akey):])):
            return f"{entity} (alias '{alias}')"           # "America" ~ "American", "Iraqi" ~ "Iraq"
        if digits or never_close:             # (digits in the alias, a country, place, capital or demonym)
            continue
        if kind and kind != akind or min(len(key), len(akey)) / max(len(key), len(akey)) < 0.8:
            continue
        if akind == "person" and len(words) >= 2 and len(awords) >= 2:
            if words[0][:1] != awords[0][:1] or _ratio(words[0], awords[0], 0.6) is None:
                continue
            ratio = _ratio(words[-1], awords[-1], 0.8)
        elif len(words) == 1 and len(awords) == 1:
            ratio = _ratio(key, akey, 0.75) if len(key) >= 5 else None
        elif len(words) >= 2 and len(awords) >= 2 and akind != "person":
            ratio = _ratio(key, akey, 0.85)
        else:
            continue
        if ratio is not None and ratio > best_ratio:
            best, best_ratio = f"{entity} (alias '{alias}')", ratio
    return best
