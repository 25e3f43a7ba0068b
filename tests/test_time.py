"""The time tagger on the shapes news outlets use: deadlines and schedules, fiscal periods and
comparisons, anchored expressions, ranges, times of day, holidays, years in words, rejections; and
happenings that do not chain.

Every expected interval was worked out by hand from the calendar. Weekdays used: 2019-10-24 is a
Thursday, 2019-11-25 a Monday, 2019-11-26 a Tuesday, 2019-11-28 a Thursday, 2020-04-25 a Saturday,
2019-12-03 a Tuesday. Easter 2019 was April 21; US Thanksgiving 2019 (fourth Thursday) November 28.
"""
import pandas as pd
import pytest
from conftest import SEED_IDS

import helpers

# (sentence, reference date, the expression as it should be found, start, end, precision)
CASES = [
    # deadlines, schedules and the tense of the governing verb
    ("The offer expires Nov. 20.", "2019-11-02", "Nov. 20", "2019-11-20", "2019-11-20", "day"),
    ("Shareholders must respond by Jan. 14.", "2019-12-10", "by Jan. 14", "2020-01-14", "2020-01-14", "day"),
    ("The dividend is payable Dec. 7.", "2019-10-27", "Dec. 7", "2019-12-07", "2019-12-07", "day"),
    ("The company said it is calling the bonds on Dec. 7.", "2019-10-27", "on Dec. 7", "2019-12-07", "2019-12-07", "day"),
    ("The vote was postponed until March.", "2019-11-26", "until March", "2020-03-01", "2020-03-31", "month"),
    ("The chief executive stepped down in March.", "2019-11-26", "in March", "2019-03-01", "2019-03-31", "month"),
    ("In December, he visited Ankara.", "2019-11-26", "In December", "2018-12-01", "2018-12-31", "month"),
    # no cue: the coming one if less than half as far as the one gone by
    ("Voters go to the polls on June 20 in the first election since 2018.", "2021-03-17", "on June 20",
     "2021-06-20", "2021-06-20", "day"),
    ("The summit in January is the first since the election.", "2019-11-26", "in January", "2020-01-01",
     "2020-01-31", "month"),
    ("Parliament could vote as soon as Tuesday.", "2019-11-28", "Tuesday", "2019-12-03", "2019-12-03", "day"),
    ("The offer had been due to expire on Friday.", "2019-11-25", "on Friday", "2019-11-22", "2019-11-22", "day"),
    ("The paper said in an editorial on Saturday, April 25, that the law was wrong.", "2020-04-20",
     "on Saturday, April 25", "2020-04-25", "2020-04-25", "day"),
    # quarters, halves and fiscal years without a year
    ("Profit rose 5% in the third quarter.", "2019-10-24", "in the third quarter", "2019-07-01", "2019-09-30", "quarter"),
    ("Third-quarter sales fell.", "2019-10-24", "Third-quarter", "2019-07-01", "2019-09-30", "quarter"),
    ("Sales in the fiscal first quarter fell.", "2019-05-10", "in the fiscal first quarter", "2019-01-01", "2019-03-31",
     "quarter"),
    ("In the fourth quarter, sales fell.", "2020-02-10", "In the fourth quarter", "2019-10-01", "2019-12-31", "quarter"),
    ("The company expects a loss in the fourth quarter.", "2019-10-24", "in the fourth quarter", "2019-10-01",
     "2019-12-31", "quarter"),
    ("Revenue fell in the second half.", "2020-02-10", "in the second half", "2019-07-01", "2019-12-31", "half"),
    ("Net sales for this year's third quarter were $14 million.", "2019-11-01", "for this year's third quarter",
     "2019-07-01", "2019-09-30", "quarter"),
    ("In the 2018 third quarter, it lost money.", "2019-11-01", "In the 2018 third quarter", "2018-07-01",
     "2018-09-30", "quarter"),
    ("Orders were flat in the first two quarters of 2019.", "2019-11-01", "in the first two quarters of 2019",
     "2019-01-01", "2019-06-30", "half"),
    ("It forecast an earnings increase for the full year.", "2019-11-01", "the full year", "2019-01-01", "2019-12-31",
     "year"),
    ("The deal should close by year-end.", "2019-11-01", "by year-end", "2019-12-31", "2019-12-31", "day"),
    # counted from the last date the text named
    ("On May 22, 2015, he was promoted, and the following year he became envoy.", "2019-11-26", "the following year",
     "2016-01-01", "2016-12-31", "year"),
    ("In July last year the army staged a coup.", "2019-11-26", "In July last year", "2018-07-01", "2018-07-31", "month"),
    ("Talks will resume in May next year.", "2019-11-26", "in May next year", "2020-05-01", "2020-05-31", "month"),
    # a month or a season of the year counted from the date named before (2023-11-09 is a Thursday)
    ("The first battery arrived in July 2019. In September of that year the second followed.", "2023-11-09",
     "In September of that year", "2019-09-01", "2019-09-30", "month"),
    ("The radars were tested in November 2019, and again in the spring of the following year.", "2023-11-09",
     "in the spring of the following year", "2020-03-01", "2020-05-31", "season"),
    ("The talks opened in March 2016 and ended in December the following year.", "2023-11-09",
     "in December the following year", "2017-12-01", "2017-12-31", "month"),
    # a count of years from a month is a year; one year keeps the month
    ("Sanctions were imposed in December 2020. Two years later, the calculus had shifted.", "2022-06-20",
     "Two years later", "2022-01-01", "2022-12-31", "year"),
    ("The radars were tested in November 2019; a year later, a missile was fired.", "2022-06-20", "a year later",
     "2020-11-01", "2020-11-30", "month"),
    # the newswire's end-/start- and the markets' quarter and half codes
    ("Russia said it would deliver the systems by end-2023.", "2023-11-09", "by end-2023", "2023-10-01", "2023-12-31",
     "quarter"),
    ("The contract should be signed by end-June.", "2023-05-02", "by end-June", "2023-06-21", "2023-06-30", "week"),
    ("Deliveries rose in Q3 2023.", "2023-11-09", "in Q3 2023", "2023-07-01", "2023-09-30", "quarter"),
    ("Deliveries will start in H1 2024.", "2023-11-09", "in H1 2024", "2024-01-01", "2024-06-30", "half"),
    # numeric dates: dots are day first; with slashes the number above 12 is the day
    ("The agreement, signed on 29.12.2017, covers four batteries.", "2023-11-09", "29.12.2017", "2017-12-29",
     "2017-12-29", "day"),
    ("The decree of 09.11.2023 was published.", "2023-11-20", "09.11.2023", "2023-11-09", "2023-11-09", "day"),
    ("The agreement was signed on 12/29/2017.", "2023-11-09", "12/29/2017", "2017-12-29", "2017-12-29", "day"),
    ("The agreement was signed on 29/12/2017.", "2023-11-09", "29/12/2017", "2017-12-29", "2017-12-29", "day"),
    # early, mid or late in a year or month counted from the reference date
    ("Talks are planned for early next year.", "2023-11-09", "early next year", "2024-01-01", "2024-03-31", "quarter"),
    ("The deal collapsed late last year.", "2023-11-09", "late last year", "2022-10-01", "2022-12-31", "quarter"),
    ("Prices rose sharply early this month.", "2023-11-09", "early this month", "2023-11-01", "2023-11-10", "week"),
    # ranges and spans
    ("The summit runs between October 16 and 17.", "2019-10-01", "between October 16 and 17", "2019-10-16",
     "2019-10-17", "day"),
    ("The fair is open March 3-5.", "2020-02-20", "March 3-5", "2020-03-03", "2020-03-05", "day"),
    ("Talks were held on November 7-8 in Ankara.", "2023-11-09", "on November 7-8", "2023-11-07", "2023-11-08", "day"),
    ("Talks were held on 7-8 November in Ankara.", "2023-11-09", "on 7-8 November", "2023-11-07", "2023-11-08", "day"),
    ("The fair will run from 7 to 9 November 2024.", "2023-11-09", "from 7 to 9 November 2024", "2024-11-07",
     "2024-11-09", "day"),
    ("He led the agency from 2017 to 2019.", "2019-11-26", "from 2017 to 2019", "2017-01-01", "2019-12-31", "year"),
    ("Troops have been deployed there since 2017.", "2019-11-26", "since 2017", "2017-01-01", "2019-11-26", "year"),
    # times and parts of days, placed on their day
    ("The blast happened at 10:35 a.m., police said.", "2019-11-26", "at 10:35 a.m.", "2019-11-26", "2019-11-26", "day"),
    ("The minister will speak tonight.", "2019-11-26", "tonight", "2019-11-26", "2019-11-26", "day"),
    ("CBS first reported the story last night.", "2019-11-26", "last night", "2019-11-25", "2019-11-25", "day"),
    ("The talks were held the day before yesterday.", "2023-11-09", "the day before yesterday", "2023-11-07",
     "2023-11-07", "day"),
    ("The minister will visit Moscow the day after tomorrow.", "2023-11-09", "the day after tomorrow", "2023-11-11",
     "2023-11-11", "day"),
    ("Fighting resumed on Tuesday night.", "2019-11-28", "on Tuesday night", "2019-11-26", "2019-11-26", "day"),
    # holidays, fixed and movable
    ("Shops will close on Christmas Day.", "2019-12-10", "on Christmas Day", "2019-12-25", "2019-12-25", "day"),
    ("Pilgrims gathered over Easter.", "2019-05-10", "over Easter", "2019-04-21", "2019-04-21", "day"),
    ("Turkey traffic peaks on Thanksgiving.", "2019-11-20", "on Thanksgiving", "2019-11-28", "2019-11-28", "day"),
    # years, decades and centuries, also in words
    ("Keating was convicted in nineteen ninety-one.", "1998-01-15", "in nineteen ninety-one", "1991-01-01",
     "1991-12-31", "year"),
    ("Hate groups declined through the nineties.", "1998-03-03", "the nineties", "1990-01-01", "1999-12-31", "decade"),
    ("Market share should grow by the mid-1990s.", "1989-10-26", "by the mid-1990s", "1994-01-01", "1996-12-31", "year"),
    ("She is a 20th century democrat.", "1998-02-13", "20th century", "1900-01-01", "1999-12-31", "century"),
    ("The promise to halve unemployment by the year two thousand was dropped.", "1998-02-05",
     "by the year two thousand", "2000-01-01", "2000-12-31", "year"),
    # weekends and seasons without a year
    ("Protesters marched over the weekend.", "2019-11-25", "over the weekend", "2019-11-23", "2019-11-24", "week"),
    ("Deliveries are expected to start in the spring.", "2019-11-26", "in the spring", "2020-03-01", "2020-05-31",
     "season"),
    ("The system will be operational by spring, the ministry said.", "2019-11-26", "by spring", "2020-03-01",
     "2020-05-31", "season"),
    ("Turkey will decide by summer whether to buy more.", "2021-02-15", "by summer", "2021-06-01", "2021-08-31",
     "season"),
    ("The second batch will be delivered by the end of summer.", "2019-07-12", "by the end of summer", "2019-08-01",
     "2019-08-31", "month"),
    ("Talks stalled at the end of last winter.", "2019-07-12", "the end of last winter", "2019-02-01", "2019-02-28",
     "month"),
    ("Ankara will keep the system until at least the middle of the decade.", "2021-02-15", "the middle of the decade",
     "2024-01-01", "2026-12-31", "year"),
    ("Deliveries should be complete by mid-decade.", "2021-02-15", "mid-decade", "2024-01-01", "2026-12-31", "year"),
    ("The contract was signed in late summer 2017.", "2019-07-12", "in late summer 2017", "2017-08-01", "2017-08-31",
     "month"),
    # a deadline set by a verb in the past lies after the day it was set: the nearest such date
    ("Last month officials gave Ankara until July 31 to drop the deal, the letter said.", "2019-07-12",
     "until July 31", "2019-07-31", "2019-07-31", "day"),
    ("Washington had given the buyers until Jan. 6 to answer.", "2020-12-20", "until Jan. 6", "2021-01-06",
     "2021-01-06", "day"),
    ("The talks went on until March 3, officials said.", "2019-07-12", "until March 3", "2019-03-03", "2019-03-03",
     "day"),                                    # no deadline: the past verb places it
    # "last" as a verb after a modal is no past cue
    ("In May officials said the talks would last until July 31.", "2019-07-12", "until July 31", "2019-07-31",
     "2019-07-31", "day"),
    ("The truce is expected to last until October, a diplomat said.", "2019-07-12", "until October", "2019-10-01",
     "2019-10-31", "month"),
    ("The last convoy left in March, the ministry said.", "2019-07-12", "in March", "2019-03-01", "2019-03-31",
     "month"),
    # a day of the year counted from the year named before
    ("The crews trained in the spring of 2019, weeks before the batteries arrived on July 12 that year.", "2024-03-06",
     "on July 12 that year", "2019-07-12", "2019-07-12", "day"),
    ("The contract was signed in 2017, and the first crews left for Russia on 3 October of the same year.",
     "2021-01-05", "on 3 October of the same year", "2017-10-03", "2017-10-03", "day"),
    ("The loan was agreed in 2019 and repaid on March 30 the following year.", "2023-05-01",
     "on March 30 the following year", "2020-03-30", "2020-03-30", "day"),
]


@pytest.mark.parametrize("text, ref, surface, start, end, precision", CASES, ids=[f"{c[2]}@{c[1]}" for c in CASES])
def test_expression_resolves(text, ref, surface, start, end, precision):
    found = [f for f in helpers.tag_times(text, ref) if f["surface"] == surface]
    assert found, [f["surface"] for f in helpers.tag_times(text, ref)]
    f = found[0]
    assert (f["start"], f["end"], f["precision"]) == (pd.Timestamp(start), pd.Timestamp(end), precision)
    assert text[f["char_start"]:f["char_end"]] == surface


def _one(text, ref, surface):
    found = [f for f in helpers.tag_times(text, ref) if f["surface"] == surface]
    assert len(found) == 1, [f["surface"] for f in helpers.tag_times(text, ref)]
    return pd.Timestamp(found[0]["start"]), pd.Timestamp(found[0]["end"]), found[0]["precision"]


def test_a_year_earlier_is_the_period_under_discussion_a_year_back():
    text = "Profit was $5 million in the third quarter, up from $4 million a year earlier."
    assert _one(text, "2019-10-24", "a year earlier") == (pd.Timestamp("2018-07-01"), pd.Timestamp("2018-09-30"),
                                                           "quarter")
    text = "Revenue rose 8% in the latest quarter, compared with a year ago."
    assert _one(text, "2019-10-24", "the latest quarter")[:2] == (pd.Timestamp("2019-07-01"), pd.Timestamp("2019-09-30"))
    assert _one(text, "2019-10-24", "a year ago")[:2] == (pd.Timestamp("2018-07-01"), pd.Timestamp("2018-09-30"))
    text = "Third-quarter net rose 9%. In the year-ago quarter, the company lost money."
    assert _one(text, "2019-10-24", "the year-ago quarter")[:2] == (pd.Timestamp("2018-07-01"), pd.Timestamp("2018-09-30"))


def test_a_year_ago_without_a_period_under_discussion_is_the_year_before():
    assert _one("A year ago, the talks collapsed.", "2019-10-24", "A year ago") == (
        pd.Timestamp("2018-01-01"), pd.Timestamp("2018-12-31"), "year")


def test_anchored_expressions_count_from_the_date_just_named():
    text = "The ceasefire began on March 3, 2016. The next day, shelling resumed. Later that month, talks failed."
    assert _one(text, "2019-11-26", "The next day")[:2] == (pd.Timestamp("2016-03-04"), pd.Timestamp("2016-03-04"))
    assert _one(text, "2019-11-26", "Later that month")[:2] == (pd.Timestamp("2016-03-04"), pd.Timestamp("2016-03-31"))
    text = "Last spring, the two leaders met in Sochi; a year later, relations had soured."
    assert _one(text, "2021-03-17", "a year later") == (pd.Timestamp("2021-03-01"), pd.Timestamp("2021-05-31"), "season")
    text = "Sales rose in 1995. Two years later, the plant closed."
    assert _one(text, "2019-11-26", "Two years later")[:2] == (pd.Timestamp("1997-01-01"), pd.Timestamp("1997-12-31"))


def test_an_anchored_expression_with_nothing_named_before_is_listed_not_guessed():
    docs = pd.DataFrame({"doc_id": ["x"], "text": ["That year, the factory closed."],
                         "reference_date": [pd.Timestamp("2019-11-26")]})
    assert helpers.time_expressions(docs).empty
    vague = helpers.unresolved_times(docs)
    assert vague["surface"].tolist() == ["That year"] and "named earlier" in vague["reason"][0]


def test_a_numeric_publication_stamp_is_the_report_not_a_happening():
    text = ("Burak Bir |26.09.2021\n\nErdogan said on Sunday that talks went on.\n"
            "Published 22.09.2021 12:43\nLast Modified: 22/09/2021\n"
            "09.11.2023 - Update : 09.11.2023\n"
            "23.09.2021\n"
            "The deal was signed on\n29.12.2017 in Ankara.")
    docs = pd.DataFrame({"doc_id": ["x"], "text": [text], "reference_date": [pd.Timestamp("2021-09-27")]})
    assert helpers.time_expressions(docs)["surface"].tolist() == ["on Sunday", "29.12.2017"]
    vague = helpers.unresolved_times(docs)
    stamps = vague[vague["reason"].str.contains("publication stamp")]
    assert stamps["surface"].tolist() == ["26.09.2021", "22.09.2021", "22/09/2021", "09.11.2023", "09.11.2023",
                                          "23.09.2021"]


def test_a_numeric_date_whose_order_of_day_and_month_is_unknown_is_listed_not_guessed():
    docs = pd.DataFrame({"doc_id": ["x"], "text": ["The contract signed on 05/07/2019 covers four batteries."],
                         "reference_date": [pd.Timestamp("2023-11-09")]})
    assert helpers.time_expressions(docs).empty
    vague = helpers.unresolved_times(docs)
    assert vague["surface"].tolist() == ["05/07/2019"] and "day/month or month/day" in vague["reason"][0]


def test_a_month_of_that_year_with_no_year_named_before_is_listed_not_guessed():
    docs = pd.DataFrame({"doc_id": ["x"], "text": ["In September of that year, the plant closed."],
                         "reference_date": [pd.Timestamp("2019-11-26")]})
    assert helpers.time_expressions(docs).empty
    vague = helpers.unresolved_times(docs)
    assert vague["surface"].tolist() == ["In September of that year"] and "named earlier" in vague["reason"][0]


def test_islamic_holidays_follow_the_tabular_calendar():
    start, end, precision = _one("Markets close during Ramadan 2019.", "2019-11-26", "during Ramadan 2019")
    assert start <= pd.Timestamp("2019-05-06") and end >= pd.Timestamp("2019-06-03") and precision == "month"
    start, end, _ = _one("Families met for Eid al-Fitr 2019.", "2019-11-26", "for Eid al-Fitr 2019")
    assert start <= pd.Timestamp("2019-06-04") <= end and (end - start).days <= 5


def test_anchored_same_and_earlier_in_the_day_count_from_the_date_named_before():
    text = ("The first batteries arrived in July 2019. Washington responded by removing Turkey from the programme "
            "that same month.")
    assert _one(text, "2020-12-16", "that same month") == (pd.Timestamp("2019-07-01"), pd.Timestamp("2019-07-31"),
                                                           "month")
    text = 'Peskov spoke to reporters on Friday, March 8. Earlier in the day, the ministry said a plane had landed.'
    assert _one(text, "2019-03-12", "Earlier in the day")[:2] == (pd.Timestamp("2019-03-08"), pd.Timestamp("2019-03-08"))


@pytest.mark.parametrize("text", [
    "Most children in today's world own a phone.",
    "Analysts expect prices to fall by fall.",
    "The squad met in spring training camps in Antalya.",
    "The reforms could spring from the crisis.",
    "USA Today reported the figures.",
    "Historians study the fall of the Berlin Wall.",
    "Tourists visit Easter Island.",
    'Baker said on ABC\'s "This Week" that talks would go on.',
    "Some two thousand troops crossed the border.",
    "The new Model 2020 phone costs $999.",
    "Version 10.12.2019 of the software was released.",
    "The index was based at the close of the 100-share index.",
    "The clause was written into the National Defense Authorization Act for Fiscal Year 2020 by the committee.",
    "Lawmakers amended the Intelligence Authorization Act for FY 2021 again.",
])
def test_not_dates(text):
    assert helpers.tag_times(text, "2019-11-26") == []


@pytest.mark.parametrize("text, surface", [
    ("The Financial Institutions Reform Act of 1989 set new rules.", "1989"),     # TimeML tags a law's year
    ("Defense spending in fiscal year 2020 rose by 5 percent.", "2020"),
    ("The act was passed for fiscal year 2021, the committee said.", "2021"),
])
def test_a_fiscal_year_outside_a_laws_name_is_a_date(text, surface):
    assert [f["surface"][-4:] for f in helpers.tag_times(text, "2019-11-26")] == [surface]


def _placed_and_listed(text, ref):
    docs = pd.DataFrame({"doc_id": ["x"], "text": [text], "reference_date": [pd.Timestamp(ref)]})
    placed = {r.surface: (str(r.start)[:10], str(r.end)[:10]) for r in helpers.time_expressions(docs).itertuples()}
    return placed, set(helpers.unresolved_times(docs)["surface"])


def test_at_the_time_is_the_one_date_just_named():
    placed, _ = _placed_and_listed("The first planes landed near Ankara on 12 July 2019, officials said.\n"
                                   "Stoltenberg said at the time that the choice was Turkey's.", "2021-10-18")
    assert placed["at the time"] == ("2019-07-12", "2019-07-12")
    placed, _ = _placed_and_listed("Ankara signed the deal in 2017, when relations with Washington were at a low, and "
                                   "officials at the time called it a bargain.", "2021-10-18")
    assert placed["at the time"] == ("2017-01-01", "2017-12-31")


@pytest.mark.parametrize("text", [
    # two dates named before: which one is not said
    "Radars were tested in November 2019 and a missile fired in October 2020, local media reported at the time.",
    # none named in reach
    "Stoltenberg said at the time that the choice was Turkey's.",
    "The deal was signed in 2017.\nMany things followed.\nThe talks stalled.\nAn aide said at the time that the talks were over.",
])
def test_at_the_time_without_one_date_just_named_is_listed_not_guessed(text):
    placed, listed = _placed_and_listed(text, "2023-11-09")
    assert "at the time" not in placed and "at the time" in listed


def test_at_the_time_of_a_happening_is_no_date():
    placed, listed = _placed_and_listed("The deal was signed in 2017. At the time of the delivery, he was abroad.",
                                        "2023-11-09")
    assert set(placed) == {"in 2017"} and not any("time" in s for s in listed)
    placed, listed = _placed_and_listed("Rebels held power in the late 1970s. At the time Kalovit was captured, "
                                        "they were weak.", "1998-01-08")     # "at the time <clause>": when it happened
    assert "at the time" not in placed and not any("time" in s.lower() for s in listed)


def test_an_anchored_day_that_does_not_exist_is_listed_not_guessed():
    docs = pd.DataFrame({"doc_id": ["x"], "text": ["The deal was signed in 2017 and on February 30 that year nothing "
                                                    "happened."], "reference_date": [pd.Timestamp("2019-11-26")]})
    assert "February 30 that year" in " ".join(helpers.unresolved_times(docs)["surface"])
    assert helpers.time_expressions(docs)["surface"].tolist() == ["in 2017"]


def test_a_dateline_is_the_publication_not_a_happening():
    text = ("WASHINGTON, Aug. 11 (AP) - Officials met on Monday.\nISTANBUL, Nov 8, 2017 - a letter was signed.\n"
            "MOSCOW, March 3. /TASS/. Talks went on.\nJuly 12 (Reuters) - Parts arrived.")
    docs = pd.DataFrame({"doc_id": ["x"], "text": [text], "reference_date": [pd.Timestamp("2017-11-08")]})
    ev = helpers.time_expressions(docs)
    assert ev["surface"].tolist() == ["on Monday"]
    vague = helpers.unresolved_times(docs)
    datelines = vague[vague["reason"].str.contains("dateline")]
    assert datelines["surface"].tolist() == ["Aug. 11", "Nov 8, 2017", "March 3", "July 12"]


# --- happenings -----------------------------------------------------------------------------

def _docs(texts: dict, ref="2019-01-10"):
    return pd.DataFrame({"doc_id": list(texts), "title": list(texts), "outlet": "Test", "text": list(texts.values()),
                         "published": pd.Timestamp(ref), "reference_date": pd.Timestamp(ref)})


def test_happenings_do_not_chain_through_a_wide_date():
    """March and November 2018 share a term with '2018', but not a date with each other."""
    docs = _docs({"a": "The pipeline treaty was signed in March 2018.",
                  "b": "The pipeline treaty dominated 2018.",
                  "c": "The pipeline treaty was ratified in November 2018."})
    ev = helpers.events(docs).set_index("doc_id")
    assert ev.loc["a", "happening"] != ev.loc["c", "happening"]
    assert ev.loc["a", "n_articles"] <= 2 and ev.loc["c", "n_articles"] <= 2


def _partition(ev):
    groups = {}
    for r in ev.itertuples():
        groups.setdefault(r.happening, set()).add((r.doc_id, r.char_start))
    return {frozenset(g) for g in groups.values()}


def test_an_unrelated_article_leaves_the_groups_unchanged(docs, sents):
    before = helpers.events(docs, sents=sents)
    extra = pd.DataFrame({"doc_id": ["999_unrelated"], "title": ["x"], "outlet": ["Sports Desk"],
                          "text": ["The football league final was played in July 2016, and the cup final in 2015."],
                          "published": [pd.Timestamp("2017-07-20")], "reference_date": [pd.Timestamp("2017-07-20")]})
    more = pd.concat([docs, extra], ignore_index=True)
    after = helpers.events(more)
    after = after[after["doc_id"].isin(SEED_IDS)]
    assert _partition(after) == _partition(before)
    assert after.groupby("happening")["n_articles"].first().max() == before.groupby("happening")["n_articles"].first().max()


# --- the fast forms of the scans give the same matches -------------------------------------------

_PIECES = ["In the days since", "since then", "a few days after", "one year later", "Earlier", "earlier this",
           "recently", "coming weeks", "Within days", "now", "Now", "currently", "1999", "2015", "$2015", "F-2000",
           "1,2019", "2019%", "2000 troops", "January", "June", "xJune", "_July", "é", "²", "٢٠١٩", "10 a.m.",
           "9pm", "12:30 pm", "'90s", "two thousand", "Jan.", "market", "Christmas", "today", " ", ", ", "-", "\n", ".", "5"]


def _texts():
    import random

    rng = random.Random(0)
    made = ["".join(rng.choice(_PIECES) + rng.choice(["", " ", "-", "x"]) for _ in range(rng.randint(1, 25)))
            for _ in range(1500)]
    return made + [p.read_text(encoding="utf-8") for p in sorted((helpers.CORPUS / "articles").glob("*.txt"))]


def test_a_pattern_from_its_first_character_matches_as_with_a_word_boundary():
    """`from_word_start` writes r"\\b" + alternatives so that a search skips to their first characters; it
    finds the same matches, first alternative first ('a' before 'a few')."""
    import re

    from workbook.time.patterns import from_word_start

    alternatives = [r"[Ii]n the (?:days|weeks) since\b", r"a (?:days?|years?) after\b", r"a few (?:days?|years?) after\b",
                    r"[Nn]ow\b", r"two thousand", "Jan", "January", r"June\b", r"[Ee]arlier\b(?! this)"]
    plain = re.compile(r"\b(?:" + "|".join(alternatives) + ")")
    fast = re.compile(from_word_start(*alternatives))
    for text in _texts():
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
        for pos in (1, 7, 30):                                    # r"\b" at pos looks at the character before
            assert [m.span() for m in fast.finditer(text, pos)] == [m.span() for m in plain.finditer(text, pos)]
    assert fast.search("xnow now").span() == (5, 8)


def test_the_anchor_kinds_one_by_one_find_what_anchor_finds():
    """The tagger's first pass runs the kinds of ANCHOR one by one (faster); per sentence, in the lowered
    text, it finds ANCHOR's matches, kind for kind, also for a sentence that starts inside a word."""
    import random

    from workbook.time import tagger
    from workbook.time.rules import ANCHOR, LOWER_ASCII

    rng = random.Random(1)
    for text in _texts():
        lowered = tagger._lower_ascii(text)
        assert lowered == text.translate(LOWER_ASCII)
        cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, 6)))
        spans = [(0, len(text)), *zip(cuts, cuts[1:]), *zip(cuts[::2], cuts[1::2])]   # side by side, or apart
        expected = [[(m.start(), m.lastgroup, m.end()) for m in ANCHOR.finditer(lowered, s0, s1)] for s0, s1 in spans]
        assert [tagger._anchors(lowered, s0, s1) for s0, s1 in spans] == expected
        assert [found for _, _, found in tagger._anchors_by_span(lowered, spans)] == expected


def test_a_rule_needs_only_what_every_match_holds():
    """A rule is not run where one of its `needs` finds nothing: each must find something in every match."""
    import re

    from workbook.time.patterns import MONTH, YEAR_RX, needs
    from workbook.time.rules import RULES

    year = r"(?P<year>1[89]\d\d|20\d\d)"
    assert [rx.pattern for rx in needs(re.compile(r"(?:in )?\b" + YEAR_RX))] == [r"1[89]\d\d|20\d\d"]
    assert len(needs(re.compile(MONTH + " " + YEAR_RX))) == 2
    assert needs(re.compile(f"(?:the (?P<decade>1[89]\\d0|20\\d0)s|{year}-01)"))[0].search("1990")
    assert needs(re.compile("(?i:by " + MONTH + ")"))[0].search("JULY")            # in the case it is matched in
    for pattern in (year + "?", f"(?:{year})?", f"a|{year}", f"(?={year})", r"(?P<year>\d{4})", f"(?:x{year})*"):
        assert not needs(re.compile(pattern)), pattern
    assert {"year", "numeric date", "full date", "since", "part of period"} <= {r.name for r in RULES if r.needs}
    for text in _texts():
        for rule in RULES:
            for m in rule.pattern.finditer(text):
                assert all(rx.search(m.group(0)) for rx in rule.needs), rule.name
