"""Review: what the build kept but a researcher should look at.

Takes: the loaded corpus (`workbook.corpus.load_corpus`, already cleaned by `workbook.cleaning`), the
cleaning rules, and for the alias checks its sentences and mentions (`workbook.mentions`).
Gives: ``suspicious`` (doc_id, line, reason: kept lines that are very short, have no verb, repeat a
line of another article, or look like furniture but are too long for its rule), ``cleaning_summary``
(one row per article: lines removed by rule kind, suspicious lines left), ``warning_line`` (the
one line the build prints), ``alias_checks`` (aliases that may be common English words, with the
mentions they add: "the", "may", "Will") with ``alias_warning``, and ``warnings`` (every line the build
and `make add` print). Comes after `workbook.cleaning` (the alias checks after `workbook.mentions`,
imported when called); notebook 00, tools/build.py and `make add` call it.

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


_LOWER_WORD = re.compile(r"[a-z][a-z'’-]*")


def has_verb(line: str) -> bool:
    """A rough test: does the line hold a verb form (auxiliary, -ed/-ing word, or -s of a common verb)?"""
    for word in _LOWER_WORD.findall(line):
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
    limited = [r for r in rules if r.action in ("line", "block", "rest") and r.max_words]   # (in table order)
    lines = {d: text.split("\n") for d, text in zip(docs["doc_id"].tolist(), docs["text"].tolist())}
    counts = {d: [words(ln) for ln in ls] for d, ls in lines.items()}
    keys = {d: [_key(ln) if n >= SHARED_MIN_WORDS else "" for ln, n in zip(ls, counts[d])] for d, ls in lines.items()}
    where: dict[str, set] = {}
    for d, ks in keys.items():
        for k, n in zip(ks, counts[d]):
            if n >= SHARED_MIN_WORDS:
                where.setdefault(k, set()).add(d)
    first_ids: dict[str, list] = {}       # a shared line -> its first articles by doc_id, found once per line
    rows = []
    for d, ls in lines.items():
        first = next((i for i, ln in enumerate(ls) if ln.strip()), None)
        for i, (ln, n, k) in enumerate(zip(ls, counts[d], keys[d])):
            if not ln.strip() or i == first or any(r.regex.search(ln) for r in keep):
                continue
            near = [r for r in limited if n > r.max_words and r.regex.search(ln)]
            reasons = [f"looks like {r.rule} but has {n} words (the rule removes up to {r.max_words})" for r in near]
            if n <= SHORT_WORDS:
                reasons.append("very short line")
            elif not has_verb(ln):
                reasons.append("no verb")
            others = _others(where.get(k, ()), first_ids, k, d) if n >= SHARED_MIN_WORDS else ""
            if others:
                reasons.append("also in " + others)
            rows += [{"doc_id": d, "line_no": i + 1, "line": ln, "reason": r} for r in reasons]
    return pd.DataFrame(rows, columns=["doc_id", "line_no", "line", "reason"])


def _others(ids, first_ids: dict, key: str, doc_id: str) -> str:
    """The articles other than `doc_id` that share a line: the first ALSO_IN_NAMED by doc_id, then a count.
    The first ALSO_IN_NAMED + 1 of a line are found once (a partial sort) and kept in `first_ids`, so a
    line in every article of the corpus costs one pass, not one pass per article."""
    import heapq

    if key not in first_ids:
        first_ids[key] = heapq.nsmallest(ALSO_IN_NAMED + 1, ids)
    rest = len(ids) - (doc_id in ids)
    named = [i for i in first_ids[key] if i != doc_id][:ALSO_IN_NAMED]
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


def warning_line(docs: pd.DataFrame, path=None, flagged: pd.DataFrame | None = None) -> str | None:
    """The build's one-line warning naming the articles with suspicious lines left in them, or None
    (`flagged`: `suspicious(docs)` when already at hand, e.g. from the annotation cache)."""
    flagged = suspicious(docs, path) if flagged is None else flagged
    if flagged.empty:
        return None
    per_doc = flagged.groupby("doc_id")["line_no"].nunique().sort_index()
    names = ", ".join(f"{d} ({n})" for d, n in per_doc.head(WARNING_NAMED).items()) + \
        (f" and {len(per_doc) - WARNING_NAMED:,} more" if len(per_doc) > WARNING_NAMED else "")
    return (f"warning: {int(per_doc.sum())} suspicious line(s) left in {len(per_doc)} article(s): {names}; "
            "read them in notebook 00, section 4, then add a furniture rule or a keep rule in corpus/")


ALIAS_CHECK_COLUMNS = ["alias", "entity", "row", "case", "why", "mentions", "as_word", "example", "fix"]


def alias_checks(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None,
                 ments: pd.DataFrame | None = None) -> pd.DataFrame:
    """Aliases that may be common English words, with the mentions they add: one row per alias row.

    An alias is checked when it is written in lower case ("the", "may": it is found wherever the word is
    written), or is one word whose lower-case form the corpus itself writes in lower case in its reporting
    sentences ("May", "Will", "US": `workbook.names.common_words`, the evidence the candidates use too).
    A mention of it could be the word (`as_word`) where its case proves nothing: written in lower case, at
    the start of a sentence or a line, or in a headline (title case or capitals, `workbook.names.headline`).
    Listed are the aliases with at least one such mention, most first; nothing is dropped or unlinked:
    the fix is the researcher's (`fix` says which row and column of aliases.csv to edit).

    Takes the corpus, its sentences and (when you have them) its linked mentions (`mentions`).
    Returns alias (as the table writes it), entity, row (file and row to edit), why, mentions (all the
    alias adds), as_word (those where case cannot tell it from the word), example (the first such
    sentence), fix.
    """
    from .knowledge import aliases
    from .mentions import mentions
    from .names import common_words, headline
    from .sentences import sentence_at, sentences

    sents = sentences(docs) if sents is None else sents
    ments = mentions(docs, path, sents=sents) if ments is None else ments
    table = aliases(path)
    lower = [w for w in set(table["written"]) if _is_word_lower(w)]
    common = common_words(sents["text"])
    single = {w for w in set(table["written"]) if " " not in w and w.lower() in common}
    checked = table[table["written"].isin(set(lower) | single)]
    if checked.empty or ments.empty:
        return pd.DataFrame(columns=ALIAS_CHECK_COLUMNS)
    origin = dict(zip(zip(checked["alias"], checked["entity"]), zip(checked["written"], checked["row"], checked["case"])))
    keys = [(s, e) if (s, e) in origin else (s[:-1], e)                  # a plural "s" is part of the mention
            for s, e in zip(ments["surface"].tolist(), ments["entity"].tolist())]
    hit = [k in origin for k in keys]
    found = ments[hit].assign(key=[k for k, h in zip(keys, hit) if h])
    if found.empty:
        return pd.DataFrame(columns=ALIAS_CHECK_COLUMNS)
    texts = dict(zip(docs["doc_id"].tolist(), docs["text"].tolist()))
    at = sentence_at(sents, found["doc_id"], found["start"])
    sent_start, sent_text = sents["start"].to_numpy()[at], sents["text"].to_numpy()[at]
    rows: dict[tuple, dict] = {}
    for (key, doc, a, b), s0, sentence in zip(zip(*(found[c].tolist() for c in ("key", "doc_id", "start", "end"))),
                                              sent_start.tolist(), sent_text.tolist()):
        written, row, case = origin[key]
        text, word = texts[doc], key[0]
        line_start = text.rfind("\n", 0, a) + 1
        line_end = text.find("\n", a)                       # (not "\n" in text[a:]: a copy of the rest per mention)
        line = text[line_start:line_end if line_end != -1 else len(text)]
        as_word = _as_word(word, _only_marks(text[s0:a]) or _only_marks(text[line_start:a]), line, headline)
        entry = rows.setdefault((written, key[1]), {"alias": written, "entity": key[1], "row": row, "mentions": 0,
                                                    "as_word": 0, "example": "", "case": case})
        entry["mentions"] += 1
        if as_word:
            entry["as_word"] += 1
            entry["example"] = entry["example"] or sentence
    out = [dict(e, why=_why(e["alias"]), fix=_fix(e["alias"], e["row"], e["case"])) for e in rows.values() if e["as_word"]]
    return pd.DataFrame(out, columns=ALIAS_CHECK_COLUMNS).sort_values(
        ["as_word", "alias"], ascending=[False, True], ignore_index=True)


def _is_word_lower(alias: str) -> bool:
    """Written in lower case, and of letters (a designation such as 's-400' has digits: not a word)."""
    return alias.islower() and not any(ch.isdigit() for ch in alias)


def _as_word(surface: str, starts: bool, line: str, headline) -> bool:
    """Could this mention be the common word? In lower case, always; capitalised ("May") at the start of a
    sentence or line or in a headline; in capitals ("WILL", "US") only in a line of capitals."""
    word = surface.lower()
    if surface == word:
        return True
    if surface == word[:1].upper() + word[1:]:
        return starts or headline(line)
    return surface == word.upper() and not any(ch.islower() for ch in line) and headline(line)


def _only_marks(prefix: str) -> bool:
    """Nothing but spaces, quotes, dashes or brackets before the mention: it starts its sentence or line."""
    return not any(ch.isalnum() for ch in prefix)


def _why(alias: str) -> str:
    if _is_word_lower(alias):
        return f"'{alias}' is written in lower case, so it is found wherever the word is written"
    return (f"the corpus writes '{alias.lower()}' in lower case in its reporting sentences: a common word, where "
            "case cannot tell (a sentence's first word, a headline)")


def _fix(alias: str, row: str, case: str) -> str:
    if _is_word_lower(alias):
        return f"in {row}, write the alias as the name is written, with its capitals, or delete the row"
    longer = ("if such sentences hold the word, not the name, give a longer alias instead (first name and "
              "surname) or delete the row")
    if case == "exact":
        return f"{row} is found only as written already (case exact); what is left are sentence starts: {longer}"
    return (f"read the example; write exact in the column case of {row} (add the column case to aliases.csv if it "
            "has none) so the alias is found only as written, never in CAPITALS nor capitalised from lower case; "
            f"a sentence that begins with the word is still found: {longer}")


def alias_warning(checks: pd.DataFrame) -> str | None:
    """The build's and `make add`'s one-line warning naming the aliases that may be common words, or None."""
    if checks.empty:
        return None
    names = ", ".join(f"'{r.alias}' ({r.entity}: {r.as_word} of {r.mentions})" for r in checks.itertuples())
    return (f"warning: {len(checks)} alias(es) may be common words, mentions where case cannot tell them from the "
            f"word: {names}; read them in notebook 00, section 4, then write exact in the column case of "
            "aliases.csv for the row, or change the alias")


def warnings(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None,
             ments: pd.DataFrame | None = None, flagged: pd.DataFrame | None = None) -> list[str]:
    """Every warning line the build and `make add` print for a loaded corpus: suspicious lines left in
    articles (`warning_line`), aliases that may be common words (`alias_warning`; pass the sentences and
    mentions, and the suspicious lines, when you have them, e.g. from the annotation cache)."""
    checks = alias_checks(docs, path, sents=sents, ments=ments)
    return [w for w in (warning_line(docs, path, flagged), alias_warning(checks)) if w]
