"""relations() and transfers() (workbook.relations): every edge and register cell leads back to its evidence."""
import sys

import pandas as pd
import pytest
from conftest import edit_table

import helpers
import workbook.relations
import workbook.sentences
from workbook.files import read_table


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
    stage = workbook.relations              # the stage itself (helpers.relations may answer from the cache)
    stage.relations(docs)
    stage.transfers(docs)
    assert len(calls) == 2                 # once per call, shared by every table, the mentions and the register
    calls.clear()
    stage.relations(docs, sents=sents)
    stage.transfers(docs, sents=sents)
    assert calls == []


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
