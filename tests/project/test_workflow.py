"""The GitHub Actions workflow checks every pull request and, every night, overdue disposals."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "catalogue.yml"


def load() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(WORKFLOW.read_text())  # type: ignore[no-any-return]


def runs() -> list[str]:
    return [
        line.strip()
        for job in load()["jobs"].values()
        for step in job["steps"]
        for line in step.get("run", "").splitlines()
    ]


def test_workflow_runs_on_pull_requests_and_nightly() -> None:
    triggers = load()[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers
    [schedule] = triggers["schedule"]
    _minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*") and re.fullmatch(r"\d+", hour)


def test_workflow_checks_with_annotations_and_fails_on_overdue() -> None:
    commands = runs()
    assert "fonds check --format github" in commands
    assert "fonds due --format github --fail-on overdue" in commands
    assert any("constraints.txt" in c for c in commands)


def test_make_overdue_runs_the_same_check() -> None:
    makefile = (REPO / "Makefile").read_text()
    target = makefile.split("\noverdue:", 1)[1].split("\n\n", 1)[0]
    assert "fonds due" in target and "--fail-on overdue" in target


def test_workflow_is_valid_for_github_actions() -> None:
    check_workflow(WORKFLOW)


def check_workflow(workflow: Path) -> None:
    """Validated with the GitHub workflow schema that check-jsonschema ships (no network)."""
    import shutil
    import subprocess
    import sys

    tool = Path(sys.executable).parent / "check-jsonschema"
    command = str(tool) if tool.exists() else shutil.which("check-jsonschema")
    assert command, "check-jsonschema is a dev dependency"
    result = subprocess.run(
        [command, "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


TEMPLATES = REPO / "scripts" / "fonds" / "templates" / "init" / "common" / "dot-github" / "workflows"
NEEDS_HISTORY = ("fonds build", "fonds pages", "mkdocs build", "fonds history")
"""Commands that show history from Git: on a shallow clone (actions/checkout's default) they
would say 'history not available'."""


def test_workflows_that_build_the_site_fetch_the_whole_history() -> None:
    workflows = [*REPO.joinpath(".github", "workflows").glob("*.yml"), *TEMPLATES.glob("*.yml")]
    building = 0
    for workflow in workflows:
        for name, job in yaml.safe_load(workflow.read_text())["jobs"].items():
            steps = job.get("steps", [])
            if not any(command in step.get("run", "") for step in steps for command in NEEDS_HISTORY):
                continue
            building += 1
            checkouts = [s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@")]
            assert checkouts and all(s.get("with", {}).get("fetch-depth") == 0 for s in checkouts), (
                f"{workflow.name}: job {name} builds the site from a shallow clone"
            )
    assert building, "the publish workflow builds the site"
