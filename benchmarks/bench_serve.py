"""How soon does ``mkdocs serve`` show an edited record?

Starts ``mkdocs serve`` on a generated catalogue (loopback only), waits for the first build,
changes one record's title, and polls that record's page until it shows the new title. The
server is stopped at the end, and every wait is bounded.

    python benchmarks/bench_serve.py                  # 10k records
    python benchmarks/bench_serve.py --records 2000

Target (docs/benchmarks.md): the changed page served within 3 s on a 10,000-record catalogue.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_check import BIN, catalogue
from bench_site import prepare

PORT = 8765


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str, limit: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.2)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--limit", type=float, default=600, help="seconds to wait for each build")
    args = parser.parse_args()
    root, _ = prepare(catalogue(args.records))
    record = sorted((root / "catalogue" / "records").rglob("*.yml"))[0]
    original = record.read_text()
    url = f"http://127.0.0.1:{PORT}/records/{record.stem}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{PORT}"]
    server = subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        first = wait_for(url, record.stem, args.limit)
        if first is None:
            sys.exit("the first build did not finish in time")
        print(f"{args.records} records: first build served after {first:.1f} s", flush=True)
        marker = f"Edited title {time.time_ns()}"
        lines = [f"title: {marker}" if line.startswith("title:") else line for line in original.splitlines()]
        record.write_text("\n".join(lines) + "\n")
        seconds = wait_for(url, marker, args.limit)
        verdict = "NOT SEEN" if seconds is None else f"{seconds:.1f} s"
        met = seconds is not None and seconds < 3
        print(f"  edited record's page served after {verdict}   target 3 s -> {'met' if met else 'NOT MET'}")
    finally:
        record.write_text(original)
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
