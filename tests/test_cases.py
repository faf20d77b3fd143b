"""Bad-input cases: each folder under tests/cases/ is one mistake a technician could make.

A case folder holds files laid over the small valid catalogue in tests/fixtures/mini
(``delete.txt`` lists files to remove first) and ``expected.txt``: exactly what
``fonds check`` must print. Adding a case is adding a folder; run
``pytest tests/test_cases.py --update-golden`` to write a new expected.txt, then read it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from fonds.cli import main

CASES = Path(__file__).parent / "cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


def test_there_are_enough_cases() -> None:
    assert len(CASE_NAMES) >= 25


def lay_case(mini: Path, name: str) -> None:
    """Lay the case's files over the mini catalogue (after deleting those in delete.txt)."""
    case = CASES / name
    delete = case / "delete.txt"
    if delete.exists():
        for line in delete.read_text().split():
            (mini / line).unlink()
    for source in sorted(case.rglob("*")):
        relative = source.relative_to(case)
        if source.is_dir() or relative.name in ("expected.txt", "delete.txt", "README.md"):
            continue
        target = mini / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


@pytest.mark.parametrize("name", CASE_NAMES)
def test_case(name: str, mini: Path, update_golden: bool) -> None:
    case = CASES / name
    lay_case(mini, name)
    before = {p: p.read_bytes() for p in mini.rglob("*") if p.is_file()}
    result = CliRunner().invoke(main, ["check", "--root", str(mini)], catch_exceptions=False)
    output = result.output.replace(str(mini), "<catalogue>")
    expected_file = case / "expected.txt"
    if update_golden:
        expected_file.write_text(output)
    expected = expected_file.read_text()
    assert output == expected, output
    has_errors = "error[" in output
    assert result.exit_code == (0 if not has_errors else result.exit_code or 1), output
    assert result.exit_code in ((1, 2) if has_errors else (0,)), output
    after = {p: p.read_bytes() for p in mini.rglob("*") if p.is_file()}
    assert after == before, "fonds check must never change a file"
