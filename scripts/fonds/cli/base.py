"""The ``fonds`` command group and what its commands share: exit codes, the catalogue root,
option types for dates and periods, and the progress bar. Each command lives beside this
module, one module each; it parses options, calls the library and prints, nothing more."""

from __future__ import annotations

import functools
import importlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from .. import __version__
from ..dates import parse_date
from ..diagnostics import Diagnostic
from ..model import Catalogue
from ..reading.limits import Kind, value_problem
from ..reading.loader import CONFIG_FILE, ConfigError, load_catalogue
from ..retention.periods import Period, parse_period
from ..terminal import safe, terminal_safe

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
PROGRESS_THRESHOLD = 2000
"""Show a progress bar (on a terminal) when a catalogue has more files than this."""


_FAST_EXIT = False


def entry() -> None:
    """The ``fonds`` console command. Tests call ``main`` instead, which exits normally."""
    global _FAST_EXIT
    _FAST_EXIT = True
    main()


def exit_with(code: int) -> None:
    """Exit with ``code``. From the console, skip freeing the catalogue object by object, as
    mypy does: for 100k records that teardown alone takes seconds, and the OS frees it all."""
    if _FAST_EXIT:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def read_catalogue(root: Path | None, *, validate: bool = False) -> tuple[Path, Catalogue, list[Diagnostic]]:
    """The catalogue in ROOT (or here, or the nearest folder above with fonds.yml), read with a
    progress bar on long runs. Without fonds.yml: the message, then exit 2."""
    base = find_root(root or Path.cwd())
    try:
        with progress("Reading the catalogue") as bar:
            catalogue, problems = load_catalogue(base, bar, validate=validate)
    except ConfigError as exc:
        click.echo(exc.diagnostic.render(), err=True)
        exit_with(EXIT_USAGE)
    return base, catalogue, problems


def check_selection(catalogue: Catalogue, classes: Sequence[str], locations: Sequence[str]) -> None:
    """A usage error (exit 2) naming every ``--class`` and ``--location`` that does not exist."""
    unknown = [f"class '{c}' is not in the file plan" for c in classes if c not in catalogue.classes]
    unknown += [
        f"location '{loc}' is not in catalogue/locations.yml"
        for loc in locations
        if loc not in catalogue.locations
    ]
    if unknown:
        raise click.UsageError(safe("; ".join(unknown)))


def find_root(start: Path) -> Path:
    """The folder holding fonds.yml: ``start`` or the nearest folder above it."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return start


class TerminalSafe(io.TextIOBase):
    """A text stream that writes every control character as an escape (``terminal_safe``):
    whatever a command prints, nothing from the catalogue can move the cursor, erase a line
    or reorder text on a terminal or in a CI log. Tabs and line ends pass."""

    def __init__(self, raw: Any) -> None:
        self.raw_stream = raw

    def write(self, text: str) -> int:
        self.raw_stream.write(terminal_safe(text, lines=True))
        return len(text)

    def flush(self) -> None:
        self.raw_stream.flush()

    def isatty(self) -> bool:
        return bool(self.raw_stream.isatty())

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.raw_stream, "encoding", "utf-8"))


COMMAND_MODULES = {
    "access": "access", "audit": "audit", "build": "site", "check": "check", "checkout": "chargeout",
    "checkouts": "checkouts", "close": "close", "codeowners": "codeowners", "dispose": "dispose",
    "due": "due", "event": "event", "export": "records", "find": "find", "fixity": "fixity",
    "history": "history", "hold": "hold", "import": "records", "import-schedule": "schedules",
    "init": "init", "inventory": "inventory", "labels": "labels", "new": "new", "pages": "site",
    "request": "request", "return": "chargeout", "review": "review", "schemas": "init",
    "serve": "site", "show": "show", "stats": "stats", "transfer": "transfer",
}  # fmt: skip
"""The module of this package that defines each command (and adds it to ``main`` when
imported). Only the command that runs is imported: each starts about half a second sooner than
with every command's libraries loaded (barcodes, spreadsheets, Git, MkDocs)."""


class _Commands(click.Group):
    """The ``fonds`` group: a command's module is imported when the command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            importlib.import_module(f"{__package__}.{module}")
        return super().get_command(ctx, cmd_name)

    def load_all(self) -> None:
        """Every command in ``commands`` (for those that list them all)."""
        for module in sorted(set(COMMAND_MODULES.values())):
            importlib.import_module(f"{__package__}.{module}")


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="fonds")
@click.pass_context
def main(ctx: click.Context) -> None:
    """fonds: keep a records catalogue as YAML files in a Git repository.

    Exit status: 0 when all is well, 1 when problems were found, 2 for a usage or
    configuration error (for example no fonds.yml).
    """
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalSafe(saved[0]), TerminalSafe(saved[1])

    def restore() -> None:
        sys.stdout, sys.stderr = saved

    ctx.call_on_close(restore)


ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    help="The catalogue (default: here, or the nearest folder above with fonds.yml).",
)
"""How every command is given the catalogue."""

_ROOT_ARGUMENT = click.argument(
    "root_argument", metavar="[ROOT]", required=False, type=click.Path(file_okay=False, path_type=Path)
)
ROOT_DEPRECATED = "fonds: the ROOT argument is deprecated; use --root ROOT"

F = TypeVar("F", bound=Callable[..., Any])


def catalogue_root(command: F) -> F:
    """``--root DIR``, and the older positional ROOT, which still works with a deprecation
    notice on stderr; the command receives one ``root``. Put it where ROOT was, among the
    command's arguments."""

    @functools.wraps(command)
    def given(*args: Any, root_argument: Path | None, root: Path | None, **kwargs: Any) -> Any:
        if root_argument is not None:
            click.echo(ROOT_DEPRECATED, err=True)
            if root is not None and root != root_argument:
                raise click.UsageError("the catalogue is given twice (ROOT and --root); give --root alone")
            root = root_argument
        return command(*args, root=root, **kwargs)

    return cast(F, ROOT_OPTION(_ROOT_ARGUMENT(given)))


if TYPE_CHECKING:  # click is generic for type checkers; older releases are not at run time
    _DateParam = click.ParamType[date]
    _PeriodParam = click.ParamType[Period]
    _StrParam = click.ParamType[str]
else:
    _DateParam = _PeriodParam = _StrParam = click.ParamType


class DateType(_DateParam):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        parsed = parse_date(value)
        if parsed is None:
            self.fail(f"{value!r} is not a real date written YYYY-MM-DD", param, ctx)
        return parsed


class ValueType(_StrParam):
    """An id, a name or a text within the schema's limits (``reading.limits``): a usage error (exit 2)
    before anything is read or written, otherwise."""

    def __init__(self, kind: Kind) -> None:
        self.kind: Kind = kind
        self.name = {"id": "ID", "slug": "NAME", "person": "NAME", "text": "TEXT"}[kind]

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        problem = value_problem(self.kind, text)
        if problem is not None:
            self.fail(problem, param, ctx)
        return text


class PeriodType(_PeriodParam):
    name = "PERIOD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Period:
        if isinstance(value, Period):
            return value
        parsed = parse_period(value)
        if parsed is None:
            self.fail(f"{value!r} is not an ISO 8601 period such as P90D, P3M or P1Y", param, ctx)
        if parsed.too_long:
            self.fail(f"{value!r} is longer than the calendar (9999 years)", param, ctx)
        return parsed


class progress:
    """A progress bar on stderr for long runs on a terminal; silent otherwise (CI, pipes)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None
        self.shown = 0

    def __enter__(self) -> progress:
        return self

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_THRESHOLD or not sys.stderr.isatty():
            return
        if self.bar is None:
            stream = getattr(sys.stderr, "raw_stream", sys.stderr)  # its CR redraws the bar
            self.bar = click.progressbar(length=total, label=self.label, file=stream)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
