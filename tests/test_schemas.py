"""The shipped schemas are valid, and the example files point editors at them."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from fonds.reading import schemas

from .conftest import REPO

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


@pytest.mark.parametrize("name", ["common", *schemas.KINDS])
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    Draft202012Validator.check_schema(json.loads(schemas.schema_text(name)))


def test_every_example_file_names_an_existing_schema() -> None:
    files = [
        REPO / "fonds.yml",
        *sorted((REPO / "catalogue").rglob("*.yml")),
        *sorted((REPO / "schedules").glob("*.yml")),
    ]
    assert len(files) > 80
    for path in files:
        first = path.read_text().splitlines()[0]
        match = MODELINE.match(first)
        assert match, f"{path.relative_to(REPO)} has no yaml-language-server modeline"
        target = (path.parent / match.group(1)).resolve()
        assert target.is_file(), f"{path.relative_to(REPO)} points at a missing schema {match.group(1)}"


def test_vscode_settings_map_every_kind() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text())
    mapped = {path.rsplit("/", 1)[-1] for path in settings["yaml.schemas"]}
    assert mapped == {f"{kind}.schema.json" for kind in schemas.KINDS}
