"""Systems referred to by their kind: "the missile system" after the article has named the S-400.

Takes: the loaded corpus, its sentences, the linked mentions of `workbook.mentions`, and these tables of
the corpus folder: ``kind_nouns.csv`` (noun, kind, reach, notes: the words that name a kind of weapon
system, such as "missile system" or "fighter jet"), the ``kind_determiner`` words of
``vocabulary.csv`` ("the", "this", "these", "those"), and ``systems.csv`` / ``entities.csv`` (what
kind each system is, and where it comes from).
Gives: ``kind_mentions`` (one row per phrase linked to a system, in the shape of mentions, with
``linked_by`` "kind" and the antecedent it was linked to), ``with_kind_mentions`` (the mentions and
those rows together, each with ``linked_by``: "name", "alias" or "kind"), ``system_kinds`` and
``kind_nouns``. Comes after `workbook.mentions`; `workbook.time.events` and the notebooks use it.

The rule (general; its words are data):

- A **kind phrase** is a determiner of ``kind_determiner``, at most three modifier words, and a noun of
  ``kind_nouns.csv`` (longest first, a plural "s" allowed): "the missile system", "the anti-aircraft
  missile", "the Russian-made system", "these air-defence systems".
- A system **is of a kind** when one of that kind's nouns stands in its ``type`` rows of systems.csv
  or its role in entities.csv ("surface-to-air missile system" holds "missile system"). A noun of
  kind ``any`` ("system") fits every system.
- The phrase refers to the **most recent system named before it in the same article**, of a kind the
  noun fits, named at most ``reach`` sentences back (the phrase's own sentence is 0). Only names
  count as antecedents, so a chain of "the system ... the system" never carries past the reach.
- A country or organisation named among the modifiers must be the system's ``origin`` or ``maker``
  ("the Russian system" is never the Patriot); any other name there ("the NATO air-defense system")
  makes the phrase no reference to a weapon.
- Not linked: a phrase that holds a system's name ("the S-400 missile system") or is followed by one
  ("the missile system, the S-400", "the air-defence system S-300": a designation the tables do not
  know yet is a name too); a phrase with no system named in reach before it; a phrase before which,
  since the last fitting name, the text brought in an unnamed system of its kind without a
  determiner ("missile batteries", "a missile system", "their defense systems"): the phrase may be
  that one. Another article's names never count.
"""
from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd

from .files import CorpusError, read_table, where
from .knowledge import entities, general_table, value_entities, vocabulary
from .sentences import sentence_at

ANY = "any"                        # a kind noun that fits every system ("the system")
MODIFIERS = 3                      # words allowed between the determiner and the kind noun
KIND_COLUMNS = ["doc_id", "sent_id", "start", "end", "surface", "entity", "kind", "reading", "linked_by",
                "antecedent_sent_id", "antecedent"]


def kind_nouns(path=None) -> pd.DataFrame:
    """corpus/kind_nouns.csv (noun, kind, reach, notes), validated: nouns lower case and once each,
    reach a whole number of sentences (0 or more). The workbook's own copy serves a corpus folder
    made before the table existed."""
    folder = general_table("kind_nouns.csv", path)
    file = folder / "kind_nouns.csv"
    stat = file.stat()
    return _kind_nouns(str(folder), (stat.st_mtime_ns, stat.st_size)).copy()


@functools.lru_cache(maxsize=8)
def _kind_nouns(folder, _state):
    table = read_table("kind_nouns.csv", folder, ("noun", "kind", "reach", "notes"))
    file, problems, seen = f"{folder}/kind_nouns.csv", [], set()
    for line, row in zip(table.index + 2, table.to_dict("records")):
        at = where(file, line, row["noun"])
        if not row["noun"] or not row["kind"]:
            problems.append(f"{at}: noun and kind must both be filled in")
        elif row["noun"] != row["noun"].lower():
            problems.append(f"{at}: write the noun in lower case ('{row['noun'].lower()}'); it matches any case")
        elif row["noun"] in seen:
            problems.append(f"{at}: '{row['noun']}' is listed twice; keep one row")
        if not row["reach"].isdigit():
            problems.append(f"{at}: reach '{row['reach']}' must be a whole number of sentences (0 = the same sentence)")
        seen.add(row["noun"])
    if problems:
        raise CorpusError(problems)
    return table.assign(reach=table["reach"].astype(int))


def _holds(text: str, noun: str) -> bool:
    """Does `text` hold `noun` as whole words ("anti-aircraft" does not hold "aircraft")?"""
    return re.search(rf"(?<![\w-]){re.escape(noun)}s?(?![\w-])", text.lower()) is not None


def system_kinds(path=None) -> dict[str, set]:
    """{system: its kinds}: the kinds of kind_nouns.csv whose nouns stand in the system's type rows of
    systems.csv or its role in entities.csv. Every weapon system of entities.csv is a key."""
    nouns = kind_nouns(path)
    nouns = nouns[nouns["kind"] != ANY]
    ents = entities(path)
    systems = ents[ents["kind"] == "weapon_system"]
    words = {s: [r] for s, r in zip(systems["entity"], systems["role"])}
    attrs = read_table("systems.csv", path, ("system", "attribute", "value"))
    for s, v in zip(*(attrs.loc[attrs["attribute"] == "type", c] for c in ("system", "value"))):
        words.setdefault(s, []).append(v)
    return {s: {k for n, k in zip(nouns["noun"], nouns["kind"]) if any(_holds(t, n) for t in texts)}
            for s, texts in words.items()}


def _origins(path=None) -> dict[str, set]:
    """{system: the entities systems.csv names as its origin or maker}."""
    attrs = read_table("systems.csv", path, ("system", "attribute", "value"))
    out: dict[str, set] = {}
    for s, v in zip(*(attrs.loc[attrs["attribute"].isin(["origin", "maker"]), c] for c in ("system", "value"))):
        out.setdefault(s, set()).update(value_entities(v))
    return out


def _pattern(nouns: list[str], determiners) -> re.Pattern:
    """Every kind noun with what stands before it: a determiner and its modifiers (group 'det'), or not."""
    noun = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    det = "|".join(re.escape(d) for d in sorted(determiners, key=len, reverse=True)) or r"(?!x)x"
    mods = rf"(?:[\w’'.-]+\s+){{0,{MODIFIERS}}}?"
    return re.compile(rf"(?:(?<![\w-])(?P<det>{det})\s+(?P<mods>{mods}))?(?<![\w-])(?P<noun>{noun})s?(?![\w-])",
                      re.IGNORECASE)


def kind_mentions(docs: pd.DataFrame, mentions: pd.DataFrame, sents: pd.DataFrame, path=None) -> pd.DataFrame:
    """The phrases that refer to a system by its kind, linked as the module's rule says.

    Parameters
    ----------
    docs : from `load_corpus` (doc_id, text).
    mentions : the linked mentions of the same articles (`workbook.mentions.mentions`).
    sents : `sentences(docs)`.

    Returns
    -------
    doc_id, sent_id, start, end, surface (the phrase as written), entity (the system), kind
    ("weapon_system"), reading ("kind: <noun>"), linked_by ("kind"), antecedent_sent_id (the sentence
    naming the system), antecedent (the name as written there). One pass over each article's text
    and its mentions, so the cost grows with the corpus.
    """
    table = kind_nouns(path)
    determiners = {d.lower() for d in vocabulary(path).get("kind_determiner", ())}
    if table.empty or mentions.empty:
        return pd.DataFrame(columns=KIND_COLUMNS)
    reach = dict(zip(table["noun"], table["reach"]))
    kind_of = dict(zip(table["noun"], table["kind"]))
    fits = system_kinds(path)
    origins = _origins(path)
    pattern = _pattern(list(reach), determiners)
    # each article's mentions as array slices (sorted by article, then offset): no pandas work per article
    m = mentions.sort_values(["doc_id", "start"], kind="stable")
    doc_ids = m["doc_id"].to_numpy()
    cols = {c: m[c].to_numpy() for c in ("start", "end", "kind", "entity", "surface")}
    bounds = {d: (a, b) for d, a, b in zip(*_runs(doc_ids))}
    starts_of = {d: np.sort(g.to_numpy()) for d, g in sents.groupby("doc_id", sort=False)["start"]}
    found = []
    for doc_id, text in zip(docs["doc_id"], docs["text"]):
        if doc_id not in bounds:
            continue
        a, b = bounds[doc_id]
        one = {c: v[a:b] for c, v in cols.items()}
        if not (one["kind"] == "weapon_system").any():
            continue
        found += _phrases(doc_id, text, one, starts_of[doc_id], pattern, reach, kind_of, fits, origins)
    if not found:
        return pd.DataFrame(columns=KIND_COLUMNS)
    rows = pd.DataFrame(found)
    at = sentence_at(sents, rows["doc_id"], rows["start"])
    rows["sent_id"] = sents["sent_id"].to_numpy()[at]
    rows["antecedent_sent_id"] = sents["sent_id"].to_numpy()[sentence_at(sents, rows["doc_id"], rows["antecedent_start"])]
    return rows[KIND_COLUMNS].reset_index(drop=True)


def _runs(values):
    """(value, first, past-last) of each run of equal values in a sorted array."""
    if not len(values):
        return [], [], []
    cut = np.flatnonzero(values[1:] != values[:-1]) + 1
    first = np.concatenate([[0], cut])
    last = np.concatenate([cut, [len(values)]])
    return values[first], first, last


def _phrases(doc_id, text, m, sent_starts, pattern, reach, kind_of, fits, origins) -> list[dict]:
    """The links of one article (`m`: its mentions as arrays): each kind phrase after a determiner,
    linked to the most recent fitting name within its reach, unless an introduction (a kind noun
    without a determiner) comes between. The look-back stops at the first sentence of the reach, so
    the cost is bounded per phrase."""
    starts, ends, kinds_, entities_ = m["start"], m["end"], m["kind"], m["entity"]
    system = kinds_ == "weapon_system"
    sys_starts, sys_ends = starts[system], ends[system]
    sys_names, sys_surfaces = entities_[system], m["surface"][system]
    covering, sys_covering = _Spans(starts, ends), _Spans(sys_starts, sys_ends)      # lookups by bisection
    sorted_sys_starts, sorted_sys_ends = np.sort(sys_starts), np.sort(sys_ends)
    out, events = [], []       # events in text order: (start, 'name', index of the name) or (start, 'intro', (kind, actors))
    for k, s in enumerate(sys_starts):
        events.append((int(s), "name", k))
    phrases = []
    for hit in pattern.finditer(text):
        a, b = hit.start(), hit.end()
        noun = hit.group("noun").lower()
        if len(sys_covering.over(a, b)):
            continue                            # "the S-400 missile system": a name, already a mention
        if _before_a_name(text, b, sorted_sys_starts):
            continue                            # "the missile system, the S-400": an apposition of the name
        inside = covering.over(a, b)
        actors = set(entities_[inside])
        if set(kinds_[inside]) - {"country", "organization"}:
            continue                            # "the NATO system": a name that is not an origin
        if hit.group("det") is None:
            if _after_a_name(text, a, sorted_sys_ends):
                continue                        # "Russian S-400 surface-to-air missiles": the name's own noun
            events.append((a, "intro", (kind_of[noun], frozenset(actors))))
            continue
        phrases.append((a, b, noun, frozenset(actors)))
    events.sort(key=lambda e: e[0])
    positions = np.array([e[0] for e in events], dtype=np.int64)
    for a, b, noun, actors in phrases:
        kind = kind_of[noun]
        here = int(np.searchsorted(sent_starts, a, side="right")) - 1
        limit = sent_starts[max(0, here - reach[noun])]             # the first offset within reach
        choice = None
        for i in range(int(np.searchsorted(positions, a, side="left")) - 1, -1, -1):
            at, what, info = events[i]
            if at < limit:
                break
            if what == "name":
                system = sys_names[info]
                if (kind == ANY or kind in fits.get(system, ())) and (not actors or actors & origins.get(system, set())):
                    choice = info
                    break
            else:
                intro_kind, intro_actors = info
                if intro_kind != ANY and kind in (ANY, intro_kind) and (
                        not actors or not intro_actors or actors & intro_actors):
                    break                       # an unnamed system of the kind came between: it may be that one
        if choice is not None:
            out.append({"doc_id": doc_id, "start": a, "end": b, "surface": text[a:b], "entity": sys_names[choice],
                        "kind": "weapon_system", "reading": f"kind: {noun}", "linked_by": "kind",
                        "antecedent": sys_surfaces[choice], "antecedent_start": int(sys_starts[choice])})
    return out


APPOSITION = re.compile(r"[\s,(“\"–—-]*(?:the\s+)?[\s\"“]*", re.IGNORECASE)
DESIGNATION = re.compile(r"[A-Z][A-Za-z]*-?\d+[A-Za-z\d]*(?![\w-])")      # S-300, HQ-9, Su-57: a name not known yet


class _Spans:
    """Mention spans of one article, sorted once: which overlap [a, b), found by bisection in the starts
    (a mention is at most `longest` characters long), so each phrase costs the mentions near it only."""

    def __init__(self, starts, ends):
        self.order = np.argsort(starts, kind="stable")
        self.starts, self.ends = starts[self.order], ends[self.order]
        self.longest = int((ends - starts).max()) if len(starts) else 0

    def over(self, a: int, b: int):
        lo = int(np.searchsorted(self.starts, a - self.longest, side="left"))
        hi = int(np.searchsorted(self.starts, b, side="left"))
        return self.order[lo:hi][self.ends[lo:hi] > a]


def _before_a_name(text: str, b: int, sys_starts) -> bool:
    """Is the phrase ending at `b` an apposition of a name right after it ("the missile system, the
    S-400", "the air defense system \"S400\"", "the air-defence system S-300": a designation the
    tables do not know yet is a name too)?"""
    gap = APPOSITION.match(text, b).end()
    k = int(np.searchsorted(sys_starts, gap))                  # sys_starts sorted
    return k < len(sys_starts) and int(sys_starts[k]) == gap or DESIGNATION.match(text, gap) is not None


def _after_a_name(text: str, a: int, sys_ends) -> bool:
    """Does a system's name stand just before offset `a`, at most MODIFIERS words before it, with
    nothing but words between ("S-400 surface-to-air missiles", "F-35 fighter jets")?"""
    k = int(np.searchsorted(sys_ends, a, side="right"))          # sys_ends sorted: the last end at or before a
    if not k:
        return False
    between = text[int(sys_ends[k - 1]):a]
    return re.fullmatch(r"[\w’'-]*(?:\s+[\w’'-]+)*\s*", between) is not None and len(between.split()) <= MODIFIERS


def with_kind_mentions(mentions: pd.DataFrame, docs: pd.DataFrame, sents: pd.DataFrame, path=None,
                       kinds: pd.DataFrame | None = None) -> pd.DataFrame:
    """`mentions` and the `kind_mentions` of the same articles, in text order, each row with
    ``linked_by``: "name" (the entity's own name, as written or in capitals), "alias" (another of its
    names in aliases.csv: "S400", "SAMP-T"), "kind" ("the missile system"; ``antecedent`` says which
    name it refers back to). Extra columns of `mentions` (outlet, sentence) are kept; kind rows get
    them from the same article and sentence where the mentions hold them. `kinds`: the `kind_mentions` of
    these very mentions when already at hand (the annotation cache keeps them), else computed here."""
    named = mentions.copy()
    surface = named["surface"].astype(str)
    own = (surface == named["entity"]) | (surface.str.upper() == named["entity"].astype(str).str.upper()) | \
          (surface == named["entity"].astype(str) + "s")
    named["linked_by"] = np.where(own, "name", "alias")
    named["antecedent"] = ""
    base = mentions[["doc_id", "sent_id", "start", "end", "surface", "entity", "kind", "reading"]]
    kinds = kind_mentions(docs, base, sents, path) if kinds is None else kinds
    if kinds.empty:
        return named
    extra = [c for c in mentions.columns if c not in kinds.columns]
    per_doc = [c for c in extra if mentions.groupby("doc_id")[c].nunique(dropna=False).le(1).all()]
    if per_doc:
        kinds = kinds.merge(mentions.drop_duplicates("doc_id")[["doc_id", *per_doc]], on="doc_id", how="left")
    if "sentence" in mentions.columns:
        text = dict(zip(zip(sents["doc_id"], sents["sent_id"]), sents["text"]))
        kinds["sentence"] = [text.get(k) for k in zip(kinds["doc_id"], kinds["sent_id"])]
    both = pd.concat([named, kinds.drop(columns="antecedent_sent_id")], ignore_index=True)
    return both.sort_values(["doc_id", "start"], kind="stable", ignore_index=True)
