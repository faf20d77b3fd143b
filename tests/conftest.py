from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent
MINI = TESTS / "fixtures" / "mini"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite expected outputs (golden files) from the current behaviour; review the diff.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A small valid catalogue (three records, one hold) in a temporary folder."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return root


EXAMPLE_AS_OF = "2026-11-23"
"""The documented day on which the example catalogue shows every retention state."""


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example catalogue's site, built once per test run with ``mkdocs build --strict``."""
    site = tmp_path_factory.mktemp("site")
    env = {**os.environ, "FONDS_AS_OF": EXAMPLE_AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return site
