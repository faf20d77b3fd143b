"""``fonds stats``: holdings, volume, growth, states, activity and requests, in figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..access.audience import AudienceError, filter_for_audience
from ..access.markings import rank
from ..access.operational import operational_rank
from ..diagnostics import Severity
from ..reporting.periods import PERIOD_KINDS, PeriodKind
from ..reporting.statistics import DEFAULT_BY, DIMENSIONS, Dimension, statistics
from ..reporting.statistics_formats import STATS_FORMATS, render_statistics
from .base import EXIT_CLEAN, DateType, catalogue_root, exit_with, main, read_catalogue


@main.command()
@catalogue_root
@click.option("--as-of", type=DateType(), help="The day the figures are for. Default: today.")
@click.option(
    "--by",
    "by",
    multiple=True,
    type=click.Choice(DIMENSIONS),
    help="Break holdings down by this (repeatable). Default: department and format.",
)
@click.option("--from", "start", type=DateType(), help="Count activity from this day. Default: the first.")
@click.option("--to", "end", type=DateType(), help="Count activity up to this day. Default: --as-of.")
@click.option(
    "--period",
    type=click.Choice(PERIOD_KINDS),
    default="fiscal-year",
    show_default=True,
    help="Count activity per month, calendar quarter or fiscal year (fiscal_year_start in fonds.yml).",
)
@click.option(
    "--audience",
    metavar="LEVEL",
    help="Count only what this audience may see, as the site for it does (default: every record; "
    "below the operational audience, operational figures are left out).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(STATS_FORMATS),
    default="text",
    show_default=True,
    help="text, json, csv (one row per figure: table,row,column,value) or md (Markdown).",
)
def stats(
    root: Path | None,
    as_of: date | None,
    by: tuple[Dimension, ...],
    start: date | None,
    end: date | None,
    period: PeriodKind,
    audience: str | None,
    fmt: str,
) -> None:
    """Statistics of the catalogue in --root: records held and their volume (linear metres,
    cubic feet, gigabytes; other units counted apart), growth by year created, records by
    retention state, activity per period (disposals, transfers, charge-outs and returns, holds
    placed and released, requests received and answered) and the requests register
    (response times, share answered within the deadline).

    The report reads the catalogue without re-validating it: run fonds check first.

    Exit status: 0 the figures were printed; 2 usage or configuration error (a bad option,
    an unknown --audience, --from after --to, no fonds.yml).
    """
    _, catalogue, problems = read_catalogue(root)
    day = as_of or date.today()
    if start and end and start > end:
        raise click.UsageError("--from is after --to")
    operational = True
    if audience is not None:
        withheld = frozenset(d.file for d in problems if d.severity is Severity.ERROR)
        try:
            shown = filter_for_audience(catalogue, audience, withheld_files=withheld)
        except AudienceError as exc:
            raise click.UsageError(str(exc)) from exc
        operational = (rank(audience, catalogue.access) or 0) >= operational_rank(catalogue)
        catalogue = shown
    figures = statistics(
        catalogue, day, operational=operational, by=by or DEFAULT_BY, period=period, start=start, end=end
    )
    click.echo(render_statistics(figures, fmt), nl=False)
    exit_with(EXIT_CLEAN)
