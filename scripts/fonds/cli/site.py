"""``fonds build`` (the website, through MkDocs) and ``fonds pages`` (the pages as files)."""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path

import click

from ..history import recent_changes
from ..site import build_pages, write_pages
from .base import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, DateType, exit_with, find_root, main, read_catalogue


@main.command()
@click.argument("root", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the site. Default: site_dir in mkdocs.yml (site/).",
)
@click.option("--as-of", type=DateType(), help="The day retention states are shown for. Default: today.")
@click.option(
    "--audience",
    metavar="LEVEL",
    help="Publish only what this security level may see (default: the lowest level, public).",
)
@click.option(
    "--caveat",
    "caveats",
    multiple=True,
    metavar="CAVEAT",
    help="A caveat the audience holds (repeatable); records with other caveats are left out.",
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

    Exit status: 0 built; 1 the catalogue has errors or the build failed; 2 usage error.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    base = find_root(root or Path.cwd())
    config_file = base / "mkdocs.yml"
    if not config_file.is_file():
        click.echo(f"no mkdocs.yml in {base}: the site needs one (see docs/cli.md)", err=True)
        exit_with(EXIT_USAGE)
    if as_of is not None:
        os.environ["FONDS_AS_OF"] = as_of.isoformat()
    if audience is not None:
        os.environ["FONDS_AUDIENCE"] = audience
    if caveats:
        os.environ["FONDS_AUDIENCE_CAVEATS"] = ",".join(caveats)
    handler, ours = _EchoHandler(logging.WARNING), _EchoHandler(logging.INFO)
    handler.addFilter(lambda record: not record.name.startswith(PLUGIN_LOGGER))
    logger, plugin_logger = logging.getLogger("mkdocs"), logging.getLogger(PLUGIN_LOGGER)
    logger.addHandler(handler)
    plugin_logger.addHandler(ours)
    plugin_logger.setLevel(logging.INFO)
    try:
        options = {"site_dir": str(site_dir)} if site_dir else {}
        config = load_config(config_file=str(config_file), strict=True, **options)
        mkdocs_build(config)
    except MkDocsException as exc:
        click.echo(f"fonds build: {exc}", err=True)
        exit_with(EXIT_FINDINGS)
    finally:
        logger.removeHandler(handler)
        plugin_logger.removeHandler(ours)
    click.echo(f"built the site in {config.site_dir}")
    exit_with(EXIT_CLEAN)


PLUGIN_LOGGER = "mkdocs.plugins.fonds"


class _EchoHandler(logging.Handler):
    """MkDocs' warnings and errors (catalogue problems among them), and what the fonds plugin
    reports, on standard error."""

    def emit(self, record: logging.LogRecord) -> None:
        prefix = "" if record.levelno == logging.INFO else f"{record.levelname}: "
        click.echo(f"{prefix}{record.getMessage()}", err=True)


@main.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.argument("root", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--as-of", type=DateType(), help="The day retention states are shown for. Default: today.")
def pages(out: Path, root: Path | None, as_of: date | None) -> None:
    """Write the catalogue's pages as Markdown files into OUT, for another site generator.

    The same pages the fonds MkDocs plugin serves: HTML inside Markdown, every catalogue
    value escaped, with the downloads (CSV, JSON) beside them.
    """
    base, catalogue, problems = read_catalogue(root, validate=True)
    files = build_pages(catalogue, as_of or date.today(), problems=problems, changes=recent_changes(base))
    count = write_pages(files, out)
    click.echo(f"wrote {count} files to {out}")
    exit_with(EXIT_CLEAN)
