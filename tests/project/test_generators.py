"""The example site builds unchanged under MkDocs 1.6.1 and under ProperDocs 1.6 (the
maintained MkDocs 1.x fork): same mkdocs.yml, same ``mkdocs.plugins`` entry point, same pages.

ProperDocs runs in a second venv (``make properdocs``: .venv-properdocs, installed from the
package index like .venv): it redirects every ``mkdocs.*`` import to itself while it runs, so
the plugin and Material work unchanged, but it is kept apart from the MkDocs that .venv tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import EXAMPLE_AS_OF, REPO, build_example

PROPERDOCS = REPO / ".venv-properdocs" / "bin" / "properdocs"


@pytest.fixture(scope="module")
def properdocs() -> Path:
    if not PROPERDOCS.exists():
        made = subprocess.run(["make", "properdocs"], cwd=REPO, capture_output=True, text=True, check=False)
        assert made.returncode == 0, f"make properdocs failed:\n{made.stdout}{made.stderr}"
    return PROPERDOCS


def test_the_example_builds_the_same_under_properdocs_and_mkdocs(
    properdocs: Path, example_site: Path, tmp_path: Path
) -> None:
    site = build_example(tmp_path / "properdocs-site", command=(str(properdocs),))
    for page in ("index.html", "records/CON-2022-002/index.html", "file-plan/index.html"):
        built, expected = (site / page).read_text(), (example_site / page).read_text()
        # The catalogue content is the same; only the generator's name differs.
        body = built.split('<div class="fonds-page"', 1)[1].split("</article>", 1)[0]
        assert body == expected.split('<div class="fonds-page"', 1)[1].split("</article>", 1)[0], page
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")) == sorted(
        p.relative_to(example_site).as_posix() for p in example_site.rglob("*.html")
    )


def test_serving_rebuilds_only_what_changed_under_properdocs_too(properdocs: Path, tmp_path: Path) -> None:
    """``properdocs serve --dirty``: the same served site as a clean ProperDocs build, after an edit."""
    root = tmp_path / "repo"
    for name in ("catalogue", "schedules", "docs"):
        shutil.copytree(REPO / name, root / name)
    for name in ("fonds.yml", "mkdocs.yml"):
        shutil.copy(REPO / name, root / name)
    script = (
        "import runpy, sys, properdocs.replacement; sys.argv = sys.argv[1:]; "
        "runpy.run_path(sys.argv[0], run_name='__main__')"
    )
    session = REPO / "tests" / "serve_session.py"
    env = {**os.environ, "FONDS_AS_OF": EXAMPLE_AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("FONDS_AUDIENCE", None)
    result = subprocess.run(
        [str(properdocs.parent / "python"), "-c", script, str(session), str(root), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
