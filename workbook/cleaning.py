"""Cleaning: from the raw article text to the text every later stage reads.

Takes: one article's raw text (and its title), and the rules of two tables of the corpus folder:
``boilerplate.csv`` (one outlet's headers and footers) and ``furniture.csv`` (page furniture of any
outlet: captions, bylines, stamps, "Read more" lines, boxes of other headlines, share buttons, tag
lists, copyright lines, URLs). Both have the columns rule, action, pattern, max_words, why.
Gives: ``clean`` (cleaned text + what was removed, rule by rule), ``cleaning_rules`` (both tables,
validated; ``boilerplate_rules`` is the same), ``line_rule`` and ``LineRules`` (the rule that removes a
line), ``removals`` (the removals of a loaded corpus).
Comes with `workbook.corpus`, which calls it while loading; `workbook.review` lists what it kept but
looks suspicious.

Actions: ``line`` drops a matching line; ``block`` drops a matching heading and the list of short
lines under it (headlines, numbers), up to the first line that ends a sentence; ``rest`` drops the
line and everything after it; ``inline`` takes the matching words out of a line and keeps the rest;
``keep`` marks a line as reporting, so no other rule removes it; ``define`` names a piece of pattern
that later patterns use as ``<NAME>``. A rule with ``max_words`` removes only lines of at most that
many words: a longer line is kept (and listed as suspicious), since furniture is short. One rule
needs no table row: the lines that end an article after its last sentence, three or more short
capitalised ones without punctuation or a year, are a list of tags without a heading ("tag list").

Every search of a rule is bounded in time (`Bounded`), so a pattern that backtracks without end is
reported by its row instead of hanging the load. The line rules that start at a line's start are tried
together first, as one bounded pattern: a line that neither it nor another rule matches (most lines:
reporting) is kept after a handful of searches instead of one per rule.
"""
from __future__ import annotations

import functools
import re

import pandas as pd
import regex

from .files import CorpusError, read_table, table_file, where

RULE_TABLES = ("boilerplate.csv", "furniture.csv")      # outlet rules first, then the general ones
ACTIONS = ("line", "block", "rest", "inline", "keep", "define")
BLOCK_ITEM_WORDS = 20        # a line under a block heading is a list item when it is this short ...
BLOCK_MAX_ITEMS = 15         # ... and does not end a sentence; at most this many items go with a heading
REPEAT_MIN_WORDS = 4         # a repeated line this long (or longer) is dropped the second time
TAIL_TAGS = 3                # the article's last lines are a list of tags with no heading when at least this
TAG_WORDS = 4                # many of them, after its last sentence, hold this many words or fewer each
                             # (capitalised, no punctuation, no year: "Türkiye", "S-400", "Yasar Guler")
RULE_SECONDS = 1.0           # a pattern may take this long on a line of up to RULE_CHARS characters (in
RULE_CHARS = 100_000         # proportion on a longer one: an article pasted as one line); longer, it backtracks
MOST = 0.5                   # a rule that removes more than this share of an article's words is an error
_MACRO = re.compile(r"<([A-Z][A-Z_]*)>")
# Zero-width and other invisible format characters (Unicode category Cf: U+200B, U+200D, U+2060, soft
# hyphen, direction marks, a BOM inside the text): "Erdo\u200bgan" is Erdogan to a reader, so to the workbook.
_INVISIBLE = regex.compile(r"\p{Cf}")
# Probes run against every pattern when the rules are loaded: long runs of one character end in a
# mismatch, the strings on which a pattern with nested repeats backtracks for ever.
_PROBES = [c * 40 + "\u2603" for c in ("a", "A", "0", " ", ".", "-", "a b ", "1 ", "12:", "Jan 1 ")]


def bound(text: str) -> float:
    """The seconds a pattern may take on `text`: RULE_SECONDS, in proportion on a line of more than RULE_CHARS."""
    # in proportion to the line: a pattern that backtracks without end grows faster than any line, while a
    # sound one on a 12 MB article pasted as one line took more than a fixed second on a loaded machine
    return RULE_SECONDS * max(1.0, len(text) / RULE_CHARS)


class Bounded:
    """A cleaning rule's compiled pattern that gives up after RULE_SECONDS, with CorpusError naming the rule."""

    def __init__(self, compiled, at: str):
        self.compiled, self.at = compiled, at

    def _bounded(self, method, text: str):
        seconds = bound(text)
        try:
            return method(text, timeout=seconds)
        except TimeoutError:
            raise CorpusError([f"{self.at}: the pattern took more than {seconds:g} s on the line "
                               f"{text[:60]!r} ({len(text):,} characters); it backtracks without end (repeats that "
                               "overlap, such as (a|aa)+): simplify it"]) from None

    def search(self, text: str):
        return self._bounded(self.compiled.search, text)

    def finditer(self, text: str):
        return list(self._bounded(self.compiled.finditer, text))


def cleaning_rules(path=None) -> pd.DataFrame:
    """The cleaning rules of the corpus folder: boilerplate.csv, then furniture.csv, validated.

    Returns rule, action, pattern, max_words (0 = no limit), why, table, row and the compiled
    ``regex`` (``define`` rows are expanded into the patterns that use them and left out).
    Raises CorpusError listing every bad row (file, row, rule) at once.
    """
    problems, rows, macros = [], [], {}
    for name in RULE_TABLES:
        file = table_file(name, path)
        table = read_table(name, path, ("rule", "action", "pattern", "why"))
        if "max_words" not in table.columns:
            table["max_words"] = ""
        for i, r in zip(table.index + 2, table.itertuples()):      # the row as the spreadsheet numbers it
            at = where(file, i, r.rule or "no rule name")
            if r.action not in ACTIONS:
                problems.append(f"{at}: action '{r.action}' must be one of {', '.join(ACTIONS)}")
                continue
            if not r.pattern:
                problems.append(f"{at}: the pattern is empty; write a regular expression")
                continue
            if r.max_words and not r.max_words.isdigit():
                problems.append(f"{at}: max_words '{r.max_words}' must be a whole number or empty")
                continue
            unknown = [m for m in _MACRO.findall(r.pattern) if m not in macros]
            if unknown:
                problems.append(f"{at}: <{'>, <'.join(unknown)}> is not defined above this row; "
                                "add a 'define' row with that rule name first")
                continue
            pattern = _MACRO.sub(lambda m: f"(?:{macros[m.group(1)]})", r.pattern)
            try:
                compiled = Bounded(regex.compile(pattern), at)
                for probe in _PROBES:
                    compiled.search(probe)
            except regex.error as exc:
                problems.append(f"{at}: pattern is not a regular expression ({exc})")
                continue
            except CorpusError as err:
                problems += err.problems
                continue
            if r.action == "define":
                macros[r.rule] = pattern
                continue
            if compiled.search(""):
                problems.append(f"{at}: the pattern matches an empty line, so it would take every line; make it "
                                "require some text (e.g. + instead of *)")
                continue
            rows.append({"rule": r.rule, "action": r.action, "pattern": r.pattern,
                         "max_words": int(r.max_words or 0), "why": r.why, "table": name, "row": i,
                         "regex": compiled})
    if problems:
        raise CorpusError(problems)
    return pd.DataFrame(rows, columns=["rule", "action", "pattern", "max_words", "why", "table", "row", "regex"])


boilerplate_rules = cleaning_rules       # the name notebooks used before furniture.csv existed


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# " s" after a letter, " t" after an n (each written from its space, which makes the search fast)
_LOST_APOSTROPHE = re.compile(r" (?:(?<=[A-Za-z] )s|(?<=n )t)\b(?=[\s.,;:!?])")
_BLANKS = re.compile(r"[ \t]{2,}|\t")         # runs of spaces and tabs but a single space (that stays as it is)
_WORD = re.compile(r"\w+")
_SPACES = re.compile(" *")
_SENTENCE_END = re.compile(r"[.!]$")


def words(line: str) -> int:
    return len(line.split())


def line_rule(line: str, rules) -> tuple | None:
    """The first rule (a row of `cleaning_rules`) that removes this stripped line, or None.

    A ``keep`` rule that matches wins over every other; a rule whose ``max_words`` the line exceeds
    does not remove it.
    """
    return LineRules(rules).first(line)


class LineRules:
    """The line rules (every action but ``inline``) of a rule list, to find the one that removes a line.

    The same answer as searching every rule on every line, with fewer searches: most lines are reporting
    that no rule matches, and the patterns that start at the line's start (``^...``, nearly all of
    them) are first tried together as one pattern (`combined`), time-bounded like each rule. Only a line
    that this pattern or one of the other rules matches is searched rule by rule, as before. A rule whose
    ``max_words`` the line exceeds cannot remove it, so it is not searched for the first test; one that
    ends at the line's end ("...$") is searched from the end (`from_the_end`).
    """

    def __init__(self, rules):
        self.rules = [r for r in rules if r.action != "inline"]
        self.together, alone = combined(tuple(r.regex.compiled.pattern for r in self.rules))
        self.alone = [self.rules[i] for i in alone]
        # (search, max_words or 0 for a keep rule, which counts at any length) of the others
        self._alone = [(from_the_end(r.regex.compiled.pattern) or r.regex.compiled.search,
                        0 if r.action == "keep" else r.max_words) for r in self.alone]

    def first(self, line: str) -> tuple | None:
        """The first rule that removes this stripped line, or None (see `line_rule`)."""
        n = words(line)
        if not self._may_match(line, n):
            return None
        hits = [r for r in self.rules if r.regex.search(line)]
        if any(r.action == "keep" for r in hits):
            return None
        return next((r for r in hits if not r.max_words or n <= r.max_words), None)

    def _may_match(self, line: str, n: int) -> bool:
        """False when no rule that could remove or keep the line (of `n` words) matches it. Each search has the
        time of `Bounded`; one that runs out answers True, and the search rule by rule then names the rule."""
        seconds = bound(line)
        try:
            return bool(self.together is not None and self.together.search(line, timeout=seconds)
                        or any(search(line, timeout=seconds) for search, most in self._alone if not most or n <= most))
        except TimeoutError:
            return True


# Leading flags that a scoped group carries the same ("(?i)^..." is "(?i:^...)"). A pattern with flags
# elsewhere (global in `regex`) or verbose ones, a comment, a back-reference, a call, a condition or a
# control verb keeps to itself: group numbers and flags change when patterns are joined, and a comment
# may hide a bracket from `_top_level_or`.
_LEADING_FLAGS = re.compile(r"\(\?([is]+)\)")
_KEEPS_TO_ITSELF = re.compile(r"\(\?[a-zA-Z0-9-]*[)x]|\(\?#|\\[1-9gkG]|\(\?P[=>]|\(\?[(&R]|\(\?[0-9+]|\(\?-\d|\(\*")


@functools.lru_cache(maxsize=16)
def combined(patterns: tuple[str, ...]) -> tuple:
    """The patterns that match only at a line's start joined into one `regex` ("^(?:(?:A)|(?:B)...)"),
    and the indexes of the others; (None, all indexes) when none can be joined."""
    parts, alone = [], []
    for i, pattern in enumerate(patterns):
        lead = _LEADING_FLAGS.match(pattern)
        flags, body = (lead.group(1), pattern[lead.end():]) if lead else ("", pattern)
        if body.startswith("^") and not _top_level_or(body) and not _KEEPS_TO_ITSELF.search(body):
            parts.append(f"(?{flags}:{body})")
        else:
            alone.append(i)
    if not parts:
        return None, alone
    try:
        return regex.compile("^(?:" + "|".join(parts) + ")"), alone
    except regex.error:
        return None, list(range(len(patterns)))


# What `regex` matches differently from right to left: atomic groups, possessive repeats, fuzzy matching,
# a reset of the match start (and all that keeps a pattern to itself).
_ONE_WAY = re.compile(r"\(\?>|[*+?}]\+|\\K|\{[^}]*[a-z]")


@functools.lru_cache(maxsize=64)
def from_the_end(pattern: str):
    """The search of the pattern from right to left (`regex`'s "(?r)") when it ends at the line's end ("...$",
    "...$)"), else None. Whether a line holds a match does not depend on the direction a search takes (each
    tries every way the pattern can match; only which match it reports may differ), and from the end the "$"
    turns away every other place at once: for "(...)$", twenty times faster on a line of reporting. Not for
    a pattern with anything `_ONE_WAY` or `_KEEPS_TO_ITSELF` names."""
    lead = _LEADING_FLAGS.match(pattern)
    body = pattern[lead.end():] if lead else pattern
    tail = body.rstrip(")")
    if not tail.endswith("$") or tail.endswith("\\$") or _KEEPS_TO_ITSELF.search(body) or _ONE_WAY.search(body):
        return None
    try:
        return regex.compile("(?r)" + pattern).search
    except regex.error:
        return None


def _top_level_or(pattern: str) -> bool:
    """True when the pattern has a '|' outside every group ("^a|b" matches b anywhere)."""
    depth, i, in_set = 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_set:
            in_set = c != "]"
        elif c == "[":
            in_set = True
            i += 1 + pattern.startswith("^", i + 1)
            i += pattern.startswith("]", i)             # "[]...]" and "[^]...]": the first ']' is a member
            continue
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


def ends_sentence(line: str) -> bool:
    """True when a line ends like a sentence of prose (a full stop or '!', perhaps inside a quote)."""
    return bool(_SENTENCE_END.search(line.rstrip("”’\"')]» ")))


def clean(raw: str, rules: pd.DataFrame | None = None, title: str | None = None) -> tuple[str, tuple]:
    """Apply the cleaning rules to one article's raw text.

    Parameters
    ----------
    raw : the article as stored (it is never changed).
    rules : from `cleaning_rules` (default: the tables of ``corpus/``).
    title : the catalog title; a later line repeating it is dropped as "repeated headline".

    Returns
    -------
    The cleaned text, and what was removed as (rule, text) pairs, in text order. Line rules act
    first (see the module docstring), then a line of REPEAT_MIN_WORDS or more words that repeats an
    earlier line (a caption or pull quote repeating the text, the headline repeated) is dropped the
    second time. Invisible format characters (zero-width spaces and joiners, soft hyphens, direction
    marks) are taken out first and listed as one removal. Then ``inline`` rules take out web addresses and embedded images, markdown links
    and emphasis become plain text, escaped dollars and non-breaking spaces are normalised, and lost apostrophes restored.
    """
    rules = list((cleaning_rules() if rules is None else rules).itertuples())
    inline = [r for r in rules if r.action == "inline"]
    line_rules = LineRules(rules)
    kept, removed, seen = [], [], set()
    title_key = _key(title or "")
    invisible = _INVISIBLE.findall(raw)
    if invisible:
        counts = {c: invisible.count(c) for c in dict.fromkeys(invisible)}
        removed.append(("invisible characters", ", ".join(f"{n} x U+{ord(c):04X}" for c, n in counts.items())))
    lines = _INVISIBLE.sub("", raw).replace("\u00a0", " ").split("\n")
    n = 0
    while n < len(lines):
        line = lines[n].strip()
        hit = line_rules.first(line) if line else None
        if hit is not None and hit.action == "rest":
            removed.append((hit.rule, "\n".join(lines[n:]).strip()))
            break
        if hit is not None and hit.action == "block":
            end = _block_end(lines, n)
            removed.append((hit.rule, "\n".join(x.strip() for x in lines[n:end] if x.strip())))
            n = end
            continue
        if hit is not None:
            removed.append((hit.rule, line))
        elif (key := _key(line)) and words(line) >= REPEAT_MIN_WORDS and key in seen:
            removed.append(("repeated headline" if key == title_key else "repeated line", line))
        else:
            seen.add(key)
            kept.append(line)
        n += 1
    tags = _tail_tags(kept, [r for r in rules if r.action == "keep"])
    if tags:
        removed.append(("tag list", "\n".join(kept[i] for i in reversed(tags))))
        kept = kept[:tags[-1]]
    text = "\n".join(kept)
    for rule in inline:
        text = _cut(text, rule, removed)
    text = _LINK.sub(r"\1", text)
    text = re.sub(r"^#+\s+", "", text, flags=re.M)                     # markdown headings
    text = re.sub(r"^\*+(.+?)\*+$", r"\1", text, flags=re.M)           # a paragraph in emphasis
    text = text.replace("\\$", "$")
    text = _LOST_APOSTROPHE.sub(lambda m: "'" + m.group(0).strip(), text)
    text = _BLANKS.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, tuple(removed)


_TAG = re.compile(r"^[A-ZÀ-ÞİŞĞÇÖÜ0-9][^.!?,;:()\"“”]*$")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _tail_tags(kept: list[str], keep_rules: list) -> list[int]:
    """Positions (last first) of the run of tag-like lines that ends an article (`TAIL_TAGS` or more of
    at most `TAG_WORDS` words, capitalised, no punctuation or year), after a line that ends a sentence;
    [] when the article does not end so. A line a ``keep`` rule matches is never a tag."""
    run, i = [], len(kept) - 1
    while i >= 0:
        line = kept[i]
        if line and not (words(line) <= TAG_WORDS and _TAG.match(line) and not _YEAR.search(line)
                         and not any(r.regex.search(line) for r in keep_rules)):
            break
        if line:
            run.append(i)
        i -= 1
    return run if len(run) >= TAIL_TAGS and i >= 0 and ends_sentence(kept[i]) else []


def _cut(text: str, rule, removed: list) -> str:
    """Take every match of an ``inline`` rule out of the text (with brackets it leaves empty: "(URL)")."""
    out, pos = [], 0
    for m in rule.regex.finditer(text):
        a, b = m.span()
        removed.append((rule.rule, m.group()))
        before, after = text[pos:a].rstrip(" "), _SPACES.match(text, b).end()     # the text resumes at `after`
        if before.endswith(("(", "[")) and text.startswith((")", "]"), after) and not before.endswith("]("):   # not [text](URL)
            a, b = pos + len(before) - 1, after + 1
            while a > 0 and text[a - 1] == " ":      # no copy of the text up to here: that grew with the square
                a -= 1
        out.append(text[pos:a].rstrip(" ") if text[b:b + 1] in tuple(".,;:!?") else text[pos:a])
        pos = b
    return "".join(out) + text[pos:]


def _block_end(lines: list[str], start: int) -> int:
    """Index after the list under a block heading at `start`: short lines that end no sentence."""
    end, items = start + 1, 0
    for i in range(start + 1, len(lines)):
        line = lines[i].strip()
        if not line:
            continue
        if items >= BLOCK_MAX_ITEMS or words(line) > BLOCK_ITEM_WORDS or ends_sentence(line):
            break
        items += 1
        end = i + 1
    return end


def _key(line: str) -> str:
    """A line reduced to its words, case-folded: how repeats are recognised."""
    return " ".join(_WORD.findall(line.casefold()))


def removals(docs: pd.DataFrame) -> pd.DataFrame:
    """What cleaning removed from each article: doc_id, rule, removed text."""
    rows = [{"doc_id": d, "rule": rule, "removed": text}
            for d, removed in zip(docs["doc_id"], docs["removed"]) for rule, text in removed]
    return pd.DataFrame(rows, columns=["doc_id", "rule", "removed"])
