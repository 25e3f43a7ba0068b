"""speakers.refer_back: the one-pass look-back settles every speaker exactly as the plain rule does.

The plain rule (below, as it stood before the one-pass version) filters the article's tables for every
statement; it is slow (quadratic in an article's length) but reads as the rule. Each test runs
`statements` once with the one-pass `refer_back` and once with the plain rule put in its place, on
made-up articles in the shapes outlets use and on a synthetic corpus made from the seeds.
"""
import re
import sys
from pathlib import Path

import pandas as pd

import helpers
from workbook import statements as statements_module
from workbook.knowledge import vocabulary
from workbook.speakers import NEW_NAME, RoleRef

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))


def _pandas_refer_back(table: pd.DataFrame, persons: pd.DataFrame, bodies: pd.DataFrame, headings: set,
                       rules=None, lead: int = 0) -> None:
    """Settle, in place and in text order per article, the speakers that point back: "he"/"she" (see
    `_pronoun`), "the <role>" (the one person named earlier in the article who fits the role, `rules.fits`,
    and with the same affiliation where the phrase gives one; for a role up to the lead, else the one
    person named further on who fits, else the full name opening the next sentence's first statement; a
    role so settled ties its person to its words from there on),
    "the <body>" (affiliated with the last body named with that word), "the <document>" (the body of the
    last document quoted).

    `table`: statements with _at, _refer, _person; `persons`: doc_id, sent_id, at, person, role,
    affiliation, known (every person named, with the title or role the text or entities.csv gives);
    `bodies`: doc_id, at, name, known (every organisation named); `headings`: (doc_id, sent_id) of lines that are headings (no pronoun looks past them).
    """
    for i in table.index:
        refer = table.at[i, "_refer"]
        if table.at[i, "resolved"] == "pronoun":
            speaker, resolved, known, affiliation = _pandas_pronoun(table, i, persons, headings)
            table.loc[i, ["speaker", "resolved", "speaker_known"]] = speaker, resolved, known
            if affiliation and not table.at[i, "speaker_affiliation"]:
                table.at[i, "speaker_affiliation"] = affiliation
            continue
        if not refer:
            continue
        what, noun = refer.split(":", 1)
        doc, at = table.at[i, "doc_id"], table.at[i, "_at"]
        if what == "role":
            ref = table.at[i, "_role_ref"] or RoleRef(noun, definite=True)
            fits = pd.Series([rules.fits(ref, r, b) if rules is not None else noun in re.findall(r"\w+", r.lower())
                              for r, b in zip(persons["role"], persons["affiliation"])], index=persons.index, dtype=bool)
            fit = persons[(persons["doc_id"] == doc) & fits]
            affiliation = table.at[i, "speaker_affiliation"]
            if affiliation:
                fit = fit[fit["affiliation"] == affiliation]
            earlier, how = fit[fit["at"] < at], "named earlier as"
            opening = table.at[i, "sent_id"] <= lead
            if not len(earlier) and opening:
                earlier, how = fit[fit["at"] > at], "named further on as"
            found = list(dict.fromkeys(earlier["person"]))
            if len(found) == 1:
                row = earlier[earlier["person"] == found[0]].iloc[-1 if how == "named earlier as" else 0]
                table.loc[i, ["speaker", "speaker_known", "speaker_role"]] = found[0], bool(row["known"]), row["role"]
                table.at[i, "resolved"] = f"role: '{table.at[i, 'speaker_surface']}' is {found[0]}, {how} {row['role']}"
                table.at[i, "speaker_affiliation"] = affiliation or row["affiliation"]
                persons = _tie(persons, table, i)
                continue
            if not found and opening:               # the full name that opens the next sentence's first statement
                nxt = table[(table["doc_id"] == doc) & (table["sent_id"] == table.at[i, "sent_id"] + 1)].head(1)
                if len(nxt) and nxt["_opens"].iloc[0] and nxt["_person"].iloc[0] and nxt["speaker"].iloc[0] \
                        and nxt["resolved"].iloc[0] in ("named", NEW_NAME) and len(nxt["speaker_surface"].iloc[0].split()) >= 2:
                    name = nxt["speaker"].iloc[0]
                    first = persons[(persons["doc_id"] == doc) & (persons["person"] == name)].head(1)
                    role, body = (first["role"].iloc[0], first["affiliation"].iloc[0]) if len(first) else ("", "")
                    if len(first) and first["sent_id"].iloc[0] == nxt["sent_id"].iloc[0] \
                            and (not role or rules.fits(ref, role, body)) \
                            and not (affiliation and body and body != affiliation):
                        table.loc[i, ["speaker", "speaker_known", "speaker_role"]] = (name, bool(nxt["speaker_known"].iloc[0]),
                                                                                      role)
                        table.at[i, "resolved"] = f"role: '{table.at[i, 'speaker_surface']}' is {name}, named in the next sentence"
                        persons = _tie(persons, table, i)
                        continue
            before = table[(table["doc_id"] == doc) & (table["_at"] < at) & (table["speaker"] == "")
                           & table["speaker_surface"].str.lower().str.contains(rf"\b{re.escape(noun)}\b", regex=True)]
            if len(before) and not affiliation:                # "The official said": the official quoted before
                table.at[i, "speaker_affiliation"] = before["speaker_affiliation"].iloc[-1]
            previous = table[(table["doc_id"] == doc) & (table["_at"] < at)].tail(1)
            if noun in vocabulary()["generic_role"] and ref.definite and not len(before) and len(previous) \
                    and previous["_person"].iloc[0] \
                    and previous["speaker"].iloc[0] and previous["sent_id"].iloc[0] >= table.at[i, "sent_id"] - 3:
                name = previous["speaker"].iloc[0]              # "X said ... According to the official, ..."
                table.loc[i, ["speaker", "speaker_known", "speaker_role"]] = (name, bool(previous["speaker_known"].iloc[0]),
                                                                              previous["speaker_role"].iloc[0])
                table.at[i, "resolved"] = f"role: '{table.at[i, 'speaker_surface']}' is {name}, the previous speaker"
        elif what == "body" and not table.at[i, "speaker_affiliation"]:
            named = bodies[(bodies["doc_id"] == doc) & (bodies["at"] < at)
                           & bodies["name"].str.lower().str.contains(rf"\b{re.escape(noun)}\b", regex=True)]
            if len(named) and named["known"].iloc[-1]:
                table.loc[i, ["speaker", "speaker_known"]] = (named["name"].iloc[-1], True)
                table.at[i, "resolved"] = f"body: '{table.at[i, 'speaker_surface']}' is {named['name'].iloc[-1]}, named earlier"
            elif len(named):
                table.at[i, "speaker_affiliation"] = named["name"].iloc[-1]
        elif what == "document" and not table.at[i, "speaker_affiliation"]:
            before = table[(table["doc_id"] == doc) & (table["_at"] < at)
                           & table["speaker_surface"].str.lower().str.contains(rf"\b{re.escape(noun)}\b", regex=True)]
            if len(before):
                table.at[i, "speaker_affiliation"] = before["speaker_affiliation"].iloc[-1]


def _tie(persons: pd.DataFrame, table: pd.DataFrame, i: int) -> pd.DataFrame:
    """The persons with one more: the person a role statement was settled to, at the statement, its words as role."""
    r = table.loc[i]
    tied = pd.DataFrame([(r["doc_id"], r["sent_id"], r["_at"], r["speaker"], r["speaker_surface"],
                          r["speaker_affiliation"], bool(r["speaker_known"]))], columns=persons.columns)
    return pd.concat([persons, tied], ignore_index=True).sort_values(["doc_id", "at"], kind="stable").reset_index(drop=True)


def _pandas_pronoun(table: pd.DataFrame, i: int, persons: pd.DataFrame, headings: set) -> tuple[str, str, bool, str]:
    """Resolve a he/she speaker to one person, or say why not: (speaker, resolved, known, affiliation).

    Rule: look back from the pronoun to the sentence of the article's previous statement (its speaker
    counts) if that lies within three sentences, else to the previous sentence only; never past a
    heading. Exactly one distinct person named there -> that person (a name the tables do not know yet
    counts like any other); none named but the previous statement's speaker is one unnamed person ("a
    senior official said") -> that speaker's words; otherwise the speaker stays empty and `resolved`
    gives the reason.
    """
    doc, sent, at = table.loc[i, ["doc_id", "sent_id", "_at"]]
    earlier = table[(table["doc_id"] == doc) & (table["_at"] < at)]
    recent = earlier[earlier["sent_id"] >= sent - 3].tail(1)
    first = int(recent["sent_id"].iloc[0]) if len(recent) else sent - 1
    first = max([first] + [h + 1 for d, h in headings if d == doc and first <= h < sent])
    named = persons[(persons["doc_id"] == doc) & persons["sent_id"].between(first, sent) & (persons["at"] < at)]
    speaker = recent[recent["_person"] & (recent["speaker"] != "") & (recent["sent_id"] >= first)]
    found = list(dict.fromkeys([*speaker["speaker"], *named["person"]]))
    known = dict(zip(named["person"], named["known"])) | dict(zip(speaker["speaker"], speaker["speaker_known"]))
    if len(found) == 1:
        how = "pronoun: nearest preceding person" + ("" if known.get(found[0], True) else " (not in entities.csv yet)")
        return found[0], how, bool(known.get(found[0], True)), ""
    if not found and len(recent) and recent["_person"].iloc[0] and recent["sent_id"].iloc[0] >= first:
        return "", f"pronoun: the previous speaker, '{recent['speaker_surface'].iloc[0]}'", False, \
            recent["speaker_affiliation"].iloc[0]
    if not found:
        return "", "unresolved: no person named since the previous statement or in the previous sentence", False, ""
    return "", f"unresolved: {len(found)} persons named since the previous statement: {', '.join(found)}", False, ""


def _plain(rows, persons, bodies, headings, rules=None, lead=0):
    """`refer_back`'s interface over the plain rule: one article's rows as a table, settled, written back."""
    if not rows:
        return
    table = pd.DataFrame(rows)
    doc = rows[0]["doc_id"]
    people = pd.DataFrame([(doc, *p) for p in persons],
                          columns=["doc_id", "sent_id", "at", "person", "role", "affiliation", "known"])
    named = pd.DataFrame([(doc, *b) for b in bodies], columns=["doc_id", "at", "name", "known"])
    _pandas_refer_back(table, people, named, {(doc, h) for h in headings}, rules, lead)
    for row, settled in zip(rows, table.to_dict("records")):
        row.update(settled)


def both(docs, path=None):
    fast = statements_module.statements(docs, path)
    real = statements_module.refer_back
    statements_module.refer_back = _plain
    try:
        plain = statements_module.statements(docs, path)
    finally:
        statements_module.refer_back = real
    return fast, plain


ARTICLES = [
    # pronouns: one person, two, a new name, a heading, an unnamed speaker, a statement three sentences back
    "Mike Pompeo arrived in Brussels. He said the allies were united. Vladimir Putin met Erdogan in Sochi. "
    "He said the talks went well. Mevlut Cavusoglu said the tests were complete. He said the system works.\n"
    "Reactions\nHe said it again. A senior U.S. official said the door remained open. He said talks would resume.",
    # roles: one minister named with the role, then two; the generic official after a named speaker
    "Turkish Foreign Minister Mevlut Cavusoglu met reporters. The foreign minister said the deal stood. "
    "Russian Foreign Minister Sergei Lavrov arrived later. The foreign minister said talks would go on. "
    "Dmitry Peskov said the contract was signed. According to the official, deliveries start soon. "
    "An official said nothing was decided. The official said the matter was closed.",
    # bodies and documents
    "Turkey's Foreign Ministry condemned the decision. The ministry said Ankara would respond. "
    "A report by the Congressional Research Service said the sanctions were narrow. "
    "The report said a deal was possible. The Russian defence ministry said the tests were over. "
    "The ministry said more would follow.",
    # a headline's and a lead's role named further on, the wire's next-sentence name and the role it ties,
    # the head of a company and of a service, two ministers
    "Ankara will keep its missiles, says defence minister\n\nANKARA (Reuters) - Turkey's energy minister said on "
    "Monday the fair would open.\n\nAlparslan Bayraktar told reporters the plants were ready. The minister said "
    "more would follow. Turkish Defence Minister Hulusi Akar said the batteries were stored. The minister said "
    "so twice. Aselsan CEO Ahmet Akyol and Oleg Borisov, director of the Federal Service for Export Control "
    "(FSEC), met. The head of the company said exports grew. The head of the service said so too.",
    # several statements in one sentence, in both orders
    "“We will not back down,” said Erdogan, and Putin said the deal was done. He said so twice. "
    "The minister said it was over, and he said nothing more.",
]


def test_made_up_articles_are_settled_as_the_plain_rule_settles_them():
    docs = pd.DataFrame({"doc_id": [f"t{i}" for i in range(len(ARTICLES))], "text": ARTICLES})
    fast, plain = both(docs)
    assert fast["resolved"].str.startswith(("pronoun", "role:", "unresolved")).sum() >= 8   # the texts reach the rules
    pd.testing.assert_frame_equal(fast, plain)


def test_one_long_article_is_settled_as_the_plain_rule_settles_it():
    docs = pd.DataFrame({"doc_id": ["long"], "text": [" ".join(ARTICLES * 5)]})
    fast, plain = both(docs)
    pd.testing.assert_frame_equal(fast, plain)


def test_a_synthetic_corpus_is_settled_as_the_plain_rule_settles_it(tmp_path):
    from scale import synthetic_corpus

    folder = synthetic_corpus(helpers.CORPUS, tmp_path / "corpus", 40)
    docs = helpers.load_corpus(folder)
    fast, plain = both(docs, folder)
    assert len(fast) > 100
    pd.testing.assert_frame_equal(fast, plain)
