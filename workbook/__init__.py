"""The S-400 research workbook's code, one module per stage of the data flow.

files -> corpus (+ cleaning) -> sentences -> knowledge -> mentions -> candidates, statements,
relations -> time/ (lexicon, spans, rules, tagger, happenings, events) -> show/ (tables, charts,
filters). Notebooks import ``helpers``, which gathers the public calls of these modules.
"""
import pandas as _pd

# pyarrow (the annotation cache) would make pandas keep text in Arrow arrays; the workbook keeps pandas'
# own storage, so its tables (and what itables measures of them) are the same with pyarrow or without.
_pd.set_option("mode.string_storage", "python")
