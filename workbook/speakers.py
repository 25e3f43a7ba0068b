"""Speakers: whom the words before (or after) a reporting verb name, and whom "he", "the minister",
"the ministry" or "the report" refer back to.

Takes: the sentences, all mentions and the candidate names of `workbook.candidates` (names the tables
do not know yet), and the noun lists of `workbook.knowledge.vocabulary` (group_noun, role_noun,
body_noun, source_document, title).
Gives: ``Actor`` (a name in a sentence, known or not), ``Who`` (a speaker as found), ``actors_by_sentence``,
``who`` (the speaker of a phrase) and ``refer_back`` (the article pass for pronouns and definite roles).
Comes after `workbook.candidates`; `workbook.statements` uses it.

A speaker is, in this order: the last person named in the phrase (known, or a new name the tables do not
know yet: it is the speaker by name); an unnamed group ("US officials"), one person by role ("a senior
official", "the Turkish foreign minister"), a body ("the ministry", "the Turkish presidency") or a document
("the report"), each kept with its words and the country or body named in them; a new organisation's
name; a known organisation or country. "He"/"she" and "the <role>" are settled afterwards, over the article.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from .knowledge import ACTOR_KINDS, entities

NEW_NAME = "new name: not in entities.csv yet"
GENERIC_ROLES = {"official", "source"}     # "the official" right after a named official spoke is that person


@dataclass(frozen=True)
class Actor:
    """A name in a sentence (offsets within the sentence): a linked mention or a candidate name."""
    start: int
    end: int
    name: str
    kind: str
    known: bool
    role: str = ""
    affiliation: str = ""


@dataclass
class Who:
    """A speaker as found in one statement; `refer` asks the article pass to look back ("role:minister")."""
    speaker: str = ""
    resolved: str = ""
    known: bool = False
    role: str = ""
    affiliation: str = ""
    person: bool = False
    refer: str = ""


def actors_by_sentence(sents: pd.DataFrame, found: pd.DataFrame, occ: pd.DataFrame) -> dict:
    """{(doc_id, sent_id): [Actor, ...]} from linked mentions (`found`, settled only) and candidate
    occurrences (`occ`, from `candidate_sentences`), in text order."""
    start_of = dict(zip(zip(sents["doc_id"], sents["sent_id"]), sents["start"]))
    out = defaultdict(list)
    settled = found[~found["kind"].isin(["ambiguous", "unlinked"])]
    for d, s, a, b, e, k in zip(settled["doc_id"], settled["sent_id"], settled["start"], settled["end"],
                                settled["entity"], settled["kind"]):
        off = start_of[(d, s)]
        out[(d, s)].append(Actor(a - off, b - off, e, k, True))
    names = occ[~occ["kind"].isin(["ambiguous", "weapon_system"])]
    for d, s, a, b, n, k, r, f in zip(names["doc_id"], names["sent_id"], names["start"], names["end"],
                                      names["surface"], names["kind"], names["role"], names["affiliation"]):
        off = start_of[(d, s)]
        out[(d, s)].append(Actor(a - off, b - off, n, k, False, r, f))
    return {k: sorted(v, key=lambda x: x.start) for k, v in out.items()}


class SpeakerRules:
    """The speaker rules compiled from one state of vocabulary.csv and entities.csv."""

    def __init__(self, vocab: dict, path=None):
        self.groups = set(vocab["group_noun"])
        self.roles = set(vocab["role_noun"])
        self.bodies = set(vocab["body_noun"])
        self.documents = set(vocab["source_document"])
        self.titles = {t.rstrip(".") for t in vocab["title"]}
        ents = entities(path)
        self.entity_role = dict(zip(ents["entity"], ents["role"]))
        self.entity_affiliation = dict(zip(ents["entity"], ents["affiliation"]))

    def is_group(self, phrase: str) -> bool:
        return bool(self.groups & set(re.findall(r"[a-z]+", phrase.lower())))

    def names_someone(self, text: str, a: int, b: int, actors: list) -> bool:
        """Does text[a:b] end with a name, a group or a role ("Makienko", "US officials", "a senior official")?"""
        b = a + len(text[a:b].rstrip(" )"))
        words = text[a:b].lower().split()
        return any(x.end == b and x.start >= a and (x.kind in ACTOR_KINDS or not x.known) for x in actors) or \
            bool(words) and (words[-1] in self.groups or words[-1] in self.roles)

    def ends_with_name(self, text: str, a: int, b: int, actors: list) -> bool:
        b = a + len(text[a:b].rstrip(" )"))
        return any(x.end == b and x.start >= a and (x.kind in ACTOR_KINDS or not x.known) for x in actors)

    def who(self, text: str, a: int, b: int, actors: list) -> Who | None:
        """Whom the words text[a:b] name as speaker (see the module docstring), or None."""
        phrase = text[a:b].strip()
        low = phrase.lower()
        if low in ("he", "she"):
            return Who(resolved="pronoun", person=True)
        inside = [x for x in actors if x.start >= a and x.end <= b]
        persons = [x for x in inside if x.kind == "person"]
        if persons:
            p = persons[-1]
            role, affiliation = self._title_before(text, a, p, inside)
            if p.known:
                role = role or self.entity_role.get(p.name, "")
                affiliation = affiliation or self.entity_affiliation.get(p.name, "")
            return Who(p.name, "named" if p.known else NEW_NAME, p.known, role or p.role,
                       affiliation or p.affiliation, True)
        words = re.findall(r"[a-z]+", low)
        bodies = [x for x in inside if x.kind in ("organization", "country", "alliance") and x.known]
        bodies = bodies or [x for x in inside if not x.known and x.kind != "person"]    # a known body first
        affiliation = bodies[-1].name if bodies else ""
        definite = bool(re.match(r"(?:the|this|that)\b", low))
        if self.is_group(phrase):
            return Who(resolved=f"unnamed: {phrase}", affiliation=bodies[0].name if bodies else "")
        noun = next((w for w in reversed(words) if w in self.roles), "")
        if noun:
            return Who(resolved=f"unnamed: {phrase}", affiliation=affiliation, person=True,
                       refer=f"role:{noun}" if definite else "")
        noun = next((w for w in reversed(words) if w in self.documents), "")
        if noun:
            return Who(resolved=f"unnamed: {phrase}", affiliation=affiliation,
                       refer=f"document:{noun}" if definite else "")
        noun = words[-1] if words and words[-1] in self.bodies else ""
        orgs = [x for x in inside if x.kind == "organization" or not x.known and x.kind != "person"]
        if noun and not orgs:                              # "the ministry", "the Turkish presidency"
            return Who(resolved=f"unnamed: {phrase}", affiliation=affiliation,
                       refer=f"body:{noun}" if definite and not bodies else "")
        named = [x for x in inside if x.kind in ACTOR_KINDS or not x.known]
        if named:
            x = named[-1]
            if len(named) > 1 and re.match(r"\s*\($", text[named[-2].end:x.start]):
                x = named[-2]                               # "the Federal Service ... (FSVTS)": the name, not its acronym
            person = x.kind == "person" or not x.known and not x.kind and 2 <= len(x.name.split()) <= 3
            return Who(x.name, "named" if x.known else NEW_NAME, x.known, x.role, x.affiliation, person)
        return None

    def _title_before(self, text: str, a: int, person: Actor, inside: list) -> tuple[str, str]:
        """The title or role words right before a person in the phrase, and the body named before them:
        "Turkish Foreign Minister Mevlut Cavusoglu" -> ("Foreign Minister", "Turkey");
        "Kremlin spokesman Dmitry Peskov" -> ("spokesman", "Kremlin")."""
        prev = [x for x in inside if x.end <= person.start]
        start = prev[-1].end if prev else a
        words = text[start:person.start].split()
        marks = [i for i, w in enumerate(words) if w.rstrip(".") in self.titles or w.lower() in self.roles]
        role = words[marks[0]:marks[-1] + 1] if marks else []              # "Secretary of State", as written
        affiliation = prev[-1].name if prev and (prev[-1].kind in ("country", "organization", "alliance")
                                                 or not prev[-1].known) else ""
        return " ".join(role), affiliation


def refer_back(table: pd.DataFrame, persons: pd.DataFrame, bodies: pd.DataFrame, headings: set) -> None:
    """Settle, in place and in text order per article, the speakers that point back: "he"/"she" (see
    `_pronoun`), "the <role>" (the one person named earlier in the article with that role, and the same
    affiliation where the phrase gives one), "the <body>" (affiliated with the last body named with
    that word), "the <document>" (the body of the last document quoted).

    `table`: statements with _at, _refer, _person; `persons`: doc_id, sent_id, at, person, role,
    affiliation, known (every person named, with the title or role the text or entities.csv gives);
    `bodies`: doc_id, at, name (every organisation named); `headings`: (doc_id, sent_id) of lines that are headings (no pronoun looks past them).
    """
    for i in table.index:
        refer = table.at[i, "_refer"]
        if table.at[i, "resolved"] == "pronoun":
            speaker, resolved, known, affiliation = _pronoun(table, i, persons, headings)
            table.loc[i, ["speaker", "resolved", "speaker_known"]] = speaker, resolved, known
            if affiliation and not table.at[i, "speaker_affiliation"]:
                table.at[i, "speaker_affiliation"] = affiliation
            continue
        if not refer:
            continue
        what, noun = refer.split(":", 1)
        doc, at = table.at[i, "doc_id"], table.at[i, "_at"]
        if what == "role":
            earlier = persons[(persons["doc_id"] == doc) & (persons["at"] < at)
                              & persons["role"].str.lower().str.contains(rf"\b{re.escape(noun)}\b", regex=True)]
            affiliation = table.at[i, "speaker_affiliation"]
            if affiliation:
                earlier = earlier[earlier["affiliation"] == affiliation]
            found = list(dict.fromkeys(earlier["person"]))
            if len(found) == 1:
                row = earlier[earlier["person"] == found[0]].iloc[-1]
                table.loc[i, ["speaker", "speaker_known", "speaker_role"]] = found[0], bool(row["known"]), row["role"]
                table.at[i, "resolved"] = f"role: '{table.at[i, 'speaker_surface']}' is {found[0]}, named earlier as {row['role']}"
                table.at[i, "speaker_affiliation"] = affiliation or row["affiliation"]
                continue
            before = table[(table["doc_id"] == doc) & (table["_at"] < at) & (table["speaker"] == "")
                           & table["speaker_surface"].str.lower().str.contains(rf"\b{re.escape(noun)}\b", regex=True)]
            if len(before) and not affiliation:                # "The official said": the official quoted before
                table.at[i, "speaker_affiliation"] = before["speaker_affiliation"].iloc[-1]
            previous = table[(table["doc_id"] == doc) & (table["_at"] < at)].tail(1)
            if noun in GENERIC_ROLES and not len(before) and len(previous) and previous["_person"].iloc[0] \
                    and previous["speaker"].iloc[0] and previous["sent_id"].iloc[0] >= table.at[i, "sent_id"] - 3:
                name = previous["speaker"].iloc[0]              # "X said ... According to the official, ..."
                table.loc[i, ["speaker", "speaker_known", "speaker_role"]] = (name, bool(previous["speaker_known"].iloc[0]),
                                                                              previous["speaker_role"].iloc[0])
                table.at[i, "resolved"] = f"role: '{table.at[i, 'speaker_surface']}' is {name}, the previous speaker"
        elif what == "body" and not table.at[i, "speaker_affiliation"]:
            named = bodies[(bodies["doc_id"] == doc) & (bodies["at"] < at)
                           & bodies["name"].str.lower().str.contains(rf"\b{re.escape(noun)}\b", regex=True)]
            if len(named):
                table.at[i, "speaker_affiliation"] = named["name"].iloc[-1]
        elif what == "document" and not table.at[i, "speaker_affiliation"]:
            before = table[(table["doc_id"] == doc) & (table["_at"] < at)
                           & table["speaker_surface"].str.lower().str.contains(rf"\b{re.escape(noun)}\b", regex=True)]
            if len(before):
                table.at[i, "speaker_affiliation"] = before["speaker_affiliation"].iloc[-1]


def _pronoun(table: pd.DataFrame, i: int, persons: pd.DataFrame, headings: set) -> tuple[str, str, bool, str]:
    """Resolve a he/she speaker to one person, or say why not: (speaker, resolved, known, affiliation).

    Rule: look back from the pronoun to the sentence of the article's previous statement (its speaker
    counts) if that lies within three sentences, else to the previous sentence only; never past a
    heading. Exactly one distinct person named there -> that person (a name the tables do not know yet
    counts like any other); none named but the previous statement's speaker is one unnamed person ("a
    senior official said") -> that speaker's words; otherwise the speaker stays empty and `resolved`
    gives the reason.
    """
    doc, sent, at = table.loc[i, ["doc_id", "sent_id", "_at"]]
    earlier = table[(table["doc_id"] == doc) & (table["_at"] < at)]
    recent = earlier[earlier["sent_id"] >= sent - 3].tail(1)
    first = int(recent["sent_id"].iloc[0]) if len(recent) else sent - 1
    first = max([first] + [h + 1 for d, h in headings if d == doc and first <= h < sent])
    named = persons[(persons["doc_id"] == doc) & persons["sent_id"].between(first, sent) & (persons["at"] < at)]
    speaker = recent[recent["_person"] & (recent["speaker"] != "") & (recent["sent_id"] >= first)]
    found = list(dict.fromkeys([*speaker["speaker"], *named["person"]]))
    known = dict(zip(named["person"], named["known"])) | dict(zip(speaker["speaker"], speaker["speaker_known"]))
    if len(found) == 1:
        how = "pronoun: nearest preceding person" + ("" if known.get(found[0], True) else " (not in entities.csv yet)")
        return found[0], how, bool(known.get(found[0], True)), ""
    if not found and len(recent) and recent["_person"].iloc[0] and recent["sent_id"].iloc[0] >= first:
        return "", f"pronoun: the previous speaker, '{recent['speaker_surface'].iloc[0]}'", False, \
            recent["speaker_affiliation"].iloc[0]
    if not found:
        return "", "unresolved: no person named since the previous statement or in the previous sentence", False, ""
    return "", f"unresolved: {len(found)} persons named since the previous statement: {', '.join(found)}", False, ""
