"""The catalogue's recent changes, for the home page: which records changed, and when.

A view of the one Git log reader (``reporting/history.py``); kept here for its callers.
"""

from __future__ import annotations

from .reporting.history import Change, changes_of, recent_changes

__all__ = ["Change", "changes_of", "recent_changes"]
