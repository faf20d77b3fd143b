"""How fast is ``fonds check``? Measured against check-jsonschema, in one run.

Baseline: check-jsonschema (the usual JSON Schema CLI and pre-commit hook) validating the same
record files against the same record schema. It checks each file alone; fonds check also checks
the catalogue as a whole (ids, classes, relations, holds, access) and gives line numbers.

    python benchmarks/bench_check.py                 # 10k records, both tools, and 100k for fonds
    python benchmarks/bench_check.py --records 2000 --large 0

Targets (docs/benchmarks.md): at least 5x faster than check-jsonschema on 10k records;
100k records in under 60 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

HERE = Path(__file__).parent
OUT = HERE / "out"
SCHEMA = HERE.parent / "scripts" / "fonds" / "schemas" / "record.schema.json"
BIN = Path(sys.executable).parent


def catalogue(n: int) -> Path:
    root = OUT / f"cat-{n}"
    marker = root / ".generated"
    if not marker.exists():
        print(f"generating {n} records in {root} ...", flush=True)
        generate(n, root)
        marker.write_text(str(n))
    return root


def timed(command: list[str], cwd: Path) -> tuple[float, float, int, float]:
    """Wall seconds, peak memory in MB (largest process), exit code and CPU seconds (user +
    system, the worker processes included) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.stderr is not None:
        proc.stderr.close()
    return elapsed, usage.ru_maxrss / 1024, proc.returncode, usage.ru_utime + usage.ru_stime


def measure(label: str, command: list[str], cwd: Path, repeat: int) -> float:
    runs = [timed(command, cwd) for _ in range(repeat)]
    codes = {code for _, _, code, _ in runs}
    if codes != {0}:
        sys.exit(f"{label} failed (exit {codes}): {' '.join(command[:4])} ...")
    best = min(seconds for seconds, _, _, _ in runs)
    median = statistics.median(seconds for seconds, _, _, _ in runs)
    memory = max(mb for _, mb, _, _ in runs)
    cpu = statistics.median(cpu for _, _, _, cpu in runs)
    print(
        f"  {label:<34} best {best:7.2f} s   median {median:7.2f} s   CPU {cpu:7.2f} s   peak {memory:6.0f} MB",
        flush=True,
    )
    return median


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=10_000, help="size compared with check-jsonschema")
    parser.add_argument("--large", type=int, default=100_000, help="size timed for fonds alone (0: skip)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    fonds = [str(BIN / "fonds"), "check", "--root", "."]
    baseline = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
    if baseline is None:
        sys.exit("check-jsonschema is not installed: make test (or pip install -e '.[dev]') installs it")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"fonds {version('fonds')}, check-jsonschema {version('check-jsonschema')}, "
        f"jsonschema {version('jsonschema')}, jsonschema-rs {version('jsonschema-rs')}, PyYAML {version('PyYAML')}"
    )

    root = catalogue(args.records)
    files = sorted(str(p.relative_to(root)) for p in (root / "catalogue" / "records").rglob("*.yml"))
    print(f"\n{args.records} records, {args.repeat} runs each:")
    ours = measure("fonds check", fonds, root, args.repeat)
    theirs = measure(
        "check-jsonschema (baseline)", [baseline, "--schemafile", str(SCHEMA), *files], root, args.repeat
    )
    print(f"  ratio: fonds check is {theirs / ours:.1f}x faster than check-jsonschema (target: 5x)")

    if args.large:
        root = catalogue(args.large)
        print(f"\n{args.large} records:")
        seconds = measure("fonds check", fonds, root, 1)
        print(f"  target: under 60 s -> {'met' if seconds < 60 else 'NOT MET'}")


if __name__ == "__main__":
    main()
