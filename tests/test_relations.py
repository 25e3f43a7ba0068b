"""relations(), cited_table() and transfers(): every edge and register cell leads back to its evidence."""
import csv
import sys

import pandas as pd
import pytest

import helpers
import workbook.sentences
from workbook.files import read_table


def edit_table(folder, name, change):
    """Rewrite corpus/<name> in a temp corpus copy; `change` edits the list of row dicts in place."""
    file = folder / name
    with open(file, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    change(rows)
    with open(file, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return rows


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
def test_an_uncited_row_is_an_error_naming_file_and_row(docs, corpus_copy, name, field, bad, words):
    rows = edit_table(corpus_copy, name, lambda rows: rows[0].update({field: bad}))
    assert rows[0]["doc_id"]
    with pytest.raises(helpers.CorpusError) as err:
        helpers.relations(docs, path=corpus_copy)
    msg = str(err.value)
    assert f"{corpus_copy / name} row 2" in msg and words in msg


def test_a_quote_over_two_sentences_is_an_error(docs, sents, corpus_copy):
    first, second = sents.iloc[2], sents.iloc[3]                       # two sentences of one article
    assert first["doc_id"] == second["doc_id"]
    text = docs.set_index("doc_id").loc[first["doc_id"], "text"]
    quote = text[first["end"] - 12:second["start"] + 8]                # the end of one and the start of the next
    edit_table(corpus_copy, "relations.csv", lambda rows: rows[0].update(doc_id=first["doc_id"], quote=quote))
    with pytest.raises(helpers.CorpusError, match=rf"(?s)relations.csv row 2: quote .* runs past the end of sentence "
                                                  rf"{first['sent_id']} of {first['doc_id']}"):
        helpers.cited_table("relations.csv", docs, path=corpus_copy, sents=sents)


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
                (corpus_copy / "relations.csv", 3, "relation 'sells' is not one of supplies"),
                (corpus_copy / "relations.csv", 4, "a 'supplies' row needs a status")]
    for file, row, words in expected:
        assert any(p.startswith(f"{file} row {row}: ") and words in p for p in problems), (file, row, words, problems)
    assert len(problems) == len(expected)      # "Russia" in the maker value is known: no problem


def test_every_maker_becomes_a_produces_edge(docs, corpus_copy):
    edit_table(corpus_copy, "systems.csv", lambda rows: rows.append(
        {**{k: "" for k in rows[0]}, "system": "S-500", "attribute": "maker",
         "value": "Rosoboronexport and Almaz-Antey (as a consortium)", "outside_source": "a made-up catalogue"}))
    rel = helpers.relations(docs, path=corpus_copy)
    made_up = rel[rel["outside_source"] == "a made-up catalogue"]
    assert sorted(zip(made_up["source"], made_up["relation"], made_up["target"])) == [
        ("Almaz-Antey", "produces", "S-500"), ("Rosoboronexport", "produces", "S-500")]
    makers = read_table("systems.csv")
    for system, maker in zip(makers["system"], makers["value"].where(makers["attribute"] == "maker")):
        if isinstance(maker, str):         # the first name of each real maker row is an edge, none is dropped
            first = maker.split(" (")[0].split(" and ")[0]
            assert ((rel["source"] == first) & (rel["relation"] == "produces") & (rel["target"] == system)).any()


def test_relations_splits_the_text_into_sentences_once(docs, sents, monkeypatch):
    calls = []
    split = workbook.sentences.sentences
    for module in [m for n, m in sys.modules.items() if n.startswith("workbook.") and getattr(m, "sentences", None) is split]:
        monkeypatch.setattr(module, "sentences", lambda d: calls.append(1) or sents)   # every stage that may split
    helpers.relations(docs)
    helpers.transfers(docs)
    assert len(calls) == 2                 # once per call, shared by every table, the mentions and the register
    calls.clear()
    helpers.relations(docs, sents=sents)
    helpers.transfers(docs, sents=sents)
    assert calls == []


def test_a_row_citing_nothing_is_an_error(docs, corpus_copy):
    edit_table(corpus_copy, "memberships.csv", lambda rows: rows[1].update(doc_id="", quote="", outside_source=""))
    with pytest.raises(helpers.CorpusError, match=r"memberships.csv row 3: cites nothing"):
        helpers.relations(docs, path=corpus_copy)


def test_a_new_relation_row_becomes_an_edge_with_its_sentence(docs, corpus_copy):
    doc = docs.iloc[0]
    first = helpers.sentences(docs.iloc[[0]]).iloc[-1]
    quote = first["text"][:30]
    edit_table(corpus_copy, "relations.csv", lambda rows: rows.append(
        {**{k: "" for k in rows[0]}, "subject": "Iran", "relation": "opposes", "object": "S-400",
         "doc_id": doc["doc_id"], "quote": quote}))
    rel = helpers.relations(docs, path=corpus_copy)
    edge = rel[(rel["source"] == "Iran") & (rel["relation"] == "opposes")]
    assert edge[["doc_id", "sent_id", "evidence"]].values.tolist() == [[doc["doc_id"], first["sent_id"], first["text"]]]


def test_cooccurrence_pairs_come_from_one_sentence_each():
    docs = pd.DataFrame({"doc_id": ["t"], "text": ["Russia and Turkey signed. Russia met Iran. Turkey, Iran and Russia talked."]})
    co = helpers.relations(docs)
    co = co[co["kind"] == "co-occurrence"]
    pairs = co.groupby(["source", "target"])["count"].first().to_dict()
    assert pairs == {("Russia", "Turkey"): 2, ("Iran", "Russia"): 2, ("Iran", "Turkey"): 1}
    assert (co["source"] < co["target"]).all()


def test_every_register_cell_is_cited(docs):
    reg = helpers.transfers(docs)
    assert len(reg) and set(reg["status"]) - {""}
    sents = helpers.sentences(docs).set_index(["doc_id", "sent_id"])["text"]
    for row in reg.itertuples():
        assert (row.doc_id and not pd.isna(row.sent_id)) or row.outside_source
        if row.doc_id:
            assert row.quote in sents[(row.doc_id, row.sent_id)]
        for col in ("quantity", "value", "date"):
            value, sid = getattr(row, col), getattr(row, f"{col}_sent_id")
            if value and row.doc_id:
                assert value in sents[(row.doc_id, sid)], (col, value)


def test_buys_rows_turn_round_into_supplier_and_recipient(docs, corpus_copy):
    doc = docs.iloc[0]
    edit_table(corpus_copy, "relations.csv", lambda rows: rows.append(
        {**{k: "" for k in rows[0]}, "subject": "Turkey", "relation": "buys", "object": "Russia", "system": "S-400",
         "status": "agreed", "doc_id": doc["doc_id"], "quote": doc["text"][:25]}))
    reg = helpers.transfers(docs, path=corpus_copy)
    assert reg.iloc[-1][["supplier", "recipient", "status"]].tolist() == ["Russia", "Turkey", "agreed"]


def test_a_register_date_not_in_the_article_is_an_error(docs, corpus_copy):
    def change(rows):
        row = next(r for r in rows if r["relation"] == "supplies" and r["doc_id"])
        row["date"] = "on the 31st of Smarch"
    edit_table(corpus_copy, "relations.csv", change)
    with pytest.raises(helpers.CorpusError, match=r"date 'on the 31st of Smarch' is not in the text of"):
        helpers.transfers(docs, path=corpus_copy)


def test_with_sentences_adds_each_rows_sentence():
    sents = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": [0, 1, 0], "text": ["One.", "Two.", "Three."]})
    rows = pd.DataFrame({"doc_id": ["a", "b", "a"], "sent_id": [1, 0, 1], "entity": ["X", "Y", "Z"]})
    assert helpers.with_sentences(rows, sents)["sentence"].tolist() == ["Two.", "Three.", "Two."]


def test_show_table_shows_days_as_dates_and_keeps_times(monkeypatch):
    import itables

    shown = []
    monkeypatch.setattr(itables, "show", lambda table, **options: shown.append(table))
    table = pd.DataFrame({"published": pd.to_datetime(["2019-07-12", None]),
                          "logged": pd.to_datetime(["2019-07-12 08:30", "2019-07-13 00:00"])})
    helpers.show_table(table)
    assert [str(d) for d in shown[0]["published"]] == ["2019-07-12", "NaT"]
    assert shown[0]["logged"].dtype == table["logged"].dtype          # a time of day is kept
