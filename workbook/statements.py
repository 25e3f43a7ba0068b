"""Statements: who said what, to whom, found by reporting verbs.

Takes: the loaded corpus, its sentences and mentions.
Gives: ``statements`` (speaker, verb, content, medium and how the speaker was found, one row per
reported statement), with the pronoun rule the README describes.
Comes after `workbook.mentions` (and uses the name runs of `workbook.candidates`).
"""
from __future__ import annotations

import re

import pandas as pd

from .knowledge import vocabulary as _vocabulary
from .names import CONNECTORS, name_spans

NOT_NAMES = set(_vocabulary()["title"]) | set(_vocabulary()["calendar"])
from .knowledge import ACTOR_KINDS
from .mentions import mentions
from .sentences import sentences

REPORTING_VERBS = ("said says say told tells warned warns insisted added adds stressed accused announced "
                   "described noted explained claimed stated argued declared confirmed denied urged").split()
GROUP_NOUNS = set("""official officials source sources expert experts analyst analysts observer observers diplomat
diplomats spokesman spokeswoman spokesperson aides critics lawmakers people journalists media""".split())
STATEMENT_COLUMNS = ["doc_id", "sent_id", "speaker", "speaker_surface", "speaker_affiliation", "verb", "content",
                     "medium", "pattern", "resolved", "sentence"]
_VERB = re.compile(r"\b(" + "|".join(REPORTING_VERBS) + r")\b")
_BEFORE_VERB = re.compile(r"(?:\s+(?:has|have|had|also|later|earlier|last|this|next|week|month|year|on|[A-Z]\w+day))*\s*$")
_LEAD = re.compile(r"^(?:and|but|while|whereas|so)\s+", re.I)
_SUBORDINATE = re.compile(r"^.*\b(?:after|before|when|because|since|although|though|that|where|if)\s+")
_TOLD = re.compile(r"\s+((?:me|him|her|us|them)\b|(?:(?!(?:that|on|in|at|last|earlier)\b)[\w.'’-]+ ?){1,5})")
_VIA = re.compile(r"\b(?:in an interview with|speaking to|according to|in a statement to)\s+"
                  r"((?:(?!(?:that|on|in|last)\b)[\w.'’-]+ ?){1,5})|\b(at an? (?:news|press) conference)")
_TRIVIAL_TAIL = re.compile(r"^(?:\s*of\b[^,]*|\s*(?:on|in|at|last|earlier|late|this|to|during)\b(?:(?!\bthat\b)[^,])*)?"
                           r"\s*(?:,\s*(?:adding|speaking|saying|citing|according|although|while)\b.*)?[\s.”\"’]*$")
_DATELINE = re.compile(r"^[A-Z][A-Z ]+(?:, [A-Z][\w ]+)? \([^)]*\) [-–—] ")
# "no say", "a say in", "the final say": after a determiner, "say" is a noun, not a reporting verb.
_DETERMINER = re.compile(r"\b(?:a|an|the|no|any|some|his|her|its|their|our|my|your|whose)"
                         r"(?:\s+(?:final|last|real|big|bigger|greater|equal|little|much|more|direct))?\s+$", re.I)
_AFTER_CONTENT = re.compile(r"[,”\"’]\s*$")       # "“...,” said X" / "..., said X": the content stands before the verb
_INVERTIBLE = set("said says added adds insisted stressed noted explained claimed stated argued declared".split())
_PHRASE_END = re.compile(r"[,;:()“”\"—]|\.?\s*$")


def statements(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Who said what: one row per attributed statement, found around reporting verbs.

    Patterns: speaker first ("X said (that) ...", "X told Reuters ..."),
    content first ("“...,” X said.", "..., X, a former ..., told Y."), and
    coordinated ("..., and Y said ..."). The speaker is the last person named
    in the words before the verb; else an unnamed group ("US officials", "the
    sources": speaker "", the country or body named inside it in
    `speaker_affiliation`); else an organisation or country ("Moscow said",
    "Reuters news agency said"). He/she is resolved by `_pronoun` only where
    exactly one person fits.

    Returns
    -------
    DataFrame with STATEMENT_COLUMNS. `pattern` is "speaker first" or "content
    first"; `resolved` says how the speaker was found: "named", "unnamed:
    <words>", "pronoun: nearest preceding person" or "unresolved: <reason>".
    Pass ``sents=sentences(docs)`` when you have them, to split the text only once.
    """
    sents = sentences(docs) if sents is None else sents
    ments = mentions(docs, path, sents=sents)
    by_sent = dict(list(ments.groupby(["doc_id", "sent_id"])))
    rows = []
    for s in sents.itertuples():
        for found in _sentence_statements(s.text, by_sent.get((s.doc_id, s.sent_id), ments.iloc[:0]), s.start):
            rows.append({"doc_id": s.doc_id, "sent_id": s.sent_id, **found, "sentence": s.text})
    table = pd.DataFrame(rows, columns=STATEMENT_COLUMNS + ["_at"])
    persons = ments[ments["kind"] == "person"]
    headings = {(s.doc_id, s.sent_id) for s in sents.itertuples() if not re.search(r"[.?!”\"’)]$", s.text)}
    for i in table.index[table["resolved"] == "pronoun"]:
        table.loc[i, ["speaker", "resolved"]] = _pronoun(table, i, persons, headings)
    return table.drop(columns="_at")


def _sentence_statements(text: str, ments: pd.DataFrame, offset: int) -> list[dict]:
    """The statements of one sentence (see `statements`); `ments` are its mentions, `offset` its start."""
    spans = list(zip(ments["start"] - offset, ments["end"] - offset, ments["entity"], ments["kind"]))
    verbs = [m for m in _VERB.finditer(text) if not _DETERMINER.search(text, 0, m.start())]   # not "had no say"
    cands = [c for m in verbs if (c := _inverted(text, m, spans) or _speaker(text, m, spans))]
    content_first = next((c for c in cands if c["inverted"] and text[:c["start"]].strip(" ,“”\"’")
                          or _TRIVIAL_TAIL.match(text[c["verb_end"] + c["medium_skip"]:])
                          and len(text[:c["start"]].split()) >= 4), None)
    found = []
    for c in cands:
        last = found[-1] if found else None
        if content_first and c["start"] < content_first["start"]:
            continue                                    # a verb inside the content of "“...,” X said."
        if c is content_first:
            content = _DATELINE.sub("", text[:c["content_end"]]).strip(" ,;:“”\"—")
            c.update(pattern="content first", content=content)
        elif last and last["pattern"] == "speaker first" and not c["coordinated"]:
            continue                                    # reported speech nested in the previous statement
        else:
            if last and last["pattern"] == "speaker first":  # "X said ..., and Y said ...": X's content ends at Y
                cut = text[last["content_at"]:c["start"]]
                last["content"] = re.sub(r"[\s,;]*(?:and|but|while|whereas)?\s*$", "", cut).strip(" “”\"")
            body = text[c["verb_end"] + c["medium_skip"]:]
            lead = re.match(r"^[^,;“”\"]{0,40}?\bthat\s+", body)        # "told Reuters on Monday that"
            at = c["verb_end"] + c["medium_skip"] + (lead.end() if lead else 0)
            c.update(pattern="speaker first", content=text[at:].strip(" ,.;“”\""), content_at=at)
        found.append(c)
    return [{k: c[k] for k in STATEMENT_COLUMNS[2:-1]} | {"_at": offset + c["start"]} for c in found]


def _speaker(text: str, verb: re.Match, spans: list) -> dict | None:
    """The speaker of a reporting verb, or None when the words before it cannot be one.

    Those words run back to a comma, quote, bracket or dash; a description
    there ("X, an analyst at Y, said") is skipped when a name stands before it.
    """
    before = text[:verb.start()]
    before = before[:len(before) - len(_BEFORE_VERB.search(before).group())]      # "has also", "last week"
    pieces = [m.span() for m in re.finditer(r"[^,;:()“”\"—]+", before) if m.group().strip()]
    if not pieces:
        return None
    p = len(pieces) - 1                                 # the piece that holds the speaker
    if text[slice(*pieces[p])].strip()[:1].islower() and p and _names_someone(text, *pieces[p - 1], spans):
        p -= 1                                          # skip the appositive: "X, an analyst at Y, said"
    (a, b), content_end = pieces[p], pieces[p][0]
    raw = text[a:b].strip()
    phrase = _SUBORDINATE.sub("", _LEAD.sub("", raw)).lstrip("-–— ")         # "ISTANBUL (Reuters) - X said"
    if not phrase or len(phrase.split()) > 8:
        return None
    a = text.rindex(phrase, 0, b + 1)
    b = a + len(phrase)
    who = _who(text, a, b, spans)
    short_name = who and who["resolved"] == "named" and len(phrase.split()) <= 3     # "Russia's defence ministry"
    if not who or not (_ends_with_name(text, a, b, spans) or phrase.split()[-1].lower() in GROUP_NOUNS
                       or who["resolved"] == "pronoun" or short_name or who["resolved"].startswith("unresolved")):
        return None                                     # "X did not give details but said"
    if _names_a_person(a, b, spans) and p and re.match(r"\s*(?:the|a|an) [a-z]", text[slice(*pieces[p - 1])]) \
            and _ends_with_name(text, *pieces[p - 1], spans):
        content_end = pieces[p - 1][0]                  # "..., the head of X, Alexander Y, said": not content
    medium, skip = _medium(text, verb, spans)
    return {**who, "speaker_surface": phrase, "verb": verb.group(1), "medium": medium, "medium_skip": skip,
            "start": a, "content_end": content_end, "verb_end": verb.end(), "inverted": False,
            "coordinated": raw != phrase and bool(_LEAD.match(raw))}


def _inverted(text: str, verb: re.Match, spans: list) -> dict | None:
    """The speaker named after the verb: "“We will not back down,” said Erdogan." / "..., said US officials".

    Only where the content ends right before the verb (a comma or closing
    quote) and the words after it, up to the next comma or the sentence end,
    are a name (capitalised words, "of", "the" ...) or a group ("said a senior
    US official").
    """
    if verb.group(1) not in _INVERTIBLE or not _AFTER_CONTENT.search(text, 0, verb.start()):
        return None
    a = verb.end() + len(text[verb.end():]) - len(text[verb.end():].lstrip())
    b = _PHRASE_END.search(text, a).start()
    words = text[a:b].split()
    if not words or len(words) > 8:
        return None
    group = words[-1].lower() in GROUP_NOUNS
    name = _ends_with_name(text, a, b, spans) and all(w[:1].isupper() or w in CONNECTORS for w in words)
    who = _who(text, a, b, spans) if group or name else None
    if not who:
        return None
    return {**who, "speaker_surface": text[a:b], "verb": verb.group(1), "medium": "", "medium_skip": 0,
            "start": verb.start(), "content_end": verb.start(), "verb_end": b, "inverted": True, "coordinated": False}


def _who(text: str, a: int, b: int, spans: list) -> dict | None:
    """Whom the words text[a:b] name as speaker: the last person named; else an unnamed group
    (with the country or body inside it); else an organisation or country; he/she -> "pronoun"."""
    phrase = text[a:b]
    inside = [(ent, kind) for s, e, ent, kind in spans if s >= a and e <= b]
    persons = [ent for ent, kind in inside if kind == "person"]
    named = [ent for ent, kind in inside if kind in ACTOR_KINDS]
    if phrase.lower() in ("he", "she"):
        return {"speaker": "", "resolved": "pronoun", "speaker_affiliation": ""}
    if persons:
        return {"speaker": persons[-1], "resolved": "named", "speaker_affiliation": ""}
    if _group(phrase):
        return {"speaker": "", "resolved": f"unnamed: {phrase}", "speaker_affiliation": named[0] if named else ""}
    unknown = _unknown_name_at_end(phrase, [(s - a, e - a) for s, e, _, _ in spans if s >= a and e <= b])
    if unknown:
        return {"speaker": "", "resolved": f"unresolved: unknown name '{unknown}' (add it to entities.csv)",
                "speaker_affiliation": named[0] if named else ""}
    if named:
        return {"speaker": named[-1], "resolved": "named", "speaker_affiliation": ""}
    return None


def _unknown_name_at_end(phrase: str, spans: list) -> str:
    """The capitalised name that ends `phrase` when no known alias covers it ("Hulusi Akar"), else ""."""
    runs = list(name_spans(phrase))
    if not runs or runs[-1][-1].end() != len(phrase.rstrip()):
        return ""
    words = [t for t in runs[-1] if t.group() not in NOT_NAMES and t.group() not in CONNECTORS
             and not any(s <= t.start() < e for s, e in spans)]
    return phrase[words[0].start():runs[-1][-1].end()] if words and words[-1] is runs[-1][-1] else ""


def _names_a_person(a: int, b: int, spans: list) -> bool:
    return any(s >= a and e <= b and kind == "person" for s, e, _, kind in spans)


def _group(phrase: str) -> bool:
    """True for an unnamed group of speakers: 'US officials', 'observers in Russia', 'the sources'."""
    return bool(GROUP_NOUNS & set(re.findall(r"[a-z]+", phrase.lower())))


def _names_someone(text: str, a: int, b: int, spans: list) -> bool:
    """True when text[a:b] ends with a name or a group noun ('Makienko', 'US officials')."""
    words = text[a:b].split()
    return _ends_with_name(text, a, b, spans) or bool(words) and words[-1].lower() in GROUP_NOUNS


def _ends_with_name(text: str, a: int, b: int, spans: list) -> bool:
    """True when text[a:b] ends with a mention of a person, organisation, country or alliance."""
    b = a + len(text[a:b].rstrip())
    return any(e == b and s >= a and kind in ACTOR_KINDS for s, e, _, kind in spans)


def _medium(text: str, verb: re.Match, spans: list) -> tuple[str, int]:
    """Whom or where a statement was given, and how many characters after the verb that takes.

    "told Reuters" -> the entity Reuters; "told reporters", "at a news
    conference" -> the words; "in an interview with RIA" -> RIA Novosti.
    """
    m = _TOLD.match(text, verb.end()) if verb.group(1) in ("told", "tells") else None
    m = m or _VIA.search(text, verb.end())
    if not m:
        return "", 0
    group = 1 if m.group(1) else 2
    named = [ent for s, e, ent, _ in spans if s >= m.start(group) and e <= m.end(group)]
    skip = m.end(group) - verb.end() if m.re is _TOLD else 0
    return (named[-1] if named else m.group(group).strip(" .")), skip


def _pronoun(table: pd.DataFrame, i: int, persons: pd.DataFrame, headings: set) -> tuple[str, str]:
    """Resolve a he/she speaker to one person, or say why not.

    Rule: look back from the pronoun to the sentence of the article's
    previous statement (its speaker counts) if that lies within three
    sentences, else to the previous sentence only; never past a heading.
    Exactly one distinct person named there -> that person; otherwise the
    speaker stays empty and `resolved` gives the reason (also when the
    previous statement's speaker is a name the tables do not know yet).
    """
    doc, sent, at = table.loc[i, ["doc_id", "sent_id", "_at"]]
    earlier = table[(table["doc_id"] == doc) & (table["_at"] < at)]
    recent = earlier[earlier["sent_id"] >= sent - 3].tail(1)
    if len(recent) and recent["resolved"].iloc[0].startswith("unresolved: unknown name"):
        return "", f"unresolved: the previous statement's speaker '{recent['speaker_surface'].iloc[0]}' is not known"
    first = int(recent["sent_id"].iloc[0]) if len(recent) else sent - 1
    first = max([first] + [h + 1 for d, h in headings if d == doc and first <= h < sent])
    named = persons[(persons["doc_id"] == doc) & persons["sent_id"].between(first, sent) & (persons["start"] < at)]
    speaker = recent["speaker"][recent["speaker"].isin(persons["entity"]) & (recent["sent_id"] >= first)]
    found = list(dict.fromkeys([*speaker, *named["entity"]]))
    if len(found) == 1:
        return found[0], "pronoun: nearest preceding person"
    if not found:
        return "", "unresolved: no person named since the previous statement or in the previous sentence"
    return "", f"unresolved: {len(found)} persons named since the previous statement: {', '.join(found)}"
