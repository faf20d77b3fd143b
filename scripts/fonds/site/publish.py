"""Publishing: the one way from a catalogue repository to the pages an audience may see.

``publish`` checks the catalogue, stops on errors (when strict), filters the model for the
audience, keeps the problems that audience may see, and only then builds the pages. The
MkDocs plugin, ``fonds build`` and ``fonds pages`` all call it, and page assembly
(``_assemble``) is private to this module: no adapter can build pages from an unfiltered
model (tests/test_site.py proves that no other module calls it).

It fails closed: a record file with any error is left out for every audience, strict or not
(its marking cannot be trusted), and so are its problems.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ..access.audience import (
    AudienceError,
    filter_for_audience,
    hidden_names,
    visible_problems,
    withheld_terms,
)
from ..access.markings import lowest_level, rank
from ..access.operational import operational_rank
from ..checks import check_repository
from ..diagnostics import Diagnostic, Severity, error
from ..model import Catalogue
from ..reading.cache import ReadCache
from ..reading.loader import CONFIG_FILE, ConfigError
from ..reporting.git_log import Log, read_log
from ..reporting.history import Entry, changes_of, for_audience, histories
from .catalogue_pages import class_pages, file_plan_page, hold_pages, location_pages, schedule_pages
from .context import Page, build_context
from .custody_pages import custody_pages, inventory_downloads
from .dependencies import Earlier, PageMemo
from .home import home_page
from .indexes import index_pages
from .record_pages import record_page
from .reports import PUBLIC_REPORTS, download_files, downloads_page, report_pages
from .statistics import site_statistics, statistics_files, statistics_page


class PublishError(ValueError):
    """The site cannot be published as asked (no fonds.yml, an unknown audience): exit 2."""


@dataclass(frozen=True, slots=True)
class SiteFiles:
    pages: tuple[Page, ...]
    data: dict[str, str]
    """Other files (downloads) by site path."""


@dataclass(frozen=True, slots=True)
class Publication:
    """What ``publish`` made: the site (None when it must stop) and what to tell the operator."""

    audience: str
    levels: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    """Every finding of the check, for the operator's terminal (never for the site)."""
    site: SiteFiles | None = None
    problems: tuple[Diagnostic, ...] = ()
    """The findings this audience's site lists (``visible_problems``)."""
    stop: str | None = None
    """Why no page was built (errors under strict), or None."""
    hidden_names: frozenset[str] = field(default_factory=frozenset)
    """What a hand-written page must not name for this audience."""
    checked: int = 0
    published: int = 0
    staff: bool = False
    """The audience is at or above ``publishing: operational_audience``: the staff workbench."""
    staff_level: str = ""
    """That level's name: a hand-written page marked ``audience: staff`` is for it and up."""


def publish(
    root: str | os.PathLike[str],
    as_of: date,
    *,
    audience: str | None = None,
    caveats: Iterable[str] = (),
    strict: bool = True,
    directory_urls: bool = True,
    cache: ReadCache | None = None,
    memo: PageMemo | None = None,
) -> Publication:
    """Check, stop on errors (when ``strict``), filter for the audience, keep the visible
    problems, build the pages. ``audience`` defaults to the lowest level. Raises
    ``PublishError`` for a missing fonds.yml or an audience the catalogue does not define.
    ``cache`` keeps what reading each file gave for the next publish (``mkdocs serve``), and
    ``memo`` the parts of pages whose inputs do not change (``site.dependencies``)."""
    try:
        catalogue, found = check_repository(root, cache=cache)
    except ConfigError as exc:
        raise PublishError(exc.diagnostic.render()) from exc
    diagnostics = (*found, *_publishing_settings(catalogue))
    level = audience or lowest_level(catalogue.access)
    base = Publication(level, catalogue.access.levels, diagnostics, checked=len(catalogue.records))
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    try:
        shown = filter_for_audience(
            catalogue, level, frozenset(caveats), withheld_files=frozenset(d.file for d in errors)
        )
    except AudienceError as exc:
        raise PublishError(str(exc)) from exc
    if errors and strict:
        # Check first, then build: no page is made from a catalogue with errors.
        stop = f"the catalogue has {len(errors)} errors (listed above); fix them and build again"
        return replace(base, stop=stop)
    problems = tuple(visible_problems(diagnostics, catalogue, shown))
    operational = (rank(level, catalogue.access) or 0) >= operational_rank(catalogue)
    log = read_log(root)
    history = _histories(log, catalogue, shown, level)
    # The model is built: the collector's full passes while the pages are made need not scan
    # its millions of objects again and again (unfreeze gives them back to it afterwards).
    gc.freeze()
    try:
        site = _assemble(
            shown,
            as_of,
            problems=problems,
            log=log,
            history=history,
            directory_urls=directory_urls,
            operational=operational,
            memo=memo,
        )
    finally:
        gc.unfreeze()
    return replace(
        base,
        site=site,
        problems=problems,
        hidden_names=hidden_names(catalogue, shown),
        published=len(shown.records),
        staff=operational,
        staff_level=_staff_level(catalogue),
    )


def _histories(log: Log, catalogue: Catalogue, shown: Catalogue, level: str) -> dict[str, tuple[Entry, ...]]:
    """Each record the audience sees, with its history as that audience may see it
    (``for_audience``: dates and kinds only below the operational audience). Records the
    audience may not see have none: they are not in ``shown``."""
    staff = (rank(level, catalogue.access) or 0) >= operational_rank(catalogue)
    withheld = withheld_terms(catalogue, shown) if staff else frozenset()
    found = histories(log, {record.id: record.file for record in shown.records.values()})
    return {
        record_id: for_audience(entries, staff=staff, withheld=withheld)
        for record_id, entries in found.items()
    }


def _staff_level(catalogue: Catalogue) -> str:
    """The lowest staff level's name ("" when none: an unknown setting fails closed)."""
    at = operational_rank(catalogue)
    levels = catalogue.access.levels
    return levels[at] if at < len(levels) else ""


def _publishing_settings(catalogue: Catalogue) -> list[Diagnostic]:
    """``publishing: operational_audience`` must name a level (else no audience sees the
    details: the filter fails closed, and the build says why)."""
    wanted = catalogue.config.operational_audience
    if wanted is None or rank(wanted, catalogue.access) is not None:
        return []
    line, column = catalogue.where(CONFIG_FILE, ("publishing", "operational_audience"))
    return [
        error(
            CONFIG_FILE,
            line,
            column,
            "unknown-level",
            f"publishing: operational_audience {wanted} is not one of the levels in "
            f"{catalogue.access.file}: {', '.join(catalogue.access.levels)} (write one of them exactly)",
            "publishing.operational_audience",
        )
    ]


def _assemble(
    catalogue: Catalogue,
    as_of: date,
    *,
    problems: Sequence[Diagnostic],
    log: Log,
    history: Mapping[str, tuple[Entry, ...]],
    directory_urls: bool,
    operational: bool = False,
    memo: PageMemo | None = None,
) -> SiteFiles:
    """The pages of an audience-filtered model; only ``publish`` calls this. ``history`` is
    already cut for the audience; the home page names only the records the model holds.
    ``operational``: the audience sees operational details (the Statistics page counts them).
    ``memo``: the last build's parts whose inputs did not change are taken from it
    (``site.dependencies``)."""
    ctx = replace(
        build_context(catalogue, as_of, directory_urls=directory_urls),
        history=history,
        history_note=log.note,
        staff=operational,
    )
    earlier = memo.earlier(ctx) if memo is not None else Earlier()
    if earlier.changed is not None:
        ctx = replace(ctx, earlier_tables=earlier.tables, earlier_downloads=earlier.downloads)
        ctx.record_rows.update(earlier.rows)
    records = {
        record.id: earlier.pages.get(record.id) or record_page(ctx, record)
        for record in catalogue.records.values()
    }
    pages: list[Page] = [home_page(ctx, changes_of(log)), file_plan_page(ctx), downloads_page(ctx)]
    pages += records.values()
    pages += class_pages(ctx)
    pages += schedule_pages(ctx)
    if catalogue.holds:
        pages += hold_pages(ctx)
    pages += location_pages(ctx, staff=operational)
    pages += index_pages(ctx)
    pages += [
        p for p in report_pages(ctx, problems, staff=operational) if operational or p.src in PUBLIC_REPORTS
    ]
    figures = site_statistics(ctx, operational)
    pages.append(statistics_page(ctx, figures))
    downloads = {**download_files(ctx), **statistics_files(figures)}
    if operational:  # the custody pages name borrowers: operational audience and above only
        pages += custody_pages(ctx)
        downloads |= inventory_downloads(ctx)
    if memo is not None:
        memo.keep(ctx, earlier, records, ctx.tables, ctx.download_rows)
    return SiteFiles(tuple(pages), downloads)


PROTECTED = ("catalogue", "schedules", "docs", ".git")


def unsafe_site_dir(
    root: str | os.PathLike[str], site_dir: str | os.PathLike[str], docs_dir: str = ""
) -> str | None:
    """Why ``site_dir`` must not be used (MkDocs deletes everything in it first), or None.

    Refused: the repository itself, a folder that holds the catalogue, the schedules, the
    docs or ``.git`` (or any folder of the repository above them), and a folder inside one.
    """
    base = Path(root).resolve()
    target = Path(site_dir).resolve()
    protected = [base / name for name in PROTECTED]
    if docs_dir:
        protected.append(Path(docs_dir).resolve())
    if target == base or target in base.parents:
        return f"the site folder {target} holds the whole repository {base}; building there would delete it"
    for folder in protected:
        if target == folder or folder.is_relative_to(target) or target.is_relative_to(folder):
            return (
                f"the site folder {target} is, holds or lies inside {folder}; building there would "
                "delete it (MkDocs empties the site folder first). Choose a folder of its own, such as site/"
            )
    return None
