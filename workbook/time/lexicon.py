"""The vocabulary of time: names, number words, cue words and holidays, as data.

Takes: nothing. Gives: the word lists and tables the rules, spans and tagger read. Comes first in
`workbook.time`. A researcher who meets a new holiday, a new cue verb or a new counted noun adds
it here; the code in `rules` and `tagger` holds only general rules.
"""
from __future__ import annotations

PRECISIONS = ("day", "week", "month", "quarter", "half", "season", "year", "decade", "century")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
              "Oct": 10, "Nov": 11, "Dec": 12}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}   # first month (northern)
REL_STEP = {"next": 1, "coming": 1, "following": 1, "last": -1, "past": -1, "previous": -1}   # "this": 0
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "last": 4, "final": 4}

# Years and centuries in words ("nineteen ninety-six", "two thousand and one", "the twentieth century").
UNIT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
TEEN_WORDS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
              "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
              "ninety": 90}
DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
                "eighties": 80, "nineties": 90}
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                 "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
                 "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                 "twentieth": 20, "twenty-first": 21}

# Parts of a month are thirds (days 1-10, 11-20, 21-end; about a week and a half, precision
# "week"); parts of a year are quarters (early = Jan-Mar, late = Oct-Dec, precision "quarter"),
# except "mid" year = Apr-Sep (precision "half"); parts of a decade are its first four, middle
# three and last three years (precision "year").
PART = {"beginning": 0, "start": 0, "early": 0, "middle": 1, "mid": 1, "end": 2, "late": 2}

# Parts of a day, placed on their day ("this morning", "Tuesday night", "late last night").
DAY_PARTS = ("morning", "afternoon", "evening", "night", "noon", "midday", "midnight")

# --- cue words that decide whether a month, day or quarter named without a year is past or to come.
# A cue governs what follows it in its clause; the cue nearest before the expression wins.
# Future: modal verbs, plans and schedules, and verbs that move a date ("extended to Nov. 16").
FUTURE_CUES = (
    "will", "won't", "shall", "would", "'ll", "going to", "plans to", "plan to", "planned to", "planning to",
    "hopes to", "hope to", "hoping to", "expects to", "expect to", "expected to", "intends to", "intend to",
    "aims to", "aim to", "wants to", "want to", "is to", "are to", "set to", "set for", "scheduled", "upcoming",
    "coming", "next", "likely to", "forecast to", "projected to",
)
# Verbs that move a date: the date after "to", "until" or "through" following one of them in the
# clause is still to come ("extended its offer to Nov. 20", "postponed the vote until March").
MOVE_VERBS = ("extended", "extends", "extend", "extending", "postponed", "postpones", "postpone", "delayed", "delays",
              "deferred", "adjourned", "rescheduled", "pushed back", "moved", "put off")
# Verbs that set a deadline: the date after "until" or "till" following one of them is the deadline, which
# can lie after the day it was set ("Last month officials gave Ankara until July 31 to drop the deal"), so
# the verb's tense does not place it: the nearest such date does, as with no cue at all.
DEADLINE_VERBS = ("gave", "given", "give", "gives", "giving", "granted", "grant", "grants", "allowed", "allows",
                  "allow", "has", "have", "had")
# Words that make the date right after them a deadline or a start still to come ("by Jan. 14",
# "due in April", "expires Nov. 20", "payable Dec. 7", "as soon as Tuesday"); they count only there
# (with "on", "at", "in" or "the" between), since "by" elsewhere is "killed by police".
DEADLINE_CUES = ("by", "due", "expires", "expire", "expiring", "payable", "effective", "deadline of", "deadline is",
                 "no later than", "as soon as", "as early as", "ahead of", "of record", "record date is")
# Past: auxiliaries and common irregular past forms; any other word ending in -ed counts as a past verb
# unless an article or possessive stands before it ("the armed forces") or it is listed in NOT_PAST.
PAST_CUES = (
    "was", "were", "had", "did", "said", "told", "met", "went", "came", "took", "made", "gave", "left", "began",
    "sold", "bought", "held", "spoke", "saw", "won", "lost", "fell", "rose", "paid", "ran", "sent", "spent",
    "fought", "led", "built", "broke", "chose", "drove", "flew", "forgot", "got", "grew", "heard", "hit", "kept",
    "knew", "laid", "meant", "shot", "sat", "stood", "struck",
    "swore", "taught", "thought", "threw", "understood", "wore", "wrote", "ago", "since", "earlier", "last",
    "became", "brought", "caught", "felt", "found", "overthrew", "sought", "sank", "withdrew", "wound",
    # regular verbs in the simple past that news uses most
    "announced", "reported", "signed", "agreed", "approved", "visited", "killed", "died", "launched", "started",
    "ended", "happened", "occurred", "voted", "decided", "asked", "warned", "accused", "rejected", "denied",
    "confirmed", "claimed", "added", "noted", "stated", "declared", "imposed", "received", "delivered", "arrested",
    "attacked", "captured", "released", "resigned", "joined", "returned", "arrived", "opened", "closed",
    "published", "posted", "dropped", "jumped", "climbed", "plunged", "declined", "gained", "surged", "slipped",
    "tumbled", "earned", "totaled", "totalled", "completed", "acquired", "purchased", "filed",
    "ordered", "urged", "elected", "appointed", "fired", "hired", "invaded", "bombed", "shelled", "signaled",
    "signalled", "stepped", "crashed", "exploded", "erupted", "collapsed", "protested", "rallied", "marched",
    "talked", "discussed", "revealed", "unveiled", "introduced", "passed", "vetoed", "ratified", "suspended",
    "resumed", "ruled", "sentenced", "convicted", "sued",
)
# Present-tense auxiliaries: they stop an earlier past verb from governing ("said it is calling for
# the redemption on Dec. 7"), and leave the reading to the default.
PRESENT_CUES = ("is", "are", "am", "does", "do", "remains", "remain", "has", "have")
# Any other word in -ed counts as a past verb only right after a subject pronoun ("he visited", "who met").
SUBJECT_PRONOUNS = ("he", "she", "it", "they", "we", "i", "you", "who", "which")

# Words after which a year or a count is a quantity, not a date ("2000 troops").
COUNTED = ("troops", "soldiers", "people", "personnel", "miles", "km", "kilometers", "kilometres", "meters", "metres",
           "feet", "tons", "tonnes", "dollars", "euros", "missiles", "aircraft", "jets", "planes", "units", "members",
           "times", "percent", "batteries", "shares", "acres", "barrels", "workers", "employees", "cars", "vehicles")

# Words before a year that make it part of a name or a product ("Model 2020", "Vision 2030").
NAME_BEFORE_YEAR = ("Model", "Version", "Series", "Type", "Windows", "Office", "Vision", "Agenda", "Strategy",
                    "Project", "Operation", "Horizon", "Class", "Edition", "Generation", "Mark", "Mk", "No.", "Flight")

# Words of a publication stamp before its date ("Published 22.09.2021 12:43", "Update : 09.11.2023");
# a date after one of them, or after a byline's "|", or alone on its line, is the report's, not a happening.
STAMP_WORDS = ("Published", "Updated", "Update", "Last Update", "Last Updated", "Modified", "Last Modified", "Posted",
               "Created")

# Nouns after "today's"/"tomorrow's" that make the word mean an era, not a day ("today's world").
GENERIC_NOW = ("world", "society", "generation", "generations", "children", "youth", "economy", "standards",
               "technology", "computers", "market", "markets", "age", "era", "times", "politics", "culture",
               "people", "environment", "climate", "realities", "reality", "threats", "challenges", "weapons",
               "battlefield", "warfare", "military", "army", "armies")

# Holidays. kind "fixed": (month, day); "easter": days from Western Easter Sunday; "nth": (month,
# weekday 0=Monday, n; -1 = last); "hijri": (Islamic month, first day, last day) by the tabular
# (arithmetical) Islamic calendar, which can differ from the observed dates by a day or two, so
# those intervals get one day more on each side. Each row: (pattern, kind, arguments, precision).
HOLIDAYS = (
    (r"New Year'?s Eve", "fixed", (12, 31), "day"),
    (r"New Year'?s(?: Day)?", "fixed", (1, 1), "day"),
    (r"Christmas Eve", "fixed", (12, 24), "day"),
    (r"Christmas(?: Day)?|Xmas", "fixed", (12, 25), "day"),
    (r"Boxing Day", "fixed", (12, 26), "day"),
    (r"Valentine'?s Day", "fixed", (2, 14), "day"),
    (r"Halloween", "fixed", (10, 31), "day"),
    (r"the Fourth of July|July Fourth", "fixed", (7, 4), "day"),
    (r"Bastille Day", "fixed", (7, 14), "day"),
    (r"Armistice Day|Remembrance Day|Veterans Day", "fixed", (11, 11), "day"),
    (r"Victory Day", "fixed", (5, 9), "day"),
    (r"Easter(?: Sunday)?", "easter", (0, 0), "day"),
    (r"Good Friday", "easter", (-2, -2), "day"),
    (r"Easter Monday", "easter", (1, 1), "day"),
    (r"Ash Wednesday", "easter", (-46, -46), "day"),
    (r"Pentecost|Whit Sunday", "easter", (49, 49), "day"),
    (r"Thanksgiving(?: Day)?", "nth", (11, 3, 4), "day"),
    (r"Memorial Day", "nth", (5, 0, -1), "day"),
    (r"Labou?r Day", "nth", (9, 0, 1), "day"),
    (r"Martin Luther King(?: Jr\.?)? Day", "nth", (1, 0, 3), "day"),
    (r"Presidents'? Day", "nth", (2, 0, 3), "day"),
    (r"Ramadan", "hijri", (9, 1, 30), "month"),
    (r"Eid al-Fitr|Eid ul-Fitr|Eid-al-Fitr", "hijri", (10, 1, 3), "week"),
    (r"Eid al-Adha|Eid ul-Adha|Eid-al-Adha|Kurban Bayrami", "hijri", (12, 10, 13), "week"),
)

STOPWORDS = frozenset(
    "the a an and or but nor of to in on at by for with from that this these those is are was were be been being has "
    "have had having not no its it as which who whom whose he she they them his her their there than then also would "
    "could should will shall may might can must said says say told tell over into after before about such some more "
    "most other only new very what when where while because since until just even still already ever against between "
    "during within without under upon across toward towards among through both each every many much own same so too "
    "does did done doing says".split())
TIME_WORDS = frozenset(w.lower() for w in (*MONTHS, *WEEKDAYS, *SEASONS, *NUMBER_WORDS)) | frozenset(
    "day days week weeks month months year years decade decades ago last next earlier later early late mid "
    "beginning start end middle half quarter first second coming past previous following today yesterday tomorrow "
    "within weekend morning afternoon evening night tonight period fiscal".split())

# Words too common in news to tie two reports to one happening (with STOPWORDS and TIME_WORDS).
# A term shared by two expressions' sentences must be outside these lists; the lists are fixed,
# so adding an article never changes which words count.
GENERIC_TERMS = frozenset(
    "said says told according added also including official officials government governments country countries "
    "minister ministers ministry president presidents prime leader leaders state states national international "
    "foreign defence defense military security army forces force people percent million billion thousand "
    "report reports reported reporting statement statements news agency press media spokesman spokeswoman "
    "spokesperson source sources comment comments interview announced announcement told asked week month year "
    "expected expects plan plans planned would could should told tuesday meeting talks talk issue issues "
    "part time times first second third last next new old former current recent major further many several "
    "other another number group groups company companies market markets share shares price prices "
    "world region regional side sides made make making take taken "
    "took give given gave come came going went well like just including against between through".split())
