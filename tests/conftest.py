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


def build_example(
    site: Path,
    audience: str | None = None,
    *,
    command: tuple[str, ...] = (sys.executable, "-m", "mkdocs"),
    config: str = "mkdocs.yml",
    cwd: Path = REPO,
) -> Path:
    """A site built with ``mkdocs build --strict`` (or ``command``) into ``site``, for
    ``audience`` (default the lowest: the public finding aid); by default the example's."""
    env = {**os.environ, "FONDS_AS_OF": EXAMPLE_AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("FONDS_AUDIENCE", None)
    if audience:
        env["FONDS_AUDIENCE"] = audience
    result = subprocess.run(
        [*command, "build", "--strict", "-f", config, "--site-dir", str(site)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example catalogue's public site, built once per test run with ``mkdocs build --strict``."""
    return build_example(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def example_staff_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example catalogue's site for staff (the operational audience, ``internal``)."""
    return build_example(tmp_path_factory.mktemp("staff-site"), "internal")
