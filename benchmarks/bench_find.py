"""How fast are ``fonds find`` and ``fonds show`` on a large catalogue? Against ``fonds due``.

Both read the catalogue as ``fonds due`` does (without the schemas); ``find`` then looks at
every record once, ``show`` at one record and the relations pointing at it.

    python benchmarks/bench_find.py                # 100k records
    python benchmarks/bench_find.py --records 10000

Target: each within a few seconds of ``fonds due``, whose reading of the files dominates.
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
    fonds = str(BIN / "fonds")
    day = ["--as-of", "2026-11-23"]
    found = measure(
        "fonds find 'invoices 2019'", [fonds, "find", "invoices 2019", "--root", ".", *day], root, args.repeat
    )
    first = sorted((root / "catalogue" / "records").rglob("*.yml"))[0].stem
    shown = measure(f"fonds show {first}", [fonds, "show", first, "--root", ".", *day], root, args.repeat)
    due = measure("fonds due (baseline)", [fonds, "due", "--root", ".", *day, "--fail-on", "never"], root, 1)
    print(f"  find takes {found - due:+.1f} s, show {shown - due:+.1f} s against fonds due")


if __name__ == "__main__":
    main()
