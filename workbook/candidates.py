"""Candidates: proper names in the text that no alias links yet, for a researcher to promote.

Takes: the loaded corpus, its sentences and mentions.
Gives: ``candidates`` (one row per occurrence with its sentence and a possible variant of a known
alias), and the name-run splitter `name_spans` that `workbook.statements` reuses.
Comes after `workbook.mentions`.
"""
from __future__ import annotations

import re

import pandas as pd

from .knowledge import aliases
from .mentions import all_mentions
from .sentences import sentences

# Capitalised words that are never names on their own: titles, calendar words.
# (Sentence-initial words and words the corpus also writes in lower case are
# recognised from the text itself; see `candidates`.)
NOT_NAMES = set("""Mr Mrs Ms Dr Gen General President Vice Minister Secretary Secretary-General Foreign Defence
Defense Prime Chief Head Deputy Spokesman Spokeswoman Ambassador Senator Admiral Colonel Commander Director
Chairman King Queen Prince Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
April May June July August September October November December""".split())
_TOKEN = re.compile(r"[^\W\d_][\w\-]*(?:[’']s)?")
CONNECTORS = {"of", "for", "and", "the", "de", "van", "von", "al", "bin"}


def name_spans(text: str):
    """Runs of capitalised words in one sentence (joined by spaces or a connector like 'of')."""
    tokens = list(_TOKEN.finditer(text))
    run = []
    for i, tok in enumerate(tokens):
        word = tok.group()
        joined = run and text[run[-1].end():tok.start()] == " "
        if word[0].isupper() and (not run or joined):
            run.append(tok)
            continue
        if word in CONNECTORS and joined and i + 1 < len(tokens) and tokens[i + 1].group()[0].isupper() \
                and text[tok.end():tokens[i + 1].start()] == " ":
            run.append(tok)
            continue
        if run:
            yield run
        run = [tok] if word[0].isupper() else []
    if run:
        yield run


def candidates(docs: pd.DataFrame, path=None) -> pd.DataFrame:
    """Proper names in the text that no alias links, most frequent first.

    A name is a run of capitalised words outside any mention. Dropped:
    headline-style sentences (mostly capitalised), titles and calendar words
    (`NOT_NAMES`), words the corpus also writes in lower case, and a lone
    sentence-initial word never seen capitalised mid-sentence. Each row gives
    the sentence and, where a known alias is close in spelling, the entity it
    may be a variant of. Mentions whose alias names several entities that no
    rule could tell apart are listed too.

    Returns
    -------
    doc_id, sent_id, surface, count (occurrences in the corpus), possible_variant, sentence
    """
    sents = sentences(docs)
    found_all = all_mentions(docs, path, sents)
    spans = {d: list(zip(g["start"], g["end"])) for d, g in found_all.groupby("doc_id")}   # ambiguous ones too
    lower_words = set(re.findall(r"\b[a-z][\w\-]*", " ".join(docs["text"])))
    found = []
    for s in sents.itertuples():
        words = s.text.split()
        if len(words) > 3 and sum(w[:1].isupper() for w in words) / len(words) > 0.6:
            continue                                            # a headline
        taken = spans.get(s.doc_id, [])
        for run in name_spans(s.text):
            keep = [t for t in run if not any(a <= s.start + t.start() < b for a, b in taken)]
            if len(keep) < len(run):                            # split where a linked mention sits
                keep = _longest_contiguous(run, keep)
            names = [i for i, t in enumerate(keep) if len(t.group()) > 1 and t.group() not in CONNECTORS
                     and re.sub(r"[’']s$", "", t.group()) not in NOT_NAMES and t.group().lower() not in lower_words]
            if not names:
                continue
            last = len(keep) - next(i for i, t in enumerate(reversed(keep)) if t.group() not in CONNECTORS
                                    and re.sub(r"[’']s$", "", t.group()) not in NOT_NAMES) - 1
            first, last = keep[names[0]], keep[last]                  # trim leading titles and common words
            surface = re.sub(r"[’']s$", "", s.text[first.start():last.end()])
            at_start = not s.text[:first.start()].strip(" “\"'(")
            found.append((s.doc_id, s.sent_id, surface, at_start, s.text))
    table = pd.DataFrame(found, columns=["doc_id", "sent_id", "surface", "initial", "sentence"])
    known = aliases(path)
    known = dict(zip(known["alias"], known["entity"]))
    variant = {name: _close_alias(name, known) for name in table["surface"].unique()}
    table["possible_variant"] = table["surface"].map(variant)
    mid_words = {w for name in table.loc[~table["initial"], "surface"] for w in name.split()}
    lone_initial = table["initial"] & ~table["surface"].str.contains(" ")
    keep = ~lone_initial | table["surface"].isin(mid_words) | (table["possible_variant"] != "")
    table = table[keep].drop(columns="initial")
    unresolved = found_all[found_all["kind"] == "ambiguous"]
    if len(unresolved):
        text_of = sents.set_index(["doc_id", "sent_id"])["text"]
        table = pd.concat([table, pd.DataFrame({
            "doc_id": unresolved["doc_id"], "sent_id": unresolved["sent_id"], "surface": unresolved["surface"],
            "possible_variant": "ambiguous: " + unresolved["entity"],
            "sentence": [text_of[k] for k in zip(unresolved["doc_id"], unresolved["sent_id"])]})])
    table["count"] = table.groupby("surface")["surface"].transform("size")
    table = table.sort_values(["count", "surface", "doc_id", "sent_id"], ascending=[False, True, True, True])
    return table[["doc_id", "sent_id", "surface", "count", "possible_variant", "sentence"]].reset_index(drop=True)


def _close_alias(name: str, known: dict) -> str:
    """'Entity (alias 'X')' for the known alias spelled most like `name` (or its last word), else ''.

    Close means: same first letter, similar length, difflib ratio >= 0.75
    (Walters ~ Wolters, Mekhev ~ Mikheev).
    """
    import difflib

    best, best_ratio = "", 0.75 - 1e-9          # strictly better wins: the alias as written beats its generated variants
    for word in dict.fromkeys([name, name.split()[-1]]):
        for alias in known:
            if alias[0].lower() != word[0].lower() or alias.lower() == word.lower() or len(alias) < 4:
                continue
            if min(len(alias), len(word)) / max(len(alias), len(word)) < 0.8:
                continue
            ratio = difflib.SequenceMatcher(None, word.lower(), alias.lower()).ratio()
            if ratio > best_ratio:
                best, best_ratio = f"{known[alias]} (alias '{alias}')", ratio
    return best


def _longest_contiguous(run, keep):
    """The longest stretch of `run` whose tokens are all in `keep`."""
    best, cur = [], []
    for t in run:
        cur = cur + [t] if t in keep else []
        best = cur if len(cur) > len(best) else best
    return best
