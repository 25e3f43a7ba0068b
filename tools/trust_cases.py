"""How many test cases cover each class of issue #14 ("a build you can trust"): the README's table.

    python tools/trust_cases.py                   # the table, as README.md ("What the build guarantees") holds it
    python tools/trust_cases.py --write-readme    # put it there

Takes: the test suite (tests/), collected by pytest without running anything.
Gives: one row per class of CLASSES with the number of test cases marked ``@pytest.mark.trust("<class>")``
(each parametrized case counts once), and the total. A marker naming a class not in CLASSES is an error,
so a typo cannot hide a case. tests/test_build.py checks that the README's table is this output.
Comes after the tests; nothing comes after it.
"""
from __future__ import annotations

import io
import sys
from collections import Counter
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The classes of issue #14, in its order, with what a case of each shows.
CLASSES = {
    "freshness": "no page is stale, built from another corpus or by two builds at once; the cache converges",
    "shared page": "nothing is dropped from a shared page (no downsampled table, pages within their size)",
    "figures": "a figure that fails fails the build; labels are plain text and bounded",
    "catalog": "the catalog's headers, rows, dates and hashes: read right or refused by file and row",
    "doc_id": "a doc_id is a plain name, once per catalog",
    "outside files": "nothing is read from outside corpus/articles/ (links, hard links, folders, pipes)",
    "cleaning rules": "a rule cannot hang, be invalid, match every line or empty an article",
    "knowledge tables": "the knowledge tables refused by file and row; aliases that are common words flagged",
    "size": "long articles and dates outside the calendar (speed itself is measured in bench/size.py)",
    "unicode": "encodings, invisible marks, decomposed letters and no-break spaces in texts and tables",
}


class _Count:
    def __init__(self):
        self.counts, self.unknown = Counter(), []

    def pytest_collection_modifyitems(self, items):
        for item in items:
            for mark in item.iter_markers("trust"):
                cls = mark.args[0] if mark.args else ""
                (self.counts.update if cls in CLASSES else self.unknown.append)([cls] if cls in CLASSES
                                                                                 else f"{item.nodeid}: {cls!r}")


def counts() -> Counter:
    """Cases per class, collected from tests/ (nothing runs)."""
    import pytest

    plugin = _Count()
    with redirect_stdout(io.StringIO()):
        code = pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", str(ROOT / "tests")], plugins=[plugin])
    if code not in (0, 5):
        raise SystemExit(f"pytest could not collect the tests (exit {code})")
    if plugin.unknown:
        raise SystemExit("trust markers naming no class of CLASSES: " + "; ".join(plugin.unknown))
    return plugin.counts


def table(found: Counter) -> str:
    rows = ["| class | what a case shows | cases |", "|---|---|---|"]
    rows += [f"| {cls} | {what} | {found[cls]} |" for cls, what in CLASSES.items()]
    rows.append(f"| all | | {sum(found.values())} |")
    return "\n".join(rows)


START, END = "<!-- trust-cases -->", "<!-- /trust-cases -->"


def readme_table(readme: Path = ROOT / "README.md") -> str:
    """The table between the README's trust-cases markers."""
    text = readme.read_text(encoding="utf-8")
    return text[text.index(START) + len(START):text.index(END)].strip()


def write_readme(readme: Path = ROOT / "README.md") -> None:
    """Put this script's table between the README's markers."""
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    readme.write_text(f"{head}{START}\n{table(counts())}\n{END}{rest.split(END, 1)[1]}", encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if sys.argv[1:] == ["--write-readme"]:
        write_readme()
    else:
        print(table(counts()))
