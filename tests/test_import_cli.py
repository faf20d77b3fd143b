"""`fonds import-schedule --from nara-grs` as a technician runs it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from fonds.cli import main

from .office import init_git

SAMPLE = Path(__file__).parent / "fixtures" / "nara" / "grs-csv-transmittal36-sample.csv"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_import_writes_the_schedule_and_lists_events_to_declare(mini: Path) -> None:
    code, output = run("import-schedule", "--from", "nara-grs", str(SAMPLE), str(mini))
    assert code == 0, output
    target = mini / "schedules" / "nara-grs.yml"
    assert "Import 51 items of NARA General Records Schedules (Transmittal 36)" in output
    assert "Created schedules/nara-grs.yml" in output
    assert "final-action: Final action" in output  # not declared in the mini catalogue
    assert target.read_text().startswith("# yaml-language-server: $schema=")
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")], "no temporary file left"


def test_existing_schedule_is_not_replaced_without_force(mini: Path) -> None:
    target = mini / "schedules" / "nara-grs.yml"
    target.write_text("# keep me\n")
    code, output = run("import-schedule", "--from", "nara-grs", str(SAMPLE), str(mini))
    assert code == 2
    assert "give --force to replace it" in output
    assert target.read_text() == "# keep me\n"
    assert run("import-schedule", "--from", "nara-grs", str(SAMPLE), str(mini), "--force")[0] == 0
    assert "items:" in target.read_text()


def test_a_file_that_is_not_a_nara_csv_writes_nothing(mini: Path, tmp_path: Path) -> None:
    junk = tmp_path / "budget.csv"
    junk.write_text("Account,Amount\n100,5\n")
    code, output = run("import-schedule", "--from", "nara-grs", str(junk), str(mini))
    assert code == 1
    assert "budget.csv" in output and "nothing was written" in output
    assert not (mini / "schedules" / "nara-grs.yml").exists()


LOCAL = """\
# yaml-language-server: $schema=../../scripts/fonds/schemas/local-settings.schema.json
items:
  - item: '6.1.010'
    trigger: event
    event: final-action
    retain: P15Y
  - item: '2.3.060'
    retain: P5Y
  - item: '9.9.999'
    cutoff: calendar-year
  - item: '6.1.011'
    extended_retention: P5Y
    justification: Kept for the records centre move.
  - item: '2.1.050'
    extended_retention: P10Y
    justification: The auditors ask for ten years.
"""


def test_re_import_keeps_local_settings_and_reports_stale_ones(mini: Path) -> None:
    """The local-settings file is never written; what no longer fits the new import is listed."""
    local = mini / "schedules" / "local" / "nara-grs.yml"
    local.parent.mkdir(parents=True)
    local.write_text(LOCAL)
    code, output = run("import-schedule", "--from", "nara-grs", str(SAMPLE), str(mini))
    assert code == 0, output
    assert local.read_text() == LOCAL
    found = [line.split(": ", 2)[:2] for line in output.splitlines() if line.startswith("schedules/local/")]
    assert found == [
        ["schedules/local/nara-grs.yml:8:5", "warning[local-setting-stale]"],  # 2.3.060 is now 4-7
        ["schedules/local/nara-grs.yml:9:5", "error[local-unknown-item]"],
        ["schedules/local/nara-grs.yml:12:5", "error[local-extension-too-short]"],  # 6.1.011 is P7Y
        ["schedules/local/nara-grs.yml:15:5", "error[local-extension-not-authorised]"],
        [
            "schedules/local/nara-grs.yml",
            "4 local settings no longer match this import (the file is not changed; correct it by hand, then run fonds check)",
        ],
    ], output
    assert "its own period (P4Y)" in output
    # The same findings from fonds check, at the same lines.
    checked = CliRunner().invoke(main, ["check", "--root", str(mini)], catch_exceptions=False).output
    for where, code_ in found[:-1]:
        assert f"{where}: {code_}" in checked, checked


def test_local_settings_file_is_never_an_output(mini: Path) -> None:
    target = mini / "schedules" / "local" / "nara-grs.yml"
    code, output = run(
        "import-schedule", "--from", "nara-grs", str(SAMPLE), str(mini), "--output", str(target)
    )
    assert code == 2
    assert "local-settings file, which the import never writes" in output
    assert not target.exists()


def test_dry_run_shows_the_diff_and_writes_nothing(mini: Path) -> None:
    target = mini / "schedules" / "nara-grs.yml"
    target.write_text("# keep me\n")
    code, output = run("import-schedule", "--from", "nara-grs", str(SAMPLE), str(mini), "--dry-run")
    assert code == 0, output
    assert "--- a/schedules/nara-grs.yml\n+++ b/schedules/nara-grs.yml" in output
    assert "-# keep me\n" in output and "+      retain_max: P7Y\n" in output
    assert "Dry run, nothing was changed" in output
    assert target.read_text() == "# keep me\n"


def test_re_import_of_the_same_csv_changes_nothing(mini: Path) -> None:
    target = mini / "schedules" / "nara-grs.yml"
    assert run("import-schedule", "--from", "nara-grs", str(SAMPLE), str(mini))[0] == 0
    first = target.read_bytes()
    code, output = run("import-schedule", "--from", "nara-grs", str(SAMPLE), str(mini), "--force")
    assert code == 0, output
    assert "schedules/nara-grs.yml is already up to date (51 items); nothing was changed" in output
    assert target.read_bytes() == first


def test_commit_makes_one_commit_of_the_schedule(mini: Path) -> None:
    repo = init_git(mini)
    code, output = run("import-schedule", "--from", "nara-grs", str(SAMPLE), str(mini), "--commit")
    assert code == 0, output
    assert "Committed " in output
    assert repo.head.commit.message.startswith("Import 51 items of NARA General Records Schedules")
    assert list(repo.head.commit.stats.files) == ["schedules/nara-grs.yml"]
    assert not repo.is_dirty(untracked_files=True)


def test_an_unreadable_schedule_file_is_a_usage_error(mini: Path) -> None:
    target = mini / "schedules" / "nara-grs.yml"
    target.write_bytes(b"\xff\xfe junk")
    code, output = run("import-schedule", "--from", "nara-grs", str(SAMPLE), str(mini), "--force")
    assert code == 2
    assert "cannot be read as a schedule file" in output and "Traceback" not in output
    assert target.read_bytes() == b"\xff\xfe junk"


def test_commit_outside_the_catalogue_is_refused(mini: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.yml"
    code, output = run(
        "import-schedule",
        "--from",
        "nara-grs",
        str(SAMPLE),
        str(mini),
        "--output",
        str(elsewhere),
        "--commit",
    )
    assert code == 2
    assert "--commit needs the schedule inside the catalogue" in output
    assert not elsewhere.exists()
