"""The ``fonds`` command line: ``main`` is the click group, ``entry`` the console script.

Each command is a module of this package that adds itself to ``main`` when imported;
``base.COMMAND_MODULES`` says which, so that only the command being run is imported
(``main.load_all()`` imports them all).
"""

from __future__ import annotations

from .base import entry, main

__all__ = ["entry", "main"]
