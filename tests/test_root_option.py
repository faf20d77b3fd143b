"""Every command is given the catalogue the same way: ``--root DIR`` (the older positional ROOT
still works, with a deprecation notice on stderr)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from fonds.cli import main

NEW_CATALOGUE = {("init",)}
"""``fonds init DIRECTORY`` writes a new catalogue: there is none to give yet."""

NOTICE = "fonds: the ROOT argument is deprecated; use --root ROOT"


def _commands(
    group: click.Group, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name), command


main.load_all()
COMMANDS = [path for path, _ in _commands(main) if path not in NEW_CATALOGUE]


def test_the_list_of_commands_is_the_whole_cli() -> None:
    assert len(COMMANDS) > 30 and ("dispose",) in COMMANDS and ("check",) in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_takes_the_catalogue_as_root(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "--root DIRECTORY" in result.output, result.output


def test_the_root_argument_still_works_with_a_notice(mini: Path) -> None:
    runner = CliRunner()
    new = runner.invoke(main, ["check", "--root", str(mini)], catch_exceptions=False)
    old = runner.invoke(main, ["check", str(mini)], catch_exceptions=False)
    assert new.exit_code == old.exit_code == 0, old.output
    assert NOTICE not in new.stderr
    assert old.stderr.splitlines()[0] == NOTICE
    assert old.stdout == new.stdout


def test_show_takes_root_after_its_record_either_way(mini: Path) -> None:
    runner = CliRunner()
    record = sorted(p.stem for p in (mini / "catalogue" / "records").rglob("*.yml"))[0]
    new = runner.invoke(main, ["show", record, "--root", str(mini)], catch_exceptions=False)
    old = runner.invoke(main, ["show", record, str(mini)], catch_exceptions=False)
    assert new.exit_code == old.exit_code == 0, old.output
    assert old.stdout == new.stdout and NOTICE in old.stderr


def test_two_different_catalogues_are_a_usage_error(mini: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--root", str(mini)], catch_exceptions=False)
    assert result.exit_code == 2
    assert "the catalogue is given twice" in result.output
