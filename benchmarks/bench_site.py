"""How fast is the site build? ``fonds build`` against plain MkDocs on the same pages, in one run.

Baseline: ``mkdocs build`` (Material, no fonds plugin) of exactly the pages the plugin makes,
written beforehand as Markdown files by ``fonds pages``, followed by the same Pagefind run.
The difference is the plugin's own work: reading and checking the catalogue, computing
retention, generating pages in memory.

    python benchmarks/bench_site.py                   # 10k records, then 100k for fonds alone
    python benchmarks/bench_site.py --records 2000 --large 0

Targets (docs/benchmarks.md): 10k records built in under 90 s with under 1 GB peak memory on a
2-core machine; the plugin's overhead under 20% of the plain build; 100k reported.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_check import BIN, catalogue, timed

THEME = """site_name: Synthetic catalogue
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
validation:
  nav:
    omitted_files: ignore
nav:
  - Catalogue: index.md
  - File plan: file-plan.md
  - Indexes: indexes/index.md
  - Schedules: schedules/index.md
  - Holds: holds/index.md
  - Reports: reports/index.md
  - Downloads: downloads.md
"""


def prepare(root: Path) -> tuple[Path, Path]:
    """mkdocs.yml for the plugin build, and a plain project of the same pages as files."""
    (root / "docs").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(
        THEME.format(docs="docs", site="site") + "plugins:\n  - fonds:\n      as_of: '2026-11-23'\n"
    )
    plain = root / "plain"
    if plain.exists():
        shutil.rmtree(plain)
    subprocess.run(
        [str(BIN / "fonds"), "pages", str(plain / "docs"), "--root", str(root), "--as-of", "2026-11-23"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    # The plugin adds its stylesheet and script; the plain build gets the same files.
    assets = Path(__file__).parent.parent / "scripts" / "fonds" / "site" / "assets"
    shutil.copytree(assets, plain / "docs" / "assets" / "fonds")
    (plain / "mkdocs.yml").write_text(
        THEME.format(docs="docs", site="site") + "plugins: []\n"
        "extra_css: [assets/fonds/fonds.css]\nextra_javascript: [assets/fonds/fonds.js]\n"
    )
    return root, plain


def run(label: str, commands: list[list[str]], cwd: Path) -> tuple[float, float]:
    seconds, memory = 0.0, 0.0
    for command in commands:
        elapsed, mb, code = timed(command, cwd)
        if code != 0:
            sys.exit(f"{label} failed: {' '.join(command)}")
        seconds += elapsed
        memory = max(memory, mb)
    print(f"  {label:<44} {seconds:8.2f} s   peak {memory:6.0f} MB", flush=True)
    return seconds, memory


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000, help="size built with fonds alone (0: skip)")
    args = parser.parse_args()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"fonds {version('fonds')}, mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}, "
        f"pagefind {version('pagefind')}"
    )
    pagefind = [sys.executable, "-m", "pagefind", "--site", "site"]
    root, plain = prepare(catalogue(args.records))
    print(f"\n{args.records} records (Pagefind search):")
    ours, memory = run(
        "fonds build (plugin, pages in memory)", [[str(BIN / "fonds"), "build", "--root", "."]], root
    )
    theirs, _ = run(
        "mkdocs build of the same pages + Pagefind", [[str(BIN / "mkdocs"), "build", "-q"], pagefind], plain
    )
    print(f"  plugin overhead: {100 * (ours - theirs) / theirs:+.1f}% (target: under 20%)")
    print(f"  target: under 90 s and 1 GB -> {'met' if ours < 90 and memory < 1024 else 'NOT MET'}")
    if args.large:
        root, _ = prepare(catalogue(args.large))
        print(f"\n{args.large} records:")
        run("fonds build", [[str(BIN / "fonds"), "build", "--root", "."]], root)


if __name__ == "__main__":
    main()
