"""Showing results (workbook.show): evidence joins and tables."""
import datetime as dt

import pandas as pd

import helpers
from workbook.show.filters import filter_rows


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


def test_filter_rows_keeps_what_each_setting_asks():
    days = pd.to_datetime(["2019-07-12", "2019-07-12", "2020-01-05", "2021-03-01"])
    table = pd.DataFrame({"outlet": ["Reuters", "TASS", "Reuters", "Al Jazeera"], "published": days,
                          "entity": ["Turkey", "Russia", "Turkey", "NATO"],
                          "systems": ["S-400; F-35", "S-400", "", "Patriot"], "start": days - pd.Timedelta(days=30)})
    keep = lambda **s: filter_rows(table, **s).index.tolist()
    assert keep() == [0, 1, 2, 3]
    assert keep(outlets=("Reuters",)) == [0, 2]
    assert keep(published=(dt.date(2019, 7, 12), dt.date(2020, 1, 5))) == [0, 1, 2]
    assert keep(entity=("entity", "Turkey")) == [0, 2]
    assert keep(entity=("entity", "(all)")) == [0, 1, 2, 3]
    assert keep(named={"systems": "F-35"}) == [0]            # a name inside a "; "-joined list
    assert keep(named={"systems": "S-40"}) == []             # whole names only
    assert keep(window=("start", dt.date(2019, 12, 1), dt.date(2021, 12, 31))) == [2, 3]
    assert keep(outlets=("Reuters", "TASS"), named={"systems": "S-400"}, entity=("entity", "Russia")) == [1]


def test_filter_panel_draws_the_filtered_rows_when_a_control_changes():
    table = pd.DataFrame({"outlet": ["Reuters", "TASS"], "published": pd.to_datetime(["2019-07-12", "2020-01-05"]),
                          "entity": ["Turkey", "Russia"]})
    shown = []
    panel = helpers.filter_panel(table, lambda rows: shown.append(rows["entity"].tolist()), entity_column="entity",
                                 entity_kinds=helpers.ACTOR_KINDS)
    control = {getattr(c, "description", ""): c for c in panel.children}
    assert shown == [["Turkey", "Russia"]]                 # drawn once at start, unfiltered
    actor = control["Actor"]                               # labelled by kind, not by column name
    offered = dict((value, label) for label, value in actor.options)
    assert {"Turkey", "Russia", "NATO", "Recep Tayyip Erdogan"} <= set(offered)   # every actor of entities.csv
    assert "S-400" not in offered                          # a system is no actor
    assert offered["Russia"] == "Russia (1)" and offered["NATO"] == "NATO (0)"
    actor.value = "Russia"
    assert shown[-1] == ["Russia"]
    status = panel.children[-2]
    assert status.value == "<b>1</b> of 2 rows match."
    control["Outlets"].value = ("Reuters",)                # Russia only in TASS: nothing left
    assert len(shown) == 2                                 # nothing drawn for no rows (the lab test sees the message)
    assert status.value == "<b>0</b> of 2 rows match."


def test_filter_index_keeps_the_rows_a_plain_pandas_filter_keeps():
    """A panel filters through FilterIndex (arrays made once); it keeps what comparing each row does."""
    import numpy as np

    from workbook.show.filters import FilterIndex

    rng = np.random.default_rng(7)
    n, names = 2000, [f"Actor {i}" for i in range(20)]
    table = pd.DataFrame({
        "outlet": rng.choice(["Reuters", "TASS", "Anadolu", None], n),
        "published": pd.to_datetime("2017-01-01") + pd.to_timedelta(rng.integers(0, 900, n), unit="D"),
        "start": (pd.to_datetime("2016-01-01") + pd.to_timedelta(rng.integers(0, 1500, n), unit="D")).where(rng.random(n) > .1),
        "entity": rng.choice(names, n),
        "actors": ["; ".join(sorted(set(rng.choice(names, 3)))) if i % 5 else None for i in range(n)]},
        index=rng.permutation(n) + 10)

    def plain(outlets=None, published=None, entity=None, named=None, window=None):
        keep = pd.Series(True, index=table.index)
        if outlets is not None:
            keep &= table["outlet"].isin(outlets)
        if published is not None:
            keep &= table["published"].dt.date.between(*published)
        if entity is not None:
            keep &= table[entity[0]] == entity[1]
        for col, value in (named or {}).items():
            keep &= table[col].fillna("").str.split("; ").apply(lambda found: value in found)
        if window is not None:
            keep &= table[window[0]].dt.date.between(*window[1:])
        return table[keep]

    index = FilterIndex(table)
    settings = [{}, {"outlets": ("TASS", "Nowhere")}, {"published": (dt.date(2017, 6, 1), dt.date(2018, 1, 31))},
                {"entity": ("entity", "Actor 3")}, {"named": {"actors": "Actor 1"}}, {"named": {"actors": "Actor"}},
                {"window": ("start", dt.date(2017, 1, 1), dt.date(2018, 12, 31))},
                {"outlets": ("Reuters", "Anadolu"), "published": (dt.date(2017, 3, 1), dt.date(2019, 1, 1)),
                 "named": {"actors": "Actor 2"}, "window": ("start", dt.date(2016, 6, 1), dt.date(2019, 1, 1))}]
    for setting in settings:
        expected = plain(**setting)
        pd.testing.assert_frame_equal(filter_rows(table, index=index, **setting), expected)
        pd.testing.assert_frame_equal(filter_rows(table, **setting), expected)
    assert 0 < len(plain(**settings[-1])) < n
