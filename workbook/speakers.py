"""Speakers: whom the words before (or after) a reporting verb name, and whom "he", "the minister",
"the ministry" or "the report" refer back to.

Takes: the sentences, all mentions and the candidate names of `workbook.candidates` (names the tables
do not know yet), and the word lists of `workbook.knowledge.vocabulary` (group_noun, role_noun,
body_noun, source_document, title, generic_role, head_role, heading_title, subordinate_title,
company_title, company_noun, thing_cue, spelling).
Gives: ``Actor`` (a name in a sentence, known or not), ``Who`` (a speaker as found), ``RoleRef`` (what a
role-named speaker asks of its person), ``actors_by_sentence``, ``who`` (the speaker of a phrase),
``fits`` (may a person named with a role be that speaker) and ``refer_back`` (the article pass for
pronouns and roles). Comes after `workbook.candidates`; `workbook.statements` uses it.

A speaker is, in this order: the one a role serves, unnamed ("A spokesman for Hulusi Akar", "Erdogan's
spokesman"); the last
person named in the phrase (known, or a new name the tables do not know yet: it is the speaker by name);
an unnamed group ("US officials"), one person by role ("a senior official", "the Turkish foreign
minister", "Rostec chief"), a body ("the ministry", "the Turkish presidency") or a document ("the
report"), each kept with its words and the country or body named in them; a new organisation's name; a
known organisation or country. "He"/"she" and a role that is not indefinite are settled afterwards, over
the article: a role is the one person the article ties to it by title or apposition, named before it
(or, in a headline or the lead, after it), or the full name opening the sentence after the lead.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from .knowledge import ACTOR_KINDS, aliases, entities

NEW_NAME = "new name: not in entities.csv yet"
# a role that may be anyone holding it: "a senior official", "one minister", "another diplomat"
_INDEFINITE = re.compile(r"(?:a|an|one|another|some|any|several|many|other|two|three|four|five|no)\b")
# "A spokesman for (Defense Minister) Yasar Guler": a role, "for"/"to", titles only, then the person served
_SERVES = re.compile(r"\s*(?:a|an|the|one)\s+(?:[\w-]+\s+){0,3}?(\w+)\s+(?:for|to)\s+(?:the\s+)?((?:[\w.'’-]+\s+){0,4})",
                     re.I)
_OWNED_ROLE = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,3}?(\w+)")          # "Erdogan's (chief) spokesman"
# "the head of the Federal Service ...", "Rostec's chief executive", "its director": a role that a name may follow
_ROLE_PIECE = re.compile(r"(?:the|its|his|her|their|[\w.-]+['’]s)\s+(?:[\w-]+\s+){0,3}?(\w+)(?:\s+(?:of|at|for)\s+.{2,80})?",
                         re.I)
_OF_BODY = re.compile(r"\bof\s+(?:the|its|this|that)\s+(?:[\w-]+\s+){0,2}?(\w+)\s*$")   # "the head of the state corporation"


def _word_offsets(text: str) -> list[tuple[str, int]]:
    return [(m.group(), m.start()) for m in re.finditer(r"\S+", text)]


def _any_phrase(phrases) -> re.Pattern:
    """A regex for any of the phrases as the head of a role: whole words at its end or before "of" ("CEO",
    "director of the Federal Service ...", "chief executive"; not the "chief" of "chief adviser")."""
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?=\s+of\b|\s*(?:[,;(]|$))")


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


@dataclass(frozen=True)
class RoleRef:
    """What a speaker named by role ("the defence minister", "Rostec chief", "the head of the service") asks
    of the person it stands for: the role noun, the title words written with it (folded to one spelling:
    "defense"), the noun of the body headed ("service" of "the head of the service"), and whether it was
    written with "the"/"this"/"that" (only then may a generic role be the previous speaker)."""
    noun: str
    titles: frozenset = frozenset()
    body_noun: str = ""
    definite: bool = False


@dataclass
class Who:
    """A speaker as found in one statement; `refer` asks the article pass to look back ("role:minister"),
    `role_ref` says which person a role may stand for."""
    speaker: str = ""
    resolved: str = ""
    known: bool = False
    role: str = ""
    affiliation: str = ""
    person: bool = False
    refer: str = ""
    role_ref: RoleRef | None = None


def actors_by_sentence(sents: pd.DataFrame, found: pd.DataFrame, occ: pd.DataFrame, thing_cues=frozenset()) -> dict:
    """{(doc_id, sent_id): [Actor, ...]} from linked mentions (`found`, settled only) and candidate
    occurrences (`occ`, from `candidate_sentences`), in text order.

    A new name of no guessed kind that stands right after a `thing_cue` of vocabulary.csv ("a network
    dubbed Steel Dome") names a thing: there and everywhere else in its article it is kind "other", so
    no "he" is counted against it."""
    start_of = dict(zip(zip(sents["doc_id"].tolist(), sents["sent_id"].tolist()), sents["start"].tolist()))
    out = defaultdict(list)
    settled = found[~found["kind"].isin(["ambiguous", "unlinked"])]
    for d, s, a, b, e, k in zip(*(settled[c].tolist()
                                  for c in ("doc_id", "sent_id", "start", "end", "entity", "kind"))):
        off = start_of[(d, s)]
        out[(d, s)].append(Actor(a - off, b - off, e, k, True))
    names = occ[~occ["kind"].isin(["ambiguous", "weapon_system"])]
    columns = [names[c].tolist() for c in ("doc_id", "sent_id", "start", "end", "surface", "kind", "role",
                                           "affiliation", "sentence")]
    cue = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(thing_cues))) + r")\s+[“\"'‘]?$",
                     re.I) if thing_cues else None
    things = {(d, n) for d, s, a, b, n, k, *_, text in zip(*columns) if cue is not None and not k
              and cue.search(text, max(0, a - start_of[(d, s)] - 30), a - start_of[(d, s)])}
    for d, s, a, b, n, k, r, f, _ in zip(*columns):
        off = start_of[(d, s)]
        out[(d, s)].append(Actor(a - off, b - off, n, "other" if not k and (d, n) in things else k, False, r, f))
    return {k: sorted(v, key=lambda x: x.start) for k, v in out.items()}


class SpeakerRules:
    """The speaker rules compiled from one state of vocabulary.csv and entities.csv."""

    def __init__(self, vocab: dict, path=None):
        self.groups = set(vocab["group_noun"])
        self.roles = set(vocab["role_noun"])
        self.bodies = set(vocab["body_noun"])
        self.documents = set(vocab["source_document"])
        self.generic = frozenset(vocab["generic_role"])
        self.titles = {t.rstrip(".") for t in vocab["title"]}
        self.head_roles = frozenset(vocab["head_role"])
        self.heading = _any_phrase(vocab["heading_title"])
        self.company = _any_phrase(vocab["company_title"])
        self.company_nouns = frozenset(vocab["company_noun"])
        self.subordinate = frozenset(vocab["subordinate_title"])
        self.thing_cues = frozenset(vocab["thing_cue"])
        self.spelling = dict(w.split() for w in vocab["spelling"])       # British -> American
        self.title_words = frozenset(self.fold(" ".join(self.titles)))
        ents = entities(path)
        self.entity_role = dict(zip(ents["entity"], ents["role"]))
        self.entity_affiliation = dict(zip(ents["entity"], ents["affiliation"]))
        self.organisations = defaultdict(list)          # country -> (organisation, the words of its names)
        al = aliases(path)
        names = pd.concat([ents[["entity"]].assign(name=ents["entity"]),
                           al.rename(columns={"alias": "name"})[["entity", "name"]]], ignore_index=True)
        words_of = names.groupby("entity")["name"].agg(lambda ns: frozenset().union(*(self.fold(n) for n in ns)))
        for e, kind, country in zip(ents["entity"], ents["kind"], ents["affiliation"]):
            if kind == "organization" and country:
                self.organisations[country].append((e, words_of.get(e, frozenset())))

    def _known_body(self, text: str, a: int, b: int, bodies: list, noun: str) -> str:
        """The organisation of entities.csv that a body phrase with its country names ("Turkey's defence
        ministry", "the Turkish Defense Ministry"): the one organisation of that country whose names (its
        own and its aliases) hold every other word of the phrase, in either spelling, and a word besides
        the body noun (`noun`: "Turkey's ministry" says too little); else ""."""
        countries = [x for x in bodies if x.kind == "country" and x.known]
        if len(countries) != 1:
            return ""
        c = countries[0]
        words = self.fold(text[a:c.start] + " " + text[c.end:b]) - _BODY_FILLER
        if not words - self.fold(noun):
            return ""
        fits = [e for e, names in self.organisations.get(c.name, ()) if words <= names]
        return fits[0] if len(fits) == 1 else ""

    def fold(self, text: str) -> set:
        """The words of `text` (`_words`) in one spelling ("defence" -> "defense")."""
        return {self.spelling.get(w, w) for w in _words(text)}

    def fits(self, ref: RoleRef, role: str, body: str) -> bool:
        """May a person named with `role` (and `body` as affiliation) be the speaker `ref` names by role?

        A subordinate title of the role ("Deputy Foreign Minister") must be written in the phrase too. A
        head noun ("chief", "the head of ...": head_role) takes any heading title ("CEO", "director of
        ..."); other nouns must stand in the role, with the phrase's title words ("the defence minister":
        "defence"), unless the role has no title word but the noun. "The head of the <body noun>" takes
        only the head of a body whose name (or role in entities.csv) holds that noun ("the service":
        "Federal Service for ..."), or of a company ("the state corporation": a company_title, "CEO")."""
        words = self.fold(role)
        if (words & self.subordinate) - ref.titles:
            return False
        if ref.noun in self.head_roles:
            if not self.heading.search(role.lower()):
                return False
        elif ref.noun not in words or not (ref.titles <= words or not (words & self.title_words) - {ref.noun}):
            return False
        if ref.body_noun:                  # the body's name or its role in entities.csv ("Russian state arms exporter")
            return self.spelling.get(ref.body_noun, ref.body_noun) in self.fold(f"{body} {self.entity_role.get(body, '')}") \
                or ref.body_noun in self.company_nouns and bool(self.company.search(role.lower()))
        return True

    def serves(self, text: str, a: int, b: int, actors: list) -> Actor | None:
        """The person whom text[a:b] names as served by its speaker ("A spokesman for Hulusi Akar", "an aide to
        Erdogan"), that person ending the phrase, else None."""
        b = a + len(text[a:b].rstrip(" )"))
        a = b - len(text[a:b].lstrip(" -–—*•·"))                 # after a dateline's dash
        person = next((x for x in actors if x.end == b and x.start >= a and (x.kind == "person" or not x.known
                       and not x.kind and 2 <= len(x.name.split()) <= 3)), None)
        m = _SERVES.fullmatch(text, a, person.start) if person is not None else None
        if not m or m.group(1).lower() not in self.roles:
            return None
        between = [x for x in actors if m.end(1) <= x.start and x.end <= person.start]      # "for Turkish Defense Minister X"
        titled = all(w.rstrip(".") in self.titles or w.lower() in self.roles or any(x.start <= m.start(2) + i < x.end
                     for x in between) for w, i in _word_offsets(m.group(2)))
        return person if titled else None

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
        if low in ("he", "she", "him", "her"):            # "According to him, ..."
            return Who(resolved="pronoun", person=True)
        inside = [x for x in actors if x.start >= a and x.end <= b]
        persons = [x for x in inside if x.kind == "person"]
        served = self.serves(text, a, b, actors)
        if served is not None:                          # "A spokesman for Hulusi Akar": the spokesman
            return Who(resolved=f"unnamed: {phrase}", affiliation=served.name, person=True)
        owner = _OWNED_ROLE.fullmatch(text, persons[-1].end, a + len(text[a:b].rstrip(" )"))) if persons else None
        if owner and owner.group(1).lower() in self.roles:  # "Erdogan's spokesman": the spokesman, not Erdogan
            noun = owner.group(1).lower()
            return Who(resolved=f"unnamed: {phrase}", affiliation=persons[-1].name, person=True, refer=f"role:{noun}",
                       role_ref=self._role_ref(phrase, noun, False))
        if persons:
            p = persons[-1]
            role, affiliation = self._title_before(text, a, p, inside)
            if p.known:
                role = role or self.entity_role.get(p.name, "")
                affiliation = affiliation or self.entity_affiliation.get(p.name, "")
            return Who(p.name, "named" if p.known else NEW_NAME, p.known, role or p.role,
                       affiliation or p.affiliation, True)
        end = a + len(text[a:b].rstrip(" )"))
        last = next((x for x in inside if x.end == end and not x.known and not x.kind
                     and 2 <= len(x.name.split()) <= 3), None)
        if last is not None:                # "PDI head İsmail Demir": a new name right after a role is a person
            role, affiliation = self._title_before(text, a, last, inside)
            if role:
                return Who(last.name, NEW_NAME, False, role, affiliation, True)
        words = re.findall(r"[a-z]+", low)
        bodies = [x for x in inside if x.kind in ("organization", "country", "alliance") and x.known]
        bodies = bodies or [x for x in inside if not x.known and x.kind != "person"]    # a known body first
        affiliation = bodies[-1].name if bodies else ""
        definite = bool(re.match(r"(?:the|this|that)\b", low))
        if self.is_group(phrase):
            return Who(resolved=f"unnamed: {phrase}", affiliation=bodies[0].name if bodies else "")
        noun = next((w for w in reversed(words) if w in self.roles), "")
        if noun:
            # "the minister", "Turkey's defense minister", a headline's "defense minister": one person, who
            # may be named elsewhere in the article; "a senior official", "one minister": anyone
            ref = self._role_ref(phrase, noun, definite)
            one = not _INDEFINITE.match(low)
            return Who(resolved=f"unnamed: {phrase}", affiliation=affiliation, person=True,
                       refer=f"role:{noun}" if one else "", role_ref=ref if one else None)
        noun = next((w for w in reversed(words) if w in self.documents), "")
        if noun:
            return Who(resolved=f"unnamed: {phrase}", affiliation=affiliation,
                       refer=f"document:{noun}" if definite else "")
        noun = words[-1] if words and words[-1] in self.bodies else ""
        orgs = [x for x in inside if x.kind == "organization" or not x.known and x.kind != "person"]
        if noun and not orgs:                              # "the ministry", "the Turkish presidency"
            known = self._known_body(text, a, b, bodies, noun)
            if known:                                      # "Turkey's defence ministry": the one the tables know
                return Who(known, "named", True, "", self.entity_affiliation.get(known, ""), False)
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

    def _role_ref(self, phrase: str, noun: str, definite: bool) -> RoleRef:
        """The RoleRef of a role phrase: its title words before the noun, and "of the <body noun>" after it."""
        before = phrase.lower().split(noun)[0]
        titles = frozenset(self.fold(before) & self.title_words | self.fold(before) & self.subordinate)
        m = _OF_BODY.search(phrase.lower())
        body = m.group(1) if m and (m.group(1) in self.bodies or m.group(1) in self.company_nouns) else ""
        return RoleRef(noun, titles, body, definite)

    def role_before_comma(self, text: str, person: Actor, actors: list) -> tuple[str, str]:
        """A role written before a name set off by commas: "the head of the Federal Service ..., Dmitry
        Shugaev, said" -> ("the head of the Federal Service ...", "Federal Service ..."); "Rostec's chief
        executive, Sergei Chemezov," -> ("Rostec's chief executive", "Rostec"); else ("", "")."""
        if not re.match(r"\s*,", text[person.end:]) or not re.search(r",\s*$", text[:person.start]):
            return "", ""
        cut = text.rindex(",", 0, person.start)
        piece = re.split(r"[,;:()“”\"—–]|\s-\s", text[:cut])[-1]
        m = _ROLE_PIECE.fullmatch(piece.strip())
        if not m or m.group(1).lower() not in self.roles:
            return "", ""
        a = cut - len(piece) + (len(piece) - len(piece.lstrip()))
        bodies = [x for x in actors if a <= x.start and x.end <= cut and (x.kind in ("country", "organization", "alliance")
                                                                          or not x.known and x.kind != "person")]
        return piece.strip(), bodies[-1].name if bodies else ""

    def _title_before(self, text: str, a: int, person: Actor, inside: list) -> tuple[str, str]:
        """The title or role words right before a person in the phrase, and the body named before them:
        "Turkish Foreign Minister Mevlut Cavusoglu" -> ("Foreign Minister", "Turkey");
        "Kremlin spokesman Dmitry Peskov" -> ("spokesman", "Kremlin"), "Turkey's Erdogan" -> ("", "Turkey");
        no body across a comma or without a title ("... from Russia, says Erdogan" -> ("", ""))."""
        prev = [x for x in inside if x.end <= person.start]
        start = prev[-1].end if prev else a
        mark = max((m.end() for m in re.finditer(r"[,;:()“”\"—–]", text[start:person.start])), default=0)
        if mark:                                # no title across a comma ("Rostec's chief executive, Sergei Chemezov")
            start, prev = start + mark, []
        words = text[start:person.start].split()
        marks = [i for i, w in enumerate(words) if w.rstrip(".") in self.titles or w.lower() in self.roles]
        role = words[marks[0]:marks[-1] + 1] if marks else []              # "Secretary of State", as written
        gap = text[start:person.start]          # the body's name, then titles or "'s" only: not "from Russia, says X"
        close = not re.search(r"[,;:()“”\"—–]", gap) and (bool(marks) or bool(re.fullmatch(r"[’']s\s+", gap)))
        affiliation = prev[-1].name if prev and close and (prev[-1].kind in ("country", "organization", "alliance")
                                                           or not prev[-1].known) else ""
        return " ".join(role), affiliation


def refer_back(rows: list[dict], persons: list[tuple], bodies: list[tuple], headings, rules: SpeakerRules | None = None,
               lead: int = 0) -> None:
    """Settle, in place and in text order, the speakers of ONE article that point back: "he"/"she" (see
    `_pronoun`), a role ("the minister", "Turkey's defence minister", a headline's "Rostec chief": see
    `_refer`), "the <body>" (affiliated with the last body named with that word: the speaker when
    entities.csv knows it, else the affiliation), "the <document>" (the body of the last document quoted).

    `rows`: the article's statements in text order (dicts with sent_id, speaker, speaker_surface,
    speaker_known, speaker_role, speaker_affiliation, resolved, _at, _refer, _role_ref, _person, _opens),
    each sentence's statements together; `persons`: (sent_id, at, person, role, affiliation, known) of every
    person named in the article, by position, with the title or role the text or entities.csv gives;
    `bodies`: (at, name, known) of every organisation named, by position; `headings`: sent_ids of lines that
    are headings (no pronoun looks past them); `rules`: the SpeakerRules whose role nouns are matched (and
    whose generic roles, "the official", right after a named person spoke are that person); `lead`: the
    sent_id of the article's first sentence that is no heading (a role named up to there may be named
    further on). A role settled to a person ties that person to its words for the statements after it
    (`_Lookback.tie`).

    One pass: what lies before a statement is looked up in indexes that grow sentence by sentence (the
    last statement, the last one whose words hold a noun), by bisection in the positions of persons and
    bodies, and within the statement's own sentence; so an article's cost grows with its length, not
    with its square (only a headline's or lead's role looks forward, once).
    """
    look = _Lookback(persons, bodies, headings, rules, lead)
    blocks = _sentence_blocks(rows)
    look.following = {b[0]["sent_id"]: b for b in blocks if b[0]["sent_id"] <= lead + 1}
    for block in blocks:
        for row in block:
            earlier = [r for r in block if r["_at"] < row["_at"]]      # the sentence's statements before this one
            if row["resolved"] == "pronoun":
                speaker, resolved, known, affiliation = _pronoun(row, earlier, look)
                row["speaker"], row["resolved"], row["speaker_known"] = speaker, resolved, known
                if affiliation and not row["speaker_affiliation"]:
                    row["speaker_affiliation"] = affiliation
            elif row["_refer"]:
                _refer(row, earlier, look)
        look.add(block)


def _sentence_blocks(rows: list[dict]) -> list[list[dict]]:
    blocks = []
    for row in rows:
        if blocks and blocks[-1][0]["sent_id"] == row["sent_id"]:
            blocks[-1].append(row)
        else:
            blocks.append([row])
    return blocks


_BODY_FILLER = frozenset({"the", "s"})              # "the", "Turkey's": no word of a body's name


def _words(text: str) -> set:
    """The words of a phrase as a regex ``\\bnoun\\b`` sees them (runs of word characters), lower case."""
    return set(re.findall(r"\w+", text.lower()))


class _Lookback:
    """What an article holds before a position: the statements of the sentences done so far, the persons
    and bodies named (sorted by position), the headings."""

    def __init__(self, persons, bodies, headings, rules=None, lead=0):
        self.rules = rules
        self.generic = rules.generic if rules is not None else frozenset()    # "the official", "the diplomat"
        self.lead = lead                    # the sent_id of the lead: a role up to there may look forward
        self.following = {}                 # sent_id -> its statements, for the sentences up to the lead's next
        self.persons = persons
        self.person_at = [p[1] for p in persons]
        self.person_sent = [p[0] for p in persons]
        self.bodies = bodies
        self.headings = sorted(headings)
        self.last = None                    # the last statement of the sentences done
        self.with_word = {}                 # word -> the last statement whose speaker's words hold it
        self.unnamed_with_word = {}         # the same among statements without a speaker
        self._roles = {}                    # (RoleRef, affiliation or None) -> (ats, persons, several-so-far)
        self._bodies = {}                   # noun -> (ats, names)

    def add(self, block: list[dict]) -> None:
        """The statements of one more sentence, all settled."""
        for row in block:
            for w in _words(row["speaker_surface"]):
                self.with_word[w] = row
                if row["speaker"] == "":
                    self.unnamed_with_word[w] = row
            self.last = row

    def tie(self, row: dict) -> None:
        """A role statement settled to a person ties that person to its words from there on ("the company's
        chief executive said ... Ahmet Akyol told ... The head of the company said"): one more person named,
        at the statement, with the statement's words as role."""
        entry = (row["sent_id"], row["_at"], row["speaker"], row["speaker_surface"], row["speaker_affiliation"],
                 bool(row["speaker_known"]))
        k = bisect.bisect_right(self.person_at, row["_at"])
        self.persons = self.persons[:k] + [entry] + self.persons[k:]
        self.person_at.insert(k, row["_at"])
        self.person_sent.insert(k, row["sent_id"])
        self._roles = {}

    def heading_after(self, first: int, sent: int) -> int:
        """The first sentence after the last heading in [first, sent), else `first`."""
        i = bisect.bisect_left(self.headings, sent) - 1
        return self.headings[i] + 1 if i >= 0 and self.headings[i] >= first else first

    def persons_between(self, first: int, sent: int, at: int) -> list[tuple]:
        """The persons named in sentences first..sent before position `at`, by position."""
        lo, hi = bisect.bisect_left(self.person_sent, first), bisect.bisect_left(self.person_at, at)
        return [p for p in self.persons[lo:hi] if first <= p[0] <= sent]

    def _fitting(self, ref: RoleRef, affiliation: str) -> tuple[list, list, list]:
        """The persons who fit `ref` (SpeakerRules.fits; and with `affiliation`, when given), by position:
        (their positions, their rows, whether more than one person fits up to each)."""
        key = (ref, affiliation or None)
        if key not in self._roles:
            ats, rows, several, first = [], [], [], None
            for p in self.persons:
                if self._fits(ref, p[3], p[4]) and (not affiliation or p[4] == affiliation):
                    first = p[2] if first is None else first
                    ats.append(p[1])
                    rows.append(p)
                    several.append(bool(several and several[-1]) or p[2] != first)
            self._roles[key] = (ats, rows, several)
        return self._roles[key]

    def _fits(self, ref: RoleRef, role: str, body: str) -> bool:
        if self.rules is not None:
            return self.rules.fits(ref, role, body)
        return ref.noun in _words(role)

    def role(self, ref: RoleRef, affiliation: str, at: int):
        """The persons named before `at` who fit `ref`: (the last of them, whether they are more than one
        person), or (None, False) when none."""
        ats, rows, several = self._fitting(ref, affiliation)
        k = bisect.bisect_left(ats, at)
        return (rows[k - 1], several[k - 1]) if k else (None, False)

    def role_after(self, ref: RoleRef, affiliation: str, at: int):
        """The same among the persons named after `at`: (the first of them, whether they are more than one)."""
        ats, rows, _ = self._fitting(ref, affiliation)
        after = rows[bisect.bisect_right(ats, at):]
        return (after[0], len({p[2] for p in after}) > 1) if after else (None, False)

    def body(self, noun: str, at: int) -> tuple[str, bool]:
        """The last body named before `at` whose name holds `noun` and whether the tables know it, else ("", False)."""
        if noun not in self._bodies:
            named = [(a, (name, known)) for a, name, known in self.bodies if noun in _words(name)]
            self._bodies[noun] = ([a for a, _ in named], [b for _, b in named])
        ats, names = self._bodies[noun]
        k = bisect.bisect_left(ats, at)
        return names[k - 1] if k else ("", False)


def _refer(row: dict, earlier: list[dict], look: _Lookback) -> None:
    """Settle a role, "the <body>", "the <document>" (see `refer_back`).

    A role ("the minister", "Turkey's defense minister", "Rostec chief") is the one person named before it
    who fits it (`SpeakerRules.fits`, and the phrase's affiliation); up to the lead, when none does, the
    one named after it, else the full name opening the next sentence (`_named_next`). Two such persons
    leave it unnamed; a generic role ("the official") may then be the previous speaker."""
    what, noun = row["_refer"].split(":", 1)
    at = row["_at"]

    def last_with(word, unnamed):        # the last statement before this one whose speaker's words hold `word`
        here = [r for r in earlier if (not unnamed or r["speaker"] == "") and word in _words(r["speaker_surface"])]
        return here[-1] if here else (look.unnamed_with_word if unnamed else look.with_word).get(word)

    if what == "role":
        affiliation = row["speaker_affiliation"]
        ref = row.get("_role_ref") or RoleRef(noun, definite=True)
        person, several = look.role(ref, affiliation, at)
        how = "named earlier as"
        opening = row["sent_id"] <= look.lead                # a headline's or lead's role: named further on
        if person is None and opening:
            person, several = look.role_after(ref, affiliation, at)
            how = "named further on as"
        if person is not None and not several:
            _, _, name, role, person_affiliation, known = person
            row["speaker"], row["speaker_known"], row["speaker_role"] = name, bool(known), role
            row["resolved"] = f"role: '{row['speaker_surface']}' is {name}, {how} {role}"
            row["speaker_affiliation"] = affiliation or person_affiliation
            look.tie(row)
            return
        if person is None and opening and _named_next(row, ref, look):
            look.tie(row)
            return
        before = last_with(noun, unnamed=True)
        if before is not None and not affiliation:          # "The official said": the official quoted before
            row["speaker_affiliation"] = before["speaker_affiliation"]
        previous = earlier[-1] if earlier else look.last
        if noun in look.generic and ref.definite and before is None and previous is not None and previous["_person"] \
                and previous["speaker"] and previous["sent_id"] >= row["sent_id"] - 3:
            name = previous["speaker"]                       # "X said ... According to the official, ..."
            row["speaker"], row["speaker_known"], row["speaker_role"] = (name, bool(previous["speaker_known"]),
                                                                         previous["speaker_role"])
            row["resolved"] = f"role: '{row['speaker_surface']}' is {name}, the previous speaker"
    elif what == "body" and not row["speaker_affiliation"]:
        name, known = look.body(noun, at)
        before = last_with(noun, unnamed=False)
        if not name and before is not None and before["speaker"] and before["speaker_known"] and not before["_person"]:
            name, known = before["speaker"], True            # "Turkey's defence ministry said ... The ministry said"
        if name and known:                                   # "the Turkish Defence Ministry said ... the ministry said"
            row["speaker"], row["speaker_known"] = name, True
            row["resolved"] = f"body: '{row['speaker_surface']}' is {name}, named earlier"
        elif name:
            row["speaker_affiliation"] = name
    elif what == "document" and not row["speaker_affiliation"]:
        before = last_with(noun, unnamed=False)
        if before is not None:
            row["speaker_affiliation"] = before["speaker_affiliation"]


def _named_next(row: dict, ref: RoleRef, look: _Lookback) -> bool:
    """A lead's role that the article ties to no one by title ("Turkey's defense minister said Thursday ...")
    is the person whose full name opens the next sentence as its first statement's speaker ("Hulusi Akar
    told reporters ..."), the wire's way of naming the speaker of its lead: only where that sentence is
    the first to name the person and gives them no role or a role that fits. Settles `row` and says so."""
    nxt = look.following.get(row["sent_id"] + 1, [])
    first = nxt[0] if nxt else None
    if first is None or not (first["_opens"] and first["_person"] and first["speaker"]
                             and first["resolved"] in ("named", NEW_NAME)):
        return False
    name = first["speaker"]
    named = [p for p in look.persons if p[2] == name]
    if not named or named[0][0] != first["sent_id"] or len(first["speaker_surface"].split()) < 2:
        return False                                    # named before, or a surname alone
    _, _, _, role, body, _ = named[0]
    if role and not look._fits(ref, role, body) or row["speaker_affiliation"] and body \
            and body != row["speaker_affiliation"]:
        return False
    row["speaker"], row["speaker_known"], row["speaker_role"] = name, bool(first["speaker_known"]), role
    row["resolved"] = f"role: '{row['speaker_surface']}' is {name}, named in the next sentence"
    return True


def _pronoun(row: dict, earlier: list[dict], look: _Lookback) -> tuple[str, str, bool, str]:
    """Resolve a he/she speaker to one person, or say why not: (speaker, resolved, known, affiliation).

    Rule: look back from the pronoun to the sentence of the article's previous statement (its speaker
    counts) if that lies within three sentences, else to the previous sentence only; never past a
    heading. Exactly one distinct person named there -> that person (a name the tables do not know yet
    counts like any other); none named but the previous statement's speaker is one unnamed person ("a
    senior official said") -> that speaker's words; otherwise the speaker stays empty and `resolved`
    gives the reason.
    """
    sent, at = row["sent_id"], row["_at"]
    recent = earlier[-1] if earlier else look.last
    if recent is not None and recent["sent_id"] < sent - 3:
        recent = None
    first = int(recent["sent_id"]) if recent is not None else sent - 1
    first = look.heading_after(first, sent)
    named = look.persons_between(first, sent, at)
    speaker = [recent] if recent is not None and recent["_person"] and recent["speaker"] != "" \
        and recent["sent_id"] >= first else []
    found = list(dict.fromkeys([*(r["speaker"] for r in speaker), *(p[2] for p in named)]))
    known = {p[2]: p[5] for p in named} | {r["speaker"]: r["speaker_known"] for r in speaker}
    if len(found) == 1:
        how = "pronoun: nearest preceding person" + ("" if known.get(found[0], True) else " (not in entities.csv yet)")
        return found[0], how, bool(known.get(found[0], True)), ""
    if not found and recent is not None and recent["_person"] and recent["sent_id"] >= first:
        return "", f"pronoun: the previous speaker, '{recent['speaker_surface']}'", False, recent["speaker_affiliation"]
    if not found:
        return "", "unresolved: no person named since the previous statement or in the previous sentence", False, ""
    return "", f"unresolved: {len(found)} persons named since the previous statement: {', '.join(found)}", False, ""
