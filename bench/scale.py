"""How each step grows with the corpus: time and peak memory at N articles and at N/10, cold and warm cache.

    python bench/scale.py N [--workers W] [--timeout S] [--keep DIR] [--only STEP ...]

Takes: the corpus folder (``corpus/``, or ``--source``) as seeds.
Gives: a table on standard output, one row per step: seconds at N/10 and at N, growth (time at N over
time at N/10: 10 is linear, 100 quadratic) and peak memory (the step's process, imports included).

The synthetic corpus is written to a temporary folder (never inside corpus/): the seed articles as they
are (the knowledge tables cite them), then N minus their number variants, each a seed with its outlet,
publication date (and reference date with it) and person names changed, and one sentence of its own
(an unknown analyst, a weekday, a month and year). Every step runs in a fresh process:

- uncached: `load_corpus`, then `sentences`, `mentions`, `candidates`, `statements`, `events`,
  `unresolved_times`, `relations` as the stage modules give them (each reads the loaded corpus from a
  pickle, so only the step is timed);
- cached (`workbook.annotate`): ``annotate cold`` (empty cache: load, every per-article stage, the
  corpus-wide steps), ``annotate warm`` (nothing changed), ``read <call>`` (what a notebook's call
  costs from a warm cache), and ``annotate +1 article`` (one article added to the corpus folder);
  with ``--workers W`` also ``annotate cold, W workers`` (a process pool over parts) and
  ``annotate cold, Dask W workers`` (the same parts by `map_partitions` on a Dask LocalCluster).

Figures depend on the machine and what else runs on it; they belong here, never in tests.
Comes after `workbook.annotate`; nothing comes after it.
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

OUTLETS = [f"{a} {b}" for a in ("Eastern", "Northern", "Global", "Capital", "Coastal", "Daily", "Evening", "Free")
           for b in ("Herald", "Monitor", "Wire", "Observer", "Post")]
SYLLABLES = "ka lo ran mer vit sel ta dor ni bek os ul tam fer gio za han ric lu pe".split()
FIRST = "Ahmet Elena Marco Olga Piotr Selin Tomas Yusuf Irina Kemal Anna Dmitri Laura Emre Sofia Viktor".split()
SYSTEMS = ("S-400", "Patriot", "SAMP/T", "F-35")
MONTHS = ("January", "March", "June", "September", "October", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
UNCACHED = ("sentences", "mentions", "candidates", "statements", "events", "unresolved_times", "relations")


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def synthetic_corpus(source: Path, target: Path, n: int, seed: int = 0) -> Path:
    """Write a corpus of `n` articles to `target`: the seeds of `source`, then varied copies of them."""
    target.mkdir(parents=True)
    (target / "articles").mkdir()
    for table in source.glob("*.csv"):
        if table.name != "articles.csv":
            shutil.copy(table, target / table.name)
    with open(source / "articles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    texts = {r["doc_id"]: (source / "articles" / f"{r['doc_id']}.txt").read_text(encoding="utf-8") for r in rows}
    persons = []
    with open(source / "entities.csv", encoding="utf-8", newline="") as f:
        persons = [r["entity"].split()[-1] for r in csv.DictReader(f) if r["kind"] == "person"]
    out = [dict(r) for r in rows]
    for r in rows:
        shutil.copy(source / "articles" / f"{r['doc_id']}.txt", target / "articles")
    today = dt.date.today() - dt.timedelta(days=1)
    for i in range(max(0, n - len(rows))):
        rng = random.Random(seed * 1_000_003 + i)
        base = rows[i % len(rows)]
        text = texts[base["doc_id"]]
        for surname in rng.sample([p for p in persons if p in text] or [""], k=min(2, sum(p in text for p in persons))):
            if surname:
                text = text.replace(surname, _name(rng))
        text = text.rstrip("\n") + (
            f"\n{rng.choice(FIRST)} {_name(rng)}, an analyst at the {_name(rng)} Institute, said on {rng.choice(DAYS)} "
            f"that the {rng.choice(SYSTEMS)} deliveries could resume in {rng.choice(MONTHS)} {rng.randint(2018, 2024)}.\n")
        published = dt.date.fromisoformat(base["published"]) + dt.timedelta(days=rng.randint(-700, 700))
        published = min(max(published, dt.date(2015, 1, 1)), today)
        lag = dt.date.fromisoformat(base["published"]) - dt.date.fromisoformat(base["reference_date"] or base["published"])
        doc_id = f"syn{i:06d}_{base['doc_id'][:3]}"
        data = text.encode("utf-8")
        (target / "articles" / f"{doc_id}.txt").write_bytes(data)
        out.append({**base, "doc_id": doc_id, "outlet": rng.choice(OUTLETS), "published": published.isoformat(),
                    "reference_date": (published - lag).isoformat(), "title": f"{base['title']} ({i})",
                    "sha256": hashlib.sha256(data).hexdigest()})
    with open(target / "articles.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(out)
    return target


def add_one(corpus: Path) -> None:
    """Add one more article to a synthetic corpus, the way a researcher does (file and catalog row)."""
    with open(corpus / "articles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    text = (corpus / "articles" / f"{rows[1]['doc_id']}.txt").read_text(encoding="utf-8") + \
        "Ahmet Kalovit, an analyst, said on Monday that talks would resume in March 2020.\n"
    data = text.encode("utf-8")
    (corpus / "articles" / "zz_one_more.txt").write_bytes(data)
    rows.append({**rows[1], "doc_id": "zz_one_more", "sha256": hashlib.sha256(data).hexdigest()})
    with open(corpus / "articles.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


# ---- one step, in its own process ------------------------------------------------------------------------------

def run_step(step: str, corpus: Path, docs_file: Path, workers: int) -> dict:
    """Run one step here and return its seconds, peak memory and rows."""
    import resource

    from workbook import annotate

    if step == "load_corpus":
        from workbook.corpus import load_corpus
        t0 = time.perf_counter()
        table = load_corpus(corpus)
        with open(docs_file, "wb") as f:
            pickle.dump(table, f)
    elif step in UNCACHED:
        import helpers  # noqa: F401  (imports every stage, outside the timing)
        from workbook import candidates, mentions, relations, sentences, statements
        from workbook.time import events, tagger
        calls = {"sentences": lambda d: sentences.sentences(d), "mentions": lambda d: mentions.mentions(d, corpus),
                 "candidates": lambda d: candidates.candidates(d, corpus),
                 "statements": lambda d: statements.statements(d, corpus), "events": lambda d: events.events(d, corpus),
                 "unresolved_times": lambda d: tagger.unresolved_times(d), "relations": lambda d: relations.relations(d, corpus)}
        with open(docs_file, "rb") as f:
            docs = pickle.load(f)
        t0 = time.perf_counter()
        table = calls[step](docs)
    elif step.startswith("annotate"):
        t0 = time.perf_counter()
        docs = annotate.load_corpus(corpus)
        annotate.annotate(docs, corpus, workers=workers if "workers" in step else 1,
                          scheduler="local" if "Dask" in step else None)
        for call in (annotate.events, annotate.relations, annotate.candidates):
            call(docs, corpus)
        table = docs
    elif step.startswith("read "):
        docs = annotate.load_corpus(corpus)
        name = step.split(" ", 1)[1]
        t0 = time.perf_counter()
        if name == "load_corpus":
            table = annotate.load_corpus(corpus)
        elif name in ("sentences", "unresolved_times"):
            table = getattr(annotate, name)(docs)
        else:
            table = getattr(annotate, name)(docs, corpus)
    else:
        raise SystemExit(f"unknown step {step}")
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "rows": len(table), "computed": dict(annotate.COMPUTED)}


def in_process(step: str, corpus: Path, docs_file: Path, cache: Path, workers: int, timeout: float) -> dict:
    env = {**os.environ, "WORKBOOK_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    env.pop("WORKBOOK_CORPUS", None)
    cmd = [sys.executable, __file__, "--run-step", step, "--corpus", str(corpus), "--docs", str(docs_file),
           "--workers", str(workers), "0"]
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "peak_mb": None, "note": f"> {timeout:.0f} s"}
    if done.returncode:
        return {"seconds": None, "peak_mb": None, "note": "failed: " + done.stderr.strip().splitlines()[-1][:80]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(n: int, folder: Path, args) -> dict:
    corpus = synthetic_corpus(Path(args.source), folder / f"corpus_{n}", n)
    docs_file, cache = folder / f"docs_{n}.pickle", folder / f"cache_{n}"
    reads = ("load_corpus", "sentences", "mentions", "statements", "claims", "events", "unresolved_times", "relations",
             "candidate_sentences", "candidates")
    steps = ["load_corpus", *UNCACHED, "annotate cold", "annotate warm", *(f"read {r}" for r in reads)]
    results = {}
    for step in steps:
        if args.only and step not in args.only and step != "load_corpus":
            continue
        results[step] = in_process(step, corpus, docs_file, cache, args.workers, args.timeout)
        print(f"  N={n} {step}: {_cell(results[step])}", file=sys.stderr, flush=True)
    for kind in ("", "Dask "):
        step = f"annotate cold, {kind}{args.workers} workers"
        if args.workers > 1 and (not args.only or step in args.only):
            results[step] = in_process(step, corpus, docs_file, folder / f"cache_{n}_{kind or 'pool'}", args.workers,
                                       args.timeout)
            print(f"  N={n} {step}: {_cell(results[step])}", file=sys.stderr, flush=True)
    if not args.only or "annotate +1 article" in args.only:
        add_one(corpus)
        results["annotate +1 article"] = in_process("annotate +1 article", corpus, docs_file, cache, 1, args.timeout)
        print(f"  N={n} annotate +1 article: {_cell(results['annotate +1 article'])}; computed "
              f"{results['annotate +1 article'].get('computed')}", file=sys.stderr, flush=True)
    return results


def _cell(r: dict) -> str:
    return r.get("note") or f"{r['seconds']:.2f} s, {r['peak_mb']:.0f} MB"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="articles in the larger corpus (the smaller has N/10)")
    parser.add_argument("--source", default=str(ROOT / "corpus"), help="the corpus whose articles are the seeds")
    parser.add_argument("--workers", type=int, default=1, help="also annotate cold with this many processes")
    parser.add_argument("--timeout", type=float, default=600, help="seconds a step may take")
    parser.add_argument("--keep", help="write the corpora and caches here and keep them (default: a temp folder)")
    parser.add_argument("--only", nargs="*", help="run only these steps")
    parser.add_argument("--run-step", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--docs", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run_step:
        print(json.dumps(run_step(args.run_step, Path(args.corpus), Path(args.docs), args.workers)))
        return 0
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="workbook-scale-"))
    if folder.resolve().is_relative_to((ROOT / "corpus").resolve()):
        raise SystemExit("the synthetic corpus never goes inside corpus/")
    folder.mkdir(parents=True, exist_ok=True)
    try:
        small, large = measure(max(args.n // 10, 5), folder, args), measure(args.n, folder, args)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"\n{sys.executable} bench/scale.py {' '.join(argv or sys.argv[1:])}   ({os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the end)")
    print(f"| step | {max(args.n // 10, 5)} articles | {args.n} articles | growth | peak memory at {args.n} |")
    print("|---|---|---|---|---|")
    for step, big in large.items():
        little = small.get(step, {})
        growth = (f"{big['seconds'] / little['seconds']:.1f}×" if big.get("seconds") and little.get("seconds") else "")
        peak = f"{big['peak_mb']:.0f} MB" if big.get("peak_mb") else ""
        print(f"| {step} | {_secs(little)} | {_secs(big)} | {growth} | {peak} |")
    return 0


def _secs(r: dict) -> str:
    return r.get("note") or (f"{r['seconds']:.2f} s" if r.get("seconds") is not None else "")


if __name__ == "__main__":
    sys.exit(main())
