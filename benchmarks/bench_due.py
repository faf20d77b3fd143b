"""How fast is ``fonds due`` on a large catalogue? Measured against ``fonds check``, in one run.

Baseline: ``fonds check`` on the same catalogue (the full validation CI runs first). The
report reads the files without the schemas and computes every record's retention state.

    python benchmarks/bench_due.py                # 100k records
    python benchmarks/bench_due.py --records 10000
    python benchmarks/bench_due.py --baseline-src /tmp/old/scripts   # and an older fonds, same run

``--baseline-src`` times the same report with another copy of the package (e.g.
``git archive OLD scripts | tar -x -C /tmp/old``), so that two versions are compared on the
same machine in the same minutes: this machine's timings vary too much between runs.

Target (docs/benchmarks.md): ``fonds due`` over 100k records in under 15 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_check import BIN, catalogue, measure, timed


def interleaved(command: list[str], other: list[str], root: Path, repeat: int) -> float:
    """Median seconds of ``command``, timed in turn with ``other`` so that both see the same load."""
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(repeat):
        for runs, argv in ((mine, command), (theirs, other)):
            seconds, _, code = timed(argv, root)
            if code != 0:
                sys.exit(f"exit {code}: {' '.join(argv[:4])} ...")
            runs.append(seconds)
    report, before = statistics.median(mine), statistics.median(theirs)
    print(f"  fonds due --within P90D            median {report:7.2f} s   best {min(mine):7.2f} s")
    print(f"  fonds due, baseline source         median {before:7.2f} s   best {min(theirs):7.2f} s")
    print(f"  ratio: this fonds takes {report / before:.2f} of the time of the baseline (medians)")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-src", type=Path, help="a 'scripts' folder of another fonds")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"fonds {version('fonds')}, PyYAML {version('PyYAML')}")
    root = catalogue(args.records)
    print(f"\n{args.records} records:")
    options = [
        "due",
        "--root",
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
    command = [str(BIN / "fonds"), *options]
    if args.baseline_src is None:
        report = measure("fonds due --within P90D", command, root, args.repeat)
    else:
        start = f"import sys; sys.path.insert(0, {str(args.baseline_src.resolve())!r}); "
        other = [sys.executable, "-c", start + "from fonds.cli import main; main()", *options]
        report = interleaved(command, other, root, args.repeat)
    check = measure("fonds check (baseline)", [str(BIN / "fonds"), "check", "--root", "."], root, 1)
    print(f"  ratio: fonds due takes {report / check:.2f} of the time of fonds check")
    print(f"  target: under 15 s -> {'met' if report < 15 else 'NOT MET'}")


if __name__ == "__main__":
    main()
