"""Attribution chains: which outlet has its words from which other outlet or source.

Takes: the loaded corpus, its sentences and mentions, the cues of ``corpus/attribution.csv``,
and the catalog's outlet names ("Site (reposting Original)" marks a repost).
Gives: ``attribution_cues`` (the table, validated), ``attributions`` (one row per cue found:
who passes the words on -> the source they name, with the sentence), ``outlet_entity``
(the entity a catalog outlet name stands for) and ``news_outlets``.
Comes after `workbook.mentions`; notebook 05 uses it.

A cue is written as words with ``{source}`` where the source's name stands: "told {source}",
"according to {source}", "{source} reported". The name is read from the words next to the cue,
up to a punctuation mark or a word that ends a name ("in", "on", "that", ...): the last known
entity there (an organisation or person before a country), else a run of capitalised words (a
name the tables do not know yet; add it to entities.csv). "told reporters" names nobody and gives
no row. A cue whose `needs` is "news outlet" counts only when that name is a news outlet: an
entity whose role in entities.csv names a news medium, or the outlet of an article of the corpus
("Stoltenberg said" is a statement, "Reuters news agency said" a citation).

Cues are "channel" (the medium a speaker gave the words to: "told Bloomberg") or "relay" (where
the reporting outlet has them from: "according to Sputnik"). In a sentence holding both ("X told
Vzglyad, according to Sputnik") the channel hangs off the relay: Sputnik -> Vzglyad, and the
outlet -> Sputnik. A repost's own text is told by the original it reposts.
"""
from __future__ import annotations

import re

import pandas as pd

from ..files import CorpusError, read_table, table_file, where
from ..knowledge import aliases, entities

ATTRIBUTION_COLUMNS = ["doc_id", "sent_id", "outlet", "teller", "source", "source_entity", "kind", "role", "cue",
                       "own", "sentence"]
ROLES = ("channel", "relay")
NEEDS = ("any", "news outlet")
MEDIA_ROLE = re.compile(r"\b(?:news|press|broadcaster|magazine|newspaper|website|site|outlet|television|tv|radio|"
                        r"wire|journal|daily)\b", re.I)
REPOST = re.compile(r"^(?P<site>.*?)\s*\((?:reposting|republishing|reprinting)\s+(?P<original>[^)]+)\)\s*$", re.I)
_NAME_ENDS = set("""that on in at last as when after before earlier late which who whom while but said says say from
during this since about over if because until with to by""".split())
_WORD = re.compile(r"\S+")
_STOP = re.compile(r"[,.;:!?()\[\]“”\"—–]")
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|the|for|and|de|al)\s+)?[A-Z][\w'’.-]*)*")


def attribution_cues(path=None) -> pd.DataFrame:
    """The cues of corpus/attribution.csv, validated, each with its compiled `regex` and `side`
    ("after": the name follows the cue, "before": it precedes it)."""
    file = table_file("attribution.csv", path)
    table = read_table("attribution.csv", path, ("cue", "kind", "role", "needs"))
    problems, regexes, sides = [], [], []
    for line, row in zip(table.index + 2, table.to_dict("records")):
        at = where(file, line, row["cue"])
        words = row["cue"].replace("{source}", " ").split()
        if row["cue"].count("{source}") != 1 or not words or not (row["cue"].startswith("{source}")
                                                                  or row["cue"].endswith("{source}")):
            problems.append(f"{at}: cue must be words with {{source}} once, at its start or end (e.g. 'told {{source}}')")
        if not row["kind"]:
            problems.append(f"{at}: kind is empty; name the kind of attribution (e.g. 'according to')")
        if row["role"] not in ROLES:
            problems.append(f"{at}: role '{row['role']}' must be one of {', '.join(ROLES)}")
        if row["needs"] not in NEEDS:
            problems.append(f"{at}: needs '{row['needs']}' must be one of {', '.join(NEEDS)}")
        # the cue's words as written, case-insensitive, any spacing between them
        regexes.append(re.compile(r"(?i:\b" + r"\s+".join(map(re.escape, words)) + r"\b)"))
        sides.append("before" if row["cue"].startswith("{source}") else "after")
    for cue in table["cue"][table["cue"].duplicated()]:
        problems.append(f"{where(file)}: cue '{cue}' has more than one row; keep one")
    if problems:
        raise CorpusError(problems)
    return table.assign(regex=regexes, side=sides)


def outlet_entity(outlet: str, names: dict) -> str:
    """The entity a catalog outlet name stands for ("Global Research (reposting X)" -> Global Research),
    else the name itself. `names` maps aliases to entities (case-sensitive, as mentions match)."""
    base = REPOST.match(outlet).group("site") if REPOST.match(outlet) else outlet
    return names.get(outlet) or names.get(base) or names.get(base.split(" (")[0].strip()) or base


def news_outlets(ents: pd.DataFrame, outlets: set) -> set:
    """The entities a "news outlet" cue accepts: those whose role in entities.csv names a news
    medium, and the outlets of the corpus."""
    return set(ents.loc[ents["role"].str.contains(MEDIA_ROLE), "entity"]) | set(outlets)


def attributions(docs: pd.DataFrame, sents: pd.DataFrame, ments: pd.DataFrame, path=None) -> pd.DataFrame:
    """Every attribution cue found in the text, as an edge teller -> source.

    Returns ATTRIBUTION_COLUMNS: `outlet` (the article's, as catalogued), `teller` (who passes the
    words on: the outlet, the original a repost reposts, or the relay a channel hangs off), `source`
    (the name as an entity, or as written when the tables do not know it), `source_entity` ("" for
    a name not in entities.csv), `kind` and `role` (from the cue's row), `cue` (the words matched),
    `own` (the source is the teller itself: "told Reuters" in a Reuters report) and the sentence.
    Also one row per repost named in the catalog (kind "reposts", sent_id <NA>, sentence: the
    catalog's outlet name).
    """
    cues = attribution_cues(path)
    ents = entities(path)
    names = dict(zip(*aliases(path)[["alias", "entity"]].to_numpy().T))
    meta = docs.set_index("doc_id")["outlet"]
    news = news_outlets(ents, {outlet_entity(o, names) for o in meta})
    outlet_of = dict(meta.items())
    known = set(ents["entity"])
    rows, tellers = [], {}
    for doc_id, outlet in outlet_of.items():
        repost = REPOST.match(outlet)
        tellers[doc_id] = outlet_entity(repost.group("original").strip() if repost else outlet, names)
        if repost:
            rows.append({"doc_id": doc_id, "sent_id": pd.NA, "outlet": outlet, "teller": outlet_entity(outlet, names),
                         "source": tellers[doc_id],
                         "source_entity": tellers[doc_id] if tellers[doc_id] in known else "",
                         "kind": "reposts", "role": "relay", "cue": "catalog: (reposting ...)", "sentence": outlet})
    first_words, cue_rows = _first_words(cues)
    anywhere = any(word == 0 for _, word, *_ in cue_rows)        # a cue looked for in every sentence
    by_sent = {}                                  # (doc_id, sent_id) -> [(start, end, entity, kind)] in the article
    for d, s, *span in zip(*(ments[c].tolist() for c in ("doc_id", "sent_id", "start", "end", "entity", "kind"))):
        by_sent.setdefault((d, s), []).append(span)
    for doc_id, sent_id, start, text in zip(*(sents[c].tolist() for c in ("doc_id", "sent_id", "start", "text"))):
        words_at = {}                             # first word of a cue -> where it stands in the sentence
        for m in first_words.finditer(text):
            words_at.setdefault(m.lastindex, []).append(m.start())
        if not words_at and not anywhere:
            continue
        spans = [(a - start, b - start, ent, kind) for a, b, ent, kind in by_sent.get((doc_id, sent_id), ())]
        found = _one_per_name(_cues_in(text, words_at, spans, cue_rows, news))
        relays = [f for f in found if f["role"] == "relay"]
        for f in found:
            relay = min(relays, key=lambda r: abs(r["at"] - f["at"]), default=None) if f["role"] == "channel" else None
            rows.append({"doc_id": doc_id, "sent_id": sent_id, "outlet": outlet_of[doc_id],
                         "teller": relay["source"] if relay else tellers[doc_id],
                         **{k: f[k] for k in ("source", "source_entity", "kind", "role", "cue")}, "sentence": text})
    table = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
    table["own"] = table["teller"] == table["source"]
    return table.astype({"sent_id": "Int64"}).reset_index(drop=True)


def _first_words(cues: pd.DataFrame) -> tuple[re.Pattern, list[tuple]]:
    """One regex finding the first word of every cue (group k for the k-th distinct word), and per cue
    (regex, k, side, needs, kind, role); k is 0 for a cue whose first word is not ASCII letters and digits
    (looked for with its own regex in every sentence)."""
    firsts = [cue.replace("{source}", " ").split()[0].lower() for cue in cues["cue"]]
    words = list(dict.fromkeys(w for w in firsts if re.fullmatch(r"[A-Za-z0-9]+", w)))
    initials = "".join(sorted({w[0] for w in words}))          # a cheap test before the words are tried
    finder = re.compile(rf"(?i:\b(?=[{initials}])(?:" + "|".join(f"({w})" for w in words) + r")\b)" if words else r"(?!)")
    group = [words.index(w) + 1 if w in words else 0 for w in firsts]
    return finder, list(zip(cues["regex"], group, cues["side"], cues["needs"], cues["kind"], cues["role"]))


def _matches(regex: re.Pattern, text: str, starts) -> list[re.Match]:
    """`regex.finditer(text)`, tried only at `starts` (where its first word stands; None: everywhere).
    A cue matches where its first word does, so this finds the same matches, without scanning the sentence."""
    if starts is None:
        return list(regex.finditer(text))
    out, end = [], 0
    for at in starts:
        m = regex.match(text, at) if at >= end else None
        if m:
            out.append(m)
            end = m.end()
    return out


def _cues_in(text: str, words_at: dict, spans: list, cues: list, news: set) -> list[dict]:
    """Every cue of one sentence that names a source (a news outlet where the cue needs one); `cues`:
    `_first_words`'s rows, `words_at` where each first word stands in the sentence."""
    found = []
    for regex, word, side, needs, kind, role in cues:
        starts = words_at.get(word) if word else None
        if word and not starts:
            continue                              # its first word is not in the sentence
        for m in _matches(regex, text, starts):
            name = _name_after(text, m.end(), spans) if side == "after" else _name_before(text, m.start(), spans)
            if name is None or needs == "news outlet" and not (name[1] and name[0] in news):
                continue
            found.append({"at": m.start(), "source": name[0], "source_entity": name[0] if name[1] else "",
                          "kind": kind, "role": role, "cue": text[m.start():m.end()]})
    return found


def _one_per_name(found: list[dict]) -> list[dict]:
    """Where two cues name the same source at one place ("said in an interview with RIA" and "in an
    interview with RIA"), keep the longer cue."""
    keep = []
    for f in sorted(found, key=lambda f: (f["at"], -len(f["cue"]))):
        if not any(k["source"] == f["source"] and k["at"] <= f["at"] < k["at"] + len(k["cue"]) for k in keep):
            keep.append(f)
    return keep


def _name_after(text: str, at: int, spans: list) -> tuple[str, bool] | None:
    """The name the words after a cue give: (entity, True), (words as written, False) or None."""
    end = _STOP.search(text, at)
    region_end = end.start() if end else len(text)
    for w in _WORD.finditer(text[at:region_end]):                  # cut at a word that ends a name
        a = at + w.start()
        if w.group().lower() in _NAME_ENDS and not any(s <= a < e for s, e, _, _ in spans):
            region_end = a
            break
    region = (at, region_end)
    return _pick(text, region, spans, lead=True)


def _name_before(text: str, at: int, spans: list) -> tuple[str, bool] | None:
    """The name the words before a cue give ("Reuters news agency said"), read back to a
    punctuation mark and at most five words."""
    starts = [m.end() for m in _STOP.finditer(text, 0, at)]
    start = starts[-1] if starts else 0
    words = list(_WORD.finditer(text[start:at]))[-5:]
    region = (start + words[0].start(), at) if words else (at, at)
    return _pick(text, region, spans, lead=False)


def _pick(text: str, region: tuple[int, int], spans: list, lead: bool) -> tuple[str, bool] | None:
    """The name in the region: the last organisation or person named there; else a country or
    alliance that ends it ("according to Moscow", not "according to Turkish officials"); else, where
    no entity is named, a capitalised run of words (the first after a cue, the last before one)."""
    a, b = region
    b = a + len(text[a:b].rstrip())
    inside = [(e, ent, kind) for s, e, ent, kind in spans if s >= a and e <= b]
    named = [ent for _, ent, kind in inside if kind in ("organization", "person")]
    if named:
        return named[-1], True
    last = [ent for e, ent, kind in inside if kind in ("country", "alliance") and e == b]
    if last:
        return last[0], True
    runs = list(_CAPITALISED.finditer(text, a, b))
    if runs and not inside:
        return (runs[0] if lead else runs[-1]).group().strip(), False
    return None
