"""Sources: how each outlet tells the story (notebook 05).

``coverage`` (what each outlet covers, and what only one does), ``voices`` (who each outlet lets
speak, and with which verbs), ``attribution`` (who cites whom), ``reuse`` (passages two articles
share) and ``framing`` (one happening as each outlet tells it). They come after the annotation
stages (mentions, statements, time/) and before `workbook.show`.
"""
