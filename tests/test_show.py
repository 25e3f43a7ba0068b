"""Showing results (workbook.show): evidence joins, table cells, labels, colours, charts, findings."""
import datetime as dt
import re

import pandas as pd
import pytest

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
    assert shown[0]["published"].tolist() == ["2019-07-12", ""]          # a missing date is an empty cell
    assert shown[0]["logged"].tolist() == ["2019-07-12 08:30", "2019-07-13 00:00"]   # a time of day is kept


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


def test_filter_rows_finds_words_in_a_text_column_in_any_case():
    table = pd.DataFrame({"outlet": ["Reuters", "TASS", "Reuters", "Anadolu"],
                          "published": pd.to_datetime(["2019-07-12"] * 4),
                          "sentence": ["Deliveries will begin in July.", "Moscow said it delivered the first batch.",
                                       "Erdogan said talks went on.", None]})
    keep = lambda words: filter_rows(table, text=("sentence", words)).index.tolist()
    assert keep("deliver") == [0, 1]                         # "Deliveries", "delivered"
    assert keep("  ") == [0, 1, 2, 3]                        # no words: every row
    assert keep("the first batch") == [1]                    # a phrase, as written
    assert keep("(") == []                                   # words, not a pattern
    assert filter_rows(table, outlets=("Reuters",), text=("sentence", "DELIVER")).index.tolist() == [0]


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


def test_a_panel_with_a_text_box_keeps_the_rows_holding_its_words():
    table = pd.DataFrame({"outlet": ["Reuters", "TASS"], "published": pd.to_datetime(["2019-07-12", "2020-01-05"]),
                          "speaker": ["Jens Stoltenberg", "Dmitry Peskov"],
                          "sentence": ["Stoltenberg said it was a sovereign decision.", "Peskov said delivery was on time."]})
    shown = []
    panel = helpers.filter_panel(table, lambda rows: shown.append(rows["speaker"].tolist()), entity_column="speaker",
                                 entity_kinds=("person",), entity_label="Speaker", text_column="sentence")
    control = {getattr(c, "description", ""): c for c in panel.children}
    assert "Speaker" in control and not control["Sentence has"].continuous_update   # filters on Enter, not per key
    control["Sentence has"].value = "DELIVERY"
    assert shown[-1] == ["Dmitry Peskov"]
    control["Sentence has"].value = ""
    control["Speaker"].value = "Jens Stoltenberg"
    assert shown[-1] == ["Jens Stoltenberg"]


# --- cells: what a table shows (workbook.show.cells) ----------------------------------------

def test_cells_are_empty_for_missing_keep_line_breaks_and_put_ids_last():
    from workbook.show.cells import LINE_BREAK, for_display

    table = pd.DataFrame({"doc_id": ["a", "b"], "sent_id": pd.array([3, None], dtype="Int64"),
                          "quote": ["one\ntwo", None], "value": [1.5, float("nan")],
                          "day": pd.to_datetime(["2019-07-12", None]), "n": [1, 2]})
    shown = for_display(table)
    assert list(shown.columns) == ["quote", "value", "day", "n", "doc_id", "sent_id"]
    assert shown["quote"].tolist() == [f"one{LINE_BREAK}two", ""]
    assert shown["value"].tolist() == ["1.5", ""] and shown["sent_id"].tolist() == ["3", ""]
    assert shown["day"].tolist() == ["2019-07-12", ""]
    assert shown["n"].tolist() == [1, 2]                          # whole columns of numbers stay numbers


def test_an_evidence_table_shows_its_sentence_before_outlet_and_date():
    from workbook.show.cells import for_display

    table = pd.DataFrame({"entity": ["Turkey"], "outlet": ["Reuters"], "published": pd.to_datetime(["2019-07-12"]),
                          "doc_id": ["a"], "sent_id": [2], "sentence": ["Turkey said."]})
    assert list(for_display(table).columns) == ["entity", "sentence", "outlet", "published", "doc_id", "sent_id"]
    catalog = table.drop(columns="sentence")                 # not evidence: the order is the notebook's
    assert list(for_display(catalog).columns) == ["entity", "outlet", "published", "doc_id", "sent_id"]


def test_only_id_columns_get_evidence_links():
    from workbook.show.cells import column_defs, for_display

    table = for_display(pd.DataFrame({"entity": ["Turkey"], "doc_id": ["a"], "sent_id": [2], "date_sent_id": [4]}))
    renders = {d["targets"]: d["render"] for d in column_defs(table) if "render" in d}
    assert set(renders) == {1, 2, 3}                              # doc_id, sent_id, date_sent_id; not entity
    assert "row[1]" in renders[3] and "row[3]" in renders[3]      # a date_sent_id links into its row's doc_id


def test_per_sentence_gives_one_row_per_sentence():
    rows = pd.DataFrame({"entity": ["Turkey", "Russia", "Turkey", "NATO"], "doc_id": ["a", "a", "a", "b"],
                         "sent_id": [1, 1, 1, 2], "sentence": ["T and R.", "T and R.", "T and R.", "N."]})
    one = helpers.per_sentence(rows, join=["entity"])
    assert one.to_dict("records") == [{"entity": "Turkey; Russia", "doc_id": "a", "sent_id": 1, "sentence": "T and R."},
                                      {"entity": "NATO", "doc_id": "b", "sent_id": 2, "sentence": "N."}]


# --- labels and colours -------------------------------------------------------------------

@pytest.mark.trust("figures")
def test_labels_wrap_and_are_never_cut():
    from workbook.show.labels import wrap

    outlet = "Arabic news report in English machine translation (most likely Al Jazeera Net)"
    assert wrap(outlet, 28).replace("\n", " ") == outlet
    assert max(len(line) for line in wrap(outlet, 28).splitlines()) <= 28
    assert wrap(outlet, 20, lines=2).replace("\n", " ") == outlet and wrap(outlet, 20, lines=2).count("\n") == 1


def test_a_timeline_row_says_who_did_what():
    row = {"actors": "Russia; Turkey", "systems": "S-400", "surface": "last week",
           "sentence": "Turkey agreed with Russia last week to buy the S-400."}
    assert helpers.what_happened(row) == "Turkey, Russia agreed S-400 (\u201clast week\u201d)"
    assert helpers.what_happened({"surface": "in 1952", "sentence": "It was 1952."}) == "\u201cin 1952\u201d"


def test_a_happening_has_one_name_from_all_its_terms():
    ev = pd.DataFrame({"happening": ["H05", "H05", "H01"], "linked_by": ["attempt; coup", "coup", ""]})
    assert helpers.happening_names(ev).tolist() == ["H05: attempt, coup", "H05: attempt, coup", "H01"]


def test_colours_come_from_the_whole_domain_not_the_panel():
    from workbook.show.colours import OTHER, PALETTE, assign

    every = assign(["Reuters", "TASS", "Press TV"])
    alone = assign(["TASS"])
    assert every["TASS"] == assign(["TASS", "Reuters", "Press TV", "TASS"])["TASS"]   # order and repeats do not matter
    assert len(set(every.values())) == 3 and alone["TASS"] == PALETTE[0]
    many = assign([f"outlet {i:02d}" for i in range(25)])
    assert len(set(list(many.values())[:20])) == 20 and set(list(many.values())[20:]) == {OTHER}


def test_a_chart_records_the_colours_it_draws_and_says_what_it_shows(docs):
    import matplotlib
    matplotlib.use("Agg")
    from workbook.show.figures import alt_text

    systems = helpers.with_articles(helpers.mentions(docs), docs)
    systems = systems[systems["kind"] == "weapon_system"]
    ax = helpers.system_timeline(systems)
    colours = helpers.entity_colours("weapon_system")
    assert ax.figure._workbook_colours["S-400"] == colours["S-400"]
    drawn = {tuple(round(c, 3) for c in coll.get_facecolor()[0][:3]) for coll in ax.collections}
    rgb = tuple(round(int(colours["S-400"][i:i + 2], 16) / 255, 3) for i in (1, 3, 5))
    assert rgb in drawn
    ax.set_title("Mentions of each weapon system")
    assert alt_text(ax.figure).startswith("Mentions of each weapon system. ") and "S-400" in alt_text(ax.figure)


def test_a_figure_without_a_description_is_read_off_its_axes():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from workbook.show.figures import alt_text

    fig, ax = plt.subplots()
    ax.barh(["Turkey", "Russia"], [3, 2], label="mentions")
    ax.legend()
    ax.set_title("Mentions per actor")
    assert alt_text(fig) == "Mentions per actor; 2 rows: Turkey, Russia; 2 bars; key: mentions."
    plt.close(fig)


# --- ties: memberships and supplies --------------------------------------------------------

def test_supplies_turn_a_purchase_around_and_read_system_and_stage():
    edges = pd.DataFrame({"source": ["Turkey", "Russia"], "relation": ["buys", "supplies"],
                          "target": ["Russia", "Turkey"], "detail": ["S-400; agreed", "delivered"]})
    view = helpers.supplies(edges)
    assert view[["supplier", "recipient", "system", "stage"]].values.tolist() == [
        ["Russia", "Turkey", "S-400", "agreed"], ["Russia", "Turkey", "", "delivered"]]


def test_a_candidate_is_not_drawn_like_a_member():
    import matplotlib
    matplotlib.use("Agg")

    members = pd.DataFrame({"member": ["Turkey", "Turkey"], "organization": ["NATO", "European Union"],
                            "status": ["member", "candidate"], "since": ["1952", "1999"]})
    ax = helpers.membership_chart(members)
    faces = [p.get_facecolor() for p in ax.patches]
    assert len(faces) == 2 and faces[0] != faces[1]
    assert (1.0, 1.0, 1.0) in [tuple(f[:3]) for f in faces]          # the candidate is hollow


# --- findings ------------------------------------------------------------------------------

def test_every_finding_rests_on_a_section_of_its_notebook(docs, sents):
    """A finding names the heading it links to; each must exist in its notebook (else the link is lost)."""
    from workbook.show import findings, report

    for stem in [p.stem for p in sorted((helpers.ROOT / "notebooks").glob("*.ipynb"))]:
        found, limits = report.PAGES[stem[:2]](docs, sents)
        heads = findings.headings(stem)
        assert 3 <= len(found) <= 5, stem
        assert all(any(words.lower() in h.lower() for h in heads) for _, words in found), (stem, heads)
        assert all(text.endswith(".") for text, _ in found) and limits


def test_findings_state_computed_numbers(docs, sents):
    from workbook.show import report

    found, _ = report.PAGES["00"](docs, sents)
    assert found[0][0].startswith(f"{len(docs)} articles from {docs['outlet'].nunique()} outlets")
    ev = helpers.events(docs, sents=sents)
    found, _ = report.PAGES["04"](docs, sents)
    assert found[0][0].startswith(f"{len(ev)} time expressions in {ev['doc_id'].nunique()} articles")


def test_findings_escape_what_they_quote():
    from workbook.show.findings import as_html

    page = as_html({"findings": [{"text": "<script>alert(1)</script> leads", "href": "#x", "link": "see"}],
                    "limits": ["<img src=x onerror=alert(2)>"], "corpus": []})
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page


def test_heading_ids_match_nbconvert():
    from nbconvert.filters.strings import add_anchor
    from workbook.show.findings import heading_id

    for text in ["1. The transfer register", "3. One actor's evidence", "2. Who speaks — and who does not"]:
        assert f'id="{heading_id(text)}"' in add_anchor(f"<h2>{text}</h2>")


# --- article pages -------------------------------------------------------------------------

def test_an_article_page_links_its_source_only_when_it_is_a_web_address(docs, sents):
    from workbook.show.articles import article_page

    doc = docs.iloc[0].copy()
    own = sents[sents["doc_id"] == doc["doc_id"]]
    empty = {k: pd.DataFrame(columns=cols) for k, cols in
             {"mentions": ["start", "end", "kind", "entity", "sent_id"],
              "times": ["char_start", "char_end", "start", "end", "precision", "surface", "sent_id"],
              "vague": ["char_start", "char_end", "reason", "surface", "sent_id"],
              "said": ["sent_id", "speaker", "speaker_surface", "verb", "content", "resolved"],
              "removed": ["rule", "removed"]}.items()}
    doc["url"] = "https://example.org/a?b=1&c=<2>"
    page = article_page(doc, own, **empty, nav=[])
    assert '<a href="https://example.org/a?b=1&amp;c=&lt;2&gt;"' in page
    assert page.count('class="wb-sent"') == len(own) and f'id="s{own["sent_id"].iloc[-1]}"' in page
    doc["url"], doc["title"] = "javascript:alert(1)", "<script>alert(2)</script>"
    page = article_page(doc, own, **empty, nav=[])
    assert "javascript:alert(1)</a>" not in page and 'href="javascript' not in page
    assert "<script>alert(2)" not in page and "&lt;script&gt;alert(2)" in page
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
        "actors": ["; ".join(sorted(set(rng.choice(names, 3)))) if i % 5 else None for i in range(n)],
        "sentence": [f"Actor {i % 7} said {'DELIVERY' if i % 3 else 'talks'} was near." if i % 11 else None
                     for i in range(n)]},
        index=rng.permutation(n) + 10)

    def plain(outlets=None, published=None, entity=None, named=None, window=None, text=None):
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
        if text is not None:
            keep &= table[text[0]].apply(lambda t: isinstance(t, str) and text[1].lower() in t.lower())
        return table[keep]

    index = FilterIndex(table)
    settings = [{}, {"outlets": ("TASS", "Nowhere")}, {"published": (dt.date(2017, 6, 1), dt.date(2018, 1, 31))},
                {"entity": ("entity", "Actor 3")}, {"named": {"actors": "Actor 1"}}, {"named": {"actors": "Actor"}},
                {"window": ("start", dt.date(2017, 1, 1), dt.date(2018, 12, 31))},
                {"outlets": ("Reuters", "Anadolu"), "published": (dt.date(2017, 3, 1), dt.date(2019, 1, 1)),
                 "named": {"actors": "Actor 2"}, "window": ("start", dt.date(2016, 6, 1), dt.date(2019, 1, 1))},
                {"text": ("sentence", "Delivery")},
                {"text": ("sentence", "actor 3 said"), "outlets": ("TASS",), "named": {"actors": "Actor 4"}}]
    for setting in settings:
        expected = plain(**setting)
        pd.testing.assert_frame_equal(filter_rows(table, index=index, **setting), expected)
        pd.testing.assert_frame_equal(filter_rows(table, **setting), expected)
    assert 0 < len(plain(**settings[-3])) < n and 0 < len(plain(**settings[-1])) < n


# --- charts of bounded size: at any corpus size a chart keeps its rows, and says what it leaves out ------------------

def _many_outlets(n_outlets: int, per_outlet) -> pd.DataFrame:
    rows = []
    for i in range(n_outlets):
        for k in range(per_outlet(i)):
            day = pd.Timestamp(2019, 1, 1) + pd.Timedelta(days=7 * k + i)
            rows.append({"doc_id": f"o{i:02d}_{k}", "outlet": f"Regional Post {i:02d}", "published": day,
                         "reference_date": day, "chars_raw": 3000 + 10 * k, "chars_clean": 2600 + 10 * k})
    return pd.DataFrame(rows)


def _text_of(fig) -> str:
    return " ".join(t.get_text() for t in fig.texts)


@pytest.mark.trust("figures")
def test_a_timeline_of_many_outlets_draws_the_largest_and_names_the_rest():
    import matplotlib.pyplot as plt

    from workbook.show import charts
    from workbook.show.figures import alt_text

    n = charts.CHART_ROWS + 7
    docs = _many_outlets(n, lambda i: 1 + i)              # outlet i has i + 1 articles: the last ones are largest
    ax = charts.timeline(docs)
    drawn = [t.get_text() for t in ax.get_yticklabels()]
    assert drawn == [f"Regional Post {i:02d}" for i in range(7, n)]
    left = sum(1 + i for i in range(7))
    assert f"7 other outlets ({left} articles) are left out" in _text_of(ax.figure)
    assert "7 other outlets" in alt_text(ax.figure)
    plt.close("all")


@pytest.mark.trust("figures")
def test_a_length_chart_of_many_articles_is_a_distribution_of_fixed_height():
    import matplotlib.pyplot as plt

    from workbook.show import charts
    from workbook.show.figures import alt_text

    few, many = _many_outlets(1, lambda i: 5), _many_outlets(40, lambda i: 25)
    assert len(charts.length_chart(few).get_yticklabels()) == 5                 # a bar pair per article
    ax = charts.length_chart(many)
    assert ax.figure.get_size_inches()[1] < 5 and ax.get_ylabel() == "articles"
    assert "for 1,000 articles" in alt_text(ax.figure)
    plt.close("all")


def test_a_heatmap_of_many_columns_draws_those_with_most_articles():
    import matplotlib.pyplot as plt

    from workbook.show import charts

    outlets = [f"Regional Post {i:02d}" for i in range(charts.CHART_COLUMNS + 3)]
    matrix = pd.DataFrame([[1] * len(outlets), [2] * len(outlets)], index=["Turkey", "Russia"], columns=outlets)
    articles = pd.Series({o: 10 + i for i, o in enumerate(outlets)})           # the last columns are the largest
    ax = charts.heatmap(matrix, articles=articles)
    heads = [t.get_text().split("\n")[0] for t in ax.get_xticklabels()]
    assert heads == outlets[3:]
    assert f"the {charts.CHART_COLUMNS} columns with the most articles of {len(outlets)}" in _text_of(ax.figure)
    plt.close("all")


def test_an_event_timeline_draws_conflicts_first_then_the_most_reported():
    import matplotlib.pyplot as plt

    from workbook.show import charts

    n = charts.TIMELINE_ROWS + 40
    start = pd.Timestamp(2019, 7, 12)
    ev = pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], "surface": [f"day {i}" for i in range(n)],
                       "start": [start + pd.Timedelta(days=i) for i in range(n)],
                       "end": [start + pd.Timedelta(days=i) for i in range(n)],
                       "published": [start + pd.Timedelta(days=i + 2) for i in range(n)], "precision": "day",
                       "outlet": "Regional Post 01", "n_articles": [1 + (i % 7 == 0) * 5 for i in range(n)],
                       "conflict": ["reads 2018" if i == n - 1 else "" for i in range(n)],
                       "actors": "Turkey", "act": "received", "systems": "S-400", "happening": range(n)})
    docs = pd.DataFrame({"outlet": ["Regional Post 01"], "reference_date": [start]})
    ax = charts.event_timeline(ev, docs)
    assert len(ax.get_yticks()) == charts.TIMELINE_ROWS
    assert f"Drawn: {charts.TIMELINE_ROWS} of {n} time expressions" in _text_of(ax.figure)
    assert [t.get_text() for t in ax.texts] == ["!"]          # the one dating conflict (the latest row) is drawn
    drawn = {round(x) for line in ax.lines if line.get_marker() == "|" for x in plt.matplotlib.dates.date2num(line.get_xdata())}
    reported = {round(plt.matplotlib.dates.date2num(p)) for p in ev.loc[ev["n_articles"] > 1, "published"]}
    assert reported <= drawn                                  # every row of a happening more articles report
    plt.close("all")


def test_the_list_of_articles_comes_in_pages_of_bounded_length(monkeypatch):
    from workbook.show import articles

    monkeypatch.setattr(articles, "INDEX_ROWS", 5)
    docs = pd.DataFrame({"doc_id": [f"wire_{i:02d}" for i in range(12)], "title": [f"Talks, day {i}" for i in range(12)],
                         "outlet": "Test Wire", "published": [pd.Timestamp(2019, 7, 1 + i) for i in range(12)]})
    pages = articles._article_index(docs.iloc[::-1], nav=[])               # listed by date, whatever the order given
    assert list(pages) == ["index.html", "index-2.html", "index-3.html"]
    listed = {name: re.findall(r'<a href="(wire_\d+)\.html">', text) for name, text in pages.items()}
    assert listed == {"index.html": [f"wire_{i:02d}" for i in range(5)],
                      "index-2.html": [f"wire_{i:02d}" for i in range(5, 10)], "index-3.html": ["wire_10", "wire_11"]}
    assert "Articles 11\u201312 of 12" in pages["index-3.html"] and '<a href="index.html">1\u20135</a>' in pages["index-3.html"]
    assert "index-2.html" not in articles._article_index(docs.head(5), nav=[])["index.html"]   # one page: no page links


def test_the_voice_chart_and_the_attribution_graph_are_bounded_and_say_so():
    import matplotlib.pyplot as plt

    from workbook.show import charts, source_charts
    from workbook.show.figures import alt_text

    n = charts.CHART_ROWS + 5
    shares = pd.DataFrame({"outlet": [f"Regional Post {i:02d}" for i in range(n)], "statements": range(1, n + 1),
                           "official": 0.5, "anonymous": 0.5})
    ax = source_charts.voice_chart(shares, ["official", "anonymous"])
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"Regional Post {i:02d}" for i in range(5, n)]
    assert "5 other outlets are left out" in _text_of(ax.figure) and "5 other outlets" in alt_text(ax.figure)

    links = source_charts.GRAPH_LINKS + 10
    att = pd.DataFrame({"teller": [f"Regional Post {i % 7}" for i in range(links) for _ in range(1 + i)],
                        "source": [f"Agency {i}" for i in range(links) for _ in range(1 + i)], "kind": "told",
                        "own": False})
    ax = source_charts.attribution_graph(att)
    drawn = {t.get_text() for t in ax.texts}
    assert f"Agency {links - 1}" in drawn and "Agency 0" not in drawn           # the most used links are drawn
    assert "10 other links are left out" in _text_of(ax.figure)
    plt.close("all")


def test_a_system_timeline_of_many_days_draws_months_without_labels():
    import matplotlib.pyplot as plt

    from workbook.show import charts
    from workbook.show.figures import alt_text

    few = pd.DataFrame({"published": [pd.Timestamp(2019, 7, d) for d in (12, 12, 13)], "entity": ["S-400"] * 3})
    ax = charts.system_timeline(few)
    assert sorted(t.get_text() for t in ax.texts) == ["1", "2"]                 # each day's count written
    days = pd.date_range("2017-01-01", periods=charts.DOT_LABELS + 50, freq="D")
    many = pd.DataFrame({"published": days.repeat(2), "entity": ["S-400", "Patriot"] * len(days)})
    ax = charts.system_timeline(many)
    assert sum(len(c.get_offsets()) for c in ax.collections) == 2 * len(days.to_period("M").unique())
    assert [t.get_text() for t in ax.texts] == ["one dot per month, the largest 31 mentions"]
    assert "sized by mentions (the largest 31" in alt_text(ax.figure)
    plt.close("all")


def test_a_list_of_names_in_a_sentence_stops_and_counts():
    from workbook.show.labels import NAMED, name_list

    names = [f"Analyst {i}" for i in range(NAMED + 7)]
    assert name_list(names) == ", ".join(names[:NAMED]) + " and 7 more"
    assert name_list(names[:2]) == "Analyst 0, Analyst 1" and name_list([]) == "none"
