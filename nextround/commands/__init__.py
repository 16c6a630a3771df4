"""Every change a person makes to their tables, one command each: the only code that writes.

A command is a use case (add an application, log an event, mark an action done, record a sent
note, save a self-check, tick a prep item, import a file, restore a backup, ...). It takes the
store and the versions of the tables the page drew from, and writes every table it touches as
one change of the store: ``Store.update`` for one table, ``Store.apply`` for several (all or
none, one entry in the record of changes, undoable where the person expects it). A version
that no longer matches the rows the command touches is refused with ``StaleDataError`` before
anything is written, so a stale tab never overwrites another's change.

The screens (``components/``, ``pages/``) write only by calling these; the layer contracts in
pyproject.toml and ``tests/unit/test_layers.py`` hold that: nothing outside this package (and
the store itself, with its schema upgrades) calls a method of the store that writes. The rules
a command applies (ids, the stage an event moves to, the rows a self-check saves) live in the
domain as plain functions of frames; a command only puts them together into one unit.
"""
