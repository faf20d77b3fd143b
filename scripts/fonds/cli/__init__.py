"""The ``fonds`` command line: ``main`` is the click group, ``entry`` the console script.

Each command is a module of this package that adds itself to ``main`` when imported.
"""

from __future__ import annotations

from . import (  # noqa: F401
    access,
    audit,
    chargeout,
    check,
    checkouts,
    close,
    codeowners,
    dispose,
    due,
    event,
    find,
    fixity,
    history,
    hold,
    init,
    inventory,
    labels,
    new,
    records,
    request,
    review,
    schedules,
    show,
    site,
    stats,
    transfer,
)
from .base import entry, main

__all__ = ["entry", "main"]
