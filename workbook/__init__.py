"""The S-400 research workbook's code, one module per stage of the data flow.

files -> corpus (+ cleaning) -> sentences -> knowledge -> mentions -> candidates, statements,
relations -> time/ (lexicon, spans, rules, tagger, happenings, events) -> show/ (tables, charts,
filters). Notebooks import ``helpers``, which gathers the public calls of these modules.
"""
