"""Importers: turn a retention authority's published schedule into a fonds schedule file
(``nara``), and spreadsheets into records, classes and locations (``spreadsheet`` reads the
cells, ``rows`` and ``records`` make the plan, ``entries`` the file plan and locations).

Each importer is a pure function from the published bytes to a schedule dictionary (valid
against ``schedule.schema.json``), the events its rules use, and diagnostics for the rows it
could not take faithfully. Reading files, printing and writing are left to the command line.
The schedule importers are listed by source in ``sources.IMPORTERS`` (``--from``); ``nara``
maps rows to items, ``nara_columns`` reads the CSV's columns and rows, ``nara_retention`` its
retention and event texts.
"""
