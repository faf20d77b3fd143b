"""Commands that change records, run the way real offices run them: two at once, killed part-way,
on files that are symbolic links."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fonds.changes import files as writes

from .office import AS_OF, init_git, make_office, read, run

RACE = textwrap.dedent(
    """
    import os, shutil, sys
    from fonds.cli import main

    template, base, trials = sys.argv[1], sys.argv[2], int(sys.argv[3])
    record = "catalogue/records/adm/ADM-004.yml"
    for trial in range(trials):
        root = os.path.join(base, str(trial))
        shutil.copytree(template, root)
        start_r, start_w = os.pipe()
        children = []
        for who in ("A. Patel", "B. Jones"):
            pid = os.fork()
            if pid == 0:
                os.close(start_w)
                os.read(start_r, 1)  # both start together
                args = ["checkout", "ADM-004", "--to", who, "--due", "2027-01-01", "--date", "2026-11-23",
                        "--root", root]
                try:
                    main(args)
                except SystemExit as exc:
                    os._exit(exc.code if isinstance(exc.code, int) else 3)
                os._exit(4)
            children.append(pid)
        os.close(start_r)
        os.write(start_w, b"go")
        os.close(start_w)
        codes = sorted(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children)
        text = open(os.path.join(root, record), encoding="utf-8").read()
        borrowers = [who for who in ("A. Patel", "B. Jones") if who in text]
        print("RESULT", trial, *codes, "|".join(borrowers), flush=True)
    """
)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_two_checkouts_of_one_file_at_once_never_both_succeed(tmp_path: Path) -> None:
    template = make_office(tmp_path)
    trials = tmp_path / "trials"
    trials.mkdir()
    child = subprocess.run(
        [sys.executable, "-c", RACE, str(template), str(trials), "40"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr
    lines = [line for line in child.stdout.splitlines() if line.startswith("RESULT ")]
    assert len(lines) == 40
    for line in lines:
        _, _, first, second, borrowers = line.split(" ", 4)
        assert (first, second) == ("0", "1"), line  # one charged out, the other refused
        assert borrowers in ("A. Patel", "B. Jones"), line


def test_a_second_command_waits_for_the_lock_then_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_office(tmp_path)
    monkeypatch.setattr(writes, "LOCK_WAIT", 0.1)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(root)], stdout=subprocess.PIPE, stdin=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        code, output = run(
            "checkout", "ADM-004", "--to", "A. Patel", "--due", "2027-01-01", "--root", str(root)
        )
    finally:
        holder.communicate("")
    assert code == 1, output
    assert "another fonds command is changing this catalogue" in output
    assert "charge_out" not in read(root, "catalogue/records/adm/ADM-004.yml")


HOLD_LOCK = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from fonds.changes.files import catalogue_lock

    with catalogue_lock(Path(sys.argv[1]), wait=0):
        print("held", flush=True)
        sys.stdin.read()
    """
)


KILLED = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import date
    from pathlib import Path
    from fonds.changes import files as writes
    from fonds.changes.dispose import DisposalRequest, plan_disposal
    from fonds.reading.loader import load_catalogue

    root, kill_at = Path(sys.argv[1]), int(sys.argv[2])
    catalogue, problems = load_catalogue(root)
    request = DisposalRequest(("ADM-001", "ADM-005"), date(2026, 11, 23), "shredding", "DA-1", "A", "B")
    plan = plan_disposal(catalogue, problems, root, request)
    assert not plan.refusals, plan.refusals
    staged = writes._write_synced
    calls = []

    def write_then_die(path, data, mode):
        calls.append(path)
        if len(calls) == kill_at:  # part of this file is written, then the power goes
            with open(path, "wb") as stream:
                stream.write(data[: len(data) // 2])
            os.kill(os.getpid(), signal.SIGKILL)
        staged(path, data, mode)

    writes._write_synced = write_then_die
    writes.write_changes(root, plan.changes)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("kill_at", [1, 2, 3])
def test_leftovers_of_a_killed_run_are_removed_once_and_never_block_the_next(
    tmp_path: Path, kill_at: int
) -> None:
    root = make_office(tmp_path)
    init_git(root)
    child = subprocess.run(
        [sys.executable, "-c", KILLED, str(root), str(kill_at)], capture_output=True, text=True
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    leftovers = sorted(p.relative_to(root).as_posix() for p in root.rglob(f"*{writes.TEMP_MARK}*"))
    assert len(leftovers) == kill_at
    code, output = run(
        "checkout", "ADM-004", "--to", "A. Patel", "--due", "2027-01-01", "--root", str(root), "--commit"
    )
    assert code == 0, output
    assert f"Removed {kill_at} temporary file" in output and all(name in output for name in leftovers)
    assert "Committed" in output
    assert not list(root.rglob(f"*{writes.TEMP_MARK}*"))
    code, output = run("return", "ADM-004", "--root", str(root), "--commit")
    assert code == 0, output
    assert "temporary file" not in output  # reported once


def test_a_dry_run_names_leftovers_and_leaves_them(tmp_path: Path) -> None:
    root = make_office(tmp_path)
    leftover = root / "catalogue/records/adm/.ADM-001.yml.fonds-tmp-99999-0"
    leftover.write_text("half")
    code, output = run(
        "checkout", "ADM-004", "--to", "A. Patel", "--due", "2027-01-01", "--root", str(root), "--dry-run"
    )
    assert code == 0, output
    assert (
        "1 temporary file left by an interrupted run" in output and "ADM-001.yml.fonds-tmp-99999-0" in output
    )
    assert leftover.exists()


def _link_record(root: Path, target: Path) -> Path:
    record = root / "catalogue/records/adm/ADM-004.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(record.read_bytes())
    record.unlink()
    record.symlink_to(os.path.relpath(target, record.parent))
    return record


def test_a_linked_record_stays_a_link_and_its_target_is_edited(tmp_path: Path) -> None:
    root = make_office(tmp_path)
    target = root / "shared/ADM-004.yml"
    record = _link_record(root, target)
    code, output = run(
        "checkout", "ADM-004", "--to", "A. Patel", "--due", "2027-01-01", "--root", str(root), "--date", AS_OF
    )
    assert code == 0, output
    assert record.is_symlink()
    assert "to: A. Patel" in target.read_text()
    assert not list(target.parent.glob(f"*{writes.TEMP_MARK}*"))


def test_a_link_leading_outside_the_repository_is_refused(tmp_path: Path) -> None:
    root = make_office(tmp_path / "repo")
    (root / ".git").mkdir()  # the repository's edge
    target = tmp_path / "elsewhere/ADM-004.yml"
    record = _link_record(root, target)
    before = target.read_bytes()
    code, output = run("checkout", "ADM-004", "--to", "A. Patel", "--due", "2027-01-01", "--root", str(root))
    assert code == 1, output
    assert "could not be read" in output  # the loader refuses the link before any planner sees it
    code, output = run("check", "--root", str(root))
    assert "outside" in output, output
    assert record.is_symlink() and target.read_bytes() == before


def test_a_record_in_a_linked_folder_outside_the_repository_is_refused(tmp_path: Path) -> None:
    root = make_office(tmp_path / "repo")
    (root / ".git").mkdir()
    outside = tmp_path / "elsewhere"
    (root / "catalogue/records/adm").rename(outside)
    (root / "catalogue/records/adm").symlink_to(outside)
    before = (outside / "ADM-004.yml").read_bytes()
    code, output = run("checkout", "ADM-004", "--to", "A. Patel", "--due", "2027-01-01", "--root", str(root))
    assert code == 1, output
    assert (outside / "ADM-004.yml").read_bytes() == before


def test_leftovers_in_a_chosen_certificate_folder_are_removed_too(tmp_path: Path) -> None:
    root = make_office(tmp_path)
    folder = root / "docs/certificates"
    folder.mkdir(parents=True)
    (folder / ".COD-2026-11-23-1.md.fonds-tmp-99999-2").write_text("half")
    code, output = run(
        "dispose", "ADM-001", "--root", str(root), "--date", AS_OF, "--method", "shredding", "--authority", "DA",
        "--approved-by", "A", "--witness", "W", "--certificate-dir", "docs/certificates",
    )  # fmt: skip
    assert code == 0, output
    assert (
        "Removed 1 temporary file" in output
        and "docs/certificates/.COD-2026-11-23-1.md.fonds-tmp-99999-2" in output
    )
    assert sorted(p.name for p in folder.iterdir()) == ["COD-2026-11-23-1.html", "COD-2026-11-23-1.md"]
