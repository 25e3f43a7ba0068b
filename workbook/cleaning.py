"""Cleaning: from the raw article text to the text every later stage reads.

Takes: one article's raw text and the rules of ``corpus/boilerplate.csv``.
Gives: ``clean`` (cleaned text + what was removed, rule by rule), ``boilerplate_rules`` (validated),
``removals`` (the removals of a loaded corpus, for notebook 00).
Comes with `workbook.corpus`, which calls it while loading.
"""
from __future__ import annotations

import re

import pandas as pd

from .files import CorpusError, read_table, table_file, where


def boilerplate_rules(path=None) -> pd.DataFrame:
    """The outlet boilerplate rules (corpus/boilerplate.csv): rule, action, pattern, why; validated."""
    file = table_file("boilerplate.csv", path)
    rules = read_table("boilerplate.csv", path, ("rule", "action", "pattern"))
    problems, compiled = [], []
    for i, r in enumerate(rules.itertuples(), start=2):
        if r.action not in ("line", "rest"):
            problems.append(f"{where(file, i, r.rule)}: action '{r.action}' must be 'line' or 'rest'")
        try:
            compiled.append(re.compile(r.pattern))
        except re.error as exc:
            problems.append(f"{where(file, i, r.rule)}: pattern is not a regular expression ({exc})")
    if problems:
        raise CorpusError(problems)
    return rules.assign(regex=compiled)


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LOST_APOSTROPHE = re.compile(r"(?<=[A-Za-z]) s\b(?=[\s.,;:!?])|(?<=n) t\b(?=[\s.,;:!?])")


def clean(raw: str, rules: pd.DataFrame | None = None) -> tuple[str, tuple]:
    """Apply the general cleaning rules to one article's raw text.

    Returns the cleaned text and what was removed as (rule, text) pairs.
    Line rules drop a matching line; "rest" rules drop it and everything after.
    Then markdown links and emphasis become plain text, escaped dollars and
    non-breaking spaces are normalised, and lost apostrophes restored.
    """
    rules = boilerplate_rules() if rules is None else rules
    kept, removed = [], []
    lines = raw.replace("\u00a0", " ").split("\n")
    for n, line in enumerate(lines):
        hit = next((r for r in rules.itertuples() if r.regex.search(line.strip())), None)
        if hit is None:
            kept.append(line)
        elif hit.action == "rest":
            removed.append((hit.rule, "\n".join(lines[n:]).strip()))
            break
        else:
            removed.append((hit.rule, line.strip()))
    text = "\n".join(kept)
    text = _LINK.sub(r"\1", text)
    text = re.sub(r"^#+\s+", "", text, flags=re.M)                     # markdown headings
    text = re.sub(r"^\*+(.+?)\*+$", r"\1", text, flags=re.M)           # a paragraph in emphasis
    text = text.replace("\\$", "$")
    text = _LOST_APOSTROPHE.sub(lambda m: "'" + m.group(0).strip(), text)
    text = re.sub(r"[ \t]+", " ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, tuple(removed)


def removals(docs: pd.DataFrame) -> pd.DataFrame:
    """What cleaning removed from each article: doc_id, rule, removed text."""
    rows = [{"doc_id": d, "rule": rule, "removed": text}
            for d, removed in zip(docs["doc_id"], docs["removed"]) for rule, text in removed]
    return pd.DataFrame(rows, columns=["doc_id", "rule", "removed"])
