"""The GitHub Actions workflow checks every pull request with annotations."""

from __future__ import annotations

import yaml

from .conftest import REPO


def test_workflow_checks_pull_requests_with_annotations() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "catalogue.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "fonds check --format github" in runs
    assert any("constraints.txt" in run for run in runs)
