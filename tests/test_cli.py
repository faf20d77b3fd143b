"""`fonds check` as a technician and as CI use it: exit codes, formats, determinism."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fonds.cli import main
from fonds.cli.base import COMMAND_MODULES


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def break_one_record(root: Path) -> Path:
    path = root / "catalogue" / "records" / "fin" / "FIN-003.yml"
    path.write_text(path.read_text().replace("class: FIN-01", "class: FIN-99"))
    return path


def test_clean_catalogue_exits_0(mini: Path) -> None:
    code, output = run("check", "--root", str(mini))
    assert code == 0, output
    assert output == "3 records checked: 0 errors, 0 warnings\n"


def test_error_exits_1_with_file_line_column(mini: Path) -> None:
    break_one_record(mini)
    code, output = run("check", "--root", str(mini))
    assert code == 1, output
    assert output.splitlines()[0] == (
        "catalogue/records/fin/FIN-003.yml:3:1: error[unknown-class]: class 'FIN-99' is not in the file plan"
    )


def test_warning_passes_unless_strict(mini: Path) -> None:
    path = mini / "catalogue" / "records" / "fin" / "FIN-001.yml"
    path.write_text(path.read_text().replace("location: BOX-1\n", ""))
    code, output = run("check", "--root", str(mini))
    assert code == 0, output
    assert "warning[missing-location]" in output
    code, output = run("check", "--strict", "--root", str(mini))
    assert code == 1, output


def test_missing_config_exits_2(tmp_path: Path) -> None:
    code, output = run("check", "--root", str(tmp_path))
    assert code == 2, output
    assert "error[missing-config]" in output


def test_broken_config_exits_2(mini: Path) -> None:
    (mini / "fonds.yml").write_text("name: Mini\nid_pattern: '[unclosed'\n")
    code, output = run("check", "--root", str(mini))
    assert code == 2, output
    assert "fonds.yml:2:1: error[config]: 'id_pattern' is not a valid regular expression" in output


def test_root_is_found_from_a_sub_folder(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini / "catalogue" / "records")
    code, output = run("check")
    assert code == 0, output


def test_json_format(mini: Path) -> None:
    break_one_record(mini)
    code, output = run("check", "--format", "json", "--root", str(mini))
    assert code == 1
    payload = json.loads(output)
    assert payload["summary"] == {"records": 3, "errors": 1, "warnings": 0}
    assert payload["diagnostics"] == [
        {
            "file": "catalogue/records/fin/FIN-003.yml",
            "line": 3,
            "column": 1,
            "code": "unknown-class",
            "severity": "error",
            "message": "class 'FIN-99' is not in the file plan",
            "path": "class",
        }
    ]


def test_github_format_escapes_for_workflow_commands(mini: Path) -> None:
    path = mini / "catalogue" / "records" / "fin" / "FIN-003.yml"
    path.write_text(path.read_text().replace("class: FIN-01", "class: 'FIN,99'"))
    code, output = run("check", "--format", "github", "--root", str(mini))
    assert code == 1
    first = output.splitlines()[0]
    assert first.startswith(
        "::error file=catalogue/records/fin/FIN-003.yml,line=3,col=1,title=fonds schema::"
    )
    assert "(found 'FIN,99')" in first  # commas are escaped in properties only, not in the message
    assert output.splitlines()[-1] == "3 records checked: 1 error, 0 warnings"


def test_github_annotation_escapes_properties_and_data() -> None:
    from fonds.diagnostics import error
    from fonds.reporters.formats import github_annotation

    found = error("a,b:c.yml", 2, 3, "schema", "100% wrong\nsecond line")
    assert github_annotation(found) == (
        "::error file=a%2Cb%3Ac.yml,line=2,col=3,title=fonds schema::100%25 wrong%0Asecond line"
    )


def test_output_is_identical_between_runs(mini: Path) -> None:
    break_one_record(mini)
    (mini / "catalogue" / "records" / "fin" / "X-1.yml").write_text("id: X-2\ntitle: no\n")
    first = run("check", "--format", "json", "--root", str(mini))
    second = run("check", "--format", "json", "--root", str(mini))
    assert first == second
    diagnostics = json.loads(first[1])["diagnostics"]
    keys = [(d["file"], d["line"], d["column"], d["code"]) for d in diagnostics]
    assert keys == sorted(keys)


def test_help_documents_exit_codes() -> None:
    code, output = run("check", "--help")
    assert code == 0
    text = " ".join(output.split())
    assert "Exit status: 0 clean; 1 errors were found (or warnings, with --strict); 2 usage" in text


def test_each_command_is_found_in_the_module_that_defines_it() -> None:
    """``fonds CMD`` imports only CMD's module: the table of which module holds which command
    must name every command, each where it is defined (or the command would not be found)."""
    main.load_all()
    defined = {
        name: command.callback.__module__.rsplit(".", 1)[-1]
        for name, command in main.commands.items()
        if command.callback is not None and command.callback.__module__.startswith("fonds.cli.")
    }
    assert defined == COMMAND_MODULES


def test_a_command_starts_without_the_libraries_of_the_others() -> None:
    probe = (
        "import sys\nfrom fonds.cli import main\n"
        "try:\n    main(['check', '--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('barcode', 'segno', 'openpyxl', 'git', 'mkdocs') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "Usage: " in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[]"
