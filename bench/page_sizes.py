"""How big the shared pages get: every page's size at N articles, and a straight line to a larger corpus.

    python bench/page_sizes.py N [N ...] [--to 100000] [--keep DIR] [--workers W]

Takes: the corpus folder (``corpus/``, or ``--source``) as seeds, as ``bench/scale.py`` does (the seeds,
then varied copies: other outlets, dates and person names, a sentence of their own).
Gives: for each N, a synthetic corpus built with ``make CORPUS=...`` (every notebook executed, its HTML,
the article pages, the index, the zip) and a table on standard output, one row per page or group of
pages: bytes at each N, and the size at ``--to`` articles on the straight line through the two largest N
(a page that stopped growing stays flat; the list of articles, in pages of INDEX_ROWS, is its size per
article times INDEX_ROWS; the table says which pages would hold more than 3 MB). A straight line overstates
what saturates (a scatter of dots stops growing once its rows are filled): see bench/RESULTS-pages.md.

The build's time is printed too; it depends on the machine and its load, so it lives here, never in tests.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from scale import synthetic_corpus  # noqa: E402

LIMIT = 3_000_000                   # the bytes a page may hold (README, "Sharing the HTML")


def build_folder(corpus: Path) -> Path:
    """Where `make CORPUS=corpus` builds (the Makefile's rule: folder name and 10 hex of its resolved path)."""
    resolved = str(corpus.resolve())
    return ROOT / "build" / "corpora" / f"{corpus.resolve().name}-{hashlib.sha256(resolved.encode()).hexdigest()[:10]}"


def build(corpus: Path, workers: int) -> float:
    env = {k: v for k, v in os.environ.items() if k not in ("WORKBOOK_CORPUS", "WORKBOOK_CACHE", "MAKEFLAGS")}
    t0 = time.perf_counter()
    done = subprocess.run(["make", f"CORPUS={corpus}", f"PY={sys.executable}", "SETUP=", f"WORKERS={workers}"],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"make CORPUS={corpus} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - t0


def sizes(html: Path) -> dict[str, int]:
    """Bytes per page (html/*.html), and per group: the article pages, the list of articles, the CSVs beside."""
    out = {p.name: p.stat().st_size for p in sorted(html.glob("*.html"))}
    articles = [p for p in (html / "articles").glob("*.html") if not p.name.startswith("index")]
    index = list((html / "articles").glob("index*.html"))
    out["articles/<doc_id>.html (largest)"] = max((p.stat().st_size for p in articles), default=0)
    out["articles/index*.html (largest)"] = max((p.stat().st_size for p in index), default=0)
    out["articles/index*.html (pages)"] = len(index)
    out["workbook-site.js"] = (html / "workbook-site.js").stat().st_size
    csvs = list((html / "tables").rglob("*.csv"))
    out["tables/*.csv (all, not pages)"] = sum(p.stat().st_size for p in csvs)
    out["tables/*.csv (largest)"] = max((p.stat().st_size for p in csvs), default=0)
    out["s400-workbook.zip"] = (html.parent / "s400-workbook.zip").stat().st_size
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, nargs="+", help="articles in each synthetic corpus")
    parser.add_argument("--to", type=int, default=100_000, help="extrapolate to this many articles")
    parser.add_argument("--source", default=str(ROOT / "corpus"), help="the corpus whose articles are the seeds")
    parser.add_argument("--keep", help="write the corpora here and keep them and their builds (default: a temp folder)")
    parser.add_argument("--workers", type=int, default=1, help="WORKERS= for make annotate")
    args = parser.parse_args(argv)
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="workbook-pages-"))
    folder.mkdir(parents=True, exist_ok=True)
    found, seconds = {}, {}
    try:
        for n in sorted(args.n):
            corpus = folder / f"pages_{n}"
            if not (corpus / "articles.csv").is_file():
                synthetic_corpus(Path(args.source), corpus, n)
            seconds[n] = build(corpus, args.workers)
            found[n] = sizes(build_folder(corpus) / "html")
            print(f"  N={n}: built in {seconds[n]:.0f} s ({build_folder(corpus).relative_to(ROOT)})", file=sys.stderr, flush=True)
    finally:
        if not args.keep:
            for n in args.n:
                shutil.rmtree(build_folder(folder / f"pages_{n}"), ignore_errors=True)
            shutil.rmtree(folder, ignore_errors=True)
    ns = sorted(found)
    print(f"\n{sys.executable} bench/page_sizes.py {' '.join(argv or sys.argv[1:])}   ({os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the end; build times: "
          + ", ".join(f"{n} articles {seconds[n]:.0f} s" for n in ns) + ")")
    print("| page | " + " | ".join(f"{n:,} articles" for n in ns) + f" | at {args.to:,} (straight line) | ≤ 3 MB |")
    print("|---|" + "---|" * (len(ns) + 2))
    for name in found[ns[-1]]:
        values = [found[n].get(name, 0) for n in ns]
        if name.startswith("articles/index"):           # paged: a page holds at most INDEX_ROWS articles
            from workbook.show.articles import INDEX_ROWS
            far = values[-1] / min(ns[-1], INDEX_ROWS) * min(args.to, INDEX_ROWS)     # one full page of the list
        elif len(ns) > 1:
            a, b = ns[-2], ns[-1]
            slope = (values[-1] - values[-2]) / (b - a)
            far = values[-1] + max(slope, 0) * (args.to - b)
        else:
            far = None
        count = name.endswith("(pages)")
        cell = (lambda v: f"{v:,}") if count else (lambda v: f"{v / 1e6:.2f} MB")
        page = not count and "not pages" not in name and "zip" not in name and "site.js" not in name \
            and "csv" not in name
        verdict = "" if not page or far is None else ("yes" if far <= LIMIT else "**no**")
        print(f"| {name} | " + " | ".join(cell(v) for v in values) + f" | {cell(far) if far is not None else ''} | {verdict} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
