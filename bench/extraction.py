"""Measure names, statements, hints and claims on the hand-read test articles of tests/data/.

    PYTHONPATH=. .venv/bin/python bench/extraction.py [--details] [--data tests/data/heldout]

The articles in tests/data/articles/ were written for this (wire, agency, state-media, think-tank, broadcaster
and newspaper shapes) and read by hand into tests/data/gold.yaml before the rules were written. They are added
to a temporary copy of corpus/ the way a researcher adds an article, so the seeds and tables are the real ones.
tests/data/heldout/ holds a second set, written and read after the rules were built and never used to tune them;
tests/data/fresh/ a third (f01-f16, f21, f22, in batches: trade press, state agencies, dailies, a broadsheet, a
think-tank brief, a press statement, a live blog, a factbox, a transcript, a Senate release ...), each batch's first
run recorded in its gold.yaml.

Prints, over every article:
  names       linked right / surfaced as a candidate / missed / linked wrong (each distinct name of an article
              once, a name read two ways, such as Ankara the city and Ankara the government, once per reading)
  noise       candidate rows of the test articles that are no name at all (share of all their candidate rows)
  hints       "possible variant of" hints that are right / given, and expected hints found
  statements  found of hand-read, speaker right, extra rows (statements found where the reader saw none)
  claims      found of hand-read (relation, subject, object and system as read) when helpers.claims exists
  dates       where gold.yaml has `dates:` (tests/data/fresh): of the hand-read dates the chronology should place,
              found (an events row overlaps the surface), value right (the rows overlapping it run from the
              read start to the read end), missed; extra rows (events rows over no hand-read expression);
              publication stamps (`dateline: true`) and vague ones (`vague: true`) kept out of the chronology
With --details, every miss and every wrong answer, so a rule can be fixed for its kind.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import re
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import helpers  # noqa: E402

DATA = ROOT / "tests" / "data"


def _folded(name: str) -> str:
    """A name without its accents and case ("Yaşar Güler" and "Yasar Guler" are one person: the workbook
    gives one spelling of a person's name for every article, so a gold read in one article's spelling
    matches it)."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name.replace("ı", "i").replace("İ", "I"))
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def test_corpus(folder: Path, data: Path = DATA) -> Path:
    """corpus/ copied to `folder` with every test article added (text file + catalog row with its sha256)."""
    dst = folder / "corpus"
    shutil.copytree(helpers.CORPUS, dst)
    with open(dst / "articles.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    with open(data / "articles.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            raw = (data / "articles" / f"{row['doc_id']}.txt").read_bytes()
            (dst / "articles" / f"{row['doc_id']}.txt").write_bytes(raw)
            rows.append({k: row.get(k, "") for k in fields} | {"sha256": hashlib.sha256(raw).hexdigest()})
    with open(dst / "articles.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return dst


def occurrences(text: str, name: str) -> list[int]:
    return [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]


def gold_offsets(text: str, names: list[dict]) -> list[list[int]]:
    """For each gold name, the offsets it stands for: the one inside `at`, or every occurrence that is not
    an `at` occurrence of the same name and not inside a longer gold name."""
    at_offsets, spans = {}, []
    for g in names:
        if "at" in g and text.find(g["at"]) >= 0:
            off = text.find(g["at"]) + g["at"].index(g["name"])
            at_offsets.setdefault(g["name"], set()).add(off)
        spans += [(o, o + len(g["name"])) for o in occurrences(text, g["name"])]
    out = []
    for g in names:
        if "at" in g:
            i = text.find(g["at"])
            out.append([i + g["at"].index(g["name"])] if i >= 0 else [])       # [] : cleaning removed it
            continue
        n = len(g["name"])
        out.append([o for o in occurrences(text, g["name"]) if o not in at_offsets.get(g["name"], set())
                    and not any(a <= o and o + n <= b and b - a > n for a, b in spans)])
    return out


def words(s: str) -> list[str]:
    return re.findall(r"[\w\-/.'’]+", s)


def contains(big: str, small: str, extra: int = 2) -> bool:
    """`small` as whole words inside `big`, which has at most `extra` more words."""
    b, s = words(big), words(small)
    if len(b) - len(s) > extra or len(b) < len(s):
        return False
    return any(b[i:i + len(s)] == s for i in range(len(b) - len(s) + 1))


def candidate_names(cands, doc_id: str) -> list[tuple[str, list[str], str, str]]:
    """(surface, other written forms, hint, kind) of each candidate row found in `doc_id`."""
    out = []
    for r in cands.to_dict("records"):
        docs = r["doc_ids"].split("; ") if "doc_ids" in r else [r["doc_id"]]
        if doc_id in docs:
            also = [x for x in str(r.get("also_written", "")).split("; ") if x]
            out.append((r["surface"], also, r.get("possible_variant", ""), r.get("kind", "")))
    return out


def score(details: bool = False, data: Path = DATA) -> dict:
    gold = yaml.safe_load(open(data / "gold.yaml", encoding="utf-8"))["articles"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = test_corpus(Path(tmp), data)
        docs = helpers.load_corpus(folder)
        sents = helpers.sentences(docs)
        ments = helpers.mentions(docs, folder, sents=sents)
        cands = helpers.candidates(docs, folder)
        said = helpers.statements(docs, folder, sents=sents)
        claims = helpers.claims(docs, folder, sents=sents) if hasattr(helpers, "claims") else None
        with_dates = any("dates" in g for g in gold.values())
        events = helpers.events(docs, folder, sents=sents) if with_dates else None
        unplaced = helpers.unresolved_times(docs, sents=sents) if with_dates else None
    texts = dict(zip(docs["doc_id"], docs["text"]))
    n = dict(removed=0, names=0, linked=0, surfaced=0, missed=0, wrong=0, cand_rows=0, noise=0, kind_right=0, kind_given=0,
             hints_given=0, hints_right=0, hints_expected=0, hints_found=0, statements=0, st_found=0, st_right=0,
             st_extra=0, claims=0, cl_found=0, cl_exact=0, dates=0, dt_found=0, dt_right=0, dt_extra=0,
             stamps=0, stamps_out=0, vague=0, vague_out=0, dt_removed=0)
    notes = []
    for doc_id, g in gold.items():
        text = texts[doc_id]
        m = ments[ments["doc_id"] == doc_id]
        linked_at = {(a, b): e for a, b, e in zip(m["start"], m["end"], m["entity"])}
        starts = {a: e for (a, b), e in linked_at.items()}
        found = candidate_names(cands, doc_id) if "names" in g else []   # an article read for dates alone
        used = set()
        for entry, offs in zip(g.get("names", []), gold_offsets(text, g.get("names", []))):
            name = entry["name"]
            if not offs:                            # a byline or credit line that cleaning took out
                n["removed"] += 1
                notes.append(f"REMOVED {doc_id}: {name} (not in the cleaned text)")
                continue
            n["names"] += 1
            got = [starts.get(o) for o in offs]
            if "entity" in entry:
                wrong = [e for e in got if e and e != entry["entity"]]
                if wrong:
                    n["wrong"] += 1
                    notes.append(f"WRONG  {doc_id}: {name} -> {wrong[0]} (expected {entry['entity']})")
                    continue
                if offs and all(e == entry["entity"] for e in got):
                    n["linked"] += 1
                    continue
            elif any((o, o + len(name)) in linked_at for o in offs):
                e = next(linked_at[(o, o + len(name))] for o in offs if (o, o + len(name)) in linked_at)
                n["wrong"] += 1
                notes.append(f"WRONG  {doc_id}: {name} -> {e} (expected a candidate)")
                continue
            others = [x["name"] for x in g.get("names", []) if x["name"] != name and len(x["name"]) > 2 and "candidate" in x]
            # as listed, as another spelling counted with it, or inside a slightly longer name that holds
            # no other name of the article (a run holding two names is garbled, not surfaced)
            hits = [c for c in found if c[0] == name or name in c[1] or contains(c[0], name) and not any(
                contains(c[0], o, 99) and o != c[0] and not contains(name, o, 99) for o in others)]
            if hits:
                n["surfaced"] += 1
                used.update(c[0] for c in hits)
                if entry.get("candidate") and hits[0][3]:
                    n["kind_given"] += 1
                    n["kind_right"] += hits[0][3] == entry["candidate"]
                    if hits[0][3] != entry["candidate"]:
                        notes.append(f"KIND   {doc_id}: {name} guessed {hits[0][3]} (read {entry['candidate']})")
            else:
                n["missed"] += 1
                notes.append(f"MISSED {doc_id}: {name} ({entry.get('entity') or entry.get('candidate')}; got {got})")
        ignore = set(g.get("ignore", []))
        for surface, also, hint, kind in found:
            n["cand_rows"] += 1
            if surface in used or surface in ignore or any(contains(surface, i, 1) for i in ignore):
                continue
            if not any(contains(surface, x["name"]) or contains(x["name"], surface, 99) for x in g.get("names", [])):
                n["noise"] += 1
                notes.append(f"NOISE  {doc_id}: {surface}")
        expected_hints = {h["name"]: h["entity"] for h in g.get("hints", [])}
        n["hints_expected"] += len(expected_hints)
        for surface, also, hint, kind in found:
            if hint and not hint.startswith("ambiguous"):
                n["hints_given"] += 1
                right = surface in expected_hints and hint.startswith(expected_hints[surface])
                n["hints_right"] += right
                n["hints_found"] += right
                if not right:
                    notes.append(f"HINT   {doc_id}: {surface} -> {hint}")
        sid_of = sents[sents["doc_id"] == doc_id]
        st = said[said["doc_id"] == doc_id]
        matched = set()
        for s in g.get("statements", []):
            at = text.find(s["at"])
            if at < 0:
                n["removed"] += 1
                continue
            n["statements"] += 1
            sid = int(sid_of[(sid_of["start"] <= at) & (sid_of["end"] > at)]["sent_id"].iloc[0])
            rows = st[(st["sent_id"] == sid) & (st["verb"] == s["verb"])]
            if not len(rows):
                notes.append(f"ST-MISS {doc_id}:{sid} {s['verb']!r} ({s['at'][:50]})")
                continue
            n["st_found"] += 1
            row = rows.iloc[0]
            matched.add(rows.index[0])
            if s["speaker"]:                        # the same name, whichever spelling of it the corpus settled on
                right = _folded(row["speaker"]) == _folded(s["speaker"])
            else:                                   # unnamed, or an organisation the tables do not know: its words
                right = (row["speaker"] == "" or not row.get("speaker_known", True)) \
                    and s["surface"].lower() in row["speaker_surface"].lower()
            n["st_right"] += right
            if not right:
                notes.append(f"ST-WHO {doc_id}:{sid} {s['verb']} -> speaker {row['speaker']!r} "
                             f"[{row['speaker_surface']}] ({row['resolved']}); read {s['speaker'] or s['surface']!r}")
        for i, row in st.iterrows():
            if i not in matched:
                n["st_extra"] += 1
                notes.append(f"ST-EXTRA {doc_id}:{row['sent_id']} {row['verb']} [{row['speaker_surface']}] {row['content'][:60]}")
        for c in g.get("claims", []):
            n["claims"] += 1
            if claims is None:
                continue
            at = text.find(c["at"])
            sid = int(sid_of[(sid_of["start"] <= at) & (sid_of["end"] > at)]["sent_id"].iloc[0])
            rows = claims[(claims["doc_id"] == doc_id) & (claims["sent_id"] == sid) & (claims["relation"] == c["relation"])]
            if len(rows):
                n["cl_found"] += 1
                exact = rows[rows["subject"].isin(c["subject"]) & ((rows["system"] == c.get("system", rows["system"])))
                             & (rows["object"] == c.get("object", rows["object"]))]
                n["cl_exact"] += bool(len(exact))
                if not len(exact):
                    r = rows.iloc[0]
                    notes.append(f"CL-DIFF {doc_id}:{sid} {c['relation']}: got {r['subject']}|{r['object']}|{r['system']}"
                                 f" read {c['subject']}|{c.get('object')}|{c.get('system')}")
            else:
                notes.append(f"CL-MISS {doc_id}:{sid} {c['relation']} ({c['at'][:50]})")
        if claims is not None and "claims" in g:
            extra = claims[claims["doc_id"] == doc_id]
            n.setdefault("cl_rows", 0)
            n["cl_rows"] += len(extra)
        if "dates" in g:
            score_dates(doc_id, text, g["dates"], events[events["doc_id"] == doc_id],
                        unplaced[unplaced["doc_id"] == doc_id], n, notes)
    if details:
        print("\n".join(notes))
    return n


def day(d) -> str:
    return str(d)[:10]


def score_dates(doc_id: str, text: str, gold: list[dict], ev, unplaced, n: dict, notes: list) -> None:
    """Adds one article's date counts to `n` (see the module docstring) and its misses to `notes`."""
    spans = []
    rows = list(zip(ev["char_start"], ev["char_end"], ev["surface"], ev["start"].map(day), ev["end"].map(day)))
    why = list(zip(unplaced["char_start"], unplaced["char_end"], unplaced["surface"], unplaced["reason"]))
    for d in gold:
        at = d.get("at", d["surface"])
        i = text.find(at)
        if i < 0:                                   # a stamp or a 'Read more' line that cleaning took out
            n["dt_removed"] += 1
            notes.append(f"DATE-REMOVED {doc_id}: {at!r} (not in the cleaned text)")
            continue
        a = i + at.index(d["surface"])
        b = a + len(d["surface"])
        spans.append((a, b))
        over = [r for r in rows if r[0] < b and a < r[1]]
        got = f"{min(r[3] for r in over)}..{max(r[4] for r in over)}" if over else ""
        said = "; ".join(f"{w[2]!r}: {w[3]}" for w in why if w[0] < b and a < w[1]) or "not seen"
        kind = "stamps" if d.get("dateline") else "vague" if d.get("vague") else "dates"
        n[kind] += 1
        if kind != "dates":
            n[f"{kind}_out"] += not over
            if over:
                notes.append(f"DATE-{kind.upper()}-PLACED {doc_id}: {d['surface']!r} placed {got} "
                             f"[{', '.join(r[2] for r in over)}]")
            continue
        if not over:
            notes.append(f"DATE-MISS {doc_id}: {d['surface']!r} read {day(d['start'])}..{day(d['end'])} ({said})")
            continue
        n["dt_found"] += 1
        if got == f"{day(d['start'])}..{day(d['end'])}":
            n["dt_right"] += 1
        else:
            notes.append(f"DATE-VALUE {doc_id}: {d['surface']!r} got {got} [{', '.join(r[2] for r in over)}],"
                         f" read {day(d['start'])}..{day(d['end'])}")
    for r in rows:
        if not any(r[0] < b and a < r[1] for a, b in spans):
            n["dt_extra"] += 1
            notes.append(f"DATE-EXTRA {doc_id}: {r[2]!r} placed {r[3]}..{r[4]}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--details", action="store_true", help="list every miss and wrong answer")
    ap.add_argument("--data", type=Path, default=DATA,
                    help="folder with articles/, articles.csv and gold.yaml (tests/data/heldout: the held-out set)")
    args = ap.parse_args()
    n = score(args.details, args.data)
    pct = lambda a, b: f"{100 * a / b:.0f}%" if b else "n/a"     # noqa: E731
    if n["removed"]:
        print(f"(cleaning removed {n['removed']} hand-read names or statements: bylines and credit lines; not scored)")
    print(f"names       {n['names']} hand-read: linked {n['linked']} ({pct(n['linked'], n['names'])}), surfaced "
          f"{n['surfaced']} ({pct(n['surfaced'], n['names'])}), missed {n['missed']} ({pct(n['missed'], n['names'])}), "
          f"wrong {n['wrong']} ({pct(n['wrong'], n['names'])})")
    print(f"candidates  {n['cand_rows']} rows in the test articles, noise {n['noise']} ({pct(n['noise'], n['cand_rows'])});"
          f" kind guessed right {n['kind_right']} of {n['kind_given']} guesses")
    print(f"hints       right {n['hints_right']} of {n['hints_given']} given ({pct(n['hints_right'], n['hints_given'])});"
          f" expected hints found {n['hints_found']} of {n['hints_expected']}")
    print(f"statements  found {n['st_found']} of {n['statements']} hand-read ({pct(n['st_found'], n['statements'])}),"
          f" speaker right {n['st_right']} ({pct(n['st_right'], n['statements'])}), extra rows {n['st_extra']}")
    if "cl_rows" in n:
        print(f"claims      found {n['cl_found']} of {n['claims']} hand-read ({pct(n['cl_found'], n['claims'])}), "
              f"all fields as read {n['cl_exact']}; {n['cl_rows']} suggestions in the test articles")
    if n["dates"] or n["stamps"] or n["vague"]:
        removed = f" ({n['dt_removed']} in lines cleaning removed, not scored)" if n["dt_removed"] else ""
        print(f"dates       found {n['dt_found']} of {n['dates']} hand-read ({pct(n['dt_found'], n['dates'])}), value right "
              f"{n['dt_right']} ({pct(n['dt_right'], n['dates'])}), missed {n['dates'] - n['dt_found']}, extra rows "
              f"{n['dt_extra']}; kept out of the chronology: stamps {n['stamps_out']} of {n['stamps']}, vague "
              f"{n['vague_out']} of {n['vague']}{removed}")


if __name__ == "__main__":
    main()
