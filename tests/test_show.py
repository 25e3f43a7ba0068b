"""Showing results (workbook.show): evidence joins and tables."""
import pandas as pd

import helpers


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
