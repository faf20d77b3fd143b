"""Pagefind for the plugin: one Pagefind run per shard of search documents, each into its own
bundle folder of the site (``pagefind/``, ``pagefind-1/``, ...), so the indexer's memory is set
by the shard size, not by the catalogue. What the documents hold is ``site.search_index``.

Each run reads a temporary folder of one small HTML file per record (at the path of the
record's page, so results get the page's URL) with the Pagefind command (``python -m pagefind``,
from the ``pagefind[bin]`` package): the documented interface, and no re-parsing of the
written pages with their navigation and boilerplate.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .site.html import esc
from .site.search_index import SearchDocument, bundle_names, iter_shard_files, shards

_BUNDLE = re.compile(r"pagefind(-[0-9]+)?")


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message holds its output."""


def index_site(
    site_dir: str | Path, documents: Sequence[SearchDocument], shard_size: int, language: str
) -> list[str]:
    """Index ``documents`` into bundles under ``site_dir``; returns the bundle names. Bundles
    of an earlier build in the same folder are removed first (a dirty build must not keep
    another audience's index)."""
    site = Path(site_dir)
    for old in site.iterdir() if site.is_dir() else ():
        if old.is_dir() and _BUNDLE.fullmatch(old.name):
            shutil.rmtree(old)
    parts = shards(documents, shard_size)
    names = bundle_names(len(parts))
    for name, part in zip(names, parts, strict=True):
        with tempfile.TemporaryDirectory(prefix="fonds-search-") as folder:
            _write_shard(Path(folder), part, language)
            _run_pagefind(Path(folder), site / name)
    return names


def _write_shard(folder: Path, documents: Sequence[SearchDocument], language: str) -> None:
    for path, text in iter_shard_files(documents, language):
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    if not documents:  # Pagefind writes no bundle for an empty folder: one empty page
        (folder / "index.html").write_text(
            f'<html lang="{esc(language)}"><body></body></html>', encoding="utf-8"
        )


def _run_pagefind(folder: Path, output: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(folder), "--output-path", str(output)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SearchIndexError(f"{result.stdout}{result.stderr}")
