"""The pre-commit hooks of this repository, run for real by pre-commit on a catalogue made by
``fonds init``.

pre-commit installs a ``language: python`` hook by cloning the hook repository and running
``pip install .`` in a new virtualenv. To keep that offline, the test gives pip no index
(``PIP_NO_INDEX``), the setuptools wheel that virtualenv ships for the build
(``PIP_FIND_LINKS``), ``PIP_NO_DEPS`` for fonds's dependencies, and finds those in this
project's ``.venv`` through ``PYTHONPATH`` (a folder on ``PYTHONPATH`` has its ``.pth`` files
ignored, so the editable fonds stays out and the hook runs the fonds pip installed).
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest
import virtualenv  # type: ignore[import-untyped]
import yaml
from click.testing import CliRunner

from fonds.cli import main

from .conftest import REPO
from .office import init_git

HOOKS = REPO / ".pre-commit-hooks.yaml"
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def hook_repository(folder: Path) -> Path:
    """What pre-commit clones: this repository's package and hooks, in one commit."""
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(REPO / name, folder / name)
    shutil.copytree(
        REPO / "scripts", folder / "scripts", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    init_git(folder)
    return folder


def offline_env(tmp: Path) -> dict[str, str]:
    embedded = Path(virtualenv.__file__).parent / "seed" / "wheels" / "embed"
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp / "pre-commit-home"),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(embedded),
        "PIP_NO_DEPS": "1",
        "PYTHONPATH": os.pathsep.join(site.getsitepackages()),
        "NO_MKDOCS_2_WARNING": "1",
    }


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("pre-commit")
    target = tmp / "records"
    result = CliRunner().invoke(main, ["init", str(target), "--organisation", "Acme"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    subprocess.run(["git", "add", "-A"], cwd=target, check=True)
    (tmp / "hooks").mkdir()
    return target, hook_repository(tmp / "hooks")


def try_repo(catalogue: Path, hooks: Path, hook: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(hooks), hook, "--all-files"],
        cwd=catalogue,
        env=offline_env(catalogue.parent),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_the_hooks_and_the_config_init_writes_are_valid_for_pre_commit(catalogue: tuple[Path, Path]) -> None:
    target, _ = catalogue
    for command, path in (
        ("validate-manifest", HOOKS),
        ("validate-config", target / ".pre-commit-config.yaml"),
    ):
        result = subprocess.run(
            [str(PRE_COMMIT), command, str(path)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr
    ids = [hook["id"] for hook in yaml.safe_load(HOOKS.read_text())]
    [repo] = yaml.safe_load((target / ".pre-commit-config.yaml").read_text())["repos"]
    assert [hook["id"] for hook in repo["hooks"]] == ids == ["fonds-check", "fonds-codeowners"]
    for hook in yaml.safe_load(HOOKS.read_text()):
        assert (hook["language"], hook["pass_filenames"]) == ("python", False)


def test_pre_commit_runs_fonds_check_and_codeowners_on_a_new_catalogue(catalogue: tuple[Path, Path]) -> None:
    target, hooks = catalogue
    for hook, name in (("fonds-check", "fonds check"), ("fonds-codeowners", "fonds codeowners --check")):
        result = try_repo(target, hooks, hook)
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"{name}..." in result.stdout and "Passed" in result.stdout, result.stdout


def test_pre_commit_stops_a_commit_that_breaks_the_catalogue(catalogue: tuple[Path, Path]) -> None:
    target, hooks = catalogue
    record = target / "catalogue" / "records" / "finance" / "FIN-2026-001.yml"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(
        "id: FIN-2026-001\ntitle: Invoices\nclass: FIN-99\ndates:\n  created: 2026-04-01\nformat: paper\n"
    )
    subprocess.run(["git", "add", "-A"], cwd=target, check=True)
    try:
        result = try_repo(target, hooks, "fonds-check")
        assert result.returncode == 1, result.stdout + result.stderr
        assert "error[unknown-class]: class 'FIN-99' is not in the file plan" in result.stdout
    finally:
        subprocess.run(["git", "rm", "-q", "--cached", str(record)], cwd=target, check=True)
        record.unlink()
