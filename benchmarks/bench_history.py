"""How fast is each record's history from Git? Measured against ``git log`` alone, in one run.

Builds a repository of 100,000 record files and 10,000 commits with ``git fast-import`` from
a generated stream (seconds, not 10,000 ``git commit`` calls): 1,000 commits add 100 files
each, the other 9,000 change 5 files each, every 50th renames two files into another folder
and every 100th deletes one. Then times, in the same run:

- baseline: the raw ``git log --name-status -z -M`` pass alone (what any reader must pay);
- cold: ``read_log`` with no cache (the same pass, parsed, and the cache written), then the
  history of every one of the 100,000 files;
- warm: ``read_log`` again (from the cache) and every history;
- incremental: one new commit, then ``read_log`` (extends the cache with ``git log
  <cached>..HEAD``) and every history.

    python benchmarks/bench_history.py                  # 100,000 files, 10,000 commits
    python benchmarks/bench_history.py --files 10000 --commits 1000

Target (docs/benchmarks.md): the cold pass with every history in under 5 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

from fonds.reporting.git_log import RECORDS_PATH, read_log
from fonds.reporting.history import histories

T = TypeVar("T")
ADDED_PER_COMMIT = 100
CHANGED_PER_COMMIT = 5


def _path(n: int, moved: bool = False) -> str:
    # 1,000 folders of 100 files: a commit rewrites a few small trees, as in a real catalogue.
    folder = f"moved/{n % 100:02d}" if moved else f"d{n % 20:02d}/{n // 20 % 50:02d}"
    return f"{RECORDS_PATH}/{folder}/REC-{n:06d}.yml"


def _blob(text: str) -> bytes:
    data = text.encode()
    return b"data %d\n%s\n" % (len(data), data)


def stream(files: int, commits: int) -> Iterator[bytes]:
    """A fast-import stream: commit i is dated one hour after commit i - 1."""
    adding = -(-files // ADDED_PER_COMMIT)
    where = {n: _path(n) for n in range(files)}
    gone: set[int] = set()
    for i in range(commits):
        when = 1_600_000_000 + i * 3600
        yield b"commit refs/heads/main\n"
        yield b"committer Bench Tester <bench@example.org> %d +0000\n" % when
        yield _blob(f"Commit {i}: records work")
        if i == 0:
            yield b"deleteall\n"
        if i < adding:
            for n in range(i * ADDED_PER_COMMIT, min(files, (i + 1) * ADDED_PER_COMMIT)):
                yield b"M 100644 inline %s\n" % where[n].encode() + _blob(
                    f"id: REC-{n:06d}\ntitle: Record {n}\n"
                )
            continue
        live = [(i * 7919 + k * 104_729) % files for k in range(CHANGED_PER_COMMIT)]
        for n in live:
            if n not in gone:
                yield b"M 100644 inline %s\n" % where[n].encode() + _blob(
                    f"id: REC-{n:06d}\nnote: commit {i}\n"
                )
        if i % 50 == 0:
            for n in ((i * 31) % files, (i * 37 + 1) % files):
                if n not in gone and where[n] == _path(n):
                    yield b"R %s %s\n" % (where[n].encode(), _path(n, moved=True).encode())
                    where[n] = _path(n, moved=True)
        if i % 100 == 0:
            n = (i * 53 + 2) % files
            if n not in gone and n not in live:
                yield b"D %s\n" % where[n].encode()
                gone.add(n)
        yield b"\n"


def build(root: Path, files: int, commits: int) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    importer = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=root, stdin=subprocess.PIPE)
    assert importer.stdin is not None
    for chunk in stream(files, commits):
        importer.stdin.write(chunk)
    importer.stdin.close()
    if importer.wait() != 0:
        raise SystemExit("git fast-import failed")


def one_more_commit(root: Path) -> None:
    text = (
        b"commit refs/heads/main\ncommitter Bench Tester <bench@example.org> 1700000000 +0000\n"
        + _blob("One more")
        + b"from refs/heads/main^0\nM 100644 inline "
        + _path(1).encode()
        + b"\n"
        + _blob("id: REC-000001\nnote: one more\n")
    )
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=text, check=True)


def timed(label: str, run: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    print(f"  {label:<58} {seconds:7.2f} s")
    return seconds, result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--commits", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="Keep the generated repository.")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    git_version = subprocess.run(
        ["git", "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    print(f"fonds {version('fonds')}, {git_version}")
    root = Path(tempfile.mkdtemp(prefix="fonds-history-"))
    try:
        timed("generate the repository (git fast-import)", lambda: build(root, args.files, args.commits))
        print(f"\n{args.files} files, {args.commits} commits:")
        raw = [
            "git",
            "-c",
            "core.quotepath=off",
            "log",
            "--name-status",
            "-z",
            "-M",
            "--format=%H%x00%s",
            "HEAD",
        ]
        baseline, output = timed(
            "git log --name-status -z -M (baseline)",
            lambda: (
                subprocess.run([*raw, "--", RECORDS_PATH], cwd=root, capture_output=True, check=True).stdout
            ),
        )
        print(f"  ({len(output) / 1e6:.1f} MB of log)")
        files = {str(n): _path(n) for n in range(args.files)}
        cold, log = timed("cold: read_log (no cache; writes it)", lambda: read_log(root))
        assert log.source == "full" and log.scanned == args.commits, (log.source, log.scanned)
        every, found = timed(f"  + the history of all {len(files)} files", lambda: histories(log, files))
        assert sum(map(len, found.values())) > 0
        warm, again = timed("warm: read_log (from the cache)", lambda: read_log(root))
        assert again.source == "cache"
        warm_every, _ = timed("  + every history", lambda: histories(again, files))
        one_more_commit(root)
        more, extended = timed("incremental: read_log after one new commit", lambda: read_log(root))
        assert extended.source == "incremental" and extended.scanned == 1
        more_every, _ = timed("  + every history", lambda: histories(extended, files))
        total = cold + every
        print(f"  ratio: the cold pass takes {cold / baseline:.2f}x the time of git log alone")
        print(f"  cold with every history {total:.2f} s, warm {warm + warm_every:.2f} s, ")
        print(f"  incremental {more + more_every:.2f} s")
        print(f"  target: cold with every history under 5 s -> {'met' if total < 5 else 'NOT MET'}")
    finally:
        if args.keep:
            print(f"repository kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
