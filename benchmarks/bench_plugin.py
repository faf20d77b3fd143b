"""How much does the Python side of ``fonds build`` cost? The build without its Pagefind run.

``bench_site.py`` times the whole build, Pagefind's indexer included (a separate program).
This times what fonds and MkDocs do: read and check the catalogue, make the pages, render and
write them; the Pagefind run is replaced by a stub. Each build runs in a fresh process; wall
time, CPU time (user + system, the worker processes that read the files included) and peak
memory are printed.

    python benchmarks/bench_plugin.py --records 10000 --repeat 3
    python benchmarks/bench_plugin.py --records 100000

Figures and targets: docs/benchmarks.md (the site).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_check import catalogue
from bench_site import THEME, empty_trash, run


def build_here() -> None:
    """``fonds build --root .`` in this process, as the console command runs it, with the
    Pagefind run (``plugin_search.index_site``, as the plugin calls it) stubbed."""
    import fonds.plugin
    from fonds.cli import entry

    fonds.plugin.index_site = lambda *args, **kwargs: []  # type: ignore[assignment]
    sys.argv = ["fonds", "build", "--root", "."]
    entry()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--here", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    if args.here:
        build_here()
        return
    root = catalogue(args.records)
    (root / "docs").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(
        THEME.format(docs="docs", site="site") + "plugins:\n  - fonds:\n      as_of: '2026-11-23'\n"
    )
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    command = [sys.executable, str(Path(__file__).resolve()), "--here"]
    for _ in range(args.repeat):
        run(f"fonds build, {args.records} records, no Pagefind", [command], root)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    empty_trash()


if __name__ == "__main__":
    main()
