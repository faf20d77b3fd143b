"""``fonds labels``: print-ready box and folder labels with Code 128 and QR codes."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import click
import yaml

from ..diagnostics import Severity
from ..paperwork.barcodes import BarcodeError
from ..paperwork.label_sheets import SHEETS, sheet_html
from ..paperwork.labels import Kind, Selection, SelectionError, box_labels, folder_labels, read_transfer_list
from ..paperwork.labels import select_boxes as pick_boxes
from ..paperwork.labels import select_records as pick_records
from ..paperwork.pdf import PdfError, html_to_pdf
from ..site.context import location_src, record_src
from ..terminal import safe
from .base import EXIT_FINDINGS, EXIT_USAGE, DateType, ValueType, exit_with, main, read_catalogue

ACTIONS = ("destroy", "transfer", "move-to-semi-active")


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold ``!!python/name:`` and ``!ENV`` tags: read them as nothing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_address(base: Path) -> tuple[str | None, bool]:
    """(site_url, use_directory_urls) from mkdocs.yml beside fonds.yml, if it says."""
    try:
        config: Any = yaml.load((base / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None, True
    if not isinstance(config, dict):
        return None, True
    url = config.get("site_url")
    directory_urls = config.get("use_directory_urls", True) is not False
    if isinstance(url, str) and url.startswith(("https://", "http://")):
        return url.rstrip("/") + "/", directory_urls
    return None, directory_urls


def _page_url(site: str | None, directory_urls: bool) -> Any:
    def url(kind: Kind, item: str) -> str | None:
        if site is None:
            return None
        src = (location_src if kind == "box" else record_src)(item)[: -len(".md")]
        return site + (src + "/" if directory_urls else src + ".html")

    return url


def _write(output: Path, data: bytes) -> None:
    """``data`` into ``output`` whole or not at all (a temporary file, then a rename)."""
    folder = output.parent if str(output.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=".fonds-", suffix=output.suffix, dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@main.command()
@click.argument("ids", nargs=-1, metavar="[ID...]", type=ValueType("id"))
@click.option(
    "--kind",
    type=click.Choice(["box", "folder"]),
    default="folder",
    show_default=True,
    help="Box labels (IDs are boxes) or folder labels (IDs are records).",
)
@click.option(
    "--location", type=ValueType("id"), metavar="LOCATION", help="Everything at LOCATION and below it."
)
@click.option(
    "--class",
    "class_code",
    type=ValueType("id"),
    metavar="CLASS",
    help="Records of CLASS and its sub-classes.",
)
@click.option("--from-due", "due_on", type=DateType(), help="What fonds due lists for --action on this day.")
@click.option("--action", type=click.Choice(ACTIONS), help="With --from-due: the action.")
@click.option(
    "--transfer",
    "transfer_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="The records (or boxes) of a transfer list CSV; box numbers run n of N within it.",
)
@click.option(
    "--sheet",
    type=click.Choice(sorted(SHEETS)),
    default="avery-5160",
    show_default=True,
    help="The label stock.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    metavar="FILE.html|FILE.pdf",
    help="Where the sheet goes; .pdf needs Chromium.",
)
@click.option(
    "--start",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="First free position on a partly used sheet (1 = top left, row by row).",
)
@click.option(
    "--site-url", metavar="URL", help="The published site for the QR codes (default: mkdocs.yml site_url)."
)
@click.option("--on", "on", type=DateType(), help="The day holds are checked on. Default: today.")
@click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), help="The catalogue (default: here)."
)
def labels(
    ids: tuple[str, ...],
    kind: Kind,
    location: str | None,
    class_code: str | None,
    due_on: date | None,
    action: str | None,
    transfer_file: Path | None,
    sheet: str,
    output: Path,
    start: int,
    site_url: str | None,
    on: date | None,
    root: Path | None,
) -> None:
    """Print box or folder labels for IDs or a selection, as HTML or PDF.

    A box label shows the box barcode (Code 128), BOX n of N in large type (within the
    transfer list or the selection), the transfer number, department, classes, covering dates
    and the disposal date or PERMANENT, and ON LEGAL HOLD: DO NOT DESTROY when a hold in force
    covers anything in the box. A folder label shows the record's barcode, id, title, class
    and covering dates. Each carries a QR code of its page on the published site (mkdocs.yml
    site_url or --site-url); without one the QR code carries the id and the label says so.

    Exit status: 0 written (warnings, such as a box with mixed disposal dates, on stderr);
    1 refused (an unknown id, a location that is not a box, a barcode that cannot print),
    nothing written; 2 usage error (no selection, a bad option, no Chromium for a PDF).
    """
    if output.suffix.lower() not in (".html", ".pdf"):
        raise click.UsageError("--output must end in .html or .pdf")
    if (due_on is None) != (action is None):
        raise click.UsageError("--from-due and --action go together: what fonds due lists for that action")
    if site_url is not None and not site_url.startswith(("https://", "http://")):
        raise click.UsageError("--site-url must be an http:// or https:// address")
    selection = Selection(
        ids=ids,
        location=location,
        class_code=class_code,
        due_on=due_on,
        action=action,
        transfer_file=str(transfer_file) if transfer_file else None,
    )
    if selection == Selection():
        raise click.UsageError("say which labels: IDs, --location, --class, --from-due or --transfer")
    base, catalogue, _ = read_catalogue(root, validate=True)
    as_of = on or date.today()
    address, directory_urls = (site_url.rstrip("/") + "/", True) if site_url else site_address(base)
    page_url = _page_url(address, directory_urls)
    try:
        transfer = read_transfer_list(transfer_file).id if transfer_file else ""
        if kind == "box":
            boxes, problems = pick_boxes(catalogue, selection)
            made, notes = box_labels(catalogue, boxes, as_of, page_url, transfer)
            problems += notes
        else:
            records, problems = pick_records(catalogue, selection)
            made = folder_labels(catalogue, records, as_of, page_url)
    except SelectionError as exc:
        raise click.UsageError(str(exc)) from exc
    for problem in problems:
        click.echo(safe(problem.render()), err=True)
    if any(p.severity is Severity.ERROR for p in problems):
        click.echo("No labels were written.", err=True)
        exit_with(EXIT_FINDINGS)
    if not made:
        click.echo(f"Nothing selected: no {kind} labels were written.", err=True)
        exit_with(EXIT_FINDINGS)
    try:
        document = sheet_html(made, SHEETS[sheet], start=start, title=f"{kind.title()} labels")
    except BarcodeError as exc:
        click.echo(f"error[label-barcode]: {safe(str(exc))}. No labels were written.", err=True)
        exit_with(EXIT_FINDINGS)
    try:
        data = html_to_pdf(document) if output.suffix.lower() == ".pdf" else document.encode("utf-8")
        _write(output, data)
    except PdfError as exc:
        click.echo(f"{exc}. Nothing was written.", err=True)
        exit_with(EXIT_USAGE)
    except OSError as exc:
        click.echo(f"{safe(str(output))}: cannot be written ({exc.strerror}). Nothing was written.", err=True)
        exit_with(EXIT_USAGE)
    per = SHEETS[sheet].per_sheet
    sheets = (start - 1 + len(made) + per - 1) // per
    click.echo(
        f"{len(made)} {kind} label{'s' if len(made) != 1 else ''} on {sheets} sheet{'s' if sheets != 1 else ''} "
        f"of {SHEETS[sheet].title}: {safe(str(output))}"
    )
