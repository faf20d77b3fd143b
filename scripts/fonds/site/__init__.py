"""The published catalogue: pages generated from the catalogue model, as plain Python.

Nothing here imports MkDocs. ``publish`` (publish.py) is the only way to pages: it checks,
filters the model for the site's audience (audience.py) and builds the pages (and data
files) that the MkDocs plugin serves from memory, and that ``write_pages`` can write to a
folder for any other site generator.
"""

from __future__ import annotations

import os
from pathlib import Path

from .context import Page
from .publish import Publication, PublishError, SiteFiles, publish, unsafe_site_dir

__all__ = ["Page", "Publication", "PublishError", "SiteFiles", "publish", "unsafe_site_dir", "write_pages"]


def write_pages(files: SiteFiles, folder: str | os.PathLike[str]) -> int:
    """Write the pages as Markdown files (and the data files) under ``folder``; returns the count."""
    base = Path(folder)
    written = 0
    for page in files.pages:
        target = base / page.src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown(), encoding="utf-8")
        written += 1
    for name, text in files.data.items():
        target = base / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written += 1
    return written
