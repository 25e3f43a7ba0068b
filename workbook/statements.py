"""Statements: who said what, to whom, found by reporting verbs.

Takes: the loaded corpus, its sentences, all mentions, the candidate names (`workbook.candidates`) and
the speaker rules of `workbook.speakers`; reporting verbs come from corpus/vocabulary.csv.
Gives: ``statements`` (one row per reported statement: outlet, published, speaker, the words naming them,
whether the tables know them, their role and affiliation, verb, content, medium, how the speaker was
found) and ``STATEMENT_COLUMNS``. Comes after `workbook.speakers`.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from .candidates import candidate_sentences
from .knowledge import vocabulary
from .mentions import all_mentions
from .names import PARTY_STATE, headline
from .places import alternation, dateline_prefix
from .sentences import sentences
from .speakers import NEW_NAME, SpeakerRules, Who, actors_by_sentence, refer_back

STATEMENT_COLUMNS = ["doc_id", "sent_id", "outlet", "published", "speaker", "speaker_surface", "speaker_known",
                     "speaker_role", "speaker_affiliation", "verb", "content", "medium", "pattern", "resolved", "sentence"]
# a word that may stand between the speaker and the verb ("X has also said", "X last week said", "X on Monday said")
_BEFORE_VERB = re.compile(r"has|have|had|also|later|earlier|last|this|next|week|month|year|on|then|again|"
                          r"repeatedly|previously|recently|once|[A-Z]\w+day")
_LEAD = re.compile(r"^(?:and|but|while|whereas|so|meanwhile)\s+", re.I)
_SUBORDINATE = re.compile(r"^.*\b(?:after|before|when|because|since|although|though|that|where|if)\s+")
# whom a statement was told: "told Reuters", "told the Financial Times", "told reporters"; a determiner or a
# pronoun after those words starts the content ("told journalists the deal was safe")
_TOLD = re.compile(r"\s+((?:me|him|her|us|them)\b|(?:(?:the|a|an) )?(?:(?!(?:that|on|in|at|last|earlier|the|a|an|it|he|"
                   r"she|they|we|there|this|these|those|his|its|their|our)\b)[\w.'’-]+ ?){1,5})")
_VIA = re.compile(r"\b(?:in an interview with|speaking to|according to|in a statement to)\s+"
                  r"((?:(?!(?:that|on|in|last)\b)[\w.'’-]+ ?){1,5})|\b(at an? (?:news|press) conference)")
_TRIVIAL_TAIL = re.compile(r"^(?:\s*of\b[^,]*|\s*(?:on|in|at|last|earlier|late|this|to|during|after|before)\b"
                           r"(?:(?!\bthat\b)[^,])*)?"
                           r"\s*(?:,\s*(?:adding|speaking|saying|citing|according|although|while)\b.*)?[\s.”\"’]*$")
# "no say", "a say in", "the final say": after a determiner, "say" is a noun, not a reporting verb.
_DETERMINER = re.compile(r"\b(?:a|an|the|no|any|some|his|her|its|their|our|my|your|whose)"
                         r"(?:\s+(?:final|last|real|big|bigger|greater|equal|little|much|more|direct))?\s+$", re.I)
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)(?:\s+\w+ly)?\s+$")   # "nothing was said": no speaker
_AFTER_CONTENT = re.compile(r"[,”\"’]\s*$")       # "“...,” said X" / "..., said X": the content stands before the verb
_PHRASE_END = re.compile(r"[,;:()“”\"—]|\.?\s*$")
_ACRONYM_IN_BRACKETS = re.compile(r"(?<=\w) \(([A-Z][A-Za-z]{1,8})\)")          # "Federal Service ... (FSVTS)"
_PIECE = re.compile(r"[^,;:()“”\"—]+")
_AND_BUT_END = re.compile(r"\s(?:and|but)$")
_COMMA_END = re.compile(r",\s*$")
_NESTED = re.compile(r",\s*(?:adding|saying|noting|stressing|insisting)\b")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
_ACCORDING_SOURCE = re.compile(r"\b[Aa]ccording to\s+(?:[\w.'’-]+\s+){0,4}$")   # "according to local media reports"
_POSSESSIVE_LEAD = re.compile(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}['’]s\s+[a-z]")   # "Erdogan's spokesman"
# a clause between commas that describes the speaker named before it: ", who ...,", ", speaking on condition of anonymity,"
_DESCRIBING = re.compile(r"(?:who|\w+ing)\s")
_WHO_CLAUSE = re.compile(r"\s+who\s+\S")          # "a senior official who spoke on condition of anonymity told X"
_QUOTED = re.compile(r"\s+(?:was|were|is|are|has been|have been|had been)\s+(?:also\s+)?(?:quoted|cited)"
                     r"(?:\s+(?:by|in|on)\s+(?P<by>[^,;]{1,60}?))?\s+as\s+(?:saying|telling\s+[\w\s.'’-]{1,40}?)\b")
_HEAD_NOUN = re.compile(r"(?:a|an|the|one|another|two|three|several|some)\s+(?:[\w-]+\s+){0,2}?(\w+)\s+(?:in|at|of|from|"
                        r"with|for|within|inside|close to|familiar with)\s", re.I)   # a speaker noun, then where from
_ASKED_WHAT = re.compile(r"(?:\s+[\w’'-]+){0,6}?\s+(?:why|whether|if|how|what|when|who|where|which)\b|\s*[,:]?\s*[“\"]",
                         re.I)                       # "asked in parliament last Tuesday why ...", not "asked about X"
# "Demir: For ten years ...", "President of Russia Vladimir Putin: ...", "Recep Tayyip Erdogan (retranslated): ..."
_TRANSCRIPT = re.compile(r"^([^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,7}?)(?: \([^()]{1,30}\))?:\s+(?=\S)")
_LABEL_TITLE = re.compile(r"(?:(?:[A-Z][\w.'’-]*|of|the) )+")   # the capitalised words before a transcript label's name
_SENTENCE_END = re.compile(r"[.?!”\"’)]$")           # a line without it is a heading
_BY_DOING = re.compile(r"\s+by\s+\w+ing\b")         # "Washington responded by removing Turkey ...": an act, not speech


def _ends_with(pattern: re.Pattern, text: str, end: int, reach: int = 40) -> re.Match | None:
    """`pattern.search(text, 0, end)` for a pattern anchored at `end` ($) that spans two words at most
    (_DETERMINER, _PASSIVE, _AFTER_CONTENT, _COMMA_END): looked for in the last `reach` characters
    before `end`, and before them only when those hold two words or fewer (a match could then begin
    earlier). The cost of a verb stays the same however long its sentence."""
    start = max(0, end - reach)
    found = pattern.search(text, start, end)
    if found is None and start and len(text[start:end].split()) <= 2:
        found = pattern.search(text, 0, end)
    return found


def _before_verb(text: str, end: int) -> int:
    """Where the words of _BEFORE_VERB ("has also", "last week") and the spaces that stand right before
    `end` begin (the leftmost start of "(?:\\s+WORD)*\\s*$" there), found word by word back from `end`:
    the cost of a verb is that of the few words before it, however long its sentence."""
    start = end
    while start and text[start - 1].isspace():
        start -= 1                                  # the spaces right before the verb
    cut = start
    while True:
        word = start
        while word and not text[word - 1].isspace():
            word -= 1                               # the word before them ...
        space = word
        while space and text[space - 1].isspace():
            space -= 1                              # ... and the spaces before it
        if space == word or not _BEFORE_VERB.fullmatch(text, word, start):
            return cut
        cut = start = space


@dataclass
class Said:
    """One statement as it is found in a sentence (offsets within the sentence)."""
    verb: str
    start: int                  # where the speaker's words begin (inverted: where the verb begins)
    verb_end: int               # the content of "X said ..." starts after this (inverted: after the speaker)
    surface: str                # the words that name the speaker
    who: Who
    content_end: int            # for content first: where the content stops
    medium: str = ""
    medium_skip: int = 0
    inverted: bool = False
    coordinated: bool = False
    pattern: str = ""
    content: str = ""
    content_at: int = 0
    extra: dict = field(default_factory=dict)


class StatementRules:
    """The statement rules compiled from one state of vocabulary.csv and entities.csv."""

    def __init__(self, path=None):
        vocab = vocabulary(path)
        self.questions = set(vocab["question_verb"])
        self.verb = re.compile(r"\b(" + alternation(vocab["reporting_verb"] | vocab["reporting_verb_inverts"]
                                                     | self.questions) + r")\b")
        self.inverts = set(vocab["reporting_verb_inverts"])
        # a title-case headline capitalises its verb ("..., Defense Minister Says"): read there in lower case
        self.title_verb = re.compile(r"(?<![\w-])(" + alternation({w.capitalize() for w in vocab["reporting_verb"]
                                                                    | vocab["reporting_verb_inverts"]}) + r")(?![\w-])")
        self.reporting = set(vocab["reporting_verb"]) | self.questions   # the others ("continued") only after their content
        self.speakers = SpeakerRules(vocab, path)
        naming = "|".join(re.escape(w) for w in sorted(vocab["naming_verb"], key=len, reverse=True))
        # "X has called the purchase “a direct challenge”": a naming verb, its object, then a quote
        # (a short object right before the quote: not "called Cavusoglu on Tuesday to discuss the “final stage”",
        # nor "called for “swift” sanctions")
        self.naming = re.compile(rf"\b({naming})\s+(?=(?!(?:for|on|off|up|in|back|out)\b)(?:[^\s“”\".;,]+\s+){{1,4}}"
                                 rf"(?:as\s+)?[“\"])") if naming else None
        self.nouns = (self.speakers.groups | self.speakers.roles | self.speakers.bodies | self.speakers.documents)

    def sentence(self, text: str, actors: list) -> list[Said]:
        """The statements of one sentence (see `statements`)."""
        if not _SENTENCE_END.search(text) and headline(text):
            text = self.title_verb.sub(lambda m: m.group().lower(), text)     # (same length: offsets hold)
        quoted = self._quoted(text, actors) or self._transcript(text, actors)
        if quoted:
            return [quoted]
        verbs = [m for m in self.verb.finditer(text) if not _ends_with(_DETERMINER, text, m.start())
                 and not _ends_with(_PASSIVE, text, m.start()) and not _BY_DOING.match(text, m.end())
                 and not _ACCORDING_SOURCE.search(text, 0, m.start())      # "reports" there names the source
                 and (m.group(1) not in self.questions or _ASKED_WHAT.match(text, m.end()))]
        cands = [c for m in verbs if (c := self._inverted(text, m, actors) or m.group(1) in self.reporting and (
                 self._participle(text, m, actors) or self._speaker(text, m, actors)))]
        if not cands:
            named = self._named(text, actors)
            if named:
                return [named]
            m = _ACCORDING.search(text)
            return [c] if m and (c := self._according(text, m, actors)) else []
        content_first = next((c for c in cands if c.inverted and text[:c.start].strip(" ,“”\"’")
                              or _TRIVIAL_TAIL.match(text[c.verb_end + c.medium_skip:]) and not c.coordinated
                              and text[dateline_prefix(text):c.start].strip(" ,“”\"’")), None)
        # ("X said ..., but he warned of Y": a coordinated clause is a statement of its own, not content first)
        found = []
        for c in cands:
            last = found[-1] if found else None
            if content_first and c.start < content_first.start:
                continue                                    # a verb inside the content of "“...,” X said."
            if c is content_first:
                cut = dateline_prefix(text)
                c.pattern, c.content = "content first", text[cut:c.content_end].strip(" ,;:“”\"—")
            elif last and last.pattern == "speaker first" and not c.coordinated:
                continue                                    # reported speech nested in the previous statement
            elif last and _NESTED.search(text, last.verb_end, c.start + 1):
                continue                                    # "“...,” X said, adding that he had told Y ..."
            else:
                if last:                                    # "X said ..., and Y said ...": X's content ends at Y
                    cut = text[last.content_at:c.start]
                    last.content = re.sub(r"[\s,;]*(?:and|but|while|whereas)?\s*$", "", cut).strip(" “”\"")
                body = text[c.verb_end + c.medium_skip:]
                lead = re.match(r"^[^,;“”\"]{0,40}?\bthat\s+", body)        # "told Reuters on Monday that"
                at = c.verb_end + c.medium_skip + (lead.end() if lead else 0)
                c.pattern, c.content, c.content_at = "speaker first", text[at:].strip(" ,.;:“”\""), at
            found.append(c)
        return [c for c in found if c.content]

    @staticmethod
    def _only_a_name(text: str, piece: tuple[int, int], actors: list) -> bool:
        """Is the piece a name and nothing else ("İbrahim Kalın", not "A spokesman for Hulusi Akar")?"""
        raw = text[slice(*piece)]
        raw = raw[dateline_prefix(raw):]                     # "ANKARA (Reuters) - İbrahim Kalın"
        a = piece[1] - len(raw.lstrip(" -–—*•·"))          # where the name would begin
        b = piece[1] - (len(raw) - len(raw.rstrip()))
        return any(x.start == a and x.end == b for x in actors)

    def _named(self, text: str, actors: list) -> Said | None:
        """"X has called the purchase “a direct challenge to NATO”": a naming verb (vocabulary.csv class
        `naming_verb`) whose object is followed by a quote; the speaker is found as for "X said", the
        content is the object and the quote."""
        m = self.naming.search(text) if self.naming is not None else None
        said = self._speaker(text, m, actors) if m else None
        if said is None:
            return None
        said.pattern, said.content_at = "speaker first", m.end()
        said.content = text[m.end():].strip(" ,.;:")
        return said if said.content else None

    def _quoted(self, text: str, actors: list) -> Said | None:
        """"X was quoted (by Y) as saying ...": X speaks, Y is the medium; the content stands after "saying"
        or, with nothing after it but a date, before X ("Moscow is ready ..., X was quoted by Y as saying")."""
        m = _QUOTED.search(text) if "quoted" in text or "cited" in text else None    # (the words it needs)
        if not m:
            return None
        pieces = self._pieces(text[:m.start()])
        if not pieces:
            return None
        a, b = pieces[-1]
        phrase = _LEAD.sub("", text[a:b].strip())
        a = text.rindex(phrase, 0, b + 1)
        who = self.speakers.who(text, a, a + len(phrase), actors)
        if who is None:
            return None
        by = m.group("by") or ""
        named = [x.name for x in actors if m.start("by") <= x.start and x.end <= m.end("by")] if by else []
        said = Said("quoted as saying", a, m.end(), phrase, who, a, named[-1] if named else by.strip())
        after = text[m.end():]
        if _TRIVIAL_TAIL.match(after) and text[dateline_prefix(text):a].strip(" ,“”\"’"):
            said.pattern, said.content = "content first", text[dateline_prefix(text):a].strip(" ,;:“”\"—")
        else:
            said.pattern, said.content_at = "speaker first", m.end()
            said.content = re.sub(r"^\s*that\s+", "", after).strip(" ,.;:“”\"")
        return said if said.content else None

    def _transcript(self, text: str, actors: list) -> Said | None:
        """"Demir: For ten years we asked ...": a line of an interview or transcript opened by a person's name
        and a colon, the name maybe after its title and before a note in brackets ("President of Russia
        Vladimir Putin:", "Recep Tayyip Erdogan (retranslated):"); the interviewer's "Q:" is no name."""
        m = _TRANSCRIPT.match(text)
        x = next((x for x in actors if x.end == m.end(1) and (x.start == m.start(1) or x.start > m.start(1)
                  and self._a_title(text, m.start(1), x.start, actors))), None) if m else None
        if x is None and m and not _SENTENCE_END.search(text) and m.group(1).split()[-1].lower() in self.speakers.roles:
            return self._role_headline(text, m, actors)
        if x is None or x.known and x.kind != "person" or not x.known and x.kind not in ("person", ""):
            return None
        who = self.speakers.who(text, x.start, x.end, actors)
        if who is None or not who.speaker or not (x.kind == "person" or len(who.speaker.split()) >= 2):
            return None                 # "Note: ...", "Background: ...": a label, nobody speaks
        said = Said(":", x.start, m.end(), text[x.start:x.end], who, x.start, pattern="transcript")
        said.content, said.content_at = text[m.end():].strip(" “”\""), m.end()
        return said

    def _a_title(self, text: str, a: int, b: int, actors: list) -> bool:
        """Is text[a:b] a person's title only ("President of Russia ", "Foreign Minister ")? Its words are
        title or role words of the vocabulary, "of", "the", or the name of a country or body; never another
        person or a verb ("Talks Between Putin And Erdogan:", "Vladimir Putin and Recep Tayyip Erdogan:")."""
        if not _LABEL_TITLE.fullmatch(text, a, b):
            return False
        bodies = [(x.start, x.end) for x in actors if a <= x.start and x.end <= b and x.kind in ("country", "organization")]
        sp = self.speakers
        for w in re.finditer(r"[\w.'’-]+", text[a:b]):
            word = w.group().lower().rstrip(".")
            inside = any(p <= a + w.start() and a + w.end() <= q for p, q in bodies)
            if not (inside or word in ("of", "the") or word in sp.roles or sp.fold(word) <= sp.title_words):
                return False
        return True

    def _role_headline(self, text: str, m: re.Match, actors: list) -> Said | None:
        """"Rostec chief: Russia ready to ...", "Minister: ...": a headline opened by a role and a colon; the
        role is settled over the article like any other ("the minister said")."""
        who = self.speakers.who(text, m.start(1), m.end(1), actors)
        if who is None or not who.person or who.speaker:
            return None
        said = Said(":", m.start(1), m.end(), m.group(1), who, m.start(1), pattern="transcript")
        said.content, said.content_at = text[m.end():].strip(" “”\""), m.end()
        return said

    def _pieces(self, before: str) -> list[tuple[int, int]]:
        """The stretches between commas, quotes, brackets and dashes; "(FSVTS)" after a name stays in; a
        lawmaker's party and state ("Rep. X (D-Calif.) said", "Rep. X, R-Texas, a member of ..., told") is
        no stretch of its own: the name before it stays next to what follows."""
        masked = _ACRONYM_IN_BRACKETS.sub(lambda m: "  " + m.group(1) + " ", before) if " (" in before else before
        return [m.span() for m in _PIECE.finditer(masked) if not m.group().isspace()
                and not PARTY_STATE.fullmatch(m.group().strip().replace(".", ""))]

    def _speaker(self, text: str, verb: re.Match, actors: list) -> Said | None:
        """The speaker named before a reporting verb, or None when the words before it cannot be one.

        Those words run back to a comma, quote, bracket or dash; a description there ("X, an analyst at
        Y, said") is skipped when a name stands before it; "X smiled and said" gives X.
        """
        before = text[:_before_verb(text, verb.start())]                          # "has also", "last week"
        cut = dateline_prefix(text)                 # no piece reaches into a dateline ("ISTANBUL, Oct 3 (Reuters) - ")
        pieces = [(max(a, cut), b) for a, b in self._pieces(before) if b > cut and not text[max(a, cut):b].isspace()]
        if not pieces:
            return None
        sp = self.speakers
        p = len(pieces) - 1                                 # the piece that holds the speaker
        here = text[slice(*pieces[p])].strip()
        # ", Erdogan's spokesman, told": a possessive description between two commas (not "— Turkey's minister said")
        possessive = bool(p and _POSSESSIVE_LEAD.match(here) and text[pieces[p - 1][1]:pieces[p][0]].strip() == ","
                          and "," in text[pieces[p][1]:verb.start()] and (self._only_a_name(text, pieces[p - 1], actors)
                                                                          or sp.serves(text, *pieces[p - 1], actors)))
        if (here[:1].islower() or possessive) and p and sp.names_someone(text, *pieces[p - 1], actors) \
                and not _LEAD.match(here) \
                and (len(text[slice(*pieces[p - 1])].split()) <= 6
                     or _DESCRIBING.match(here) and sp.ends_with_name(text, *pieces[p - 1], actors)):
            p -= 1                      # skip the appositive: "X, an analyst at Y, said", "X, Erdogan's spokesman, said",
            #                             "the head of Y X, who ..., said", "X, speaking on condition of anonymity, said"
        (a, b), content_end = pieces[p], pieces[p][0]
        raw = text[a:b].strip()
        rel = _WHO_CLAUSE.search(raw)                     # a relative clause after the speaker is not its name
        if rel and raw[:rel.start()].split() and (raw[:rel.start()].split()[-1].lower() in self.nouns or sp.ends_with_name(
                text, a, text.index(raw, a) + rel.start(), actors)):
            raw = raw[:rel.start()]
        phrase = _SUBORDINATE.sub("", _LEAD.sub("", raw)).lstrip("-–—*•· ")
        cut = dateline_prefix(phrase)                                   # "ISTANBUL (Reuters) - X said"; but
        phrase = phrase[cut:] if phrase[cut:].strip() else phrase       # "NATO said": a name in capitals, alone
        if not phrase:
            return None
        a = text.rindex(phrase, 0, b + 1)
        b = a + len(phrase)
        if _AND_BUT_END.search(phrase):           # "Erdogan smiled and said", "X gave no details but said"
            subject = [x for x in actors if a <= x.start <= a + 30 and x.end < b and not text[a:x.start].strip(" ")
                       .replace("The", "").replace("the", "").strip() and (x.kind != "weapon_system")]
            if subject:
                x = subject[0]
                for y in actors:                            # "Turkey's Foreign Ministry": the ministry
                    if y.start > x.start and re.fullmatch(r"[’']s ", text[x.end:y.start]):
                        x = y
            if subject and re.search(r"\s[a-z]", text[x.end:b]):
                who = sp.who(text, x.start, x.end, actors)
                if who:
                    return Said(verb.group(1), x.start, verb.end(), text[a:x.end], who, x.start,
                                *self._medium(text, verb, actors))
            return None
        named_end = sp.ends_with_name(text, a, b, actors)
        words = phrase.split()
        if len(words) > (10 if named_end else 8):
            return None                                     # a clause, not a speaker ("A 2021 report by the X (Y)" is one)
        who = sp.who(text, a, b, actors)
        if not who:
            return None
        short_name = who.resolved in ("named", NEW_NAME) and len(words) <= 3   # "Russia's defence ministry"
        if not (named_end or words[-1].lower() in self.nouns or who.resolved == "pronoun" or short_name
                or self._head_noun(phrase)):
            return None                                     # "the talks went on for hours"
        if who.person and who.speaker and p and re.match(r"\s*(?:the|a|an) [a-z]", text[slice(*pieces[p - 1])]) \
                and sp.ends_with_name(text, *pieces[p - 1], actors):
            content_end = pieces[p - 1][0]                  # "..., the head of X, Alexander Y, said": not content
        return Said(verb.group(1), a, verb.end(), phrase, who, content_end, *self._medium(text, verb, actors),
                    coordinated=raw != phrase and bool(_LEAD.match(raw)))

    def _head_noun(self, phrase: str) -> bool:
        """Does the phrase open with a speaker noun and say where from ("A source in the Russian defence industry")?"""
        head = _HEAD_NOUN.match(phrase)
        return bool(head) and head.group(1).lower() in self.nouns

    def _inverted(self, text: str, verb: re.Match, actors: list) -> Said | None:
        """The speaker named after the verb: "“We will not back down,” said Erdogan." / "..., said US officials".

        Only where the content ends right before the verb (a comma or closing quote) and the words after
        it, up to the next comma or the sentence end, are a name (capitalised words, "of", "the" ...) or an
        unnamed group or role ("said a senior US official").
        """
        if verb.group(1) not in self.inverts or not _ends_with(_AFTER_CONTENT, text, verb.start()):
            return None
        a = re.compile(r"\s*").match(text, verb.end()).end()
        b = _PHRASE_END.search(text, a).start()
        words = text[a:b].split()
        if not words or len(words) > 8:
            return None
        group = words[-1].lower() in self.nouns
        name = self.speakers.ends_with_name(text, a, b, actors) and all(
            w[:1].isupper() or w in ("of", "the", "for", "and") for w in words)
        who = self.speakers.who(text, a, b, actors) if group or name else None
        if not who:
            return None
        return Said(verb.group(1), verb.start(), b, text[a:b], who, verb.start(), inverted=True)

    def _participle(self, text: str, verb: re.Match, actors: list) -> Said | None:
        """", saying ..." after a main clause: the subject that opens the sentence ("Erdogan has linked X to
        Y, saying ..."); nested in another statement of the sentence, it is dropped later."""
        if not verb.group(1).endswith("ing") or not _ends_with(_COMMA_END, text, verb.start()):
            return None
        start = dateline_prefix(text)
        opening = [x for x in actors if start <= x.start < start + 60 and x.end < verb.start()
                   and (x.kind in ("person", "organization", "country", "alliance") or not x.known)]
        persons = [x for x in opening if x.kind == "person"]
        x = (persons or opening or [None])[0]
        if x is None or len(text[start:x.start].split()) > 4:
            return None
        who = self.speakers.who(text, start, x.end, actors)
        return Said(verb.group(1), x.start, verb.end(), text[x.start:x.end], who, x.start) if who else None

    def _according(self, text: str, m: re.Match, actors: list) -> Said | None:
        """"According to X, ..." or "..., according to X.": a statement whose verb is the phrase itself."""
        a = m.end()
        b = _PHRASE_END.search(text, a).start()
        who = self.speakers.who(text, a, b, actors) if len(text[a:b].split()) <= 8 else None
        if not who:
            return None
        said = Said("according to", m.start(), b, text[a:b], who, m.start())
        said.pattern = "according to"
        said.content = (text[b:] if m.start() <= 2 else text[:m.start()]).strip(" ,.;:“”\"")
        return said

    def _medium(self, text: str, verb: re.Match, actors: list) -> tuple[str, int]:
        """Whom or where a statement was given, and how many characters after the verb that takes.

        "told Reuters" -> the entity Reuters; "told reporters", "at a news conference" -> the words;
        "in an interview with RIA" -> RIA Novosti.
        """
        m = _TOLD.match(text, verb.end()) if verb.group(1) in ("told", "tells", "tell") else None
        m = m or _VIA.search(text, verb.end())
        if not m:
            return "", 0
        group = 1 if m.group(1) else 2
        named = [x.name for x in actors if x.start >= m.start(group) and x.end <= m.end(group)]
        skip = m.end(group) - verb.end() if m.re is _TOLD else 0
        return (named[-1] if named else m.group(group).strip(" .")), skip


def statements(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None,
               occ: pd.DataFrame | None = None) -> pd.DataFrame:
    """Who said what: one row per attributed statement, found around reporting verbs.

    Patterns: speaker first ("X said (that) ...", "X has confirmed ...", "X told Reuters ..."), content
    first ("“...,” X said.", "..., X, a former ..., told Y.", "“...,” said X"), coordinated ("..., and Y
    said ...", "X smiled and said"), a participle after the main clause ("X has linked A to B, saying
    ..."), and "according to X". The speaker is found by `workbook.speakers`: a person, known or new (a
    name the tables do not know yet is the speaker by name); an unnamed group, role, body or document
    with its words and affiliation; an organisation or country. "He said" and "the minister said" are
    settled over the article (`workbook.speakers.refer_back`), a headline's or lead's role ("..., says defense
    minister", "Rostec chief: ...") also by the person named further on. A statement is never dropped because its
    speaker is unknown: `resolved` says how the speaker was found or why not.

    Returns
    -------
    DataFrame with STATEMENT_COLUMNS. `speaker_known` is True for an entity of entities.csv; `pattern` is
    "speaker first", "content first" or "according to"; `resolved` is "named", "new name: not in
    entities.csv yet", "unnamed: <words>", "role: '<words>' is <person>, named earlier as <title>",
    "pronoun: ..." or "unresolved: <reason>".
    Pass ``sents=sentences(docs)`` when you have them, to split the text only once. `occ`: the rows of
    `candidate_sentences` over the whole corpus for these articles, when they are a part of it (the
    cache computes statements a part at a time; a lone surname counts toward a full name named in
    another article, so the candidate names come from the whole corpus).
    """
    sents = sentences(docs) if sents is None else sents
    found = all_mentions(docs, path, sents)
    occ = candidate_sentences(docs, path, sents, found) if occ is None else occ
    rules = StatementRules(path)
    actors = actors_by_sentence(sents, found, occ, rules.speakers.thing_cues)
    rows = []
    columns = [sents[c].tolist() for c in ("doc_id", "sent_id", "start", "text")]     # plain lists: no pandas per row
    for doc_id, sent_id, start, text in zip(*columns):
        for c in rules.sentence(text, actors.get((doc_id, sent_id), [])):
            w = c.who
            rows.append({"doc_id": doc_id, "sent_id": sent_id, "speaker": w.speaker, "speaker_surface": c.surface,
                         "speaker_known": w.known, "speaker_role": w.role, "speaker_affiliation": w.affiliation,
                         "verb": c.verb, "content": c.content, "medium": c.medium, "pattern": c.pattern,
                         "resolved": w.resolved, "sentence": text, "_at": start + c.start, "_refer": w.refer,
                         "_role_ref": w.role_ref, "_person": w.person,
                         "_opens": not text[dateline_prefix(text):c.start].strip(" -–—*•·“”\"'‘’")})
    persons, bodies = _people_and_bodies(sents, actors, rules.speakers)
    headings, lead = defaultdict(list), {}
    for d, sid, text in zip(*columns[:2], columns[3]):
        if not _SENTENCE_END.search(text):
            headings[d].append(sid)
        elif d not in lead:
            lead[d] = sid                       # the article's first sentence that is no heading
    # pronouns and "the minister" look back within their article only: one pass per article, with
    # indexes by position, keeps the cost linear in the corpus and in each article's length
    by_article = defaultdict(list)
    for row in rows:
        by_article[row["doc_id"]].append(row)
    for d, article in by_article.items():
        refer_back(article, persons.get(d, []), bodies.get(d, []), headings.get(d, []), rules.speakers, lead.get(d, 0))
    table = pd.DataFrame(rows, columns=[c for c in STATEMENT_COLUMNS if c not in ("outlet", "published")]
                         + ["_at", "_refer", "_role_ref", "_person", "_opens"])
    table["speaker_known"] = table["speaker_known"].astype(bool)
    catalog = docs[["doc_id"]].assign(outlet=docs["outlet"] if "outlet" in docs else "",
                                      published=docs["published"] if "published" in docs else pd.NaT)
    table = table.drop(columns=["_at", "_refer", "_role_ref", "_person", "_opens"]).merge(catalog, on="doc_id", how="left")
    return table[STATEMENT_COLUMNS]


def _people_and_bodies(sents: pd.DataFrame, actors: dict, rules: SpeakerRules):
    """Per article ({doc_id: [...]}, by position): every person named (sent_id, at, person, role,
    affiliation, known), with the title the text puts before the name or entities.csv gives; and every
    organisation named (at, name, known)."""
    text_of = dict(zip(zip(sents["doc_id"].tolist(), sents["sent_id"].tolist()),
                       zip(sents["text"].tolist(), sents["start"].tolist())))
    people, bodies = [], []
    for (d, s), xs in actors.items():
        text, off = text_of[(d, s)]
        for x in xs:
            if x.kind == "person" or not x.known and not x.kind and 2 <= len(x.name.split()) <= 3:
                role, affiliation = rules._title_before(text, max(0, x.start - 60), x, [y for y in xs if y.end <= x.start
                                                                                     and y.start >= x.start - 60])
                if not role and not x.role:             # "the head of X, Dmitry Shugaev, said"
                    role, affiliation = rules.role_before_comma(text, x, xs)
                if x.known:
                    role = " ".join(filter(None, [role, rules.entity_role.get(x.name, "")]))
                    affiliation = affiliation or rules.entity_affiliation.get(x.name, "")
                # an apposition's body as written ("Erdogan's spokesman": "Erdogan") is the entity it links to
                written = next((y.name for y in xs if y.known and text[y.start:y.end] == x.affiliation), x.affiliation)
                people.append((d, s, off + x.start, x.name, role or x.role, affiliation or written, x.known))
            elif x.kind == "organization" or not x.known:
                bodies.append((d, off + x.start, x.name, x.known))
    persons = pd.DataFrame(people, columns=["doc_id", "sent_id", "at", "person", "role", "affiliation", "known"])
    persons = persons.sort_values(["doc_id", "at"])
    bodies = pd.DataFrame(bodies, columns=["doc_id", "at", "name", "known"]).sort_values(["doc_id", "at"])
    people_of, bodies_of = defaultdict(list), defaultdict(list)
    for d, *person in zip(*(persons[c].tolist() for c in persons.columns)):
        people_of[d].append(tuple(person))
    for d, at, name, known in zip(*(bodies[c].tolist() for c in ("doc_id", "at", "name", "known"))):
        bodies_of[d].append((at, name, bool(known)))
    return people_of, bodies_of
