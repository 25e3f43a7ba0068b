"""Names in running text that no alias links: how a run of capitalised words becomes a name, or not.

Takes: one sentence's text, the spans of its linked mentions, and the word lists of
`workbook.knowledge.vocabulary` (titles, heads of organisation and place names, document nouns, sentence adverbs,
calendar words, time zones, page furniture).
Gives: ``name_spans`` (runs of capitalised words), ``find_names`` (the names of one sentence, split and
trimmed, each with a guessed kind, role and affiliation; ``probe_words``, the words it may look up in
the corpus's lower-case words), ``DESIGNATION`` (weapon designations such as
F-16, Su-57, HQ-9), ``common_words`` (the words a corpus writes in lower case in its reporting sentences)
and ``fold`` (a spelling key without case and accents). Comes after `workbook.mentions`;
`workbook.candidates`, `workbook.statements` and `workbook.claims` use it.

The rules, each for a kind of text:
- a run is capitalised words joined by single spaces or a connector ("of", "for", "and" ...); a linked
  mention, a weapon designation, a comma or a bracket ends it;
- "and" joins two names only inside an organisation's name ("Center for Analysis of Strategies and
  Technologies", "Justice and Development Party": a word or title before it, a head at the end),
  otherwise it splits them ("Aselsan and Roketsan");
- a head of organisation's name alone mid-sentence with no article is the institution, even where the
  corpus writes the word in lower case ("from Congress", "the US Congress"; not "a party congress");
- an acronym before a person's name is kept apart ("SSB Ismail Demir" -> SSB, Ismail Demir);
- titles in front are trimmed and kept as the role ("Defence Minister Hulusi Akar"; "Secretary of
  State Antony Blinken"), and a title inside a run splits it ("Rostec CEO Sergei Chemezov"), except in
  an organisation's name ("Senate Foreign Relations Committee", "Foreign Ministry");
- never a name: titles alone, calendar words and their abbreviations, time zones, sentence adverbs,
  function words, page furniture, codes with digits ("T06"), a label before a colon ("Tags:"), a lone
  sentence-initial word shaped like an adverb or participle (-ly, -ing, -ed: "Unfortunately,", "Asked"), and
  a word the corpus writes in lower case in its reporting sentences (never from a tag list or a URL);
- headlines (title case) and all-caps lines give no names; bylines ("By ...") do.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

_TOKEN = re.compile(r"[^\W\d_][\w\-]*(?:[’']s)?")
CONNECTORS = {"of", "for", "and", "the", "de", "van", "von", "al", "bin", "on"}
# Grammar, not knowledge: words that open sentences and are never names on their own.
FUNCTION_WORDS = set("""The A An This That These Those It Its He She We They I You Our His Her Their My Your Why What Who
Whom Whose How When Where Which Yes No Not If But And Or So As In On At For With From By To Of After Before There Here
Such Some Any All Both Each Every Many Much More Most Few Other Another One Two Three Four Five Six Seven Eight Nine Ten
Unlike Like Over Under Amid Among Against Without Within Upon Into Through During Until Since Because Although While
Whether Once Then Thus Us Me Him Them Let Please Do Does Did Is Are Was Were Be Been Has Have Had Will Would Can Could
Should May Might Must Shall Oh Mr Mrs Ms Dr""".split())
# Weapon designations: letters, a dash, digits ("F-16", "Su-57", "HQ-9", "MiG-29", "F-35A", plural "F-16s").
DESIGNATION = re.compile(r"(?<![\w\-/])([A-Z][A-Za-z]{0,3}-(?!(?:19|20)\d\d\b)\d{1,4}[A-Z]{0,2})(?:s)?(?![\w\-/])")
GROUP_OF = re.compile(r"\b(?:G-?(?:7|8|20)|Group of (?:\d+|Seven|Eight|Twenty))\b")
_NAME_YEAR = re.compile(r"^([A-Z][A-Za-z]+)-(?:19|20)\d\d$")                # "MAKS-2019", "IDEF-2023": the event
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,6}$")
# A US lawmaker's party and state after the name ("Sen. Tom Whitfield (R-Okla.)", "Rep. Jane Doe, D-Calif.,"): a label.
PARTY_STATE = re.compile(r"[DRI]-[A-Z][A-Za-z]{0,5}")    # a US lawmaker's party and state: "D-N.H.", "R-Texas"
_PARTY_BEFORE = re.compile(r"(?:\(|,\s)$")
_PARTY_AFTER = re.compile(r"\.?[A-Z]?\.?\s*[),]")
# Between an organisation's head and the rest of its name: "Center for a New American Security", "Institute
# for the Study of War", "Ministry of the Interior" (an article after the connector ends a run of capitals).
_OF_THE_NAME = re.compile(r" (?:of|for|on) (?:the|a|an) ")
# Names listed together before the noun that makes them weapon systems: "the HISAR and SIPER missiles".
_LISTED_BEFORE = re.compile(r"(?:\s*,\s*[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})*\s*,?\s+(?:and|or)\s+"
                            r"[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2}\s+([a-z]+)")
_NEXT_LOWER = re.compile(r"\s+([a-z][a-z\-]*(?: [a-z]+)?)")     # the lower-case words after a name
_NEXT_VERB = re.compile(r"[,]?\s+(?:has |have |had )?(\w+)")
# ", the head of the FSVTS," / ", director of the Federal Service ... (FSVTS),": an acronym in brackets may close it
_APPOSITION = re.compile(r",\s+(?:(?:the|a|an)\s+)?([^,;.()“”\"]{3,100}?)(?:\s+\([A-Z][\w-]{1,9}\))?(?:,|\.|$)")
# the capitalised words of a body's name in an apposition ("the Federal Service for Military-Technical Cooperation")
_POSSESSIVE_ROLE = re.compile(r"[A-Z][\w.-]*['’]s\s+[a-z]")                # ", Turkey's defence minister,"
# (a hyphenated word counts when all its parts are capitalised: "Military-Technical", not "Istanbul-based")
_BODY_WORD = r"(?<![\w-])[A-Z]\w+(?:-[A-Z0-9]\w*)*(?![\w-])"
_BODY_RUN = re.compile(rf"{_BODY_WORD}(?:\s+(?:(?:of|for|and|the)\s+)*{_BODY_WORD})*")
_OF_THE = re.compile(r" of (?:the )?")
_MODEL_CODE = re.compile(r"[A-Z]{1,4}\d{1,4}[A-Z]?")                    # "TB2", "T129", "PAC3"
_ADJECTIVE = re.compile(r"(?:an|ish|ese|ic|ern|ian|i)$")            # demonym-shaped: European, Kurdish, Israeli
# Modal verbs that are also first names: capitalised inside a sentence and before another capitalised word,
# they open a name ("analyst Can Kasapoglu", "actor Will Smith", "Analyst Can Kasapoglu" once the title is
# trimmed); at a sentence start they stay grammar.
_MODAL_NAMES = {"Can", "Will", "May"}
_POSSESSIVE = ("’s", "'s")
_FUNCTION_LOWER = {"the", "a", "an", "of", "to", "in", "and", "on", "for", "with", "that", "is", "was", "has", "have",
                   "had", "it", "by", "from", "as", "at", "be", "were", "are", "will", "would", "said", "not", "its"}


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """A spelling key: lower case, accents and dotless i removed, spaces and hyphens dropped (each
    spelling worked out once: names recur)."""
    text = text.replace("ı", "i").replace("İ", "I")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[\s\-’'.]+", "", text.lower())


def name_spans(text: str):
    """Runs of capitalised words in one sentence (joined by spaces or a connector like 'of')."""
    tokens = list(_TOKEN.finditer(text))
    n, i = len(tokens), 0
    while i < n:                                # a run starts at a capitalised word ...
        if not text[tokens[i].start()].isupper():
            i += 1
            continue
        run, end, i = [tokens[i]], tokens[i].end(), i + 1
        while i < n and tokens[i].start() == end + 1 and text[end] == " ":      # ... goes on past one space
            tok = tokens[i]
            if not text[tok.start()].isupper():                                # ... and a connector before a
                after = tokens[i + 1] if i + 1 < n else None                   # capitalised word
                if after is None or tok.group() not in CONNECTORS or not text[after.start()].isupper() \
                        or after.start() != tok.end() + 1 or text[tok.end()] != " ":
                    break
            run.append(tok)
            end, i = tok.end(), i + 1
        yield run


def reporting_sentence(text: str) -> bool:
    """A sentence of reporting prose: six words or more, ending as a sentence ends, with function words.
    Tag lists, headlines, captions' credits, URLs and slugs are not."""
    words = text.split()
    if len(words) < 6 or not _SENTENCE_END.search(text):
        return False
    found = 0
    for w in words:
        if w.lower().strip(",.;:") in _FUNCTION_LOWER:
            found += 1
            if found == 2:
                return True
    return False


_SENTENCE_END = re.compile(r"[.?!”\"’)]$")


_LOWER = re.compile(r"(?<![\w/.#@=\-])[a-zß-ÿışğçüö][\w’'\-]*(?![\w/#@=])")


def common_words(texts) -> set[str]:
    """Words written in lower case in reporting sentences (`reporting_sentence`); a word in a URL, a path,
    a hashtag or a handle does not count."""
    written = set()
    for text in texts:
        if reporting_sentence(text):
            written.update(_LOWER.findall(text))
    return {w.rstrip("’'") for w in written if "http" not in w and w.count("-") < 2}


def headline(text: str) -> bool:
    """A title-case line (most words capitalised, no lower-case word longer than three letters) or an
    all-caps line: capitals there prove nothing. A byline ("By ...") is not a headline."""
    words = _HEADLINE_WORD.findall(text)
    if not words or text.startswith("By "):
        return False
    if not _HAS_LOWER.search(text):
        shaped = len(words) > 2
    else:                                       # (the test a sentence of prose fails soonest first)
        shaped = len(words) > 3 and all(w[0].isupper() or w in _TITLE_CASE_LOWER for w in words) \
            and sum(w[0].isupper() for w in words) / len(words) > 0.6
    return shaped and not _CREDIT.search(text)


_HEADLINE_WORD = re.compile(r"[^\W\d_][\w\-’']*")
_HAS_LOWER = re.compile(r"[a-zß-ÿ]")


_CREDIT = re.compile(r"\b(?:[Rr]eporting|[Ee]diting|[Ww]riting|[Cc]ompiled|[Pp]hotos?|[Tt]ext) by\b")   # "(Reporting by X; Editing by Y)"
# The small words a title-case headline leaves in lower case (AP and Chicago style); any other lower-case
# word ("met", "said") makes the line a sentence.
_TITLE_CASE_LOWER = set("a an the and but or nor for so yet at by in of on to up as vs via with from into over per".split())


@dataclass
class Name:
    """One name found in a sentence: its offsets there, the words as written and as listed, and what the
    words around it say (a guessed kind, the role of a title or apposition, an affiliation)."""
    start: int
    end: int
    written: str
    surface: str
    kind: str = ""
    role: str = ""
    affiliation: str = ""
    initial: bool = False
    lead: int = -1                    # where its words began before titles were trimmed
    tokens: list = field(default_factory=list, repr=False)


class NameRules:
    """The name rules compiled from one state of vocabulary.csv."""

    def __init__(self, vocab: dict):
        self.titles = {t.rstrip(".") for t in vocab["title"]}
        self.heads = set(vocab["org_head"])
        self.place_heads = {h.split()[-1] for h in vocab["place_head"]} | set(vocab["place_head"])
        self.never = (set(vocab["calendar"]) | set(vocab["time_zone"]) | set(vocab["sentence_adverb"])
                      | FUNCTION_WORDS | {w.title() for w in vocab["compass"]} | {"East-West", "North-South"})
        self.furniture = set(vocab["furniture"])
        self.groups = {w.title() for w in vocab["group_noun"]}       # "Critics argue ...": never a name alone
        self.lower_heads = {w.lower() for w in self.heads} - {"administration", "government", "cabinet", "systems"}
        self.weapon_nouns = set(vocab["weapon_noun"])
        self.documents = set(vocab["document_noun"])
        self.events = {w.lower() for w in vocab["event_noun"]}
        self.lower_place_heads = {w.lower() for w in vocab["place_head"]} | {"airbase", "air base", "base", "city",
                                                                             "province", "region", "town", "village"}
        self.place_before = re.compile(r"\b(?:in|at|near|outside|city of|town of|northwest of|northeast of|"
                                       r"southwest of|southeast of|north of|south of|east of|west of)\s+$")
        self.roles = set(vocab["role_noun"])
        self.reporting = set(vocab["reporting_verb"])

    def bare(self, word: str) -> str:
        """The word without a possessive "'s" (a word: no line break in it)."""
        return word[:-2] if word.endswith(_POSSESSIVE) else word

    def never_a_name(self, word: str, after_name: bool = False) -> bool:
        """Is `word` never a name (alone)? `after_name`: it follows a capitalised word of the same name,
        where a model code belongs to the name ("Bayraktar TB2")."""
        w = self.bare(word)
        if after_name and _MODEL_CODE.fullmatch(w):
            return False
        return (w in self.never or w in self.titles or w in self.furniture or w.title() in self.furniture
                or not w.isalpha() and any(c.isdigit() for c in w) and not DESIGNATION.fullmatch(w)
                and not _NAME_YEAR.match(w))

    def kind_of(self, words: list[str], text: str, start: int, end: int, role: str) -> str:
        """A guess at the kind of the name text[start:end] (words) from its shape and neighbours, or ""."""
        if DESIGNATION.fullmatch(words[0]) and len(words) == 1:
            return "weapon_system"
        if GROUP_OF.fullmatch(" ".join(words)):
            return "organization"
        nxt = _NEXT_LOWER.match(text, end)
        after = nxt.group(1).split(" ")[0] if nxt else ""          # the lower-case word after the name
        if not self.place_heads.isdisjoint(map(self.bare, words[-2:])) or after in self.lower_place_heads:
            return "place"
        if after in ("and", "or") or text.startswith(",", end):   # "the HISAR and SIPER missiles": the noun after the list
            listed = _LISTED_BEFORE.match(text, end)
            after = listed.group(1) if listed and listed.group(1) in self.weapon_nouns else after
        if after in self.weapon_nouns and not (len(words) == 1 and _ADJECTIVE.search(words[0])):
            return "weapon_system"                                  # "the Hisar and Siper systems", not "European missile maker"
        if words[-1].lower() in self.documents or self.bare(words[-1]).lower() in self.events:
            return "other"                                          # "... Sanctions Act", "Montreux Convention", "... Space Salon"
        if not self.heads.isdisjoint(map(self.bare, words)) or after in self.lower_heads:
            return "organization"
        if role:
            return "person"
        if len(words) >= 2 and _MODEL_CODE.fullmatch(words[-1]):
            return "weapon_system"                                  # "Bayraktar TB2"
        if len(words) == 1 and _ACRONYM.match(words[0]):
            return "organization"
        if self.place_before.search(text[max(0, start - 25):start]) and len(words) <= 2:
            return "place"
        verb = _NEXT_VERB.match(text, end)
        if 2 <= len(words) <= 3 and verb and verb.group(1) in self.reporting:
            return "person"
        return ""

    def probe_words(self, text: str) -> set[str]:
        """Every word `find_names` may look up in `common` for this sentence (lower case): each word of
        a run of capitalised words, without a possessive, and the event of "MAKS-2019". Its names
        depend on `common` only through which of these it holds."""
        out = set()
        for run in name_spans(text):
            for tok in run:
                w = self.bare(tok.group())
                out.add(w.lower())
                m = _NAME_YEAR.match(w)
                if m:
                    out.add(m.group(1).lower())
        return out

    def find_names(self, text: str, taken: list[tuple], common: set, dateline_end: int = 0) -> list[Name]:
        """The names of one sentence that no mention covers.

        `taken`: (start, end, entity, kind) of its mentions (offsets in `text`); `common`: from
        `common_words`; `dateline_end`: where the sentence's dateline (if any) ends, so its words are places.
        """
        if headline(text):                              # an acronym is a name even there ("Why CAATSA Sanctions ...")
            return [Name(m.start(), m.end(), m.group(), m.group(), "organization", initial=m.start() == 0)
                    for m in re.finditer(r"(?<![\w\-])[A-Z]{3,8}(?![\w\-])", text)
                    if not any(a <= m.start() < b for a, b, *_ in taken) and not self.never_a_name(m.group())
                    and re.search(r"[a-z]", text)]
        found = []
        for run in name_spans(text):
            for part in self._split(text, run, taken, common):
                name = self._trim(text, part, taken, common, dateline_end)
                if name:
                    found.append(name)
        found = self._joined_past_an_article(text, found, taken)
        for prev, name in zip(found, found[1:]):            # "Rostec CEO Sergei Chemezov": Chemezov of Rostec
            if name.role and not name.affiliation and 0 <= name.lead - prev.end <= 1:
                name.affiliation = prev.surface
            if text[prev.end:name.start] == " (" and text.startswith(")", name.end) and _ACRONYM.match(name.surface) \
                    and prev.kind and len(prev.surface.split()) >= 2:
                name.kind = prev.kind                       # "... Sanctions Act (CAATSA)": the act's kind, not an acronym's
        return found

    def _joined_past_an_article(self, text: str, found: list[Name], taken: list) -> list[Name]:
        """An organisation's head and the capitalised words after "of/for/on" + "the/a/an" are one name ("Center
        for a New American Security", "Department of the Treasury"), where the article ended the run; so are
        the words after a linked name inside it ("New" + "American" + "Security")."""
        out, joined = [], set()
        for name in found:
            prev = out[-1] if out else None
            gap = text[prev.end:name.start] if prev is not None else ""
            linked = id(prev) in joined and any(a == prev.end + 1 and b == name.start - 1 for a, b, *_ in taken) \
                and gap.startswith(" ") and gap.endswith(" ") and not re.search(r"[^\w\s\-’']", gap)
            if prev is not None and not prev.role and prev.kind in ("organization", "") and not name.role \
                    and prev.tokens and (linked or self.bare(prev.tokens[-1].group()) in self.heads
                                         and _OF_THE_NAME.fullmatch(gap)) and not name.surface.isupper():
                written = text[prev.start:name.end]
                out[-1] = Name(prev.start, name.end, written, re.sub(r"[’']s$", "", written), "organization",
                               "", prev.affiliation, prev.initial, prev.lead, prev.tokens + name.tokens)
                joined.add(id(out[-1]))
                continue
            out.append(name)
        return out

    def _split(self, text: str, run: list, taken: list, common: set = frozenset()) -> list[list]:
        """The run cut at mentions, designations, labels, "and" between names, titles inside it, and
        between an acronym and a person's name."""
        parts, cur, after_system, within = [], [], False, False
        free = [not any(a <= tok.start() < b for a, b, *_ in taken) for tok in run]
        for n, tok in enumerate(run):
            at, word = tok.start(), tok.group()
            inside = system = False
            for a, b, _, k in taken:
                if a <= at < b:
                    inside, system = True, system or k == "weapon_system"
            # (a designation has a dash)
            system = system or "-" in word and bool(DESIGNATION.fullmatch(self.bare(word)))
            # a linked place inside an organisation's name goes on with it where the name goes on after it:
            # "Subcommittee on Europe and Regional Security Cooperation" (not "Ministry of Defence of Turkey")
            within = inside and not system and (within or len(cur) >= 2 and cur[-1].group() in ("of", "for", "on")
                                                and any(self.bare(t.group()) in self.heads for t in cur[:-1])) \
                and any(free[n + 1:])
            if within:
                cur.append(tok)
                continue
            if inside or system or after_system:
                parts.append(cur)
                cur = []
                after_system = system or after_system and not inside   # "F-16 Block 70": the variant
                continue
            cur.append(tok)
            owner = word.endswith(_POSSESSIVE) and len(cur) <= 2 and not cur[0].group().endswith("ing")
            if owner or text.startswith(":", tok.end()):
                parts.append(cur)                   # "Tags:", "Baykar's Bayraktar TB2": Baykar, then Bayraktar TB2
                cur = []                            # (not "Countering America's Adversaries ... Act")
        parts.append(cur)
        out = []
        for part in parts:
            if part:
                out += self._split_and(part, common)
        final = []
        for part in out:
            if part:
                final += self._split_titles(part)
        return [p for p in final if p]

    def _split_and(self, part: list, common: set = frozenset()) -> list[list]:
        words = [t.group() for t in part]
        if "and" not in words:
            return [part]
        i = words.index("and")
        if any(w in ("of", "for") for w in words[:i]):            # "Ministry of Trade and Industry"
            return [part]
        if any(w == "on" and self.bare(words[j - 1]) in self.heads for j, w in enumerate(words[:i]) if j):
            return [part]                                           # "Subcommittee on Tactical Air and Land Forces"
        if 2 <= i <= len(words) - 3 and "and" not in words[i + 1:] and self.bare(words[-1]).lower() in self.events:
            return [part]                                           # "International Aviation and Space Salon"
        if i == 1 and len(words) > 3 and self.bare(words[-1]) in self.heads and "and" not in words[2:] and (
                words[0].lower() in common or words[0] in self.titles or words[0] in self.heads):
            return [part]               # "Justice and Development Party" (a word, not a name: "Aselsan and Roketsan")
        return [part[:i]] + self._split_and(part[i + 1:], common)

    def _split_titles(self, part: list) -> list[list]:
        words = [self.bare(t.group()) for t in part]
        if not words or words[-1] in self.heads or any(w in self.heads for w in words[1:]) and words[-1] not in self.titles \
                and not any(w in self.titles for w in words[-2:]):
            return [part]
        for i in range(1, len(part) - 1):
            if words[i] in self.titles and words[i - 1] not in self.titles and words[i - 1] not in CONNECTORS:
                return [part[:i]] + self._split_titles(part[i:])       # "Rostec CEO Sergei Chemezov"
        if _ACRONYM.match(words[0]) and words[0] not in self.titles and not any(w in self.heads for w in words[1:]) \
                and len([w for w in words[1:] if w not in CONNECTORS and not self.never_a_name(w)]) >= 2:
            return [part[:1], part[1:]]                                 # "SSB Ismail Demir"
        return [part]

    def _trim(self, text: str, part: list, taken: list, common: set, dateline_end: int) -> Name | None:
        lead = part[0].start()
        words = [self.bare(t.group()) for t in part]
        is_org = any(w in self.heads for w in words[1:]) or words[-1] in self.heads \
            or len(words) > 2 and words[0] in self.heads and words[1] in CONNECTORS    # "Ministry of National Defense"
        role_words = []
        def inside(at: int) -> bool:                 # inside the sentence (after a title trimmed: "Analyst Can X")
            return bool(text[:at].strip(" “\"'(‘—–-")) and at >= dateline_end
        while part and not (words[0] in _MODAL_NAMES and len(part) > 1 and words[1][:1].isupper()
                            and inside(part[0].start())) and (
                words[0] in CONNECTORS or words[0] in FUNCTION_WORDS or words[0] in self.never
                or words[0] in self.furniture or words[0] in self.titles and not is_org):
            if words[0] in self.titles or role_words and words[0] == "of" or role_words and words[0] in self.titles:
                role_words.append(words[0])
            part, words = part[1:], words[1:]
            if role_words and role_words[-1] == "of":                # "Secretary of State": the portfolio
                while len(part) > 2 and words[0] in self.titles:
                    role_words.append(words[0])
                    part, words = part[1:], words[1:]
        while part and (words[-1] in CONNECTORS or words[-1] in self.never or words[-1] in self.titles
                        and not is_org and len(part) > 1):
            part, words = part[:-1], words[:-1]
        if not part:
            return None
        start, end = part[0].start(), part[-1].end()
        written = text[start:end]
        surface = re.sub(r"[’']s$", "", written)
        initial = not text[:start].strip(" “\"'(‘—–-") or start < dateline_end
        if all(w in CONNECTORS or self.never_a_name(w) for w in words):
            return None
        if len(words) == 1 and PARTY_STATE.fullmatch(words[0]) and _PARTY_BEFORE.search(text[:start]) \
                and _PARTY_AFTER.match(text, end):
            return None                                         # "(R-Okla.)", ", D-Calif.,": party and state
        event = _NAME_YEAR.match(words[-1])
        if event:                                               # "MAKS-2019": the event, without its year
            words[-1] = event.group(1)
            surface = surface[:len(surface) - len(event.group())] + event.group(1)
        if len(words) == 1:
            w = words[0]
            if w in self.groups:
                return None
            # a head of organisation's name standing alone mid-sentence, with no article before it, is the
            # institution even where the corpus writes the word in lower case ("Congress" / "a party congress")
            institution = w.lower() in self.lower_heads and not initial and not re.search(
                r"\b(?:the|a|an|its|their|this|that|every|any|no)\s+$", text[:start], re.I)
            if len(w) < 2 or w.lower() in common and not institution:
                return None
            if initial and re.search(r"(?:ly|ing|ed)$", w) and not _ACRONYM.match(w):
                return None                                     # "Unfortunately," "Asked", "Speaking"
        elif all(w.lower() in common or w in CONNECTORS for w in words) and initial:
            return None
        if start < dateline_end:
            kind = "place"
            if surface.isupper():
                surface = surface.title()
        else:
            kind = self.kind_of(words, text, start, end, " ".join(role_words))
            if event and kind in ("organization", ""):
                kind = "other"                                  # "Army-2021", "IDEF-2023": an event, not the army
        role, affiliation = " ".join(role_words), ""
        if not role:                                            # an apposition: "X, the head of the FSVTS,"
            m = _APPOSITION.match(text, end)
            if m and (m.group(1).split()[0][0].islower() or _POSSESSIVE_ROLE.match(m.group(1))) and any(
                    w.lower() in self.roles or w in self.titles or w.lower() in {"ceo", "head", "chairman"}
                    for w in m.group(1).split()):
                role = m.group(1).strip()
                kind = kind or "person"
                a = m.start(1)
                inside = [e for s0, e0, e, k in taken if s0 >= a and e0 <= m.end(1)
                          and k in ("country", "organization", "alliance")]
                names = [w for w in _BODY_RUN.findall(role) if not self.never_a_name(w)]
                affiliation = inside[-1] if inside else max(reversed(names), key=lambda w: len(w.split()), default="")
        before = [(a, e) for a, b, e, k in taken if 0 <= lead - b <= 1 and k in ("country", "organization", "alliance")]
        if before and not affiliation:
            affiliation = before[-1][1]
        if kind == "organization" and not role:
            m = _OF_THE.match(text, end)
            after = [b for a, b, e, k in taken if m and a == m.end() and k in ("country", "alliance")]
            if after:                                              # "German Marshall Fund of the United States"
                end = after[0]
            if before and lead - before[-1][0] < 40 and text[lead - 1] == " ":
                start = before[-1][0]                              # "Russian Air Force", "Turkish Airlines"
            if (start, end) != (part[0].start(), part[-1].end()):
                written = text[start:end]
                surface = re.sub(r"[’']s$", "", written)
        return Name(start, end, written, surface, kind, role, affiliation, initial, lead, part)
