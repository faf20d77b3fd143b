"""Each record's history from Git: one ``git log`` pass, renames followed, odd file names read
whole, a cache by commit (extended, or rebuilt after a rewrite), and shallow clones said."""

from __future__ import annotations

import html
import json
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fonds.cli import main
from fonds.reporting import git_log
from fonds.reporting.git_log import SHALLOW_NOTE, parse_log, read_log
from fonds.reporting.history import Entry, for_audience, recent_changes, record_history

RECORDS = "catalogue/records"
ODD = "catalogue/records/odd\nname\tx.yml"
"""A file name with a newline and a tab (git quotes such names without -z)."""
LATIN1 = "catalogue/records/caf\udce9.yml"
"""The bytes ``caf\\xe9.yml``: not UTF-8, as an old file server might have named it."""


def git(root: Path, *args: str, day: int = 1, who: str = "Ann Archivist") -> str:
    stamp = f"2026-03-{day:02d}T12:00:00+00:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": who,
        "GIT_AUTHOR_EMAIL": "ann@example.org",
        "GIT_COMMITTER_NAME": who,
        "GIT_COMMITTER_EMAIL": "ann@example.org",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
    }
    done = subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    return done.stdout.decode()


def write(root: Path, path: str, text: str) -> None:
    target = root / os.fsencode(path).decode("utf-8", "surrogateescape")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)


def commit(root: Path, message: str, day: int, who: str = "Ann Archivist") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, day=day, who=who)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Six commits: adds, an edit, a rename (with an edit), a delete, odd names, a change
    outside the records folder."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root, f"{RECORDS}/fin/FIN-001.yml", "id: FIN-001\ntitle: Budget 2024\n")
    write(root, f"{RECORDS}/fin/FIN-002.yml", "id: FIN-002\ntitle: Payroll register\n")
    write(root, "fonds.yml", "name: Test\n")
    commit(root, "Add two finance records", 1)
    write(root, f"{RECORDS}/fin/FIN-001.yml", "id: FIN-001\ntitle: Budget 2024 (final)\n")
    commit(root, "Final budget title", 2, who="Bob Clerk")
    (root / RECORDS / "budget").mkdir()
    (root / RECORDS / "fin" / "FIN-001.yml").rename(root / RECORDS / "budget" / "FIN-001.yml")
    commit(root, "Move the budget to its own folder", 3)
    git(root, "rm", "-q", f"{RECORDS}/fin/FIN-002.yml")
    commit(root, "Payroll register destroyed", 4)
    write(root, ODD, "id: odd\ntitle: odd\n")
    write(root, LATIN1, "id: cafe\ntitle: cafe\n")
    commit(root, "Records with odd file names", 5)
    write(root, "fonds.yml", "name: Test 2\n")
    commit(root, "Rename the catalogue", 6)
    return root


def kinds(entries: tuple[Entry, ...]) -> list[tuple[date, str, str | None, str | None]]:
    return [(e.day, e.kind, e.author, e.subject) for e in entries]


def test_each_record_has_its_commits_through_renames(repo: Path) -> None:
    log = read_log(repo)
    assert log.source == "full" and log.scanned == 5, "the commit outside the records is not read"
    assert kinds(record_history(log, f"{RECORDS}/budget/FIN-001.yml")) == [
        (date(2026, 3, 3), "renamed", "Ann Archivist", "Move the budget to its own folder"),
        (date(2026, 3, 2), "modified", "Bob Clerk", "Final budget title"),
        (date(2026, 3, 1), "added", "Ann Archivist", "Add two finance records"),
    ]
    [moved, *_] = record_history(log, f"{RECORDS}/budget/FIN-001.yml")
    assert moved.old_path == f"{RECORDS}/fin/FIN-001.yml"
    assert kinds(record_history(log, f"{RECORDS}/fin/FIN-002.yml")) == [
        (date(2026, 3, 4), "deleted", "Ann Archivist", "Payroll register destroyed"),
        (date(2026, 3, 1), "added", "Ann Archivist", "Add two finance records"),
    ]
    assert record_history(log, "catalogue/records/never.yml") == ()


def test_file_names_with_newlines_tabs_and_other_bytes_come_through_whole(repo: Path) -> None:
    log = read_log(repo)
    for name in (ODD, LATIN1):
        assert kinds(record_history(log, name)) == [
            (date(2026, 3, 5), "added", "Ann Archivist", "Records with odd file names")
        ], name
    assert {c.path for c in log.commits[0].changes} == {ODD, LATIN1}


def test_the_parser_reads_paths_that_look_like_status_letters_or_the_marker() -> None:
    first_sha, second_sha = b"a" * 40, b"b" * 40
    tokens = [b"", b"fonds-commit", first_sha, b"100", b"100", b"A", b"a@x", b"s", b"\nM", b"fonds-commit"]
    tokens += [b"R100", b"M", b"R", b"", b"fonds-commit", second_sha, b"100", b"100", b"A", b"a@x", b""]
    tokens += [b"\nA", b"x.yml", b""]
    output = b"\0".join(tokens)
    first, second = parse_log(output)
    assert [(c.status, c.path, c.old_path) for c in first.changes] == [
        ("M", "fonds-commit", None),
        ("R", "R", "M"),
    ]
    assert second.subject == "" and [c.path for c in second.changes] == ["x.yml"]


def test_a_second_run_reads_the_cache_and_a_new_commit_extends_it(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = read_log(repo)
    [cache] = (repo / ".git" / "fonds").glob("history-*.log")
    assert cache.read_bytes().split(b"\0")[2].decode() == first.head
    calls: list[tuple[str, ...]] = []
    real = git_log._git
    monkeypatch.setattr(git_log, "_git", lambda root, *args: calls.append(args) or real(root, *args))
    second = read_log(repo)
    assert second.source == "cache" and second.scanned == 0 and second.commits == first.commits
    assert not [c for c in calls if c[0] == "log"], "no git log over the history again"
    write(repo, f"{RECORDS}/budget/FIN-001.yml", "id: FIN-001\ntitle: Budget 2024 (audited)\n")
    commit(repo, "Audited", 7)
    calls.clear()
    third = read_log(repo)
    assert third.source == "incremental" and third.scanned == 1
    [revisions] = [c[-3] for c in calls if c[0] == "log"]
    assert revisions == f"{first.head}..{third.head}"
    assert third.commits == read_log(repo, cache=False).commits
    assert kinds(record_history(third, f"{RECORDS}/budget/FIN-001.yml"))[0][3] == "Audited"


def test_a_rewritten_history_is_read_again_from_scratch(repo: Path) -> None:
    read_log(repo)
    git(repo, "reset", "-q", "--hard", "HEAD~3")
    git(repo, "commit", "-q", "--allow-empty", "-m", "Elsewhere", day=9)
    log = read_log(repo)
    assert log.source == "full" and log.scanned == 3
    assert not record_history(log, ODD)


def test_a_damaged_or_hostile_cache_is_ignored(repo: Path) -> None:
    first = read_log(repo)
    [cache] = (repo / ".git" / "fonds").glob("history-*.log")
    hostile = b"fonds-history-cache\0" + b"2\0--output=/tmp/x\0\0"
    unknown = b"fonds-history-cache\0" + b"2\0" + b"0" * 40 + b"\0\0"
    for data in (b"{not a cache", hostile, unknown):
        cache.write_bytes(data)
        again = read_log(repo)
        assert again.source == "full" and again.commits == first.commits


def test_a_shallow_clone_has_no_history_and_says_so(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    log = read_log(clone)
    assert log.shallow and log.commits == () and log.note == SHALLOW_NOTE
    assert "fetch-depth: 0" in SHALLOW_NOTE
    assert recent_changes(clone) == []


def test_outside_git_there_is_no_history(tmp_path: Path) -> None:
    log = read_log(tmp_path)
    assert log.commits == () and log.note is not None and "not in a Git repository" in log.note


def test_recent_changes_name_the_records_of_each_commit(repo: Path) -> None:
    changes = recent_changes(repo)
    assert [(c.day.day, c.record_ids) for c in changes] == [
        (5, ("caf\udce9", "odd\nname\tx")),
        (4, ("FIN-002",)),
        (3, ("FIN-001",)),
        (2, ("FIN-001",)),
        (1, ("FIN-001", "FIN-002")),
    ]


def test_below_the_operational_audience_only_dates_and_kinds(repo: Path) -> None:
    entries = record_history(read_log(repo), f"{RECORDS}/budget/FIN-001.yml")
    public = for_audience(entries, staff=False)
    first = (date(2026, 3, 3), "renamed", None, None, None, None)
    assert [(e.day, e.kind, e.sha, e.author, e.subject, e.old_path) for e in public[:1]] == [first]
    staff = for_audience(entries, staff=True, withheld=["bob clerk"])
    assert [e.author for e in staff] == [
        "Ann Archivist",
        "(withheld: it names what this audience may not see)",
        "Ann Archivist",
    ]


@pytest.fixture
def catalogue_repo(mini: Path) -> Path:
    """The small catalogue as a repository: added, then FIN-001 changed by someone else."""
    git(mini, "init", "-q", "-b", "main")
    commit(mini, "The finance records", 1)
    record = mini / RECORDS / "fin" / "FIN-001.yml"
    record.write_text(record.read_text() + "# checked\n")
    commit(mini, "Checked FIN-001 \x1b[31mred", 2, who="Bob Clerk")
    return mini


def history_cli(*args: str) -> Result:
    return CliRunner().invoke(main, ["history", *args], catch_exceptions=False)


def test_fonds_history_prints_the_commits_newest_first(catalogue_repo: Path) -> None:
    result = history_cli("FIN-001", "--root", str(catalogue_repo))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "FIN-001  catalogue/records/fin/FIN-001.yml"
    assert (
        lines[1].startswith("2026-03-02  ")
        and "modified  Bob Clerk      Checked FIN-001 \\x1b[31mred" in lines[1]
    )
    assert lines[2].startswith("2026-03-01  ") and "added     Ann Archivist  The finance records" in lines[2]
    assert "\x1b" not in result.output, "no escape sequence reaches the terminal"
    [newest] = history_cli("FIN-001", "--root", str(catalogue_repo), "--limit", "1").output.splitlines()[1:]
    assert "Bob Clerk  Checked FIN-001" in newest


def test_fonds_history_as_json(catalogue_repo: Path) -> None:
    result = history_cli("FIN-002", "--root", str(catalogue_repo), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["record"] == "FIN-002" and data["note"] is None
    [change] = data["changes"]
    assert (change["date"], change["kind"], change["author"], change["subject"]) == (
        "2026-03-01",
        "added",
        "Ann Archivist",
        "The finance records",
    )
    assert len(change["commit"]) == 40


def test_fonds_history_of_an_unknown_record_suggests_one(catalogue_repo: Path) -> None:
    result = history_cli("FIN-0001", "--root", str(catalogue_repo))
    assert result.exit_code == 2
    assert "record 'FIN-0001' is not in the catalogue (did you mean 'FIN-001'?)" in result.output


def test_fonds_history_in_a_shallow_clone_warns(catalogue_repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{catalogue_repo}", str(clone)], check=True)
    result = history_cli("FIN-001", "--root", str(clone))
    assert result.exit_code == 0
    assert f"fonds history: warning: {SHALLOW_NOTE}" in result.stderr
    assert result.stdout.splitlines()[1:] == [SHALLOW_NOTE]
    assert "Bob Clerk" not in result.output


def test_the_site_of_a_shallow_clone_says_why_it_has_no_history(catalogue_repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{catalogue_repo}", str(clone)], check=True)
    site = tmp_path / "pages"
    for where, expected in ((clone, SHALLOW_NOTE), (catalogue_repo, "<td>modified</td>")):
        args = ["pages", str(site), "--root", str(where), "--as-of", "2026-11-23", "--audience", "internal"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert expected in html.unescape((site / "records" / "FIN-001.md").read_text())
        home = html.unescape((site / "index.md").read_text())
        assert (SHALLOW_NOTE in home) is (where == clone)


def test_a_long_history_read_in_two_halves_is_the_same(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both halves at once (``git log M..HEAD`` and ``git log M``) hold every commit once,
    merges included."""
    git(repo, "checkout", "-q", "-b", "side", "HEAD~2")
    write(repo, f"{RECORDS}/side/SIDE-1.yml", "id: SIDE-1\n")
    commit(repo, "A record on a side branch", 7)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge the side branch", "side", day=8)
    whole = read_log(repo, cache=False)
    monkeypatch.setattr(git_log, "SPLIT_ABOVE", 1)
    halves = read_log(repo, cache=False)
    assert sorted(c.sha for c in halves.commits) == sorted(c.sha for c in whole.commits)
    assert len(halves.commits) == 7
    for file in (f"{RECORDS}/budget/FIN-001.yml", f"{RECORDS}/side/SIDE-1.yml", ODD):
        assert record_history(halves, file) == record_history(whole, file), file
