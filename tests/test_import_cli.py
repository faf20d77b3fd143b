"""`fonds import-schedule --from nara-grs` as a technician runs it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from fonds.cli import main

SAMPLE = Path(__file__).parent / "fixtures" / "nara" / "grs-csv-transmittal36-sample.csv"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_import_writes_the_schedule_and_lists_events_to_declare(mini: Path) -> None:
    code, output = run("import-schedule", "--from", "nara-grs", str(SAMPLE), str(mini))
    assert code == 0, output
    target = mini / "schedules" / "nara-grs.yml"
    assert f"wrote 51 items to {target}" in output
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
