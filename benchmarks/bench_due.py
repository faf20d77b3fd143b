"""How fast is ``fonds due`` on a large catalogue? Measured against ``fonds check``, in one run.

Baseline: ``fonds check`` on the same catalogue (the full validation CI runs first). The
report reads the files without the schemas and computes every record's retention state.

    python benchmarks/bench_due.py                # 100k records
    python benchmarks/bench_due.py --records 10000

Target (docs/benchmarks.md): ``fonds due`` over 100k records in under 15 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_check import BIN, catalogue, measure


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"fonds {version('fonds')}, PyYAML {version('PyYAML')}")
    root = catalogue(args.records)
    print(f"\n{args.records} records:")
    due = [
        str(BIN / "fonds"),
        "due",
        ".",
        "--as-of",
        "2026-11-23",
        "--within",
        "P90D",
        "--format",
        "json",
        "--fail-on",
        "never",
    ]
    report = measure("fonds due --within P90D", due, root, args.repeat)
    check = measure("fonds check (baseline)", [str(BIN / "fonds"), "check", "."], root, 1)
    print(f"  ratio: fonds due takes {report / check:.2f} of the time of fonds check")
    print(f"  target: under 15 s -> {'met' if report < 15 else 'NOT MET'}")


if __name__ == "__main__":
    main()
