"""How each function copes with one long article: seconds per function on an article of 2 MB and of 20 MB.

    python bench/size.py [--mb 2 20] [--timeout S] [--only FUNCTION ...] [--keep DIR]

Takes: the corpus folder (``corpus/``, or ``--source``) as seeds.
Gives: a table on standard output, one row per function: seconds at each size, growth (time at the
larger size over time at the smaller: 10 is linear for 2 and 20 MB, 100 quadratic) and peak memory.

The long article is written into a copy of the corpus in a temporary folder (never inside corpus/): the
seed articles' cleaned texts one after the other, again and again, until the size is reached, each repetition
with the seeds' person surnames replaced by made-up names, and a line already written (cleaning drops a
repeated line the second time) ending instead in an attribution to a made-up analyst, so every copy is
reporting that cleaning keeps. Its catalog row and sha256 are written as `make add` would.

Each function runs in a fresh process on the loaded corpus (a pickle written by ``load_corpus``),
restricted to the long article, so only the function is timed; a function that exceeds ``--timeout`` is
reported as such and the next one runs. The figures depend on the machine and its load: they belong
here and in the report, never in tests.
Comes after every stage; nothing comes after it.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import os
import pickle
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scale import FIRST, _name  # noqa: E402  (the same made-up names as bench/scale.py)

DOC_ID = "zz_long_article"
# Each function of a stage, as a notebook calls it; `d` is the long article, `s` its sentences, `c` the corpus folder.
FUNCTIONS = {
    "load_corpus": None,                                  # (measured while writing the pickle)
    "corpus_hash": lambda m, d, s, c: m["corpus"].corpus_hash(c),
    "suspicious": lambda m, d, s, c: m["review"].suspicious(d, c),
    "sentences": lambda m, d, s, c: m["sentences"].sentences(d),
    "mentions": lambda m, d, s, c: m["mentions"].all_mentions(d, c, sents=s),
    "alias_checks": lambda m, d, s, c: m["review"].alias_checks(d, c, sents=s),
    "candidates": lambda m, d, s, c: m["candidates"].candidates(d, c, sents=s),
    "statements": lambda m, d, s, c: m["statements"].statements(d, c, sents=s),
    "time_expressions": lambda m, d, s, c: m["tagger"].time_expressions(d, sents=s),
    "unresolved_times": lambda m, d, s, c: m["tagger"].unresolved_times(d, sents=s),
    "events": lambda m, d, s, c: m["events"].events(d, c, sents=s),
    "relations": lambda m, d, s, c: m["relations"].relations(d, c, sents=s),
    "transfers": lambda m, d, s, c: m["relations"].transfers(d, c, sents=s),
    "claims": lambda m, d, s, c: m["claims"].claims(d, c, sents=s),
    "sources_report": lambda m, d, s, c: m["report"].sources_report(d, s, c),
}


def long_article(source: Path, size: int, seed: int = 0) -> str:
    """The seeds' texts repeated with varied names until `size` bytes (UTF-8), every line kept by cleaning."""
    from workbook.corpus import load_corpus

    with open(source / "entities.csv", encoding="utf-8", newline="") as f:
        surnames = sorted({r["entity"].split()[-1] for r in csv.DictReader(f) if r["kind"] == "person"})
    texts = load_corpus(source)["text"].tolist()            # cleaned: furniture of one seed is not left mid-article
    rng, seen, out, total, rep = random.Random(seed), set(), [], 0, 0
    while total < size:
        for text in texts:
            for surname in surnames:
                if surname in text:
                    text = text.replace(surname, _name(rng))
            for line in text.splitlines():
                if line.strip() and line in seen and line.rstrip().endswith("."):
                    line = f"{line.rstrip()[:-1]}, {rng.choice(FIRST)} {_name(rng)} said in report {rep}."
                seen.add(line)
                out.append(line)
                total += len(line.encode("utf-8")) + 1
            out.append("")
            rep += 1
    return "\n".join(out) + "\n"


def corpus_with(source: Path, target: Path, size: int) -> Path:
    """A copy of `source` with one more article of about `size` bytes."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("pages"))
    data = long_article(source, size).encode("utf-8")
    (target / "articles" / f"{DOC_ID}.txt").write_bytes(data)
    with open(target / "articles.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    row = {k: "" for k in fields}
    row.update(doc_id=DOC_ID, title="A very long article", outlet="Long Form Weekly", published="2019-07-12",
               reference_date="2019-07-12", sha256=hashlib.sha256(data).hexdigest())
    with open(target / "articles.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows + [{k: row.get(k, "") for k in fields}])
    return target


def run_function(name: str, corpus: Path, docs_file: Path) -> dict:
    """Run one function here, on the long article; its seconds, peak memory and rows."""
    import resource

    if name == "load_corpus":
        from workbook.corpus import load_corpus
        t0 = time.perf_counter()
        docs = load_corpus(corpus)
        seconds = time.perf_counter() - t0
        docs = docs[docs["doc_id"] == DOC_ID].reset_index(drop=True)
        with open(docs_file, "wb") as f:
            pickle.dump(docs, f)
        rows = len(docs)
    else:
        import helpers  # noqa: F401  (imports every stage, outside the timing)
        from workbook import candidates, claims, corpus as corpus_mod, knowledge, mentions, relations, review, sentences
        from workbook import statements
        from workbook.sources import report
        from workbook.time import events, tagger
        modules = dict(corpus=corpus_mod, review=review, sentences=sentences, mentions=mentions, knowledge=knowledge,
                       candidates=candidates, statements=statements, tagger=tagger, events=events, relations=relations,
                       claims=claims, report=report)
        with open(docs_file, "rb") as f:
            docs = pickle.load(f)
        sents = sentences.sentences(docs)
        t0 = time.perf_counter()
        result = FUNCTIONS[name](modules, docs, sents, corpus)
        seconds = time.perf_counter() - t0
        rows = len(result) if hasattr(result, "__len__") else 1
    return {"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "rows": rows}


def in_process(name: str, corpus: Path, docs_file: Path, timeout: float) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("WORKBOOK_CORPUS", None)
    cmd = [sys.executable, __file__, "--run", name, "--corpus", str(corpus), "--docs", str(docs_file)]
    t0 = time.perf_counter()
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"note": f"> {timeout:.0f} s"}
    if done.returncode:
        return {"note": "failed: " + (done.stderr.strip().splitlines() or ["?"])[-1][:100],
                "wall": time.perf_counter() - t0}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _secs(r: dict) -> str:
    return r.get("note") or f"{r['seconds']:.2f} s"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[2, 20], help="sizes of the long article, in MB")
    parser.add_argument("--source", default=str(ROOT / "corpus"), help="the corpus whose articles are the seeds")
    parser.add_argument("--timeout", type=float, default=600, help="seconds a function may take")
    parser.add_argument("--only", nargs="*", help="run only these functions (load_corpus always runs)")
    parser.add_argument("--keep", help="write the corpora here and keep them (default: a temp folder)")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--docs", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run:
        print(json.dumps(run_function(args.run, Path(args.corpus), Path(args.docs))))
        return 0
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="workbook-size-"))
    if folder.resolve().is_relative_to((ROOT / "corpus").resolve()):
        raise SystemExit("the long article never goes inside corpus/")
    folder.mkdir(parents=True, exist_ok=True)
    results = {}
    try:
        for mb in args.mb:
            corpus = corpus_with(Path(args.source), folder / f"corpus_{mb:g}mb", int(mb * 1_000_000))
            docs_file = folder / f"docs_{mb:g}mb.pickle"
            for name in FUNCTIONS:
                if args.only and name not in args.only and name != "load_corpus":
                    continue
                results[(name, mb)] = r = in_process(name, corpus, docs_file, args.timeout)
                print(f"  {mb:g} MB {name}: {_secs(r)}", file=sys.stderr, flush=True)
                if name == "load_corpus" and "note" in r:
                    break                             # nothing else can run without the loaded article
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    sizes = [f"{mb:g} MB" for mb in args.mb]
    print(f"\n{sys.executable} bench/size.py {' '.join(argv or sys.argv[1:])}   ({os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the end, {dt.date.today()})")
    print(f"| function | {' | '.join(sizes)} | growth | peak memory at {sizes[-1]} |")
    print("|---|" + "---|" * len(sizes) + "---|---|")
    for name in FUNCTIONS:
        cells = [results.get((name, mb)) for mb in args.mb]
        if not any(cells):
            continue
        small, big = cells[0] or {}, cells[-1] or {}
        growth = f"{big['seconds'] / small['seconds']:.1f}×" if big.get("seconds") and small.get("seconds") else ""
        peak = f"{big['peak_mb']:.0f} MB" if big.get("peak_mb") else ""
        print(f"| {name} | {' | '.join(_secs(c or {}) for c in cells)} | {growth} | {peak} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
