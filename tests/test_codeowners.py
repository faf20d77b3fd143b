"""`fonds codeowners`: .github/CODEOWNERS from access lists and class owners, and `--check` for CI."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from fonds.access.codeowners import MARKER, PathError, codeowners, escape_path, split_kept
from fonds.cli import main
from fonds.reading.loader import load_catalogue

from .conftest import REPO

ACCESS = """levels: [public, internal, confidential]
caveats: {personal-information: PI}
groups:
  - {id: staff, title: Staff, clearance: internal, team: town/staff}
  - {id: fin, title: Finance, clearance: confidential, caveats: [personal-information], team: '@town/finance'}
  - {id: clerks, title: Clerks, clearance: internal, team: town/clerks}
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def with_teams(mini: Path) -> Path:
    (mini / "catalogue" / "access.yml").write_text(ACCESS)
    return mini


def generated(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("/")]


def test_restricted_records_are_owned_by_their_access_list_teams(mini: Path) -> None:
    code, output = run("codeowners", "--root", str(with_teams(mini)))
    assert code == 0, output
    assert output == "wrote .github/CODEOWNERS (2 records owned by 2 teams)\n"
    text = (mini / ".github" / "CODEOWNERS").read_text()
    assert text.startswith(MARKER + "\n")  # the first line says the file is generated
    # FIN-001 is internal with access list [staff]; FIN-002 confidential [fin]; FIN-003 public.
    assert generated(text) == [
        "/catalogue/records/fin/FIN-001.yml @town/staff",
        "/catalogue/records/fin/FIN-002.yml @town/finance",
    ]


def test_a_class_owner_owns_every_record_of_the_class_and_below(mini: Path) -> None:
    with_teams(mini)
    plan = mini / "catalogue" / "file-plan.yml"
    plan.write_text(
        plan.read_text().replace(
            "  - code: FIN\n    title: Finance\n", "  - code: FIN\n    title: Finance\n    owner: clerks\n"
        )
    )
    run("codeowners", "--root", str(mini))
    assert generated((mini / ".github" / "CODEOWNERS").read_text()) == [
        "/catalogue/records/fin/FIN-001.yml @town/clerks @town/staff",
        "/catalogue/records/fin/FIN-002.yml @town/clerks @town/finance",
        "/catalogue/records/fin/FIN-003.yml @town/clerks",
    ]


def test_check_fails_when_missing_or_stale_and_shows_the_difference(mini: Path) -> None:
    with_teams(mini)
    code, output = run("codeowners", "--root", str(mini), "--check")
    assert (code, output) == (1, ".github/CODEOWNERS is missing: run fonds codeowners and commit it\n")
    assert not (mini / ".github").exists()  # --check changes nothing
    run("codeowners", "--root", str(mini))
    assert run("codeowners", "--root", str(mini), "--check") == (
        0,
        ".github/CODEOWNERS is up to date (2 records owned by 2 teams)\n",
    )
    record = mini / "catalogue" / "records" / "fin" / "FIN-001.yml"
    record.write_text(record.read_text().replace("groups: [staff]", "groups: [fin]"))
    code, output = run("codeowners", "--root", str(mini), "--check")
    assert code == 1, output
    assert "-/catalogue/records/fin/FIN-001.yml @town/staff\n" in output
    assert "+/catalogue/records/fin/FIN-001.yml @town/finance\n" in output
    assert output.endswith(".github/CODEOWNERS is stale: run fonds codeowners and commit it\n")


def test_hand_written_lines_above_the_generated_part_are_kept(mini: Path) -> None:
    with_teams(mini)
    target = mini / ".github" / "CODEOWNERS"
    target.parent.mkdir()
    target.write_text("# ours\n/catalogue/access.yml @town/records\n")
    run("codeowners", "--root", str(mini))
    first = target.read_text()
    assert first.startswith("# ours\n/catalogue/access.yml @town/records\n\n" + MARKER + "\n")
    assert run("codeowners", "--root", str(mini)) == (
        0,
        ".github/CODEOWNERS is already up to date (2 records owned by 2 teams)\n",
    )
    assert target.read_text() == first  # stable: the hand-written part is not repeated
    assert split_kept(first) == "# ours\n/catalogue/access.yml @town/records\n\n"


def test_the_file_is_replaced_atomically_and_keeps_its_mode(mini: Path) -> None:
    with_teams(mini)
    target = mini / ".github" / "CODEOWNERS"
    target.parent.mkdir()
    target.write_text("old\n")
    target.chmod(0o640)
    run("codeowners", "--root", str(mini))
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in target.parent.iterdir()] == ["CODEOWNERS"]  # no temporary file left


def test_paths_start_at_the_top_of_the_git_repository(tmp_path: Path, mini: Path) -> None:
    with_teams(mini)
    repository = tmp_path / "repo"
    (repository / "records office").mkdir(parents=True)
    catalogue_root = repository / "records office" / "catalogue-root"
    mini.rename(catalogue_root)
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    code, output = run("codeowners", "--root", str(catalogue_root))
    assert code == 0, output
    lines = generated((repository / ".github" / "CODEOWNERS").read_text())
    assert lines[0] == r"/records\ office/catalogue-root/catalogue/records/fin/FIN-001.yml @town/staff"


def test_restricted_records_nobody_owns_are_warned_about(mini: Path) -> None:
    code, output = run("codeowners", "--root", str(mini))  # the mini's groups have no teams
    assert code == 0
    assert "warning: 'FIN-002' is confidential but no team owns it" in output
    assert "FIN-003" not in output  # public, with no access list: nothing to protect


def test_nothing_is_written_when_a_record_cannot_be_read(mini: Path) -> None:
    with_teams(mini)
    (mini / "catalogue" / "records" / "fin" / "FIN-009.yml").write_text("id: [unclosed\n")
    code, output = run("codeowners", "--root", str(mini))
    assert code == 1
    assert "nothing was written" in output
    assert not (mini / ".github" / "CODEOWNERS").exists()


def test_output_is_deterministic_and_sorted_by_path() -> None:
    catalogue, _ = load_catalogue(REPO)
    first = codeowners(catalogue)
    assert codeowners(catalogue).text == first.text
    files = [o.file for o in first.ownerships]
    assert files == sorted(files)


def test_escaping_special_characters() -> None:
    assert escape_path("a b/[x]*?#!.yml") == r"/a\ b/\[x\]\*\?\#\!.yml"


def test_the_example_repository_codeowners_is_up_to_date() -> None:
    code, output = run("codeowners", "--root", str(REPO), "--check")
    assert code == 0, output
    text = (REPO / ".github" / "CODEOWNERS").read_text()
    assert "/catalogue/records/finance/FIN-2022-004.yml @millbrook/finance @millbrook/legal" in text
    assert "/catalogue/records/legal/LEG-2023-006.yml @millbrook/legal" in text
    assert "/catalogue/access.yml" in split_kept(text)  # the hand-written part protects access.yml


def test_ci_checks_codeowners() -> None:
    import yaml

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "catalogue.yml").read_text())
    commands = [
        line.strip()
        for job in workflow["jobs"].values()
        for step in job["steps"]
        for line in step.get("run", "").splitlines()
    ]
    assert "fonds codeowners --check" in commands


def test_many_unowned_records_are_counted_not_listed_one_by_one(mini: Path) -> None:
    folder = mini / "catalogue" / "records" / "fin"
    template = (folder / "FIN-002.yml").read_text()
    for n in range(10, 22):
        (folder / f"FIN-0{n}.yml").write_text(template.replace("id: FIN-002", f"id: FIN-0{n}"))
    code, output = run("codeowners", "--root", str(mini))
    assert code == 0, output
    assert output.count("but no team owns it") == 10  # of 14: FIN-001, FIN-002 and the 12 copies
    assert "warning: and 4 more restricted records that no team owns" in output


def _owned_by(mini: Path, owner: str, access: str) -> None:
    plan = mini / "catalogue" / "file-plan.yml"
    plan.write_text(
        plan.read_text().replace("    title: Invoices\n", f"    title: Invoices\n    owner: {owner}\n")
    )
    (mini / "catalogue" / "access.yml").write_text(access)


def test_an_unowned_record_names_the_real_cause_a_class_owner_without_a_team(mini: Path) -> None:
    _owned_by(mini, "fin", ACCESS.replace(", team: '@town/finance'", "").replace(", team: town/staff", ""))
    code, output = run("codeowners", "--root", str(mini))
    assert code == 0, output
    [line] = [line for line in output.splitlines() if "'FIN-002'" in line]
    assert "its class's owner group 'fin' has no team in catalogue/access.yml" in line
    assert "the groups on its access list (fin) have no team" in line
    assert "add 'team: ORG/TEAM' to group 'fin'" in line
    assert "give its class an owner" not in line


def test_an_unowned_record_names_the_real_cause_a_class_without_an_owner(mini: Path) -> None:
    code, output = run(
        "codeowners", "--root", str(mini)
    )  # the mini's classes have no owner, its groups no team
    assert code == 0, output
    [line] = [line for line in output.splitlines() if "'FIN-002'" in line]
    assert "its class FIN-01 has no owner (nor any class above it)" in line
    assert "give its class an owner" in line


@pytest.mark.parametrize("char", ["\n", "\r", "\t", "\x1b", "\u2028", "\x85"])
def test_a_path_codeowners_cannot_carry_is_refused(char: str) -> None:
    with pytest.raises(PathError, match="which a CODEOWNERS line cannot hold"):
        escape_path(f"catalogue/records/a{char}b/X.yml")


def test_a_newline_in_a_folder_name_never_splits_a_line_nothing_is_written(mini: Path) -> None:
    with_teams(mini)
    folder = mini / "catalogue" / "records" / "fin\nevil @attacker"
    folder.mkdir()
    source = mini / "catalogue" / "records" / "fin" / "FIN-002.yml"
    (folder / "FIN-009.yml").write_text(source.read_text().replace("id: FIN-002", "id: FIN-009"))
    source.unlink()
    code, output = run("codeowners", "--root", str(mini))
    assert code == 1, output
    assert "'FIN-009': its path holds a line break (U+000A), which a CODEOWNERS line cannot hold" in output
    assert "fin\\nevil @attacker/FIN-009.yml: error:" in output  # shown escaped, never raw
    assert not (mini / ".github" / "CODEOWNERS").exists()
