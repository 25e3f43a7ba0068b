"""Compare what two builds show a reader: every output of every executed notebook, in order.

    python tools/compare_builds.py OLD_BUILD NEW_BUILD      (each a folder holding notebooks/*.ipynb)

Code is left out (a refactoring may rewrite it), and so is the provenance stamp (run date, version,
corpus hash). Tables are compared as their HTML (rows and options; the content-made itables ids left out),
figures by their image bytes. Prints which outputs differ per notebook; exits 1 when any output differs.
"""
import base64
import hashlib
import json
import re
import sys
from pathlib import Path


def shown(path: Path) -> list[str]:
    """The outputs a reader sees, as comparable strings."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    seen = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            seen.append("md: " + "".join(cell["source"]))
        for out in cell.get("outputs", []):
            if out.get("metadata", {}).get("workbook", {}).get("stamp"):
                continue
            if out.get("output_type") == "stream":
                seen.append("text: " + "".join(out["text"]))
                continue
            data = out.get("data", {})
            if "image/png" in data:
                seen.append("png: " + hashlib.sha256(base64.b64decode(data["image/png"])).hexdigest())
            elif "text/html" in data:
                html = re.sub(r"itables_[0-9a-f]+", "itables_ID", "".join(data["text/html"]))   # ids follow content
                seen.append("html: " + html)
            elif "text/plain" in data:
                seen.append("text: " + "".join(data["text/plain"]))
    return seen


def main(old: str, new: str) -> int:
    differ = 0
    for a in sorted(Path(old, "notebooks").glob("*.ipynb")):
        b = Path(new, "notebooks", a.name)
        if not b.exists():
            print(f"{a.name}: missing in {new}")
            differ = 1
            continue
        sa, sb = shown(a), shown(b)
        changed = [i for i, (x, y) in enumerate(zip(sa, sb)) if x != y]
        if not changed and len(sa) == len(sb):
            print(f"{a.name}: {len(sa)} outputs, identical")
            continue
        differ = 1
        print(f"{a.name}: {len(sa)} outputs before, {len(sb)} now; differing: {changed or 'the count'}")
        for i in changed[:3]:
            print(f"  output {i}\n    old: {sa[i][:200]!r}\n    new: {sb[i][:200]!r}")
    return differ


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
