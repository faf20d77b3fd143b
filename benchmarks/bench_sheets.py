"""How fast are ``fonds export records`` and ``fonds import records`` on 100,000 rows?

Export: ``fonds export records`` of a generated 100k-record catalogue, as CSV and as XLSX.
Baseline, in the same run: ``fonds due --state ... --format csv`` on the same catalogue (a
report that reads the same files and writes one CSV row per record).

Import: ``fonds import records --dry-run`` of 100k new rows (the export of the 100k catalogue
without ids and relations, so every row is a new record) into a generated 1,000-record
catalogue: every row is read, converted, numbered, rendered as YAML, validated against the
schema and checked with the catalogue's record checks, and the whole diff is printed. Baseline,
in the same run: reading the same CSV with the csv module and dumping each row with
``yaml.safe_dump`` (the least any import must do).

    python benchmarks/bench_sheets.py                # 100k rows
    python benchmarks/bench_sheets.py --rows 10000

Targets (docs/benchmarks.md): import of 100k rows under 60 s, export under 30 s, on a 2-core
machine.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import statistics
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from bench_check import BIN, OUT, catalogue

CPU_NOTE = "cpu = user + system seconds of the process: what the run costs when the machine is shared"


def measure(label: str, command: list[str], cwd: Path, repeat: int) -> float:
    """Median wall seconds of ``repeat`` runs, printed with the CPU time and peak memory."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if proc.stderr is not None:
            proc.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{label} failed: {' '.join(command[:4])} ...")
        runs.append((wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024))
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    memory = max(r[2] for r in runs)
    print(f"  {label:<38} wall {wall:7.2f} s   cpu {cpu:7.2f} s   peak {memory:6.0f} MB", flush=True)
    return wall


EVERYONE = ["--audience", "secret"]


def baseline_import(sheet: Path) -> float:
    start, cpu_start = time.perf_counter(), time.process_time()
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    with sheet.open(newline="", encoding="utf-8") as stream:
        reader = csv.reader(stream)
        header = next(reader)
        for row in reader:
            yaml.dump(dict(zip(header, row, strict=False)), Dumper=dumper, sort_keys=False)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    print(f"  {'csv read + yaml dump (baseline)':<38} wall {elapsed:7.2f} s   cpu {cpu:7.2f} s", flush=True)
    return elapsed


def import_sheet(big: Path, rows: int) -> Path:
    """The export of ``big`` with the id and relations columns emptied: all new records."""
    sheet = OUT / f"import-{rows}.csv"
    if sheet.exists():
        return sheet
    exported = OUT / f"export-{rows}.csv"
    measure(
        "(preparing the import sheet)",
        [str(BIN / "fonds"), "export", "records", "--root", ".", "-o", str(exported), *EVERYONE],
        big,
        1,
    )
    with (
        exported.open(newline="", encoding="utf-8") as source,
        sheet.open("w", newline="", encoding="utf-8") as out,
    ):
        reader = csv.DictReader(source)
        names = [n for n in reader.fieldnames or [] if n not in ("id", "relations", "security.caveats")]
        writer = csv.DictWriter(out, names, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for count, row in enumerate(reader):
            if count >= rows:
                break
            writer.writerow(row)
    return sheet


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(CPU_NOTE)
    print(f"fonds {version('fonds')}, openpyxl {version('openpyxl')}, PyYAML {version('PyYAML')}")
    big = catalogue(args.rows)
    fonds = str(BIN / "fonds")
    print(f"\nexport of {args.rows} records:")
    states = [
        f"--state={s}"
        for s in (
            "active",
            "semi-active",
            "awaiting-event",
            "due",
            "overdue",
            "on-hold",
            "permanent",
            "unscheduled",
        )
    ]
    due = [
        fonds,
        "due",
        "--root",
        ".",
        "--as-of",
        "2026-11-23",
        *states,
        "--format",
        "csv",
        "--fail-on",
        "never",
    ]
    base = measure("fonds due --format csv (baseline)", due, big, args.repeat)
    out_csv, out_xlsx = OUT / "bench-export.csv", OUT / "bench-export.xlsx"
    export_csv = measure(
        "fonds export records (csv)",
        [fonds, "export", "records", "--root", ".", "-o", str(out_csv), *EVERYONE],
        big,
        args.repeat,
    )
    export_xlsx = measure(
        "fonds export records (xlsx)",
        [fonds, "export", "records", "--root", ".", "-o", str(out_xlsx), *EVERYONE],
        big,
        args.repeat,
    )
    print(f"  ratio: csv export takes {export_csv / base:.2f}, xlsx {export_xlsx / base:.2f} of the baseline")
    print(
        f"  target: under 30 s -> csv {'met' if export_csv < 30 else 'NOT MET'}, xlsx {'met' if export_xlsx < 30 else 'NOT MET'}"
    )

    small = catalogue(1000)
    sheet = import_sheet(big, args.rows)
    print(f"\nimport of {args.rows} new rows into 1000 records:")
    plain = baseline_import(sheet)
    seconds = measure(
        "fonds import records --dry-run",
        [fonds, "import", "records", str(sheet), "--dry-run"],
        small,
        args.repeat,
    )
    print(f"  ratio: fonds import takes {seconds / plain:.2f} of the time of the baseline")
    print(f"  target: under 60 s -> {'met' if seconds < 60 else 'NOT MET'}")
    read_xlsx(out_xlsx)


def read_xlsx(path: Path) -> None:
    """Reading the exported XLSX back (openpyxl streaming), the XLSX part of an import."""
    from fonds.sheets.reader import read_sheet

    start, cpu_start = time.perf_counter(), time.process_time()
    sheet = read_sheet(path, path.name)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(
        f"  {f'reading the xlsx export ({len(sheet.rows)} rows)':<38} wall {wall:7.2f} s   cpu {cpu:7.2f} s"
    )


if __name__ == "__main__":
    main()
