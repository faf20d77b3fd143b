"""fonds fixity: SHA-256 of storage files against the records, and the files it refuses to read."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fonds.cli import main

REGISTER = b"invoice register, fiscal year 2020\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def store(mini: Path) -> Path:
    """The mini catalogue with a storage root holding FIN-003's file (its hash recorded)."""
    config = mini / "fonds.yml"
    config.write_text(config.read_text(encoding="utf-8") + "storage: {root: storage}\n", encoding="utf-8")
    (mini / "storage" / "fin").mkdir(parents=True)
    (mini / "storage" / "fin" / "register.txt").write_bytes(REGISTER)
    record = mini / "catalogue" / "records" / "fin" / "FIN-003.yml"
    digest = hashlib.sha256(REGISTER).hexdigest()
    text = record.read_text(encoding="utf-8").replace(
        "uri: https://edms.example.org/fin/register\n",
        f"uri: storage:fin/register.txt\nfixity: {{sha256: {digest}, bytes: {len(REGISTER)}}}\n",
    )
    record.write_text(text, encoding="utf-8")
    return mini


def _point(store: Path, target: str) -> None:
    record = store / "catalogue" / "records" / "fin" / "FIN-003.yml"
    text = record.read_text(encoding="utf-8").replace("storage:fin/register.txt", f"storage:{target}")
    record.write_text(text, encoding="utf-8")


def test_clean_storage_is_ok(store: Path) -> None:
    result = run("fixity", "--root", str(store))
    assert result.exit_code == 0, result.output
    assert "ok         FIN-003: storage/fin/register.txt" in result.output
    assert "1 files: 1 ok, 0 changed" in result.output


def test_changed_missing_and_untracked(store: Path) -> None:
    (store / "storage" / "fin" / "register.txt").write_bytes(REGISTER + b"tampered\n")
    (store / "storage" / "stray.pdf").write_bytes(b"%PDF-1.4 nobody's\n")
    result = run("fixity", "--root", str(store), "--format", "json")
    assert result.exit_code == 1, result.output
    assert '"status": "changed"' in result.output and '"path": "stray.pdf"' in result.output
    assert '"untracked": 1' in result.output
    (store / "storage" / "fin" / "register.txt").unlink()
    result = run("fixity", "--root", str(store))
    assert result.exit_code == 1 and "missing    FIN-003: storage/fin/register.txt" in result.output


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("../fonds.yml", "leads outside the storage root"),
        ("/etc/passwd", "not a relative path"),
        ("fin/link.txt", "a symbolic link"),
        ("linked/register.txt", "a symbolic link"),
        ("fin/pipe", "a FIFO, device or socket"),
        ("fin", "a folder, not a regular file"),
    ],
)
def test_paths_outside_links_and_special_files_are_refused_unread(
    store: Path, target: str, reason: str
) -> None:
    fin = store / "storage" / "fin"
    (fin / "link.txt").symlink_to(store / "fonds.yml")
    (store / "storage" / "linked").symlink_to(fin)
    os.mkfifo(fin / "pipe")  # reading it would hang: the test finishing proves it is not opened
    _point(store, target)
    result = run("fixity", "--root", str(store))
    assert result.exit_code == 1, result.output
    assert "refused    FIN-003" in result.output and reason in result.output


def test_no_storage_root_is_a_usage_error(mini: Path) -> None:
    result = run("fixity", "--root", str(mini))
    assert result.exit_code == 2 and "fonds.yml has no storage root" in result.output


def test_record_writes_the_values_as_a_reviewed_change(store: Path) -> None:
    record = store / "catalogue" / "records" / "fin" / "FIN-003.yml"
    record.write_text(
        "\n".join(line for line in record.read_text(encoding="utf-8").splitlines() if "fixity" not in line)
        + "\n",
        encoding="utf-8",
    )
    assert run("fixity", "--root", str(store)).exit_code == 1  # unrecorded
    before = record.read_text(encoding="utf-8")
    shown = run("fixity", "--root", str(store), "--record", "--date", "2026-12-01", "--dry-run")
    assert shown.exit_code == 0, shown.output
    assert "+fixity:" in shown.output and hashlib.sha256(REGISTER).hexdigest() in shown.output
    assert record.read_text(encoding="utf-8") == before
    subprocess.run(["git", "init", "-q", str(store)], check=True)
    subprocess.run(["git", "-C", str(store), "add", "-A"], check=True)
    subprocess.run(
        [
            "git",
            "-C",
            str(store),
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t.invalid",
            "commit",
            "-qm",
            "start",
        ],
        check=True,
    )
    done = run("fixity", "--root", str(store), "--record", "--date", "2026-12-01", "--commit")
    assert done.exit_code == 0, done.output
    text = record.read_text(encoding="utf-8")
    assert "checked_on: 2026-12-01" in text and f"bytes: {len(REGISTER)}" in text
    assert run("fixity", "--root", str(store)).exit_code == 0


def test_verify_refuses_dry_run(store: Path) -> None:
    result = run("fixity", "--root", str(store), "--dry-run")
    assert result.exit_code == 2 and "go with --record" in result.output


def test_example_storage_is_clean() -> None:
    example = Path(__file__).resolve().parent.parent
    result = run("fixity", "--root", str(example))
    assert result.exit_code == 0, result.output
    assert "3 files: 3 ok" in result.output


@pytest.mark.parametrize("root", ["..", "/etc", "../elsewhere", "linked-root"])
def test_a_storage_root_outside_the_catalogue_is_refused(store: Path, root: str) -> None:
    (store / "linked-root").symlink_to(store / "storage")
    config = store / "fonds.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("root: storage", f"root: '{root}'"), encoding="utf-8"
    )
    result = run("fixity", "--root", str(store))
    assert result.exit_code == 2, result.output
    assert f"storage root '{root}'" in result.output


def test_record_names_a_changed_file_and_large_totals_show_progress(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fonds.cli import fixity as fixity_cli

    monkeypatch.setattr(fixity_cli, "PROGRESS_BYTES", 0)
    (store / "storage" / "fin" / "register.txt").write_bytes(b"rewritten\n")
    result = run("fixity", "--root", str(store), "--record", "--date", "2026-12-01", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "(CHANGED: was " in result.output
    assert hashlib.sha256(b"rewritten\n").hexdigest() in result.output
