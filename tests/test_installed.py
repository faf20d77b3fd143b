"""fonds installed from its wheel (not editable) serves a catalogue outside this repository.

Offline and in well under a minute: the wheel is built without build isolation (setuptools is
a dev dependency), installed with ``--no-deps`` into a fresh venv, and that venv finds the
dependencies in this project's ``.venv`` through a ``.pth`` line, which adds the folder without
running its ``.pth`` files, so the editable install of fonds stays out of sight.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO
from .schema_links import broken_links

pytestmark = pytest.mark.filterwarnings("ignore")


def sh(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=240)  # fmt: skip
    return result


def built_wheel(out: Path) -> Path:
    source = out / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(
        REPO / "scripts", source / "scripts", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    wheels = out / "wheels"
    result = sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", wheels, source, cwd=out)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    [wheel] = wheels.glob("fonds-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh venv with fonds installed from its wheel."""
    out = tmp_path_factory.mktemp("installed")
    wheel = built_wheel(out)
    venv = out / "venv"
    result = sh(sys.executable, "-m", "venv", "--without-pip", venv, cwd=out)
    assert result.returncode == 0, result.stderr
    python = venv / "bin" / "python"
    result = sh(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", wheel, cwd=out)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    [packages] = (venv / "lib").glob("python3*/site-packages")
    (packages / "dependencies-from-the-dev-venv.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return venv / "bin"


def test_the_installed_fonds_is_the_wheel_not_this_repository(installed: Path, tmp_path: Path) -> None:
    result = sh(installed / "python", "-c", "import fonds; print(fonds.__file__)", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).is_relative_to(installed.parent), result.stdout


def test_init_check_build_and_every_schema_link_outside_this_repository(
    installed: Path, tmp_path: Path
) -> None:
    assert not tmp_path.is_relative_to(REPO)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    fonds = installed / "fonds"
    made = sh(fonds, "init", "records", "--name", "Acme records", "--organisation", "Acme Ltd", cwd=tmp_path, env=env)  # fmt: skip
    assert made.returncode == 0, made.stdout + made.stderr
    catalogue = tmp_path / "records"
    checked = sh(fonds, "check", cwd=catalogue, env=env)
    assert (checked.returncode, checked.stdout) == (0, "0 records checked: 0 errors, 0 warnings\n"), (
        checked.stderr
    )
    built = sh(fonds, "build", cwd=catalogue, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Acme records" in (catalogue / "site" / "index.html").read_text()
    held = sh(fonds, "hold", "place", "HOLD-001", "--title", "Audit", "--reason", "Tax audit", "--authority", "CFO", "--placed-by", "A. Chen", "--class", "FIN-01", cwd=catalogue, env=env)  # fmt: skip
    assert held.returncode == 0, held.stdout + held.stderr
    assert broken_links(catalogue) == []


def test_a_new_team_imports_its_spreadsheet_fixes_it_builds_and_commits(
    installed: Path, tmp_path: Path
) -> None:
    """The README's way in, with fonds installed from its wheel in a folder outside this
    repository: init, import a few thousand rows of the office's own spreadsheet (its own
    column names, through a mapping file), read the reported cells, fix them, import with
    --commit on a branch, check, build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@x.invalid",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@x.invalid"}  # fmt: skip
    fonds = installed / "fonds"
    made = sh(fonds, "init", "records", "--name", "Acme records", "--starter", "basic", cwd=tmp_path, env=env)
    assert made.returncode == 0, made.stdout + made.stderr
    catalogue = tmp_path / "records"
    assert sh("git", "add", "-A", cwd=catalogue).returncode == 0
    assert sh("git", "commit", "-qm", "start", cwd=catalogue, env=env).returncode == 0
    assert sh("git", "checkout", "-qb", "import-legacy-list", cwd=catalogue).returncode == 0
    rows = ["File No.,Title,Date From,Cabinet,Dept.,Media"]
    rows += [f",Supplier invoices batch {n} ,{1 + n % 28:02d}/0{1 + n % 9}/{2015 + n % 10},office-files-c1,Finance ,Paper" for n in range(3000)]  # fmt: skip
    rows[11] = ",Supplier invoices batch 10,31/02/2019,OFFICE-FILES-C1,Finance,Paper"  # no such day
    rows[21] = ",Supplier invoices batch 20,2019-03-01,CABINET-9,Finance,Paper"  # no such place
    sheet = tmp_path / "legacy.csv"
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    mapping = tmp_path / "mapping.yml"
    mapping.write_text(
        "columns: {File No.: id, Title: title, Date From: dates.created, Cabinet: location, Dept.: department, Media: format}\n"
        "values: {department: {Finance: finance}, format: {Paper: paper}}\n"
        "defaults: {class: FIN-01}\n"
        "date_order: day-first\n"
    )
    first = sh(fonds, "import", "records", sheet, "--mapping", mapping, "--dry-run", cwd=catalogue, env=env)
    assert first.returncode == 1, first.stdout + first.stderr
    reported = first.stdout + first.stderr
    assert "legacy.csv:12:C" in reported and "legacy.csv:22:D" in reported, reported
    assert not list((catalogue / "catalogue" / "records").rglob("*.yml"))  # nothing written
    rows[11] = rows[11].replace("31/02/2019", "28/02/2019")
    rows[21] = rows[21].replace("CABINET-9", "OFFICE-FILES-C1")
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    done = sh(fonds, "import", "records", sheet, "--mapping", mapping, "--commit", cwd=catalogue, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(list((catalogue / "catalogue" / "records").rglob("*.yml"))) == 3000
    checked = sh(fonds, "check", cwd=catalogue, env=env)
    assert checked.returncode == 0 and "3000 records checked: 0 errors" in checked.stdout, checked.stdout
    built = sh(fonds, "build", cwd=catalogue, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    log = sh("git", "log", "--oneline", "main..import-legacy-list", cwd=catalogue)
    assert len(log.stdout.splitlines()) == 1, log.stdout  # one commit, ready for a pull request
    assert sh("git", "status", "--porcelain", cwd=catalogue).stdout == ""
