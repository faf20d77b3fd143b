"""The site's navigation, as MkDocs' ``nav:`` setting (plain lists and mappings).

Generated pages (records, classes, holds, locations, index entries) are never in it: the
theme renders the whole navigation into every page, and 100,000 record links in each page
blow up any build. The plugin puts its own section first (the catalogue, file plan,
indexes, schedules, holds, reports, downloads), the same with or without a ``nav:`` in
mkdocs.yml, and then the user's pages: their ``nav:`` without entries for generated pages
or pages this audience does not get, or, with no ``nav:``, every hand-written page.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any

CATALOGUE_SECTION = (
    ("Catalogue", "index.md"),
    ("File plan", "file-plan.md"),
    ("Indexes", "indexes/index.md"),
    ("Schedules", "schedules/index.md"),
    ("Holds", "holds/index.md"),
    ("Reports", "reports/index.md"),
    ("Downloads", "downloads.md"),
)


GENERATED_FOLDERS = ("records/", "classes/", "holds/", "locations/", "schedules/", "indexes/", "reports/")
"""Where the plugin generates pages: an entry of the user's nav there goes too (a record page,
or a page this audience's site does not have, such as the holds below the staff audience)."""


def site_nav(
    user_nav: Any, generated: Collection[str], hand_written: Iterable[str], removed: Collection[str]
) -> list[Any]:
    """The navigation: the catalogue section (the pages of it that were generated), then the
    user's ``nav:`` (or, when it is None, every hand-written page in path order), without
    generated pages and without ``removed`` (pages for a higher audience)."""
    section: list[Any] = [{title: src} for title, src in CATALOGUE_SECTION if src in generated]
    if user_nav is None:
        return section + sorted(src for src in hand_written if src not in removed)
    rest = prune(
        user_nav, lambda src: src in generated or src in removed or src.startswith(GENERATED_FOLDERS)
    )
    return section + (rest if isinstance(rest, list) else [rest] if rest is not None else [])


def prune(nav: Any, drop: Callable[[str], bool]) -> Any:
    """The navigation without the entries ``drop`` names (and sections left empty)."""
    if isinstance(nav, str):
        return None if drop(nav) else nav
    if isinstance(nav, dict):
        kept = {key: prune(value, drop) for key, value in nav.items()}
        return {key: value for key, value in kept.items() if value is not None} or None
    if isinstance(nav, list):
        items = [prune(item, drop) for item in nav]
        return [item for item in items if item is not None] or None
    return nav
