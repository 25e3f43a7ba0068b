"""Places and governments: where a capital names its city, where a place name is part of another name.

Takes: an article's text (or all articles joined), the offsets of a capital or place alias, and the word
lists of `workbook.knowledge.vocabulary` (locative, compass, motion, place_attribute, document_noun, org_head).
Gives: ``dateline_spans`` (the agency datelines of a text), ``read_capital`` (city or government, and why),
``alternation`` (a regex for any of a list of words, as a tree of their letters)
and ``inside_a_name`` (a place that is only part of a longer name: "Istanbul Medeniyet University",
"the Istanbul agreement"). Comes after `workbook.knowledge`; `workbook.mentions` calls it for capital and
place hits only, so its cost grows with those hits, not with the text.

The rules, in the order they are tried (README, "Capitals and ambiguous names"):
1. a dateline always names a place: "WASHINGTON (AP) —", "ANKARA-Anadolu Agency", "ROME/ISTANBUL --",
   "MOSCOW, July 12. /TASS/.", "Istanbul, Turkey –", a line holding only "ISTANBUL";
2. a possessive is the government, even after "in": "a role in Ankara's decision";
3. the city after a locative ("in", "at", "near", "outside", "the outskirts of"; also "in the capital,"),
   after a compass word and "of" ("northwest of Ankara", "50 km south of the capital Moscow"), after a word
   of travel ("a visit to Moscow", "flew to Ankara"), before "-based", or before a noun of the city
   ("the Rome summit", "the Ankara director");
4. otherwise the government ("Washington warned Ankara").
A capital or place followed by another capitalised word of a name ("Istanbul Medeniyet University",
"Washington Post") or by a document noun ("the Istanbul agreement") names neither: it is left unlinked
and the longer name goes to the candidates.
"""
from __future__ import annotations

import re

# Upper-case letters, Latin-1 and Turkish included; lower-case likewise.
_UP, _LO = "A-ZÀ-ÖØ-ÞİĞŞÇÜÖ", "a-zß-öø-ÿışğçüö"
_CAPS = rf"[{_UP}][{_UP}.'’\-]+"
_CAPS_PLACE = rf"{_CAPS}(?: {_CAPS}){{0,2}}"
_TITLE_PLACE = rf"[{_UP}][{_LO}'’\-]+(?: [{_UP}][{_LO}'’\-]+){{0,2}}"
_DATE = rf"(?:,\s*(?:[{_UP}][{_LO}]{{2,8}}\.?\s+\d{{1,2}}|\d{{1,2}}\s+[{_UP}][{_LO}]{{2,8}})\.?)"
_AGENCY = rf"(?:\([^()\n]{{1,40}}\)|/\s*[{_UP}][\w\-]+\s*/\.?|-[{_UP}][\w]*(?: [{_UP}][\w]*){{0,3}}(?=\s*$))"
_TERM = r"(?:--|[-–—:])"
# ALL-CAPS datelines: places, an optional ", Country" and date, then an agency and/or a dash, or nothing
# more on the line (a line holding one or two capitalised words, as "ISTANBUL" in a newspaper's header).
_CAPS_DATELINE = re.compile(
    rf"^(?P<places>{_CAPS_PLACE}(?:\s*/\s*{_CAPS_PLACE})*(?:,\s*(?:{_CAPS_PLACE}|{_TITLE_PLACE}))?){_DATE}?"
    rf"(?:\s*{_AGENCY}\s*{_TERM}?|\s*{_TERM}(?=\s)|(?=[ \t]*$))", re.M)
# Title-case datelines need more to tell them from a sentence: an agency in brackets or /slashes/, or
# ", Country" and a spaced dash ("Istanbul, Turkey – ").
_TITLE_DATELINE = re.compile(
    rf"^(?P<places>{_TITLE_PLACE}(?:\s*/\s*{_TITLE_PLACE})*(?:,\s*{_TITLE_PLACE})?){_DATE}?"
    rf"(?:\s*(?P<agency>{_AGENCY})\s*{_TERM}?|\s+[–—-](?=\s))", re.M)
_BLANKS = re.compile(r"[ \t]*")


def datelines(text: str, not_places=frozenset()) -> list[tuple[int, int, int]]:
    """(start, end of the place words, end of the whole dateline) of every agency dateline in `text`
    (at line starts only), in text order.

    `not_places`: words that never make a dateline on their own (page furniture such as "MOST POPULAR").
    """
    found = {}
    for rx in (_CAPS_DATELINE, _TITLE_DATELINE):
        for m in rx.finditer(text):
            line = _dateline(rx, m, text, not_places)
            if line:
                found.setdefault(line[0], line)
    return [found[k] for k in sorted(found)]


def _dateline(rx: re.Pattern, m: re.Match, text: str, not_places) -> tuple[int, int, int] | None:
    """(start, end of the place words, end of the whole dateline) for a match of `rx`, or None where the
    match is no dateline after all."""
    places = m.group("places")
    alone = not text[m.end("places"):m.end()].strip()
    if alone and len(places.split()) > 2:
        return None
    words = re.findall(r"[\w'’\-]+", places)
    if not words or all(w.title() in not_places or w in not_places for w in words):
        return None
    if rx is _TITLE_DATELINE and not m.group("agency") and "," not in places:
        return None                                            # "Ankara – which ..." is a sentence, not a dateline
    end = _BLANKS.match(text, m.end()).end()                   # (not text[m.end():]: a copy per dateline)
    return m.start("places"), m.end("places"), end


def dateline_spans(text: str, not_places=frozenset()) -> list[tuple[int, int]]:
    """(start, end) of the place words of every agency dateline in `text` (see `datelines`)."""
    return [(a, b) for a, b, _ in datelines(text, not_places)]


def dateline_prefix(text: str) -> int:
    """How many characters of `text` a dateline at its very start takes ("ISTANBUL (Reuters) - "), else 0.

    The first of `datelines` of the first line, where it starts the text: tried at the start only."""
    line = text[:text.find("\n")] if "\n" in text else text
    for rx in (_CAPS_DATELINE, _TITLE_DATELINE):
        m = rx.match(line)
        found = m and _dateline(rx, m, line, frozenset())
        if found:
            return found[2]
    return 0


def alternation(words) -> str:
    """A regex for any of `words`, the longest that fits first, written as a tree of their letters
    ("sa(?:id|y(?:ing|s)?)"): the same matches as the words joined by "|" longest first, but the regex
    engine tries a letter at each position rather than every word."""
    tree = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}                                          # a word ends here

    def branch(node) -> str:
        parts = [re.escape(ch) + branch(node[ch]) for ch in sorted(node) if ch]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        if "" in node:                                         # the longer words first, then the one ending here
            body = ("(?:" + body + ")" if len(parts) == 1 else body) + "?"
        return body

    return branch(tree)


def _phrases(words) -> re.Pattern:
    """One regex alternation of the words (longest first), as whole words."""
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=[^\w\-]))(?:{alts})" if alts else r"(?!x)x")


class PlaceRules:
    """The place rules compiled from one state of vocabulary.csv (see the module docstring)."""

    def __init__(self, vocab: dict):
        w = lambda c: sorted(vocab.get(c, ()))                                     # noqa: E731
        capital_of = r"(?:the\s+(?:capital|city|port|town)(?:\s+city)?(?:\s+of)?,?\s+)?"
        self.before_city = re.compile(                                         # (word lists as trees: `alternation`)
            rf"(?:\b(?:{alternation(w('locative'))})\s+{capital_of}"
            rf"|\b(?:{alternation(w('compass'))})\s+of\s+{capital_of}"
            rf"|\b(?:\d[\d,.]*\s*(?:km|kilometers|kilometres|miles|mi)\s+)(?:from|of|outside)?\s*{capital_of}"
            rf"|\b(?:{alternation(w('motion'))})(?:\s+(?:to|in|of))?\s+{capital_of})$", re.I)
        self.after_city = re.compile(rf"^(?:-based\b|-area\b|\s+(?:{alternation(w('place_attribute'))})\b)")
        self.after_document = re.compile(rf"^\s+(?:{alternation(w('document_noun'))})\b")
        self.org_heads = frozenset(vocab.get("org_head", ())) | frozenset(vocab.get("place_head", ()))
        self.not_name_words = frozenset().union(*(vocab.get(c, ()) for c in (
            "title", "calendar", "time_zone", "sentence_adverb", "furniture")))

    def read_capital(self, text: str, start: int, end: int, in_dateline: bool) -> tuple[str, str]:
        """("city" | "government", why) for the capital at text[start:end]."""
        if in_dateline:
            return "city", "dateline"
        after = text[end:end + 40]
        if re.match(r"[’']s\b| s\b", after):
            return "government", "possessive"
        before = text[max(0, text.rfind("\n", 0, start) + 1, start - 60):start]
        m = self.before_city.search(before)
        if m:
            return "city", f"after '{m.group().strip()}'"
        m = self.after_city.match(after)
        if m:
            return "city", f"before '{m.group().strip()}'"
        return "government", "default"

    def inside_a_name(self, text: str, start: int, end: int) -> str:
        """Why the place at text[start:end] is only part of a longer name, or "".

        Followed by a document noun ("the Istanbul agreement"), or by capitalised words that end in the
        head of an organisation's or place's name, in a sentence that is not a headline ("Istanbul
        Medeniyet University", "Washington Post"); or preceded by such a head and "of" ("University of
        Ankara"). "In Istanbul Erdogan said" keeps Istanbul: no head word follows.
        """
        after = text[end:end + 60]
        if self.after_document.match(after):
            return "named document"
        line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        run = re.match(rf"^(?: (?:[{_UP}][\w\-.]*|of|for|and|on|the)){{1,6}}", text[end:end + 120])
        heads = [w for w in (run.group().split() if run else []) if w in self.org_heads]
        if heads and not _headline(line):
            return "part of a longer name"
        before = text[max(line_start, start - 40):start]
        m = re.search(r"\b([A-Z][\w\-]*) of (?:the )?$", before)
        if m and m.group(1) in self.org_heads and not _headline(line):
            return "part of a longer name"
        return ""


def _headline(line: str) -> bool:
    """A line in title case (most words capitalised): a headline, where capitals prove nothing."""
    words = line.split()
    return len(words) > 3 and sum(w[:1].isupper() for w in words) / len(words) > 0.6
