"""How soon does the preview server show an edited record?

Starts ``fonds serve`` (``mkdocs serve --dirty`` with the fonds plugin: only what changed is
rebuilt) on a generated catalogue, loopback only, waits for the first build, then changes one
record's title three times and polls that record's page until it shows the new title (the
server answers only once the rebuild is complete). With ``--plain`` it does the same once with
plain ``mkdocs serve``, which rebuilds everything. Printed per edit: the wall time until the
page was served, the CPU time the server process used for that rebuild (user + system: the
figure load on this shared machine does not change), and, for catalogues searched with
Pagefind, when the search index (rebuilt in the background) had caught up. The record is put
back and the servers stopped at the end; every wait is bounded.

    python benchmarks/bench_serve.py                  # 10k records
    python benchmarks/bench_serve.py --records 2000 --plain
    python benchmarks/bench_serve.py --root /var/tmp/cat-10000 --plain   # a copy made earlier

Target (docs/benchmarks.md): the changed page served within 3 s on a 10,000-record catalogue.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_check import BIN, catalogue
from bench_site import empty_trash, prepare

PORT = 8765
INDEXED = "fonds: Pagefind indexed the site"
TICKS = os.sysconf("SC_CLK_TCK")
PAGEFIND_FROM = 5000
"""The plugin's default ``pagefind_threshold``: above it, Pagefind indexes the site."""


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str, limit: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.1)
    return None


def cpu_seconds(pid: int) -> float:
    """User + system time of the process so far (its threads included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


class Server:
    """A preview server whose log lines are kept with the time they arrived."""

    def __init__(self, command: list[str], root: Path) -> None:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        self.lines: list[tuple[float, str]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append((time.perf_counter(), line.rstrip()))

    def wait_line(self, text: str, after: float, limit: float) -> float | None:
        end = time.perf_counter() + limit
        while time.perf_counter() < end and self.process.poll() is None:
            for when, line in list(self.lines):
                if when >= after and text in line:
                    return when - after
            time.sleep(0.2)
        return None

    def stop(self) -> None:
        """Ctrl+C: the server removes its temporary site folder on the way out."""
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            self.process.wait(timeout=60)


def session(
    label: str,
    command: list[str],
    root: Path,
    record: Path,
    edits: int,
    limit: float,
    records: int,
    port: int = PORT,
) -> list[float]:
    original = record.read_text()
    url = f"http://127.0.0.1:{port}/records/{record.stem}/"
    server = Server(command, root)
    served: list[float] = []
    try:
        start = time.perf_counter()
        if wait_for(url, record.stem, limit) is None:
            sys.exit(f"{label}: the first build did not finish in time")
        print(f"  {label}: first build served after {time.perf_counter() - start:.1f} s", flush=True)
        pagefind = server.wait_line(INDEXED, start, limit if records > PAGEFIND_FROM else 0) is not None
        for edit in range(1, edits + 1):
            time.sleep(3)  # the editor saves some time after the last build
            marker = f"Edited title {time.time_ns()}"
            lines = [
                f"title: {marker}" if line.startswith("title:") else line for line in original.splitlines()
            ]
            cpu = cpu_seconds(server.process.pid)
            saved = time.perf_counter()
            record.write_text("\n".join(lines) + "\n")
            seconds = wait_for(url, marker, limit)
            used = cpu_seconds(server.process.pid) - cpu
            if seconds is None:
                print(f"  {label}: edit {edit}: page NOT SEEN within {limit:.0f} s", flush=True)
                continue
            served.append(seconds)
            indexed = server.wait_line(INDEXED, saved, limit) if pagefind else None
            search = f"; search index after {indexed:.1f} s" if indexed is not None else ""
            print(
                f"  {label}: edit {edit}: page served after {seconds:5.2f} s wall, {used:5.2f} s CPU{search}",
                flush=True,
            )
    finally:
        record.write_text(original)
        server.stop()
    return served


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--plain", action="store_true", help="also time plain mkdocs serve (one edit)")
    parser.add_argument("--limit", type=float, default=600, help="seconds to wait for each build")
    parser.add_argument("--port", type=int, default=PORT, help=f"the loopback port (default {PORT})")
    parser.add_argument(
        "--root", type=Path, help="a generated catalogue with its mkdocs.yml (a copy: one record is edited)"
    )
    args = parser.parse_args()
    root = args.root if args.root is not None else prepare(catalogue(args.records))[0]
    record = sorted((root / "catalogue" / "records").rglob("*.yml"))[0]
    address = f"127.0.0.1:{args.port}"
    print(f"{args.records} records, editing {record.relative_to(root)}", flush=True)
    dirty = session(
        "fonds serve",
        [str(BIN / "fonds"), "serve", "--dev-addr", address],
        root,
        record,
        args.edits,
        args.limit,
        args.records,
        args.port,
    )
    if dirty:
        median = statistics.median(dirty)
        print(f"  fonds serve: median {median:.2f} s   target 3 s -> {'met' if median < 3 else 'NOT MET'}")
    if args.plain:
        plain = [str(BIN / "mkdocs"), "serve", "-a", address]
        session("mkdocs serve", plain, root, record, 1, args.limit, args.records, args.port)
    empty_trash()


if __name__ == "__main__":
    main()
