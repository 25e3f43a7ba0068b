"""The chronology, in stages: lexicon -> spans -> rules -> tagger -> happenings -> events.

``workbook.time.events.events`` is what notebooks call (through ``helpers.events``).
"""
