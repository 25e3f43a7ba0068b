"""The time tagger: runs the rules over an article, in reading order, and reads each expression's
tense, anchor and the period under discussion.

Takes: texts with their reference dates and sentences, and the rules of `workbook.time.rules`.
Gives: ``tag_times`` (one text), ``time_expressions`` (every article), ``unresolved_times`` (what
looks like a date but is not placed, each with its reason).

Tense (for what is named without a year: a month, a day of a month, a weekday, a season, a
quarter, a holiday). The cue nearest before the expression in its clause decides; with none
before it, the first cue after it in the sentence ("In December, he visited Ankara").
- future: will, would, 'll, shall, going to, plans/hopes/expects/intends/aims/wants/is/are/set to,
  scheduled, upcoming, coming, next, and verbs that move a date (extended, postponed, delayed...);
  and, right before the expression, a deadline word: by, due, expires, payable, effective, as soon
  as, as early as, no later than, ahead of, of record ("by Jan. 14", "payable Dec. 7");
- past: was, were, had, did, said, told, met and the other past forms of the lexicon, ago, since,
  earlier, last, and any word in -ed right after a subject pronoun ("he visited"); not a participle
  after be/been ("will be paid"), and not when an infinitive stands between the past verb and the
  expression ("agreed to buy the bank in January": the buying is what is dated), nor for a
  deadline in the past perfect ("had been set to expire Nov. 6"), which falls back to no cue;
- present auxiliaries (is, are, has, have...) leave the reading to the default;
- no cue: a month, a day of a month, a season or a holiday is the one holding the reference date,
  else the next if it is less than half as far away as the latest before, else that one (see
  `workbook.time.spans.cyclic`); a weekday, a quarter or a half is the latest one.
A clause runs between commas, semicolons, colons, dashes, brackets and quotes. Every cue list is
in `workbook.time.lexicon`.

Anchor: the last expression placed before, in the same sentence or the two before it. "that year",
"the following week", "the next day", "later that month", "two years later" count from it; with
none in reach they are listed by `unresolved_times`, never counted from the reference date.
Topic: the last placed period finer than a year (quarter, half, month, season) in the same reach,
for comparisons ("from a year ago", "the year-earlier quarter"; see `workbook.time.rules`).

Cost, linear in the text: the anchor words are found by one search of the whole text per kind and
handed to the sentences; each rule runs only in the windows around the anchors it listens to, and
not in those that lack a piece every match of it holds (`workbook.time.patterns.needs`).
Comes after `workbook.time.rules`.
"""
from __future__ import annotations

import bisect
import itertools
import re

import numpy as np
import pandas as pd

from ..sentences import sentence_at, sentences
from .lexicon import (
    DEADLINE_CUES,
    FUTURE_CUES,
    MOVE_VERBS,
    DEADLINE_VERBS,
    PAST_CUES,
    PRESENT_CUES,
    SUBJECT_PRONOUNS,
)
from .records import Context, Skip, Unplaced
from .rules import (
    ANCHOR,
    ANCHOR_KINDS,
    ANCHOR_OTHERS,
    ANCHOR_WORD,
    ANCHOR_WORD_AT_START,
    DATE_LIKE,
    DATE_LIKE_REASON,
    RULES,
    VAGUE_RULES,
)
from .spans import as_day


def _words(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_CUE = re.compile(r"(?<![\w-])(?:(?P<future>" + _words(w for w in FUTURE_CUES if w[0].isalpha()) + r")|(?P<past>"
                  + _words(PAST_CUES) + r")|(?P<present>" + _words(PRESENT_CUES) + r")|(?P<ed>(?:" + _words(SUBJECT_PRONOUNS)
                  + r")\s+[A-Za-z]{2,}ed))\b|(?P<ll>'ll)\b", re.I)
_DEADLINE = re.compile(r"\b(?:" + _words(DEADLINE_CUES) + r")\s+(?:(?:on|at|in)\s+)?$", re.I)
_MOVED_TO = re.compile(r"\b(?:to|until|till|through)\s+(?:(?:on|at)\s+)?$", re.I)
_MOVE = re.compile(r"\b(?:" + _words(MOVE_VERBS) + r")\b", re.I)
_UNTIL = re.compile(r"\b(?:until|till)\s+(?:(?:on|at)\s+)?$", re.I)
_SETS_DEADLINE = re.compile(r"\b(?:" + _words(DEADLINE_VERBS) + r")\b", re.I)
_HAD = re.compile(r"\bhad\b", re.I)
_PASSIVE = re.compile(r"\b(?:be|been|being|get|gets|got)\s+$", re.I)     # "will be paid": not a past verb
_VERB_LAST = re.compile(r"\b(?:will|would|could|can|may|might|must|should|shall|to|not|n't|'ll)\s+$", re.I)
_INFINITIVE = re.compile(r"\bto\s+[a-z]+\b")                  # "agreed to buy ... in January": the buying counts
_LEAD = re.compile(r"(?i)(?:by|until|till|through|to|on|at|in|from|during|before|after)\s+")
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”—–]|\s-\s")
_COMPARISON = re.compile(r"\b(?:compared?\s+(?:with|to)|comparing|versus|vs\.|than|from|against|over)\b", re.I)
_OWN_SPAN = re.compile(r"\b(?:three|six|nine|twelve|3|6|9|12) months\b", re.I)
_WORD_CHAR = re.compile(r"\w")
_REACH = 2            # sentences back in which an anchor or a topic still counts


_ADVERB_CUES = frozenset(("ago", "since", "earlier", "last", "next", "coming", "upcoming"))


def _cues(sentence: str, lo: int, hi: int, verbs_only: bool = False) -> list[tuple]:
    """The tense cues in sentence[lo:hi], in order, as ('future'|'past'|'', end): '' is a present
    auxiliary. After the expression only verbs count ("since 2018" dates another expression)."""
    out = []
    for m in _CUE.finditer(sentence, lo, hi):
        kind = m.lastgroup
        if verbs_only and m.group(0).lower() in _ADVERB_CUES:
            continue
        if kind in ("past", "ed") and _PASSIVE.search(sentence, max(0, m.start() - 8), m.start()):
            continue
        if m.group(0).lower() == "last" and _VERB_LAST.search(sentence, max(0, m.start() - 12), m.start()):
            continue                            # "the talks would last until July 31": the verb, no past

        out.append(("future" if kind in ("future", "ll") else "past" if kind in ("past", "ed") else "", m.end()))
    return out


def tense_of(sentence: str, start: int, end: int) -> str:
    """'future', 'past' or '' for the expression sentence[start:end] (see the module docstring)."""
    lead = _LEAD.match(sentence, start, end)
    head = lead.end() if lead else start          # the expression's own preposition counts as before it
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)]
    clause = breaks[-1] if breaks else 0
    if _DEADLINE.search(sentence, max(0, head - 24), head):
        return "" if _HAD.search(sentence, clause, start) else "future"
    if _MOVED_TO.search(sentence, max(0, head - 12), head) and _MOVE.search(sentence, 0, start):
        return "future"
    if _UNTIL.search(sentence, max(0, head - 12), head) and _SETS_DEADLINE.search(sentence, clause, start):
        return ""                                # "gave Ankara until July 31": a deadline, the nearest July 31
    for lo, hi, pick in ((clause, start, -1), (start, end, 0), (end, len(sentence), 0), (0, clause, -1)):
        found = _cues(sentence, lo, hi, verbs_only=lo >= end)
        if found:
            tense, at = found[pick]
            if tense == "past" and at <= start and _INFINITIVE.search(sentence, at, start):
                return ""                        # "agreed to buy ... in January": the buying counts
            return tense
    return ""


def _windows(text: str, spans, before: int = 60, after: int = 45) -> list[tuple]:
    """Stretches worth giving to the rules, as (start, end, anchor kinds), one per anchor word: from
    `before` characters ahead of it to `after` past it, cut at spaces so no word is split, kept within
    its span. The longest expression ("for the comparable year-ago third quarter") fits."""
    out = []
    lowered = _lower_ascii(text)
    for s0, s1, anchors in _anchors_by_span(lowered, spans):
        for start, kind, end in anchors:
            if kind == "w":
                kinds = ANCHOR_KINDS[lowered[start:end]]
                if "month" in kinds and not text[start].isupper():
                    kinds = kinds - {"month"}
                    if not kinds:
                        continue
            else:
                kinds = {"words" if kind == "dec" else kind}
            a, b = start - before, end + after
            a = s0 if a <= s0 else text.find(" ", a, start) + 1 or a
            b = s1 if b >= s1 else (text.rfind(" ", end, b) if text.rfind(" ", end, b) > 0 else b)
            out.append((a, b, kinds, s0))
    return out


def _lower_ascii(text: str) -> str:
    """The text with A-Z lowered and nothing else changed (``text.translate(LOWER_ASCII)``, faster: in UTF-8
    every byte of a character beyond ASCII is above the letters, so bytes.lower leaves it as it is)."""
    if text.isascii():
        return text.lower()
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def _anchors(lowered: str, s0: int, s1: int) -> list[tuple]:
    """The matches of ANCHOR in lowered[s0:s1] as (start, kind, end), in order, found faster by its kinds one by one
    (see `workbook.time.rules`). A word that starts inside the one before it is not one ANCHOR takes; when the
    kinds' matches overlap, they may not be ANCHOR's, and ANCHOR's own are taken."""
    found, end = [], s0
    if s0 == 0 and (m := ANCHOR_WORD_AT_START.match(lowered, 0, s1)):
        found.append((0, "w", m.end()))
        end = m.end()
    for m in ANCHOR_WORD.finditer(lowered, max(s0 - 1, 0), s1):       # from the character r"\b" looks at
        if m.start("w") >= end:
            found.append((m.start("w"), "w", m.end("w")))
            end = m.end("w")
    return _with_others(found, [(m.start(), kind, m.end()) for kind, rx in ANCHOR_OTHERS
                                for m in rx.finditer(lowered, s0, s1)], lowered, s0, s1)


def _with_others(words: list[tuple], others: list[tuple], lowered: str, s0: int, s1: int) -> list[tuple]:
    """The words and the other kinds' matches in one list, in order; ANCHOR's own where two overlap."""
    if not others:
        return words
    found = sorted(words + others)
    if any(b[0] < a[2] for a, b in zip(found, found[1:])):
        return [(m.start(), m.lastgroup, m.end()) for m in ANCHOR.finditer(lowered, s0, s1)]
    return found


def _anchors_by_span(lowered: str, spans):
    """(s0, s1, `_anchors`(lowered, s0, s1)) for each span, from one search of the whole text per kind (a search
    per span cost more than the search itself): a span takes the matches that start in it, unless one of them
    crosses its end, or one before crosses its start, or a word character follows it (a kind's lookahead
    there reads the text on, not the end of the span): then the span is searched alone."""
    words = [(m.start("w"), m.end("w")) for m in ANCHOR_WORD.finditer(lowered)]
    if m := ANCHOR_WORD_AT_START.match(lowered):
        words.insert(0, (0, m.end()))
    others = sorted((m.start(), kind, m.end()) for kind, rx in ANCHOR_OTHERS for m in rx.finditer(lowered))
    word_at, other_at = [a for a, _ in words], [a for a, _, _ in others]
    word_reach = list(itertools.accumulate((b for _, b in words), max))      # the furthest end so far
    other_reach = list(itertools.accumulate((b for _, _, b in others), max))
    for s0, s1 in spans:
        i, j = bisect.bisect_left(word_at, s0), bisect.bisect_left(word_at, s1)
        k, n = bisect.bisect_left(other_at, s0), bisect.bisect_left(other_at, s1)
        if (_WORD_CHAR.match(lowered, s1) or j and word_reach[j - 1] > s1 or k and other_reach[k - 1] > s0
                or n and other_reach[n - 1] > s1):
            yield s0, s1, _anchors(lowered, s0, s1)
            continue
        found, end = [], s0
        for a, b in words[i:j]:
            if a >= end:                                  # not a word inside the last one
                found.append((a, "w", b))
                end = b
        yield s0, s1, _with_others(found, others[k:n], lowered, s0, s1)


def _merged(windows: list[tuple], trigger_sets) -> dict:
    """For each set of anchor kinds rules listen to, the windows of those kinds, overlapping ones merged
    (within a span); in one pass over the windows, each handed to the sets that listen to its kinds."""
    out: dict = {triggers: [] for triggers in trigger_sets}
    listening: dict = {}
    for a, b, kinds, s0 in windows:
        key = frozenset(kinds)
        if key not in listening:
            listening[key] = [out[triggers] for triggers in out if key & triggers]
        for merged in listening[key]:
            if merged and a <= merged[-1][1] and merged[-1][2] == s0:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b), s0)
            else:
                merged.append((a, b, s0))
    return out


def _candidates(text: str, spans=None, rejected: list | None = None) -> list[tuple]:
    """Every rule match in a text as (start, end, rule, match), overlaps removed: the longest match
    wins, then the earliest, then the rule listed first. A match never crosses one of `spans`.
    Matches a rule rejects in their context are left out (and, with a reason, added to `rejected`)."""
    found, searched = [], {}
    merged = _merged(_windows(text, spans or [(0, len(text))]), {rule.triggers for rule in RULES})
    for i, rule in enumerate(RULES):
        key = rule.triggers, rule.needs                     # rules that listen to the same anchors share them
        if key not in searched:                             # and those of them where what the rule needs is
            searched[key] = [(s0, s1) for s0, s1, _ in merged[rule.triggers]]        # (no year near "report 1034")
            for rx in rule.needs:
                searched[key] = [(s0, s1) for s0, s1 in searched[key] if rx.search(text, s0, s1)]
        for s0, s1 in searched[key]:
            found += [(m.start(), m.end(), i, rule, m) for m in rule.pattern.finditer(text, s0, s1)]
    found.sort(key=lambda f: (f[0] - f[1], f[0], f[2]))
    # The characters a kept or blocked match covers (a rejected reading still explains its characters:
    # "WASHINGTON, Aug. 11 (AP)"). One mark per character, so testing a match costs its length, not the
    # number of matches kept before it (which grew with the square of a long article).
    taken, kept = bytearray(len(text) + 1), []
    for a, b, i, rule, m in found:
        if taken.find(1, a, b) != -1 or a == b and 0 < a and taken[a - 1] and taken[a]:
            continue
        reason = next((why for test, why in rule.reject if test(text, m)), False) if rule.reject else False
        if reason is not False:
            if reason:
                taken[a:b] = b"\x01" * (b - a)
            if reason and rejected is not None:
                rejected.append({"surface": m.group(0), "char_start": a, "char_end": b, "reason": reason})
            continue
        taken[a:b] = b"\x01" * (b - a)
        kept.append((a, b, rule, m))
    return sorted(kept, key=lambda f: f[0])


def tag_times(text: str, reference_date, sentence_bounds=None, failed: list | None = None) -> list[dict]:
    """Find and resolve the time expressions in one text.

    Parameters
    ----------
    text : the text (a sentence or a whole article).
    reference_date : the day relative expressions count from (str or date).
    sentence_bounds : optional list of (start, end) of sentences in `text`, used to
        read each expression's tense from its own sentence and to bound the reach of anchors
        (default: the whole text is one sentence).
    failed : optional list; matches that cannot be placed ("February 30", "that year" with no
        year named before it, a dateline) are appended to it with their reason.

    Returns
    -------
    One dict per expression: surface, char_start, char_end, start, end (inclusive
    Timestamps), precision, rule, tense ('past'/'future'/'' where the reading depends
    on it, else ''), and other_start/other_end (the reading one cycle away, or NaT).
    """
    ref = as_day(reference_date)
    bounds = sentence_bounds or [(0, len(text))]
    starts = [b[0] for b in bounds]
    rows, placed = [], []           # placed: (sentence index, row) of what can anchor what follows
    topics = []
    for a, b, rule, m in _candidates(text, bounds, failed):
        si = max(0, bisect.bisect_right(starts, a) - 1)
        s0, s1 = bounds[si]
        sentence = text[s0:s1]
        tense = tense_of(sentence, a - s0, b - s0) if rule.needs_tense else ""
        # the latest placed (sentence indexes only grow): in reach, or none is (not a scan of all before it)
        anchor = placed[-1][1] if placed and si - placed[-1][0] <= _REACH else None
        topic = topics[-1][1] if topics and si - topics[-1][0] <= _REACH else None
        ctx = Context(ref, tense, anchor, topic, bool(_COMPARISON.search(sentence, 0, a - s0)),
                      topic_far=topics[-1][1] if topics else None,
                      own_span=bool(_OWN_SPAN.search(sentence)),
                      recent=sum(1 for _ in itertools.takewhile(lambda p: si - p[0] <= 1, reversed(placed))))
        g = m.groupdict()
        try:
            start, end, precision, other = rule.resolve(g, ctx)
        except Skip:
            continue
        except (ValueError, Unplaced) as exc:        # e.g. "February 30", or nothing to count from
            if failed is not None:
                why = f"looks like a date but cannot be placed: {exc}" if isinstance(exc, ValueError) else str(exc)
                failed.append({"surface": m.group(0), "char_start": a, "char_end": b, "reason": why})
            continue
        row = {"surface": m.group(0), "char_start": a, "char_end": b, "start": start, "end": end,
               "precision": precision, "rule": rule.name, "tense": tense,
               "other_start": other[0] if other else pd.NaT, "other_end": other[1] if other else pd.NaT}
        rows.append(row)
        if not ctx.backref:
            placed.append((si, row))
            if precision in ("quarter", "half", "month", "season") and end - start < pd.Timedelta(days=200):
                topics.append((si, row))
    return rows


def _docs_sentences(docs: pd.DataFrame, sents: pd.DataFrame):
    """(doc row, that article's sentences, their (start, end) bounds) per article."""
    by_doc = dict(tuple(sents.groupby("doc_id", sort=False)))
    for doc in docs.itertuples():
        ss = by_doc.get(doc.doc_id, sents.iloc[0:0])
        yield doc, ss, list(zip(ss["start"], ss["end"]))


def time_expressions(docs: pd.DataFrame, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every resolved time expression of every article, counted from its reference_date.

    Returns doc_id, sent_id, surface, start, end (inclusive, datetime64), precision,
    char_start, char_end (offsets into the cleaned text), rule, tense, reference_date,
    other_start, other_end. See `tag_times` for the rules.
    """
    if "reference_date" not in docs:
        raise ValueError("docs has no reference_date column; load it with helpers.load_corpus()")
    sents = sentences(docs) if sents is None else sents
    rows = []
    for doc, ss, bounds in _docs_sentences(docs, sents):
        if pd.isna(doc.reference_date):
            raise ValueError(f"{doc.doc_id}: no reference_date; set it (or published) in articles.csv")
        for row in tag_times(doc.text, doc.reference_date, bounds):
            rows.append({"doc_id": doc.doc_id, **row, "reference_date": as_day(doc.reference_date)})
    cols = ["doc_id", "sent_id", "surface", "start", "end", "precision", "char_start", "char_end", "rule",
            "tense", "reference_date", "other_start", "other_end"]
    out = pd.DataFrame(rows, columns=cols)
    out["sent_id"] = _sent_ids(sents, out)
    for c in ("start", "end", "reference_date", "other_start", "other_end"):
        out[c] = pd.to_datetime(out[c]).astype("datetime64[ns]")
    return out


def unresolved_times(docs: pd.DataFrame, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Everything time-like not placed on the calendar, each once with its reason: vague
    expressions ("earlier", "a day after", "currently"), dates that cannot be placed
    ("February 30"), expressions that count from a date the text does not name ("that year"),
    datelines, and month names or years no rule reads. Parts of a resolved expression are not
    repeated. Returns doc_id, sent_id, surface, char_start, char_end, reason, sentence."""
    sents = sentences(docs) if sents is None else sents
    rows = []
    for doc, ss, bounds in _docs_sentences(docs, sents):
        found: list[dict] = []
        # a mark per character an expression covers (not a scan of all of them per match: quadratic in a long article)
        covered = bytearray(len(doc.text) + 1)
        for r in tag_times(doc.text, doc.reference_date, bounds, found) + found:
            covered[r["char_start"]:r["char_end"]] = b"\x01" * (r["char_end"] - r["char_start"])
        for rx, reason in VAGUE_RULES + [(DATE_LIKE, DATE_LIKE_REASON)]:
            for m in rx.finditer(doc.text):
                if not covered[m.start()]:
                    found.append({"surface": m.group(0), "char_start": m.start(), "char_end": m.end(), "reason": reason})
                    covered[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        rows += [{"doc_id": doc.doc_id, **f} for f in found]
    cols = ["doc_id", "sent_id", "surface", "char_start", "char_end", "reason", "sentence"]
    out = pd.DataFrame(rows, columns=cols)
    out["sent_id"] = _sent_ids(sents, out)
    out["sentence"] = out[["doc_id", "sent_id"]].merge(sents, how="left", on=["doc_id", "sent_id"])["text"].fillna("").to_numpy()
    return out.sort_values(["doc_id", "char_start"], ignore_index=True)


def _sent_ids(sents: pd.DataFrame, found: pd.DataFrame):
    """The sent_id of the sentence each expression starts in (0 where none holds it)."""
    at = sentence_at(sents, found["doc_id"], found["char_start"])
    return np.where(at >= 0, sents["sent_id"].to_numpy()[np.maximum(at, 0)], 0) if len(at) else []
