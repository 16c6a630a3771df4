"""Reading what people keep elsewhere, for the importer (``nextround.storage.importer``).

- ``reading``: a file as rows of text cells, whatever wrote it (CSV in any delimiter, encoding and
  line ending; .xlsx, .xls, .ods), with or without a header row.
- ``dates``: dates in the shapes people and programs write, with the questions a column leaves
  open (which of day and month comes first, the year of a date written without one).
- ``values``: status and outcome words ("Phone screen", "Rejection :(") placed on our stages,
  from the word list in ``status_words.toml``.
- ``suggest``: which uploaded column holds what, judged by names and by values.
"""
