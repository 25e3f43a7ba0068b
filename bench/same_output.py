"""Do two versions of the code give the same tables? Every function of bench/size.py, run on a corpus folder.

    python bench/same_output.py CORPUS OUT_DIR                 # record: one pickle per function in OUT_DIR
    python bench/same_output.py CORPUS OUT_DIR --against BASE  # record, then compare with BASE's pickles

Takes: a corpus folder (articles.csv, articles/, the knowledge tables), the uncached stage functions.
Gives: OUT_DIR/<function>.pickle for each function of `size.FUNCTIONS` (run on every article of the
corpus, each function on the same loaded corpus and sentences, the annotation cache in a fresh temporary
folder so nothing is read from an earlier run), and with ``--against`` one line per function, "same" or
where the tables first differ; exit status 1 when any differs.

For speed work: record on main, change the code, record again against main's folder. A faster function
must give the same rows in the same order. Nothing here is timed.
Comes after every stage; nothing comes after it.
"""
from __future__ import annotations

import argparse
import os
import pickle
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def record(corpus: Path, out: Path, only: list[str] | None = None) -> list[str]:
    os.environ["WORKBOOK_CACHE"] = tempfile.mkdtemp(prefix="same-output-cache-")
    import helpers  # noqa: F401  (every stage imported)
    from size import FUNCTIONS
    from workbook import candidates, claims, corpus as corpus_mod, knowledge, mentions, relations, review, sentences
    from workbook import statements
    from workbook.sources import report
    from workbook.time import events, tagger
    modules = dict(corpus=corpus_mod, review=review, sentences=sentences, mentions=mentions, knowledge=knowledge,
                   candidates=candidates, statements=statements, tagger=tagger, events=events, relations=relations,
                   claims=claims, report=report)
    out.mkdir(parents=True, exist_ok=True)
    docs = corpus_mod.load_corpus(corpus)
    sents = sentences.sentences(docs)
    names = []
    for name, call in FUNCTIONS.items():
        if only and name not in only:
            continue
        result = docs if call is None else call(modules, docs, sents, corpus)
        with open(out / f"{name}.pickle", "wb") as f:
            pickle.dump(result, f)
        names.append(name)
    return names


def compare(a, b) -> str:
    """'same', or where two results first differ."""
    import pandas as pd
    if isinstance(a, tuple) or isinstance(b, tuple):
        if not (isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b)):
            return "a different shape of result"
        for i, (x, y) in enumerate(zip(a, b)):
            d = compare(x, y)
            if d != "same":
                return f"item {i}: {d}"
        return "same"
    if type(a) is type(b) and hasattr(a, "__dict__") and not isinstance(a, (pd.DataFrame, pd.Series)):
        return compare(vars(a), vars(b))                                  # a report object: its fields
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return f"keys differ: {sorted(set(a) ^ set(b))}"
        for k in a:
            d = compare(a[k], b[k])
            if d != "same":
                return f"[{k!r}]: {d}"
        return "same"
    if isinstance(a, (pd.DataFrame, pd.Series)) and type(a) is type(b):
        check = pd.testing.assert_frame_equal if isinstance(a, pd.DataFrame) else pd.testing.assert_series_equal
        try:
            check(a, b)
            return "same"
        except AssertionError as e:
            return str(e).replace("\n", " ")[:600]
    try:
        return "same" if a == b else f"{str(a)[:200]} != {str(b)[:200]}"
    except Exception as e:  # noqa: BLE001  (an object without equality: say so rather than guess)
        return f"cannot compare ({type(a).__name__}): {e}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--against", type=Path, help="a folder an earlier run recorded")
    ap.add_argument("--only", nargs="+", help="these functions only")
    args = ap.parse_args(argv)
    names = record(args.corpus.resolve(), args.out, args.only)
    if not args.against:
        print(f"recorded {len(names)} functions in {args.out}")
        return 0
    differ = 0
    for name in names:
        base = args.against / f"{name}.pickle"
        if not base.exists():
            print(f"{name}: not in {args.against}")
            differ += 1
            continue
        with open(base, "rb") as f, open(args.out / f"{name}.pickle", "rb") as g:
            d = compare(pickle.load(f), pickle.load(g))
        print(f"{name}: {d}")
        differ += d != "same"
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
