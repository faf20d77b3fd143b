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
Each build starts from an empty site folder, as on a fresh clone: an earlier build is moved
aside first and deleted only after the last measurement. On this machine's ext4 (no journal),
files created soon after a large delete cost several times more system time: the kernel
skips recently freed inodes one by one (``recently_deleted`` in fs/ext4/ialloc.c), and an
inode counts as recent for 60 s, or for 6 minutes while its inode table is being written, as
it is during a build. Deleting 15,000 pages just before a build added 10 s of system time to
it. So start the script again 6 minutes after its last run ended.

Wall time, CPU time (user + system, children included) and peak memory are printed. Load
changes wall time; the disk's state changes system time; user time is the steadiest figure.
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
        discard(plain)
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


TRASH = Path(__file__).parent / "out" / "trash"


def discard(path: Path) -> None:
    """Move ``path`` aside (a rename), to be deleted by ``empty_trash`` when nothing is timed."""
    TRASH.mkdir(parents=True, exist_ok=True)
    path.rename(TRASH / f"{len(list(TRASH.iterdir()))}-{path.name}")


def empty_trash() -> None:
    shutil.rmtree(TRASH, ignore_errors=True)
    os.sync()


def timed(command: list[str], cwd: Path) -> tuple[float, float, float, float, int]:
    """Wall seconds, user and system CPU seconds, peak memory in MB (largest process) and exit
    code of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_utime, usage.ru_stime, usage.ru_maxrss / 1024, code


def run(label: str, commands: list[list[str]], cwd: Path) -> tuple[float, float, float]:
    """Run ``commands`` one after the other in ``cwd``, into an empty site folder (as a build on
    a fresh clone does), after the disk has written out what earlier steps left in memory
    (``sync``: otherwise a build pays for its predecessor's writes)."""
    if (cwd / "site").exists():
        discard(cwd / "site")
    os.sync()
    seconds, user, system, memory = 0.0, 0.0, 0.0, 0.0
    for command in commands:
        elapsed, used, kernel, mb, code = timed(command, cwd)
        if code != 0:
            sys.exit(f"{label} failed: {' '.join(command)}")
        seconds, user, system, memory = seconds + elapsed, user + used, system + kernel, max(memory, mb)
    cpu = user + system
    print(
        f"  {label:<44} {seconds:8.2f} s wall  {cpu:8.2f} s CPU ({user:.2f} user + {system:.2f} system)"
        f"  peak {memory:6.0f} MB",
        flush=True,
    )
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
    empty_trash()


if __name__ == "__main__":
    main()
