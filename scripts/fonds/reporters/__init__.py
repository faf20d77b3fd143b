"""Reporters: every report's renderers, registered by format (``registry.Renderers``).

``formats`` holds the primitives (JSON, CSV with its formula guard, inert Markdown, text tables,
GitHub annotations); one module per report renders its values with them: ``diagnostics_report``
(fonds check), ``due_report`` (fonds due), ``access``, ``records`` (find, show), ``requests``
and ``fixity``. To add a format to a report, write its renderer and add it to that report's
``Renderers``: the command's ``--format`` choice follows.
"""
