"""Sources: how each outlet tells the story (notebook 05).

``coverage`` (what each outlet covers, and what only one does), ``voices`` (who each outlet lets
speak, and with which verbs), ``attribution`` (who cites whom, from the cues of
corpus/attribution.csv), ``reuse`` (passages two articles share), ``framing`` (one happening as
each outlet tells it) and ``report`` (all of them at once, with the page's findings). They come
after the annotation stages (mentions, statements, time/) and before `workbook.show`.
"""
