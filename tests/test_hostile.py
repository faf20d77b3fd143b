"""No input breaks fonds: special files, terminal tricks, deep trees, and every later command on
whatever `fonds check` accepted (each case under tests/cases/, and seeded random mutations)."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import socket
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from fonds.checks import check_repository
from fonds.cli import main
from fonds.cli.base import TerminalSafe
from fonds.diagnostics import error
from fonds.retention.due import due_report
from fonds.retention.periods import parse_period
from fonds.site import write_pages
from fonds.site.publish import publish

from .test_cases import CASE_NAMES, lay_case

AS_OF = "2026-11-23"
RECORDS = Path("catalogue/records/fin")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def check(root: Path) -> tuple[int, str]:
    return run("check", "--root", str(root))


# Files that are not files


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _outside(path: Path) -> None:
    secret = path.parents[4] / "secret.yml"
    secret.write_text("id: FIN-009\ntitle: Not in the repository\n")
    path.symlink_to(secret)


SPECIAL = {"fifo": _fifo, "socket": _socket, "dev-zero": _dev_zero, "outside": _outside}


@pytest.mark.parametrize("kind", sorted(SPECIAL))
@pytest.mark.parametrize(
    "where", ["catalogue/records/fin/FIN-009.yml", "catalogue/holds/HOLD-009.yml", "schedules/extra.yml"]
)
def test_special_files_are_refused_without_being_read(mini: Path, kind: str, where: str) -> None:
    target = mini / where
    SPECIAL[kind](target)
    started = time.monotonic()
    code, output = check(mini)
    assert time.monotonic() - started < 20, "fonds check must not wait on a special file"
    assert f"{where}: error[special-file]" in output, output
    assert code == 1
    for command in (
        ["due", "--root", str(mini), "--as-of", AS_OF],
        ["pages", str(mini / "out"), "--root", str(mini)],
    ):
        run(*command)  # no hang, no traceback


@pytest.mark.parametrize("name", ["catalogue/file-plan.yml", "catalogue/locations.yml"])
def test_a_fixed_file_that_is_a_fifo_is_refused(mini: Path, name: str) -> None:
    (mini / name).unlink()
    os.mkfifo(mini / name)
    _, output = check(mini)
    assert f"{name}: error[special-file]" in output, output


def test_a_link_to_a_file_inside_the_repository_is_read(mini: Path) -> None:
    keep = mini / "elsewhere"
    keep.mkdir()
    shutil.move(mini / RECORDS / "FIN-003.yml", keep / "FIN-003.yml")
    (mini / RECORDS / "FIN-003.yml").symlink_to(keep / "FIN-003.yml")
    code, output = check(mini)
    assert code == 0, output
    assert "3 records checked" in output


# Terminal safety


def test_a_diagnostic_never_carries_a_control_character() -> None:
    hostile = "catalogue/records/\x1b[2K\rFIN.yml"
    text = error(hostile, 1, 1, "schema", "field '\x1b[2K\rx\u202e' \x07 \x9b").render()
    assert all(ch.isprintable() for ch in text), repr(text)
    assert "\\x1b[2K\\x0d" in text


def test_every_printed_line_is_escaped(mini: Path) -> None:
    # A record file whose *name* holds ESC, CR and a bidi override: nothing can reject it before
    # it is printed, so the output stream itself must escape it.
    (mini / RECORDS / "X\x1b[2K\r\u202e.yml").write_text("id: X\ntitle: t\n")
    code, output = check(mini)
    assert code == 1
    assert "\x1b" not in output and "\r" not in output and "\u202e" not in output, repr(output)
    assert "\\x1b[2K\\x0d\\u202e" in output


def test_a_terminal_escape_in_a_field_name_is_a_located_error(mini: Path) -> None:
    path = mini / RECORDS / "FIN-002.yml"
    path.write_text(path.read_text() + '"\\e[2K\\rtitle": Fake\n')
    _, output = check(mini)
    assert "FIN-002.yml:20:1: error[control-character]" in output, output
    assert "\x1b" not in output


# Deep trees: checked, and nothing later recurses


@pytest.mark.parametrize("name", ["file-plan-1500-levels", "location-tree-1500-levels"])
def test_a_tree_1500_levels_deep_is_reported_and_never_crashes(mini: Path, name: str) -> None:
    lay_case(mini, name)
    code, output = check(mini)
    assert "error[hierarchy-too-deep]" in output and code == 1
    _later_commands(mini)


# Every later command on what fonds check accepted


def _later_commands(root: Path) -> None:
    """due, the pages, dispose --dry-run and transfer --dry-run: any exit code, never a traceback."""
    if not (root / "fonds.yml").exists():
        return
    catalogue, _ = check_repository(root)
    run("due", "--root", str(root), "--as-of", AS_OF, "--within", "P1Y")
    run("pages", str(root / "out"), "--root", str(root), "--as-of", AS_OF)
    location = next(iter(sorted(catalogue.locations)), "BOX-1")
    for record in sorted(catalogue.records)[:2]:
        sign = ["--approved-by", "A. Chen", "--date", AS_OF, "--root", str(root), "--dry-run"]
        run("dispose", record, "--method", "shredding", "--authority", "DA-1", "--witness", "B. Lee", *sign)
        run("dispose", record, "--method", "shredding", "--authority", "DA-1", "--witness", "B. Lee", "--early",
            "--reason", "test", *sign)  # fmt: skip
        run("transfer", record, "--to", location, *sign)


DEEP = ("file-plan-1500-levels", "location-tree-1500-levels")  # run once, above


@pytest.mark.parametrize("name", [name for name in CASE_NAMES if name not in DEEP])
def test_no_later_command_breaks_on_any_case(mini: Path, name: str) -> None:
    """Stronger than "on what fonds check accepts": on every case, accepted or not."""
    lay_case(mini, name)
    check(mini)
    _later_commands(mini)


def test_some_cases_are_accepted_by_check(mini: Path) -> None:
    accepted = []
    for name in CASE_NAMES:
        root = mini.parent / name
        shutil.copytree(mini, root)
        lay_case(root, name)
        if "error[" not in check(root)[1]:
            accepted.append(name)
    assert accepted, "the property test above must also run on accepted cases"


def test_seeded_mutations_of_example_files_never_raise(mini: Path) -> None:
    """Random bytes and YAML tokens spliced into the example files, 80 rounds, seeded."""
    tokens = [b".inf", b"-.nan", b"!!python/object:x ", b"\x1b[2K", b"\r", b"\x85", b"\xe2\x80\xa8",
              b"? ", b": ", b"- ", b"[", b"{", b"&a ", b"*a", b"\"\\e\"", b"9" * 40, b"\t", b"\x00",
              b"P99999Y", b"9999-12-31", b"0000-01-01", b"\xff", b"'", b"#", b"\n  - "]  # fmt: skip
    files = sorted(p for p in mini.rglob("*.yml") if p.is_file())
    originals = {p: p.read_bytes() for p in files}
    rng = random.Random(20261201)
    as_of = date(2026, 11, 23)
    within = parse_period("P1Y")
    assert within is not None
    for _ in range(80):
        target = rng.choice(files)
        raw = bytearray(originals[target])
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(raw) + 1)
            piece = rng.choice(tokens) if rng.random() < 0.7 else bytes([rng.randrange(256)])
            raw[at : at + rng.randint(0, 4)] = piece
        target.write_bytes(bytes(raw))
        catalogue, _ = check_repository(mini)
        due_report(catalogue, as_of, within)
        publication = publish(mini, as_of, strict=False)
        assert publication.site is not None
        write_pages(publication.site, mini / "out")
        target.write_bytes(originals[target])


# The full NARA General Records Schedule


def test_check_runs_on_the_full_nara_grs_import(mini: Path) -> None:
    csv = Path(__file__).parent / "fixtures" / "nara" / "nara-grs-transmittal36-full.csv"
    code, output = run("import-schedule", "--from", "nara-grs", str(csv), str(mini))
    assert code == 0, output
    schedule = (mini / "schedules" / "nara-grs.yml").read_text()
    assert schedule.count("\n  - id: ") >= 300
    code, output = check(mini)
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if "error[" in line]
    # Only events the import asked to declare may be missing; nothing else is wrong.
    assert {line.split("error[")[1].split("]")[0] for line in errors} <= {"unknown-event"}, output
    assert output.splitlines()[-1].startswith("3 records checked"), output


def test_import_schedule_refuses_a_csv_that_is_a_device(mini: Path, tmp_path: Path) -> None:
    device = tmp_path / "grs.csv"
    device.symlink_to("/dev/zero")
    code, output = run("import-schedule", "--from", "nara-grs", str(device), str(mini))
    assert code == 2 and "device file" in output, output
    assert not (mini / "schedules" / "nara-grs.yml").exists()


def test_the_output_stream_escapes_what_no_check_could_reject() -> None:
    out = io.StringIO()
    stream = TerminalSafe(out)
    stream.write("ok\tfine\r\nnext \x1b[2K\rX\u202e \x07\n")
    assert out.getvalue() == "ok\tfine\r\nnext \\u001b[2K\\u000dX\\u202e \\u0007\n"


def test_json_output_stays_valid_json_with_a_hostile_file_name(mini: Path) -> None:
    (mini / RECORDS / "X\x7f\x9b\u202e.yml").write_text("id: X\ntitle: t\n")
    result = CliRunner().invoke(
        main, ["check", "--root", str(mini), "--format", "json"], catch_exceptions=False
    )
    payload = json.loads(result.output)
    assert any(d["file"].endswith("X\x7f\x9b\u202e.yml") for d in payload["diagnostics"]), result.output
    assert all(ch.isprintable() or ch in "\n" for ch in result.output)


def test_every_command_prints_through_the_escaping_stream() -> None:
    seen: list[object] = []

    @main.command("probe-stream", hidden=True)
    def probe() -> None:
        seen.append(sys.stdout)
        print("title \x1b]0;owned\x07")

    try:
        _, output = run("probe-stream")
    finally:
        del main.commands["probe-stream"]
    assert isinstance(seen[0], TerminalSafe)
    assert output == "title \\u001b]0;owned\\u0007\n"
