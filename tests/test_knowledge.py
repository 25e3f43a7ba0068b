"""The knowledge tables (workbook.knowledge): validation by file and row, merging identities, relation types, cited tables."""
import csv
import unicodedata

import pandas as pd
import pytest
from conftest import edit_table

import helpers
from workbook.files import read_table


def found(text, path=None):
    """(surface, entity) pairs that mentions() links in one made-up sentence."""
    docs = pd.DataFrame({"doc_id": ["t"], "text": [text]})
    m = helpers.mentions(docs, path)
    return [(r.surface, r.entity) for r in m.itertuples()]


def test_every_table_entity_and_alias_is_consistent():
    ents = helpers.entities()
    assert set(ents["kind"]) <= set(helpers.KINDS)
    al = helpers.aliases()
    assert set(al["entity"]) <= set(ents["entity"])


@pytest.mark.trust("knowledge tables")
def test_alias_to_unknown_entity_names_file_and_row(corpus_copy):
    with open(corpus_copy / "aliases.csv", "a", encoding="utf-8") as f:
        f.write("Hulusi,Hulusi Akar,surname,\n")
    rows = sum(1 for _ in open(corpus_copy / "aliases.csv", encoding="utf-8"))
    with pytest.raises(helpers.CorpusError, match=rf"aliases.csv row {rows}: alias 'Hulusi' points to 'Hulusi Akar'"):
        helpers.aliases(corpus_copy)


@pytest.mark.trust("knowledge tables")
def test_bad_kind_and_affiliation_are_reported_together(corpus_copy):
    with open(corpus_copy / "entities.csv", "a", encoding="utf-8") as f:
        f.write("Zapad,exercise,Russian Army,,\n")
    err = pytest.raises(helpers.CorpusError, helpers.entities, corpus_copy).value
    assert len(err.problems) == 2
    assert "kind 'exercise'" in err.problems[0] and "affiliation 'Russian Army'" in err.problems[1]


def test_merging_two_identities_is_one_line(corpus_copy):
    """Point an alias at another entity: its mentions follow."""
    text = "Mekhev spoke."
    assert found(text, corpus_copy) == [("Mekhev", "Alexander Mikheev")]
    rows = list(csv.DictReader(open(corpus_copy / "aliases.csv", encoding="utf-8")))
    for r in rows:
        if r["alias"] == "Mekhev":
            r["entity"] = "Vladimir Putin"
    with open(corpus_copy / "aliases.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    assert found(text, corpus_copy) == [("Mekhev", "Vladimir Putin")]


def test_every_typed_edge_quote_lies_in_its_sentence(docs):
    rel = helpers.relations(docs)
    quotes = set()
    for name in ("memberships.csv", "systems.csv", "relations.csv"):
        t = read_table(name)
        quotes.update({(d, q) for d, q in zip(t["doc_id"], t["quote"]) if d})
    typed = rel[rel["kind"] == "typed"]
    assert set(typed["relation"]) >= {"member_of", "produces", "origin"}
    for row in typed.itertuples():
        if pd.isna(row.sent_id):
            assert row.outside_source, row
        else:
            assert any(d == row.doc_id and q in row.evidence for d, q in quotes), row


@pytest.mark.parametrize("name, field, bad, words", [
    ("relations.csv", "quote", "Turkey sold the S-400 to Russia", "is not in the text of"),
    ("memberships.csv", "doc_id", "999_not_an_article", "is not an article of the corpus"),
    ("systems.csv", "quote", "", "is not in the text of"),
])
@pytest.mark.trust("knowledge tables")
def test_an_uncited_row_is_an_error_naming_file_and_row(docs, corpus_copy, name, field, bad, words):
    rows = edit_table(corpus_copy, name, lambda rows: rows[0].update({field: bad}))
    assert rows[0]["doc_id"]
    with pytest.raises(helpers.CorpusError) as err:
        helpers.relations(docs, path=corpus_copy)
    msg = str(err.value)
    assert f"{corpus_copy / name} row 2" in msg and words in msg


@pytest.mark.trust("knowledge tables")
def test_a_quote_over_two_sentences_is_an_error(docs, sents, corpus_copy):
    first, second = sents.iloc[2], sents.iloc[3]                       # two sentences of one article
    assert first["doc_id"] == second["doc_id"]
    text = docs.set_index("doc_id").loc[first["doc_id"], "text"]
    quote = text[first["end"] - 12:second["start"] + 8]                # the end of one and the start of the next
    edit_table(corpus_copy, "relations.csv", lambda rows: rows[0].update(doc_id=first["doc_id"], quote=quote))
    with pytest.raises(helpers.CorpusError, match=rf"(?s)relations.csv row 2: quote .* runs past the end of sentence "
                                                  rf"{first['sent_id']} of {first['doc_id']}"):
        helpers.cited_table("relations.csv", docs, path=corpus_copy, sents=sents)


@pytest.mark.trust("knowledge tables")
def test_every_name_relation_and_status_is_checked_all_at_once(docs, corpus_copy):
    edit_table(corpus_copy, "memberships.csv", lambda rows: rows[0].update(member="Narnia"))
    edit_table(corpus_copy, "systems.csv", lambda rows: rows.append(
        {**{k: "" for k in rows[0]}, "system": "S-400", "attribute": "maker", "value": "Acme Missiles and Russia",
         "outside_source": "a made-up catalogue"}))
    def change(rows):
        rows[0].update(object="Turkye")
        rows[1].update(relation="sells")
        rows[2].update(status="")            # a "supplies" row must say at what stage the deal was
    rel = edit_table(corpus_copy, "relations.csv", change)
    assert rel[2]["relation"] == "supplies"
    with pytest.raises(helpers.CorpusError) as err:
        helpers.relations(docs, path=corpus_copy)
    problems = err.value.problems
    last_system_row = len(read_table("systems.csv", corpus_copy)) + 1
    expected = [(corpus_copy / "memberships.csv", 2, "member 'Narnia' is not an entity of entities.csv"),
                (corpus_copy / "systems.csv", last_system_row, "maker value 'Acme Missiles' is not an entity"),
                (corpus_copy / "relations.csv", 2, "object 'Turkye' is not an entity of entities.csv; did you mean 'Turkey'?"),
                (corpus_copy / "relations.csv", 3, f"relation 'sells' is not one of supplies, offered_to, buys, operates, stationed_in, withdrew_from, produces, supports, opposes, sanctions, removed_from; use one of them, or add it as a row of {corpus_copy / 'relation_types.csv'}"),
                (corpus_copy / "relations.csv", 4, "a 'supplies' row needs a status")]
    for file, row, words in expected:
        assert any(p.startswith(f"{file} row {row}: ") and words in p for p in problems), (file, row, words, problems)
    assert len(problems) == len(expected)      # "Russia" in the maker value is known: no problem


@pytest.mark.trust("knowledge tables")
def test_a_row_citing_nothing_is_an_error(docs, corpus_copy):
    edit_table(corpus_copy, "memberships.csv", lambda rows: rows[1].update(doc_id="", quote="", outside_source=""))
    with pytest.raises(helpers.CorpusError, match=r"memberships.csv row 3: cites nothing"):
        helpers.relations(docs, path=corpus_copy)


def test_a_relation_type_added_to_its_table_is_accepted_and_can_be_a_transfer(docs, corpus_copy):
    """A researcher adds 'sells' to relation_types.csv (a transfer whose subject supplies): no code change."""
    edit_table(corpus_copy, "relation_types.csv", lambda rows: rows.append(
        {"relation": "sells", "needs_status": "yes", "register": "transfer", "direction": "subject_supplies",
         "meaning": "subject sells system to object"}))
    doc = docs.iloc[0]
    quote = helpers.sentences(docs.iloc[[0]])["text"].iloc[0][:25].strip()
    edit_table(corpus_copy, "relations.csv", lambda rows: rows.append(
        {**{k: "" for k in rows[0]}, "subject": "France", "relation": "sells", "object": "Turkey", "system": "SAMP/T",
         "status": "offered", "doc_id": doc["doc_id"], "quote": quote}))
    register = helpers.transfers(docs, path=corpus_copy)
    sold = register[register["quote"] == quote]
    assert sold[["supplier", "recipient", "system", "status"]].values.tolist() == [["France", "Turkey", "SAMP/T", "offered"]]
    assert ((helpers.relations(docs, path=corpus_copy)["relation"] == "sells")).sum() == 1


@pytest.mark.trust("knowledge tables")
def test_bad_relation_types_are_reported_by_file_and_row_all_at_once(docs, corpus_copy):
    def change(rows):
        rows[0].update(needs_status="maybe")                         # row 2
        rows[1].update(register="", direction="subject_supplies")     # row 3: a direction without a transfer
        rows.append(dict(rows[3]))                                    # row 11: a second 'operates'
    edit_table(corpus_copy, "relation_types.csv", change)
    with pytest.raises(helpers.CorpusError) as err:
        helpers.relations(docs, path=corpus_copy)
    file = corpus_copy / "relation_types.csv"
    problems = err.value.problems
    assert any(p.startswith(f"{file} row 2 (supplies): needs_status 'maybe' must be one of 'yes', 'no'") for p in problems)
    assert any(p.startswith(f"{file} row 3 (offered_to): a transfer relation needs a direction") for p in problems)
    assert any(p.startswith(f"{file}: relation 'operates' has more than one row") for p in problems)
    assert len(problems) == 3


@pytest.mark.trust("knowledge tables")
def test_an_empty_alias_is_reported_not_matched(corpus_copy):
    edit_table(corpus_copy, "aliases.csv", lambda rows: rows.append({**{k: "" for k in rows[0]}, "entity": "Turkey"}))
    n = len(read_table("aliases.csv", corpus_copy)) + 1
    with pytest.raises(helpers.CorpusError, match=rf"aliases.csv row {n}: alias is empty; fill it in"):
        helpers.aliases(corpus_copy)


@pytest.mark.trust("knowledge tables")
def test_table_headers_are_normalised_and_near_misses_refused_by_name(corpus_copy):
    file = corpus_copy / "aliases.csv"
    lines = file.read_text(encoding="utf-8").splitlines()
    file.write_text("\n".join([" Alias , ENTITY,Type ,Notes"] + lines[1:]) + "\n", encoding="utf-8")
    assert len(helpers.aliases(corpus_copy)) == len(helpers.aliases())          # case and spaces do not matter
    file.write_text("\n".join(["alias,entitty,type,notes"] + lines[1:]) + "\n", encoding="utf-8")
    with pytest.raises(helpers.CorpusError) as err:
        helpers.aliases(corpus_copy)
    assert f"{file}: column 'entitty' is not a column of this table; did you mean 'entity'?" in str(err.value)
    file.write_text("\n".join(["alias,entity,type,Type"] + lines[1:]) + "\n", encoding="utf-8")
    with pytest.raises(helpers.CorpusError, match=r"column 'type' appears 2 times in the header"):
        helpers.aliases(corpus_copy)


@pytest.mark.trust("knowledge tables")
def test_a_malformed_or_non_utf8_table_names_the_file_and_line(corpus_copy):
    file = corpus_copy / "entities.csv"
    good = file.read_bytes()
    file.write_bytes(good + b'Narnia,country,,,"an unclosed quote\nAslan,person,,,\n')
    with pytest.raises(helpers.CorpusError, match=rf"{file}: cannot be read as CSV"):
        helpers.entities(corpus_copy)
    file.write_bytes(good + b"Caf\xe9 Society,organization,,,\n")
    line = good.count(b"\n") + 1
    with pytest.raises(helpers.CorpusError, match=rf"{file} row {line}: not UTF-8"):
        helpers.entities(corpus_copy)


# ---- more cases of issue #14's classes ----

@pytest.mark.trust("unicode")
@pytest.mark.parametrize("written", ["Fi\u00addan", "Fi\u200bdan", "\u200fFidan\u200e", "Fidan\u00a0",
                                     unicodedata.normalize("NFD", "Fidàn")])
def test_an_alias_typed_with_invisible_marks_or_decomposed_letters_is_found(corpus_copy, written):
    """A soft hyphen, zero-width space, direction marks, a no-break space or a decomposed accent pasted
    into aliases.csv: the text has none of them after cleaning, so neither does the alias."""
    edit_table(corpus_copy, "entities.csv", lambda t: t.append({**{k: "" for k in t[0]}, "entity": "Hakan Fidan",
                                                                "kind": "person", "affiliation": "Turkey"}))
    edit_table(corpus_copy, "aliases.csv", lambda t: t.append({**{k: "" for k in t[0]}, "alias": written,
                                                               "entity": "Hakan Fidan", "type": "surname"}))
    plain = unicodedata.normalize("NFC", written).replace("\u00ad", "").replace("\u200b", "").replace(
        "\u200f", "").replace("\u200e", "").strip()
    assert found(f"{plain} said on Monday.", corpus_copy) == [(plain, "Hakan Fidan")]


@pytest.mark.trust("unicode")
def test_a_name_in_entities_in_decomposed_letters_is_the_same_name(corpus_copy):
    name = unicodedata.normalize("NFD", "Yaşar Güler")
    edit_table(corpus_copy, "entities.csv", lambda t: t.append({**{k: "" for k in t[0]}, "entity": name,
                                                                "kind": "person", "affiliation": "Turkey"}))
    assert found("Yaşar Güler said on Monday.", corpus_copy) == [("Yaşar Güler", "Yaşar Güler")]


@pytest.mark.trust("knowledge tables")
@pytest.mark.parametrize("alias, words", [("   ", "alias is empty; fill it in"),
                                          ("\u00a0", "alias is empty; fill it in"),
                                          ("-", "alias '-' has no letter or digit"),
                                          ("“”", "alias '“”' has no letter or digit")])
def test_an_alias_of_spaces_or_marks_only_names_its_row(corpus_copy, alias, words):
    edit_table(corpus_copy, "aliases.csv", lambda t: t.append({**{k: "" for k in t[0]}, "alias": alias,
                                                               "entity": "Turkey", "type": "variant"}))
    with pytest.raises(helpers.CorpusError) as err:
        helpers.aliases(corpus_copy)
    rows = sum(1 for _ in open(corpus_copy / "aliases.csv", encoding="utf-8"))
    assert f"aliases.csv row {rows}" in str(err.value) and words in str(err.value)


@pytest.mark.trust("knowledge tables")
def test_a_table_saved_with_a_bom_or_blank_lines_reads_the_same(corpus_copy):
    file = corpus_copy / "aliases.csv"
    lines = file.read_bytes().split(b"\n")
    file.write_bytes(b"\xef\xbb\xbf" + b"\n".join([*lines[:5], b"", *lines[5:]]).replace(b"\n", b"\r\n"))
    assert helpers.aliases(corpus_copy).drop(columns="row").equals(helpers.aliases().drop(columns="row"))


@pytest.mark.trust("knowledge tables")
def test_a_bad_row_after_a_blank_line_is_named_by_its_row(corpus_copy):
    file = corpus_copy / "entities.csv"
    lines = file.read_text(encoding="utf-8").split("\n")
    lines[3:3] = ["", "Zapad,exercise,,,"]                         # rows 4 (blank) and 5
    file.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(helpers.CorpusError, match=rf"{file} row 5 \(Zapad\): kind 'exercise' is not one of"):
        helpers.entities(corpus_copy)


@pytest.mark.trust("knowledge tables")
def test_a_relation_to_an_entity_no_table_knows_names_file_and_row(docs, corpus_copy):
    edit_table(corpus_copy, "relations.csv", lambda rows: rows[0].update(subject="Atlantis"))
    with pytest.raises(helpers.CorpusError, match=r"relations.csv row 2: subject 'Atlantis' is not an entity"):
        helpers.relations(docs, path=corpus_copy)


@pytest.mark.trust("unicode")
def test_a_quote_pasted_with_a_no_break_space_is_found_in_its_article(docs, corpus_copy):
    rows = edit_table(corpus_copy, "relations.csv", lambda rows: None)
    quote = next(r for r in rows if r["doc_id"] and " " in r["quote"])
    edit_table(corpus_copy, "relations.csv",
               lambda rows: [r.update(quote=r["quote"].replace(" ", "\u00a0", 1)) for r in rows
                             if r["quote"] == quote["quote"]])
    assert "\u00a0" in (corpus_copy / "relations.csv").read_text(encoding="utf-8")
    assert len(helpers.relations(docs, path=corpus_copy)) == len(helpers.relations(docs))


@pytest.mark.trust("catalog")
def test_a_catalog_with_a_bom_still_cites_its_quotes(docs, corpus_copy):
    file = corpus_copy / "articles.csv"
    file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes())
    assert helpers.relations(docs, path=corpus_copy).equals(helpers.relations(docs))
