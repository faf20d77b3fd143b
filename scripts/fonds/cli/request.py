"""``fonds request open|add|close|list``: the requests register (catalogue/requests/)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..changes.requests import AddRequest, CloseRequest, NewRequest, plan_add, plan_close, plan_open
from ..custody.requests import iter_register
from ..reporters.requests import REGISTER_FORMATS, render_register
from .base import EXIT_CLEAN, DateType, ValueType, catalogue_root, exit_with, main, read_catalogue
from .changes import carry_out, change_options, date_option, load, planned, today

TYPES = ("access-to-information", "privacy", "internal", "legal", "audit", "research", "other")
OUTCOMES = ("granted", "partly-granted", "refused", "no-records", "withdrawn", "transferred")


@main.group()
def request() -> None:
    """The requests register: one file per retrieval request in catalogue/requests/.

    A request names a person and what they asked: it is confidential by default
    (requests: level in fonds.yml), never published below that level. Its deadline is
    requests: deadline_days after receipt (calendar or working days); fonds due lists open
    requests nearing or past it (action respond).
    """


@request.command("open")
@click.option(
    "--from", "requester", type=ValueType("person"), required=True, metavar="NAME", help="Who asks."
)
@click.option("--asked", type=ValueType("text"), required=True, metavar="TEXT", help="What is asked.")
@click.option("--type", "kind", type=click.Choice(TYPES), required=True, help="The kind of request.")
@click.option(
    "--level", metavar="LEVEL", help="Its security level (default: requests: level, else the third)."
)
@date_option("The day it was received.")
@change_options
def open_(
    requester: str,
    asked: str,
    kind: str,
    level: str | None,
    on: date | None,
    root: Path | None,
    dry_run: bool,
    commit_: bool,
) -> None:
    """Open a new request: catalogue/requests/REQ-YEAR-NNN.yml, numbered after the last
    request of the year it was received (--date), with status open; prints its deadline.

    Exit status: 0 done (or shown, with --dry-run); 1 refused, every reason listed and
    nothing changed; 2 usage error (a bad option, no fonds.yml, --commit outside Git).
    """
    base, catalogue, problems = load(root, dry_run, commit_)
    new = NewRequest(today(on), requester, asked, kind, level)
    carry_out(
        "request open",
        base,
        planned(lambda: plan_open(catalogue, problems, base, new)),
        dry_run=dry_run,
        commit_=commit_,
    )


@request.command("add")
@click.argument("request_id", metavar="REQUEST", type=ValueType("id"))
@click.option(
    "--found", multiple=True, type=ValueType("id"), metavar="RECORD", help="A record found (repeatable)."
)
@click.option(
    "--supplied",
    multiple=True,
    type=ValueType("id"),
    metavar="RECORD",
    help="A record supplied (repeatable).",
)
@click.option(
    "--charge-out",
    "charged",
    multiple=True,
    type=ValueType("id"),
    metavar="RECORD",
    help="A record charged out for the request (repeatable): its current charge-out is named.",
)
@change_options
def add(
    request_id: str,
    found: tuple[str, ...],
    supplied: tuple[str, ...],
    charged: tuple[str, ...],
    root: Path | None,
    dry_run: bool,
    commit_: bool,
) -> None:
    """Add records found or supplied, and charge-outs made, to the open REQUEST.

    --charge-out names the record's current charge-out (make it with fonds checkout first).
    Refused for an unknown request or record, a closed request, a file not charged out.

    Exit status: 0 done (or shown, with --dry-run); 1 refused, every reason listed and
    nothing changed; 2 usage error (a bad option, no fonds.yml, --commit outside Git).
    """
    if not (found or supplied or charged):
        raise click.UsageError("give at least one --found, --supplied or --charge-out")
    base, catalogue, problems = load(root, dry_run, commit_)
    plan = planned(
        lambda: plan_add(
            catalogue, problems, base, AddRequest(request_id, tuple(found), tuple(supplied), tuple(charged))
        )
    )
    carry_out("request add", base, plan, dry_run=dry_run, commit_=commit_)


@request.command("close")
@click.argument("request_id", metavar="REQUEST", type=ValueType("id"))
@click.option("--outcome", type=click.Choice(OUTCOMES), required=True, help="How the request ended.")
@date_option("The day it was answered.")
@change_options
def close(
    request_id: str, outcome: str, on: date | None, root: Path | None, dry_run: bool, commit_: bool
) -> None:
    """Close REQUEST: write status closed, closed_on (--date) and --outcome, and say when
    that is after its deadline. Refused for a request already closed or a date before receipt.

    Exit status: 0 done (or shown, with --dry-run); 1 refused, every reason listed and
    nothing changed; 2 usage error (a bad option, no fonds.yml, --commit outside Git).
    """
    base, catalogue, problems = load(root, dry_run, commit_)
    plan = planned(
        lambda: plan_close(catalogue, problems, base, CloseRequest(request_id, outcome, today(on)))
    )
    carry_out("request close", base, plan, dry_run=dry_run, commit_=commit_)


@request.command("list")
@catalogue_root
@click.option("--status", type=click.Choice(["open", "closed", "all"]), default="all", show_default=True)
@click.option("--overdue", is_flag=True, help="Only open requests past their deadline.")
@click.option("--as-of", type=DateType(), help="The day deadlines are judged on. Default: today.")
@click.option("--format", "fmt", type=click.Choice(REGISTER_FORMATS), default="text", show_default=True)
def list_(root: Path | None, status: str, overdue: bool, as_of: date | None, fmt: str) -> None:
    """List the requests of the catalogue in --root, in id order, with their deadlines.

    Exit status: 0 listed (even when none matches); 2 usage or configuration error.
    """
    _, catalogue, _ = read_catalogue(root)
    views = [
        v
        for v in iter_register(catalogue, as_of or date.today())
        if (status == "all" or v.request.status == status) and (v.overdue or not overdue)
    ]
    click.echo(render_register(views, fmt), nl=False)
    exit_with(EXIT_CLEAN)
