"""Findings and limits: what a page opens with, every number computed, every sentence linked.

Takes: the corpus and its sentences (``docs, sents = open_workbook()``) and the page's notebook
name; computes what each page's findings need through the same functions the notebook calls.
Gives: ``findings(notebook, docs, sents)``, which shows 3 to 5 findings, each linking to the section
(the table or chart) behind it, and a limits box (articles, outlets and days the corpus holds, and
what the method cannot see). The output is marked (metadata ``workbook.findings``) so tools/build.py
gathers every page's findings into the index. A finding whose data is empty is left out, not faked.
Comes after every annotation stage and `tables.py`; the notebooks call it right after `open_workbook`.
"""
from __future__ import annotations

import html
import re
from urllib.parse import quote

import pandas as pd

from ..files import ROOT


def findings(notebook: str, docs: pd.DataFrame, sents: pd.DataFrame) -> None:
    """Show the findings and limits of one page (notebook: its file name, e.g. "01_actors")."""
    from IPython.display import display

    from . import report

    found, limits = report.PAGES[notebook[:2]](docs, sents)
    sections = headings(notebook)
    items = []
    for text, section in found:
        target = next((h for h in sections if section.lower() in h.lower()), None)
        items.append({"text": text, "href": f"#{heading_id(target)}" if target else "",
                      "link": f"\u2192 {target}" if target else ""})
    corpus = corpus_lines(docs)
    payload = {"findings": items, "limits": limits, "corpus": corpus}
    display({"text/html": as_html(payload), "text/plain": as_text(payload)}, raw=True,
            metadata={"workbook": {"findings": payload}})


def headings(notebook: str) -> list[str]:
    """The section headings (## ...) of notebooks/<notebook>.ipynb, as plain text."""
    import nbformat

    path = ROOT / "notebooks" / f"{notebook}.ipynb"
    if not path.is_file():
        return []
    found = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            found += [plain(m) for m in re.findall(r"^##\s+(.+?)\s*$", cell.source, flags=re.M)]
    return found


def plain(markdown: str) -> str:
    """Heading markdown as the text a page shows: emphasis, code and link marks dropped."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"[*_`]", "", text).strip()


def heading_id(text: str) -> str:
    """The id nbconvert (and JupyterLab) give a heading: spaces as dashes, URL-quoted."""
    return quote(text.replace(" ", "-"), safe="?/:@!$&'()*+,;=")


def corpus_lines(docs: pd.DataFrame) -> list[str]:
    """What the corpus holds, in numbers: the first lines of every limits box (and of the index)."""
    if docs.empty:
        return ["The corpus holds no article."]
    first, last = docs["published"].min(), docs["published"].max()
    langs = sorted(v for v in docs["language"].fillna("").astype(str).unique() if v) if "language" in docs else []
    return [f"The corpus holds {len(docs)} article{_s(len(docs))} from {docs['outlet'].nunique()} "
            f"outlet{_s(docs['outlet'].nunique())}, published over {(last - first).days + 1} days "
            f"({first:%d %B %Y} to {last:%d %B %Y})"
            + (f"; language: {', '.join(langs)}" if langs else "") + ".",
            "It is a collection, not a sample: a count says what these articles report, not how much the press "
            "wrote, and one long article can outweigh an outlet."]


def _s(n) -> str:
    return "" if n == 1 else "s"


def as_html(payload: dict) -> str:
    """The findings and limits boxes; every value is escaped (names and titles come from the corpus)."""
    e = html.escape
    items = "".join(f"<li>{e(f['text'])}" + (f' <a href="{e(f["href"])}">{e(f["link"])}</a>' if f["href"] else "")
                    + "</li>" for f in payload["findings"])
    limits = "".join(f"<li>{e(line)}</li>" for line in payload["corpus"] + payload["limits"])
    return (f'<div class="wb-findings" id="findings"><h2>What this page finds</h2><ul>{items}</ul></div>'
            f'<div class="wb-limits" id="limits"><h2>Limits</h2><ul>{limits}</ul></div>')


def as_text(payload: dict) -> str:
    lines = ["What this page finds:"] + [f"- {f['text']}" for f in payload["findings"]]
    return "\n".join(lines + ["Limits:"] + [f"- {line}" for line in payload["corpus"] + payload["limits"]])
