"""How fast is the site build? ``fonds build`` against plain MkDocs on the same pages, in one run.

Baseline: ``mkdocs build`` (Material, no fonds plugin) of exactly the pages the plugin makes,
written beforehand as Markdown files by ``fonds pages``, followed by the same Pagefind run.
The plugin does more (reads and checks the catalogue, computes retention, generates the
pages) and still should be faster: its generated pages skip Python-Markdown and are rendered
from one theme-template render per folder (``fonds.plugin_pages``).

    python benchmarks/bench_site.py                   # 10k records, then 100k for fonds alone
    python benchmarks/bench_site.py --records 2000 --large 0

Targets (docs/benchmarks.md), on a 2-core machine: 10k records in under 20 s and 600 MB; 100k
records in under 4 minutes and 2 GB; ``fonds build`` at least 3x faster than the plain build.
Each build starts from an empty site folder (the earlier build is deleted first, untimed).
Wall and CPU time (user + system, children included) are printed: the machine is shared, and
the CPU time is the figure that load does not change.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_check import BIN, catalogue

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


def timed(command: list[str], cwd: Path) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak memory in MB (largest process) and exit code of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def run(label: str, commands: list[list[str]], cwd: Path) -> tuple[float, float, float]:
    """Run ``commands`` one after the other in ``cwd``, into an empty site folder (as a build on
    a fresh clone does: deleting an earlier build's 75,000 pages is the disk's time, not the
    build's, and is left out of the figures)."""
    shutil.rmtree(cwd / "site", ignore_errors=True)
    seconds, cpu, memory = 0.0, 0.0, 0.0
    for command in commands:
        elapsed, used, mb, code = timed(command, cwd)
        if code != 0:
            sys.exit(f"{label} failed: {' '.join(command)}")
        seconds, cpu, memory = seconds + elapsed, cpu + used, max(memory, mb)
    print(f"  {label:<44} {seconds:8.2f} s wall  {cpu:8.2f} s CPU  peak {memory:6.0f} MB", flush=True)
    return seconds, cpu, memory


def verdict(seconds: float, cpu: float, memory: float, limit_s: float, limit_mb: float) -> str:
    wall = "met" if seconds < limit_s else "NOT MET"
    return f"{wall} in wall time, {'met' if cpu < limit_s else 'NOT MET'} in CPU time; memory " + (
        "met" if memory < limit_mb else "NOT MET"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000, help="size built with fonds alone (0: skip)")
    args = parser.parse_args()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"fonds {version('fonds')}, mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}, "
        f"pagefind {version('pagefind')}"
    )
    pagefind = [sys.executable, "-m", "pagefind", "--site", "site"]
    root, plain = prepare(catalogue(args.records))
    print(f"\n{args.records} records (Pagefind search):")
    ours, our_cpu, memory = run(
        "fonds build (plugin, pages in memory)", [[str(BIN / "fonds"), "build", "--root", "."]], root
    )
    theirs, their_cpu, _ = run(
        "mkdocs build of the same pages + Pagefind", [[str(BIN / "mkdocs"), "build", "-q"], pagefind], plain
    )
    print(f"  speed-up: {theirs / ours:.1f}x wall, {their_cpu / our_cpu:.1f}x CPU (target: at least 3x)")
    print(f"  target under 20 s and 600 MB: {verdict(ours, our_cpu, memory, 20, 600)}")
    if args.large:
        root, _ = prepare(catalogue(args.large))
        print(f"\n{args.large} records:")
        seconds, cpu, memory = run("fonds build", [[str(BIN / "fonds"), "build", "--root", "."]], root)
        print(f"  target under 240 s and 2 GB: {verdict(seconds, cpu, memory, 240, 2048)}")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
