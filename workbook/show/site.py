"""The shared folder of pages: what every page has in common when it is mailed or zipped.

Takes: titles, body HTML that callers have already escaped, the list of pages and article ids.
Gives: ``SITE_JS`` (the file beside the pages that says "the folder is here"), ``site_script``
(its content), ``ALONE_SCRIPT`` (turns links to other files into plain text when a page is opened
on its own), ``STYLE`` (the look of pages written outside nbconvert) and ``page`` (a whole page).
Comes after every other stage; tools/build.py (index, notebook pages) and `articles.py` use it.
"""
from __future__ import annotations

import html
import json

SITE_JS = "workbook-site.js"
WORKBOOK = "S-400 research workbook"

# A page opened alone has no workbook-site.js beside it, so window.WORKBOOK_SITE is not set: its links
# to other files would lead nowhere and become plain text. Links inside the page (#...), data: URLs and
# web addresses stay. Table renderers (cells.py) check the same flag before drawing evidence links.
ALONE_SCRIPT = """<script>
(function () {
  var alone = !window.WORKBOOK_SITE;
  document.body.classList.add(alone ? 'wb-alone' : 'wb-in-site');
  if (!alone) { return; }
  document.querySelectorAll('a[href]').forEach(function (a) {
    var href = a.getAttribute('href');
    if (/^\\s*(#|data:|https?:|mailto:)/i.test(href)) { return; }
    var text = document.createElement('span');
    text.className = 'wb-unlinked';
    text.textContent = a.textContent;
    text.title = 'in the workbook folder this links to ' + href;
    a.replaceWith(text);
  });
})();
</script>"""

FOLDER_NOTE = ('<p class="wb-folder-note">Links to the other pages and to each article work when the folder '
               'is kept together: unzip the workbook whole, then open <code>index.html</code>.</p>\n'
               '<p class="wb-alone-note">This page was opened on its own, so its links to the other pages are '
               'shown as plain text. They work in the workbook folder (or its zip), where this page came from.</p>')

STYLE = """<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.55; color: #222;
  max-width: 48em; margin: 0 auto; padding: 0 1em 3em; overflow-wrap: normal; word-break: normal; }
header.wb-top { font-size: 0.9em; background: #f4f4f4; border-bottom: 1px solid #ddd; margin: 0 -1em 1em; padding: 0.5em 1em; }
.wb-nav { display: flex; flex-wrap: wrap; gap: 0.3em 1.5em; }
.wb-folder-note { color: #555; margin: 0.3em 0; }
.wb-alone-note { display: none; color: #8a4b00; margin: 0.3em 0; }
body.wb-alone .wb-alone-note { display: block; }
body.wb-alone .wb-folder-note { display: none; }
dl.wb-facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; }
dl.wb-facts dt { font-weight: 600; } dl.wb-facts dd { margin: 0; }
.wb-text p { margin: 0 0 0.9em; }
.wb-sent { scroll-margin-top: 3em; border-radius: 3px; }
.wb-sent:target { background: #fff0a8; outline: 2px solid #e0b800; }
.wb-sn { font-size: 0.7em; color: #777; text-decoration: none; vertical-align: super; margin-right: 0.15em; }
mark { background: none; color: inherit; border-bottom: 2px solid; padding: 0 1px; }
mark.wb-person, mark.wb-organization { border-color: #2f6fb5; }
mark.wb-country, mark.wb-alliance, mark.wb-place { border-color: #3a8f3a; }
mark.wb-weapon_system { border-color: #c0392b; }
mark.wb-time { background: #e9e2f7; border-color: #7d5ba6; }
.wb-said { background: #f3f3f3; }
.wb-note { font-size: 0.8em; color: #555; }
.wb-legend span { margin-right: 1em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { text-align: left; vertical-align: top; padding: 0.25em 0.5em; border-bottom: 1px solid #e3e3e3; }
.wb-wide { overflow-x: auto; }
.wb-findings { background: #eef5ff; border-left: 4px solid #2f6fb5; padding: 0.5em 1em 0.5em 2em; border-radius: 4px; }
.wb-limits { background: #fff7e6; border-left: 4px solid #c98a00; padding: 0.5em 1em; border-radius: 4px; }
.wb-limits ul { padding-left: 1em; }
</style>"""


def site_script(pages: list[str], articles: list[str]) -> str:
    """The content of workbook-site.js: the pages and article ids in the folder (sorted, so rebuilt identical)."""
    data = {"pages": sorted(pages), "articles": sorted(articles)}
    return f"window.WORKBOOK_SITE = {json.dumps(data, ensure_ascii=True, sort_keys=True)};\n"


def page(title: str, body: str, nav: list[tuple[str, str]], root: str = "") -> str:
    """A whole page: <title>, the site flag, a header with `nav` [(href, label)] and the folder note, `body`.

    `body` must already be escaped HTML; `title` and `nav` are escaped here. `root` is the way back to
    the folder that holds workbook-site.js ("../" for an article page).
    """
    links = "\n".join(f'<a href="{html.escape(href)}">{html.escape(label)}</a>' for href, label in nav)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(title)}</title>
<script src="{html.escape(root)}{SITE_JS}"></script>
{STYLE}
</head><body>
<header class="wb-top"><nav class="wb-nav">{links}</nav>
{FOLDER_NOTE}
</header>
<main>
{body}
</main>
{ALONE_SCRIPT}
</body></html>
"""
