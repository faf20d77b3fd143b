"""``fonds check`` says exactly the same with the jsonschema-rs first pass, without it, and
when jsonschema-rs is not installed: the first pass only skips jsonschema on valid files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from fonds.cli import main
from fonds.reading import loader, schemas

from .test_cases import CASE_NAMES, lay_case

SCHEMA_CODES = ("error[schema]", "error[unknown-field]", "error[invalid-date]", "error[invalid-duration]")


def _check(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(root)], catch_exceptions=False)
    return result.exit_code, result.output


def test_every_bad_input_case_reads_the_same_without_the_first_pass(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema_findings = 0
    for name in CASE_NAMES:
        root = mini.parent / name
        shutil.copytree(mini, root)
        lay_case(root, name)
        with_first_pass = _check(root)
        with monkeypatch.context() as patched:
            patched.setattr(schemas, "first_pass_accepts", lambda checker, data: False)
            without = _check(root)
        assert with_first_pass == without, f"{name}:\n{with_first_pass[1]}\n---\n{without[1]}"
        schema_findings += any(code in without[1] for code in SCHEMA_CODES)
    assert schema_findings >= 25


def test_without_jsonschema_rs_fonds_checks_as_before(mini: Path) -> None:
    """jsonschema-rs missing (a platform with no wheel): jsonschema alone, same findings."""
    lay_case(mini, "unknown-field-typo")
    (mini / "catalogue" / "records" / "fin" / "FIN-002.yml").write_text(
        (mini / "catalogue" / "records" / "fin" / "FIN-002.yml")
        .read_text()
        .replace("created: 2021-04-01", "created: 2021-02-30")
    )
    code, output = _check(mini)
    assert code == 1 and "error[unknown-field]" in output and "error[invalid-date]" in output, output
    script = (
        "import sys\n"
        "sys.modules['jsonschema_rs'] = None  # import jsonschema_rs now raises ImportError\n"
        "from click.testing import CliRunner\n"
        "from fonds.cli import main\n"
        "from fonds.reading import fast_schema, schemas\n"
        f"result = CliRunner().invoke(main, ['check', '--root', {str(mini)!r}], catch_exceptions=False)\n"
        "assert fast_schema.jsonschema_rs is None and not schemas._FIRST_PASS\n"
        "print(result.exit_code)\n"
        "sys.stdout.write(result.output)\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == f"{code}\n{output}"


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="worker processes need two cores")
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_worker_processes_find_the_same_as_one_process(
    mini: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    """Above PARALLEL_FROM files, two workers read and check (fork; spawn under mkdocs serve)."""
    lay_case(mini, "unknown-field-typo")
    records = mini / "catalogue" / "records" / "fin"
    for number in range(4, 12):
        text = (records / "FIN-003.yml").read_text().replace("FIN-003", f"FIN-{number:03d}")
        (records / f"FIN-{number:03d}.yml").write_text(text.replace("2020-02-03", f"2020-02-{number + 20}"))
    serial = _check(mini)
    assert "error[unknown-field]" in serial[1] and "error[invalid-date]" in serial[1], serial[1]
    monkeypatch.setattr(loader, "PARALLEL_FROM", 0)
    monkeypatch.setattr(loader, "CHUNK", 2)
    monkeypatch.setattr(loader, "_start_method", lambda: method)
    pools: list[int] = []

    class Pool(ProcessPoolExecutor):
        def __init__(self, max_workers: int, mp_context: Any) -> None:
            pools.append(max_workers)
            super().__init__(max_workers=max_workers, mp_context=mp_context)

    monkeypatch.setattr(loader, "ProcessPoolExecutor", Pool)
    assert _check(mini) == serial
    assert pools == [2]
