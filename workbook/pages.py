"""Reading what a researcher saved: a web page (.html) or pasted text, to article text and metadata.

Takes: the bytes of a saved page, a page fetched from a URL, or a pasted text, and the cleaning rules
(`workbook.cleaning`) to find the headline and a date stamp in pasted text.
Gives: ``read_page`` (main text and metadata of a saved page: trafilatura extracts the text, title,
site name, canonical URL and author; htmldate the publication date), ``read_text`` (the same fields
as far as a pasted text states them), ``fetch`` (a page by URL) and ``PageError``.
Comes before `workbook.ingest`, which writes what these give into the corpus.

Each field comes with where it was found, so the catalog's ``evidence`` can say how the outlet and
the date were established. Nothing here guesses a field that the page does not state.
"""
from __future__ import annotations

import datetime as dt
import re

from .cleaning import clean, ends_sentence, words

FETCH_TIMEOUT = 30                   # seconds
FETCH_MAX_BYTES = 20_000_000
HEADLINE_MAX_WORDS = 25
HEADLINE_MIN_WORDS = 4       # a shorter line above the headline is a section label ("Turkey") ...
HEADLINE_WITHIN = 4          # ... and the headline is among the first lines the cleaning keeps
MONTHS = {m: i for i, names in enumerate(["jan january", "feb february", "mar march", "apr april", "may",
                                          "jun june", "jul july", "aug august", "sep sept september",
                                          "oct october", "nov november", "dec december"], start=1)
          for m in names.split()}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATES = [  # (regex, order of the groups): full dates only; a day and month without a year is no date
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "ymd"),
    (re.compile(rf"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(\d{{4}})\b"), "dmy"),
    (re.compile(rf"(?i)\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"), "mdy"),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), "dmy"),            # 25.11.2019: day first
]
_PUBLISHED = re.compile(r"(?i)\b(published|posted|first published)\b")
_UPDATED = re.compile(r"(?i)\b(updated?|modified)\b")
_STAMP_WORDS = re.compile(r"(?i)\b(?:published|posted|first|updated?|last|modified|created|date|on|at|gmt|utc|"
                          r"[ap]\.?m\.?|[a-z]+day|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?|[a-z]{2,4}t|ksa|trt|msk)\b")


class PageError(ValueError):
    """A page or text cannot be read; `problems` lists every reason at once."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(f"  - {p}" for p in self.problems))


def fetch(url: str) -> bytes:
    """The page at `url` (http or https), as bytes; PageError saying how to save it by hand otherwise."""
    import urllib.error
    import urllib.request

    if not re.match(r"(?i)^https?://", url):
        raise PageError([f"{url}: only http:// and https:// addresses can be fetched"])
    request = urllib.request.Request(url, headers={"User-Agent": "s400-workbook (make add)"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            data = response.read(FETCH_MAX_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise PageError([f"{url}: could not be fetched ({getattr(exc, 'reason', exc)}); open it in a browser, "
                         "save it (File > Save Page As, 'Web Page, HTML only') and add the saved file"]) from exc
    if len(data) > FETCH_MAX_BYTES:
        raise PageError([f"{url}: larger than {FETCH_MAX_BYTES:,} bytes; is it an article page?"])
    return data


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head


def read_page(data: bytes, name: str, url: str | None = None) -> dict:
    """Main text and metadata of a saved web page.

    trafilatura (recall-oriented: what it leaves in, cleaning judges line by line) gives the text,
    title, site name, canonical URL and author; htmldate the original publication date from the
    page's metadata, address and date markup (``extensive_search=False``: a date the article
    reports is not its publication date). `workbook.ingest` falls back to a stamp in the text.

    Returns text, and title, outlet, published, url, author (empty when the page does not state
    them), with ``found``: field -> where it was found.
    """
    import htmldate
    import trafilatura

    if trafilatura.load_html(data) is None:
        raise PageError([f"{name}: not an HTML page that can be parsed; is it the saved page?"])
    text = trafilatura.extract(trafilatura.load_html(data), url=url, favor_recall=True, include_comments=False, include_tables=True,
                               with_metadata=False)
    if not text or not text.strip():
        raise PageError([f"{name}: no article text found in the page; save it again from the browser "
                         "(File > Save Page As, 'Web Page, HTML only'), or paste the text into a .txt file "
                         "and add that"])
    meta = trafilatura.extract_metadata(trafilatura.load_html(data), default_url=url, extensive=False)
    published = htmldate.find_date(data, original_date=True, extensive_search=False, url=url) or ""
    fields = {"title": meta.title if meta else "", "outlet": meta.sitename if meta else "",
              "published": published, "url": (meta.url if meta else "") or url or "",
              "author": meta.author if meta else ""}
    found = {k: "page metadata (trafilatura)" for k, v in fields.items() if v}
    if published:
        found["published"] = "page metadata (htmldate, original date)"
    if fields["url"] and fields["url"] == url and not (meta and meta.url):
        found["url"] = "the address it was fetched from"
    return {"text": text.strip() + "\n", **{k: (v or "").strip() for k, v in fields.items()}, "found": found}


def read_text(raw: str, rules, title: str | None = None) -> dict:
    """What a pasted text states of its own metadata: the headline and a date stamp.

    The headline is the first line left after cleaning of HEADLINE_MIN_WORDS words or more (among
    the first HEADLINE_WITHIN), when it reads like one (at most HEADLINE_MAX_WORDS words, no full
    stop). The publication date is a full date on a line that
    cleaning removed as a stamp ("Published On 14 Jun 2021", "March 3, 2022"); a "Last Update"
    stamp is used only when nothing says "published", and the evidence says so.
    """
    text, removed = clean(raw, rules, title)
    fields, found = {"title": "", "outlet": "", "published": "", "url": "", "author": ""}, {}
    lines = [ln for ln in text.split("\n") if ln.strip()]
    head = next((ln for ln in lines[:HEADLINE_WITHIN] if words(ln) >= HEADLINE_MIN_WORDS), "")
    if head and words(head) <= HEADLINE_MAX_WORDS and not ends_sentence(head) and len(lines) > 1:
        fields["title"] = head
        found["title"] = "the first line of the text" if head == lines[0] else \
            f"line {lines.index(head) + 1} of the cleaned text (the first of {HEADLINE_MIN_WORDS} words or more)"
    stamps = [(rule, line, day) for rule, line in removed for day in [stamp_date(line)] if day]
    best = sorted(stamps, key=lambda s: (not _PUBLISHED.search(s[1]), bool(_UPDATED.search(s[1]))))
    if best:
        rule, line, day = best[0]
        fields["published"] = day
        found["published"] = f"the stamp '{line}' in the text" + \
            ("; it is an update stamp, the first publication may be earlier" if _UPDATED.search(line)
             and not _PUBLISHED.search(line) else "")
    return {**fields, "found": found}


def stamp_date(line: str) -> str:
    """The full date (YYYY-MM-DD) of a line that is a date stamp and nothing else, else ''.

    A stamp holds a date and only stamp words around it (published, updated, a time, a time zone,
    a place before a separator); a caption or sentence that mentions a date is no stamp.
    """
    for regex, order in _DATES:
        m = regex.search(line)
        if not m:
            continue
        rest = _STAMP_WORDS.sub(" ", line[:m.start()] + " " + line[m.end():])
        rest = re.sub(r"^\s*[^\W\d]+(?:\s+[^\W\d]+){0,2}\s*[|•·\-–—]", " ", rest)     # "Ankara | ..."
        if re.search(r"[^\W\d]{2,}", rest):
            return ""
        parts = dict(zip(order, m.groups()))
        month = parts["m"] if parts["m"].isdigit() else MONTHS.get(parts["m"].lower().rstrip("."), 0)
        try:
            return dt.date(int(parts["y"]), int(month), int(parts["d"])).isoformat()
        except ValueError:
            return ""
    return ""
