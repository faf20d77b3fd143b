"""The docs keep up with the code: every diagnostic code and every command is documented."""

from __future__ import annotations

import re

import click

from fonds.cli import main
from fonds.diagnostics import CODES

from ..conftest import REPO

DOCS = REPO / "docs"


def test_every_diagnostic_code_is_documented() -> None:
    text = (DOCS / "diagnostics.md").read_text()
    documented = set(re.findall(r"^### `([a-z0-9-]+)`$", text, re.MULTILINE))
    assert sorted(set(CODES) - documented) == [], "codes missing from docs/diagnostics.md"
    assert sorted(documented - set(CODES)) == [], "docs/diagnostics.md documents codes that do not exist"


def test_every_command_is_documented() -> None:
    text = (DOCS / "cli.md").read_text()
    assert isinstance(main, click.Group)
    main.load_all()
    for name in main.commands:
        assert f"## `fonds {name}" in text, f"fonds {name} is not documented in docs/cli.md"


def test_readme_starts_with_the_two_commands() -> None:
    lines = [line for line in (REPO / "README.md").read_text().splitlines() if line.strip()]
    commands = [line.split("#")[0].strip() for line in lines if line.strip().startswith("make ")]
    assert commands[:2] == ["make site", "make test"]
    first_section = next(i for i, line in enumerate(lines) if line.startswith("## "))
    assert lines.index(next(line for line in lines if line.startswith("make site"))) < first_section
