"""``fonds build`` (the website, through MkDocs) and ``fonds pages`` (the pages as files)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import click

from ..diagnostics import Severity
from ..site import PublishError, publish, unsafe_site_dir, write_pages
from .base import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, DateType, catalogue_root, exit_with, find_root, main

AUDIENCE_HELP = (
    "Publish only what this security level may see (default: the lowest level, public; env FONDS_AUDIENCE)."
)
CAVEAT_HELP = (
    "A caveat the audience holds (repeatable; env FONDS_AUDIENCE_CAVEATS, comma-separated); "
    "records with other caveats are left out."
)


@main.command()
@catalogue_root
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the site. Default: site_dir in mkdocs.yml (site/).",
)
@click.option("--as-of", type=DateType(), help="The day retention states are shown for. Default: today.")
@click.option(
    "--audience",
    metavar="LEVEL",
    help=AUDIENCE_HELP,
)
@click.option(
    "--caveat",
    "caveats",
    multiple=True,
    metavar="CAVEAT",
    help=CAVEAT_HELP,
)
def build(
    root: Path | None,
    site_dir: Path | None,
    as_of: date | None,
    audience: str | None,
    caveats: tuple[str, ...],
) -> None:
    """Check the catalogue, then build its website (mkdocs build --strict with the fonds plugin).

    The build stops before any page is written when the catalogue has errors: fix what
    fonds check reports first.

    The site folder may not be, hold or lie inside the repository's catalogue/, schedules/,
    docs/ or .git (MkDocs empties it first): such a folder is refused and nothing is deleted.

    Exit status: 0 built; 1 the catalogue has errors or the build failed; 2 usage error
    (no mkdocs.yml, an unsafe site folder, an unknown audience).
    """
    base, config_file = _site_config(root)
    unsafe = unsafe_site_dir(base, site_dir) if site_dir is not None else None
    if unsafe is not None:
        click.echo(f"fonds build: {unsafe}", err=True)
        exit_with(EXIT_USAGE)
    with _environment(_settings(as_of, audience, caveats)), _echoed_logs():
        code, message = _mkdocs_build(base, config_file, site_dir)
    click.echo(message, err=code != EXIT_CLEAN)
    exit_with(code)


@main.command()
@catalogue_root
@click.option(
    "--dev-addr",
    "-a",
    metavar="IP:PORT",
    help="Where to serve the preview. Default: dev_addr in mkdocs.yml (127.0.0.1:8000).",
)
@click.option("--as-of", type=DateType(), help="The day retention states are shown for. Default: today.")
@click.option("--audience", metavar="LEVEL", help=AUDIENCE_HELP)
@click.option("--caveat", "caveats", multiple=True, metavar="CAVEAT", help=CAVEAT_HELP)
@click.option("--full", is_flag=True, help="Rebuild the whole site after every change (plain mkdocs serve).")
def serve(
    root: Path | None,
    dev_addr: str | None,
    as_of: date | None,
    audience: str | None,
    caveats: tuple[str, ...],
    full: bool,
) -> None:
    """Preview the site while editing: after each change, rebuild only what changed.

    Runs mkdocs serve --dirty with the fonds plugin: a record file saved under catalogue/
    is read and checked again, and only the pages whose content changed are written again (a
    removed record's page goes). A change to fonds.yml, mkdocs.yml, docs/ or the audience
    rebuilds the whole site. The page shown is always what a full build would show. Stop
    with Ctrl+C.

    Exit status: 0 stopped; 1 the first build failed; 2 usage error (no mkdocs.yml, a bad
    mkdocs.yml or --dev-addr, an audience the catalogue does not define).
    """
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from ..plugin import RefusedError

    _, config_file = _site_config(root)
    options: dict[str, Any] = {"dev_addr": dev_addr} if dev_addr else {}
    with _environment(_settings(as_of, audience, caveats)), _echoed_logs(everything=True):
        try:  # a bad mkdocs.yml or --dev-addr is a usage error, before any server starts
            load_config(config_file=str(config_file), **options)
        except MkDocsException as exc:
            click.echo(f"fonds serve: {exc}", err=True)
            exit_with(EXIT_USAGE)
        try:
            mkdocs_serve(config_file=str(config_file), build_type=None if full else "dirty", **options)
        except MkDocsException as exc:
            click.echo(f"fonds serve: {exc}", err=True)
            refused = isinstance(exc, RefusedError) or isinstance(exc.__context__, RefusedError)
            exit_with(EXIT_USAGE if refused else EXIT_FINDINGS)
    exit_with(EXIT_CLEAN)


def _site_config(root: Path | None) -> tuple[Path, Path]:
    """The catalogue root and its mkdocs.yml (exit 2 without one)."""
    base = find_root(root or Path.cwd())
    config_file = base / "mkdocs.yml"
    if not config_file.is_file():
        click.echo(f"no mkdocs.yml in {base}: the site needs one (see docs/cli.md)", err=True)
        exit_with(EXIT_USAGE)
    return base, config_file


def _settings(as_of: date | None, audience: str | None, caveats: tuple[str, ...]) -> dict[str, str | None]:
    return {
        "FONDS_AS_OF": as_of.isoformat() if as_of else None,
        "FONDS_AUDIENCE": audience,
        "FONDS_AUDIENCE_CAVEATS": ",".join(caveats) if caveats else None,
    }


@contextmanager
def _environment(settings: dict[str, str | None]) -> Iterator[None]:
    """The plugin reads these; they are put back afterwards (a second build in the same
    process must not inherit this one's audience)."""
    saved = {name: os.environ.get(name) for name in settings}
    os.environ.update({name: value for name, value in settings.items() if value is not None})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def _echoed_logs(*, everything: bool = False) -> Iterator[None]:
    """MkDocs' warnings (``everything``: its progress too, such as where it serves) and the
    plugin's reports, on standard error."""
    handler = _EchoHandler(logging.INFO if everything else logging.WARNING)
    ours = _EchoHandler(logging.INFO)
    handler.addFilter(lambda record: not record.name.startswith(PLUGIN_LOGGER))
    logger, plugin_logger = logging.getLogger("mkdocs"), logging.getLogger(PLUGIN_LOGGER)
    level = logger.level
    logger.addHandler(handler)
    plugin_logger.addHandler(ours)
    plugin_logger.setLevel(logging.INFO)
    if everything:
        logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        plugin_logger.removeHandler(ours)
        logger.setLevel(level)


def _mkdocs_build(base: Path, config_file: Path, site_dir: Path | None) -> tuple[int, str]:
    """(exit status, what to say). The site folder is judged again where MkDocs resolved it
    (a relative --site-dir is relative to mkdocs.yml), before MkDocs empties it."""
    from jinja2 import TemplateError
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config = None
    try:
        options = {"site_dir": str(site_dir)} if site_dir else {}
        config = load_config(config_file=str(config_file), strict=True, **options)
        unsafe = unsafe_site_dir(base, config.site_dir, config.docs_dir)
        if unsafe is not None:
            return EXIT_USAGE, f"fonds build: {unsafe}"
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        refused = config is not None and getattr(config.plugins.get("fonds"), "refused", False)
        return (EXIT_USAGE if refused else EXIT_FINDINGS), f"fonds build: {exc}"
    except TemplateError as exc:  # a theme override of the catalogue's own (custom_dir)
        filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
        where = f" ({filename}, line {line})" if filename else ""
        return (
            EXIT_FINDINGS,
            f"fonds build: a theme template failed{where}: {exc.message or exc}; nothing more was built",
        )
    except OSError as exc:
        return EXIT_FINDINGS, f"fonds build: cannot write the site: {exc}"
    return EXIT_CLEAN, f"built the site in {config.site_dir}"


PLUGIN_LOGGER = "mkdocs.plugins.fonds"


class _EchoHandler(logging.Handler):
    """MkDocs' warnings and errors (catalogue problems among them), and what the fonds plugin
    reports, on standard error."""

    def emit(self, record: logging.LogRecord) -> None:
        prefix = "" if record.levelno == logging.INFO else f"{record.levelname}: "
        click.echo(f"{prefix}{record.getMessage()}", err=True)


@main.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@catalogue_root
@click.option("--as-of", type=DateType(), help="The day retention states are shown for. Default: today.")
@click.option("--audience", metavar="LEVEL", help=AUDIENCE_HELP)
@click.option("--caveat", "caveats", multiple=True, metavar="CAVEAT", help=CAVEAT_HELP)
@click.option("--strict", is_flag=True, help="Write nothing when the catalogue has errors.")
def pages(
    out: Path,
    root: Path | None,
    as_of: date | None,
    audience: str | None,
    caveats: tuple[str, ...],
    strict: bool,
) -> None:
    """Write the catalogue's pages as Markdown files into OUT, for another site generator.

    The same pages the fonds MkDocs plugin serves, for the same audience (the lowest level
    unless --audience says otherwise): HTML inside Markdown, every catalogue value escaped,
    with the downloads (CSV, JSON) beside them. A record file with errors is left out.

    Exit status: 0 written; 1 the catalogue has errors and --strict was given (nothing
    written); 2 usage error (no fonds.yml, an unknown audience).
    """
    base = find_root(root or Path.cwd())
    level = audience or os.environ.get("FONDS_AUDIENCE") or None
    env_caveats = os.environ.get("FONDS_AUDIENCE_CAVEATS")
    held = caveats or (tuple(env_caveats.split(",")) if env_caveats else ())
    try:
        published = publish(base, as_of or date.today(), audience=level, caveats=held, strict=strict)
    except PublishError as exc:
        click.echo(f"fonds pages: {exc}", err=True)
        exit_with(EXIT_USAGE)
    for diagnostic in published.diagnostics:
        if diagnostic.severity is Severity.ERROR:
            click.echo(diagnostic.render(), err=True)
    if published.site is None:
        click.echo(f"fonds pages: {published.stop}", err=True)
        exit_with(EXIT_FINDINGS)
        return
    count = write_pages(published.site, out)
    click.echo(f"wrote {count} files to {out} for the audience '{published.audience}'")
    exit_with(EXIT_CLEAN)
