"""Review: lines that cleaning kept but a researcher should look at.

Takes: the loaded corpus (`workbook.corpus.load_corpus`, already cleaned by `workbook.cleaning`) and
the cleaning rules.
Gives: ``suspicious`` (doc_id, line, reason: kept lines that are very short, have no verb, repeat a
line of another article, or look like furniture but are too long for its rule), ``cleaning_summary``
(one row per article: lines removed by rule kind, suspicious lines left) and ``warning_line`` (the
one line the build prints). Comes after `workbook.cleaning`; notebook 00 and tools/build.py call it.

None of this removes anything: a line is removed only by a rule of the tables. A line you have
checked and want to keep quiet gets a ``keep`` rule in ``corpus/boilerplate.csv``.
"""
from __future__ import annotations

import re

import pandas as pd

from .cleaning import _key, cleaning_rules, words

SHORT_WORDS = 3              # a kept line of at most this many words is suspicious ...
SHARED_MIN_WORDS = 6         # ... and so is one of at least this many that another article also has
WARNING_NAMED = 20           # the build's warning names this many articles, then says how many more
ALSO_IN_NAMED = 5            # "also in" names this many of the other articles, then says how many more
                             # (a footer in every article of a large corpus would otherwise list them all, per line)
# Verb forms a line of reporting almost always holds one of (with any word ending in -ed or -ing, and
# the -s form of a base below). A general rule of English, not a list about the corpus.
_AUXILIARIES = set("""is are was were be been being am 's has have had having do does did done will would shall
should can could may might must said says say told tell tells went gone goes go made make makes took taken
take takes gave given give gives came come comes got get gets saw seen see sees knew known know knows met
meet meets sent send spent spend built build bought buy sold sell left leave held hold kept keep put set ran
run won win lost lose began begun begin paid pay brought bring thought think found find stood stand led lead
felt feel shot hit cut struck rose rise fell fall flew fly flies drew draw grew grow spoke speak spoken wrote
write written chose choose chosen sought seek fought fight threw throw meant mean""".split())
_BASES = set("""add agree aim allow announce appear argue arrive ask back ban block call cancel cause claim
confirm consider continue criticize criticise decide deliver demand deny deploy describe discuss expect face
fear fire follow halt hope impose include insist install intend issue join launch leave like look mark meet
move need note offer oppose order plan pose prepare press promise propose provide push raise reach receive
refuse reject remain remove renew replace report require respond resume return reveal risk say seek send
show sign signal stay stop strike supply suspend talk target test threaten train transfer try turn urge use
visit vow want warn welcome withdraw work""".split())


def has_verb(line: str) -> bool:
    """A rough test: does the line hold a verb form (auxiliary, -ed/-ing word, or -s of a common verb)?"""
    for word in re.findall(r"[a-z][a-z'’-]*", line):
        if word in _AUXILIARIES or len(word) > 4 and word.endswith(("ed", "ing")) \
                or word.endswith("s") and (word[:-1] in _BASES or word[:-2] in _BASES):
            return True
    return False


def suspicious(docs: pd.DataFrame, path=None) -> pd.DataFrame:
    """Lines of the cleaned text that may not be reporting after all, with the reason.

    Reasons: "looks like <rule> but has N words" (a removal rule matched a line longer than its
    max_words), "very short line", "no verb", "also in <doc_id>, ..." (the same line, of
    SHARED_MIN_WORDS words or more, in other articles: a footer or a reprint; the first ALSO_IN_NAMED
    by doc_id, then "and N more"). A line that a
    ``keep`` rule names is never listed; nor is an article's first line (its headline).

    Returns doc_id, line_no (1-based, in the cleaned text), line, reason.
    """
    rules = list(cleaning_rules(path).itertuples())
    keep = [r for r in rules if r.action == "keep"]
    lines = {d: [ln for ln in text.split("\n")] for d, text in zip(docs["doc_id"], docs["text"])}
    where: dict[str, set] = {}
    for d, ls in lines.items():
        for ln in ls:
            if words(ln) >= SHARED_MIN_WORDS:
                where.setdefault(_key(ln), set()).add(d)
    rows = []
    for d, ls in lines.items():
        first = next((i for i, ln in enumerate(ls) if ln.strip()), None)
        for i, ln in enumerate(ls):
            if not ln.strip() or i == first or any(r.regex.search(ln) for r in keep):
                continue
            n = words(ln)
            near = [r for r in rules if r.action in ("line", "block", "rest") and r.max_words and n > r.max_words
                    and r.regex.search(ln)]
            reasons = [f"looks like {r.rule} but has {n} words (the rule removes up to {r.max_words})" for r in near]
            if n <= SHORT_WORDS:
                reasons.append("very short line")
            elif not has_verb(ln):
                reasons.append("no verb")
            others = _others(where.get(_key(ln), ()), d) if n >= SHARED_MIN_WORDS else ""
            if others:
                reasons.append("also in " + others)
            rows += [{"doc_id": d, "line_no": i + 1, "line": ln, "reason": r} for r in reasons]
    return pd.DataFrame(rows, columns=["doc_id", "line_no", "line", "reason"])


def _others(ids, doc_id: str) -> str:
    """The articles other than `doc_id` that share a line: the first ALSO_IN_NAMED by doc_id, then a count
    (found by a partial sort, so a line in every article of the corpus costs no more than a pass)."""
    import heapq

    rest = len(ids) - (doc_id in ids)
    named = heapq.nsmallest(ALSO_IN_NAMED, (i for i in ids if i != doc_id))
    return ", ".join(named) + (f" and {rest - len(named):,} more" if rest > len(named) else "")


def cleaning_summary(docs: pd.DataFrame, path=None, flagged: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per article: non-empty lines in the raw text, lines removed, the rules that removed
    them (with counts; an ``inline`` rule counts the pieces it took out of lines), and how many kept
    lines are suspicious (see `suspicious`)."""
    flagged = suspicious(docs, path) if flagged is None else flagged
    per_doc = flagged.groupby("doc_id")["line_no"].nunique()
    inline = set(cleaning_rules(path).query("action == 'inline'")["rule"])
    rows = []
    for d, raw, removed in zip(docs["doc_id"], docs["raw"], docs["removed"]):
        counts: dict[str, int] = {}
        for rule, text in removed:
            counts[rule] = counts.get(rule, 0) + (1 if rule in inline else len([x for x in text.split("\n") if x.strip()]))
        rows.append({"doc_id": d, "raw_lines": sum(1 for x in raw.split("\n") if x.strip()),
                     "removed_lines": sum(n for rule, n in counts.items() if rule not in inline),
                     "removed_by": "; ".join(f"{rule} ({n})" for rule, n in counts.items()),
                     "suspicious_lines": int(per_doc.get(d, 0))})
    return pd.DataFrame(rows, columns=["doc_id", "raw_lines", "removed_lines", "removed_by", "suspicious_lines"])


def warning_line(docs: pd.DataFrame, path=None) -> str | None:
    """The build's one-line warning naming the articles with suspicious lines left in them, or None."""
    flagged = suspicious(docs, path)
    if flagged.empty:
        return None
    per_doc = flagged.groupby("doc_id")["line_no"].nunique().sort_index()
    names = ", ".join(f"{d} ({n})" for d, n in per_doc.head(WARNING_NAMED).items()) + \
        (f" and {len(per_doc) - WARNING_NAMED:,} more" if len(per_doc) > WARNING_NAMED else "")
    return (f"warning: {int(per_doc.sum())} suspicious line(s) left in {len(per_doc)} article(s): {names}; "
            "read them in notebook 00, section 4, then add a furniture rule or a keep rule in corpus/")
