"""The published catalogue: pages generated from the catalogue model, as plain Python.

Nothing here imports MkDocs: ``build_pages`` returns pages (and data files) that the MkDocs
plugin serves from memory, and that ``write_pages`` can write to a folder for any other site
generator. The model given must already be filtered for the site's audience (audience.py).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..diagnostics import Diagnostic
from ..history import Change
from ..model import Catalogue
from .catalogue_pages import class_pages, file_plan_page, hold_pages, location_pages, schedule_pages
from .context import Page, build_context
from .home import home_page
from .indexes import index_pages
from .record_pages import record_page
from .reports import download_files, downloads_page, report_pages

__all__ = ["Page", "SiteFiles", "build_pages", "write_pages"]


@dataclass(frozen=True, slots=True)
class SiteFiles:
    pages: tuple[Page, ...]
    data: dict[str, str]
    """Other files (downloads) by site path."""


def build_pages(
    catalogue: Catalogue,
    as_of: date,
    *,
    problems: Sequence[Diagnostic] = (),
    changes: Sequence[Change] = (),
    directory_urls: bool = True,
) -> SiteFiles:
    ctx = build_context(catalogue, as_of, directory_urls=directory_urls)
    pages: list[Page] = [home_page(ctx, changes), file_plan_page(ctx), downloads_page(ctx)]
    pages += [record_page(ctx, record) for record in catalogue.records.values()]
    pages += class_pages(ctx)
    pages += schedule_pages(ctx)
    pages += hold_pages(ctx)
    pages += location_pages(ctx)
    pages += index_pages(ctx)
    pages += report_pages(ctx, problems)
    return SiteFiles(tuple(pages), download_files(ctx))


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
