"""Measure cleaning on the hand-annotated test articles of tests/data/ and on the seeds.

    PYTHONPATH=. .venv/bin/python tools/measure_cleaning.py

For each test article: non-empty lines, lines annotated as furniture (tests/data/furniture_expected.csv)
and how many cleaning removed by the annotated rule, reporting sentences (the sentences of every other
line) and how many are still in the cleaned text. Then how many rows of mentions, events, candidates and
statements come from furniture lines with and without the general rules of corpus/furniture.csv, and
whether the seeds keep every sentence they had under the outlet rules alone. Writes nothing.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import pandas as pd  # noqa: E402

import helpers  # noqa: E402
import test_cleaning as t  # noqa: E402  (the annotations and how the tests read them)
from workbook.cleaning import clean  # noqa: E402


def sentences_of(lines: list[str]) -> list[str]:
    return helpers.sentences(pd.DataFrame({"doc_id": ["x"], "text": ["\n".join(lines)]}))["text"].tolist()


def _cut(line: str, cuts: list[str]) -> str:
    for cut in cuts:
        line = line.replace(f" ({cut})", "").replace(cut, "")
    return line


def main() -> None:
    rows = []
    for name in t.PASTED:
        raw = t.raw_of(name)
        text, removed = clean(raw, title=raw.split("\n")[0])
        by_line = {ln.strip(): rule for rule, chunk in removed for ln in chunk.split("\n") if ln.strip()}
        furniture = t.FURNITURE.get(name, [])
        cuts = [chunk for rule, chunk in removed if rule == "url in text"]     # a URL taken out, the words kept
        reporting = sentences_of([_cut(ln, cuts) for ln in t.reporting_lines(name)])
        kept = set(helpers.sentences(pd.DataFrame({"doc_id": ["x"], "text": [text]}))["text"])
        rows.append({"article": name, "lines": sum(1 for ln in raw.split("\n") if ln.strip()),
                     "furniture": len(furniture), "removed_by_its_rule": sum(by_line.get(ln) == r for r, ln in furniture),
                     "removed_total": sum(1 for ln in by_line),
                     "reporting_sentences": len(reporting), "kept": sum(s in kept for s in reporting)})
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(helpers.CORPUS, corpus)
        for name in t.PAGES:
            row = t.add_article(t.DATA / "pages" / name, path=corpus, echo=None)
            text = helpers.load_corpus(corpus).set_index("doc_id").loc[row["doc_id"], "text"]
            paragraphs = t.page_paragraphs(name)
            reporting = sentences_of(paragraphs)
            kept = set(helpers.sentences(pd.DataFrame({"doc_id": ["x"], "text": [text]}))["text"])
            rows.append({"article": name, "lines": None, "furniture": len(t.FURNITURE[name]),
                         "removed_by_its_rule": sum(ln not in text for _, ln in t.FURNITURE[name]),
                         "removed_total": None, "reporting_sentences": len(reporting),
                         "kept": sum(s in kept for s in reporting)})
        table = pd.DataFrame(rows).astype({"lines": "Int64", "removed_total": "Int64"})
        print("Per test article (pages: 'removed' = furniture absent after extraction and cleaning):")
        print(table.to_string(index=False))
        print(f"Total: furniture removed by its rule {table['removed_by_its_rule'].sum()} of {table['furniture'].sum()}; "
              f"reporting sentences kept {table['kept'].sum()} of {table['reporting_sentences'].sum()}")

        base = Path(tmp) / "added"
        base.mkdir()
        folder, bare, files = t.build_added(base)
        docs, tables = t._tables(folder)
        bare_docs, bare_tables = t._tables(bare)
        print("Rows fed by furniture lines, without the general rules -> with them:")
        for name in tables:
            print(f"  {name:<11} {len(t._from_furniture(bare_tables[name], 'sentence', files, bare_docs)):>3} -> "
                  f"{len(t._from_furniture(tables[name], 'sentence', files, docs))}")
        seeds_outlet = helpers.sentences(bare_docs[bare_docs["doc_id"].isin(t.SEED_IDS)])
        seeds_now = helpers.sentences(docs[docs["doc_id"].isin(t.SEED_IDS)])
        same = seeds_outlet["text"].tolist() == seeds_now["text"].tolist()
        print(f"Seeds: {len(seeds_now)} sentences with the general rules, {len(seeds_outlet)} with outlet rules alone; "
              f"identical: {same}")


if __name__ == "__main__":
    main()
