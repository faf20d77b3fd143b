"""`fonds new` (a new record with the next free id) and `fonds close` (closing files)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fonds.cli import main
from fonds.ids import IdAllocator, IdError, next_free_id
from fonds.reading.loader import load_catalogue

from .conftest import REPO
from .office import init_git, make_office, read, run, snapshot


@pytest.fixture
def office(tmp_path: Path) -> Path:
    return make_office(tmp_path)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the Town of Millbrook example catalogue (id pattern FUNCTION-YEAR-NNN)."""
    root = tmp_path / "example"
    root.mkdir()
    shutil.copy(REPO / "fonds.yml", root)
    for name in ("catalogue", "schedules"):
        shutil.copytree(REPO / name, root / name)
    return root


def in_root(root: Path, *args: str) -> tuple[int, str]:
    return run(*args, "--root", str(root))


# fonds new


def test_new_writes_the_next_id_with_the_class_defaults_and_prints_its_path(office: Path) -> None:
    code, output = in_office_new(
        office, "ADM-01", "--title", "Correspondence: 2026", "--created", "2026-02-01", "--location", "TH-OFF"
    )
    assert code == 0, output
    assert "Created catalogue/records/adm/ADM-006.yml" in output
    assert "department: clerk (as most records of ADM-01" in output
    assert read(office, "catalogue/records/adm/ADM-006.yml") == (
        "# yaml-language-server: $schema=../../../scripts/fonds/schemas/record.schema.json\n"
        "id: ADM-006\n"
        "title: 'Correspondence: 2026'\n"
        "class: ADM-01\n"
        "dates:\n"
        "  created: 2026-02-01\n"
        "department: clerk\n"
        "format: paper\n"
        "location: TH-OFF\n"
    )
    assert run("check", "--root", str(office))[0] == 0


def in_office_new(root: Path, *args: str) -> tuple[int, str]:
    return in_root(root, "new", *args)


def test_new_does_not_copy_the_inherited_marking_and_takes_the_class_folder(office: Path) -> None:
    code, output = in_office_new(
        office, "FIN-01", "--title", "Invoices 2026", "--created", "2026-04-01", "--location", "BOX-1",
        "--keyword", "invoices", "--keyword", "2026", "--field", "motion=M-7",
    )  # fmt: skip
    assert code == 0, output
    text = read(office, "catalogue/records/fin/FIN-004.yml")
    assert "security" not in text
    assert "keywords:\n  - invoices\n  - '2026'\n" in text and "fields:\n  motion: M-7\n" in text
    assert "department: finance" in text and "format: paper" in text


def test_new_numbers_by_prefix_and_year_under_the_example_pattern(example: Path) -> None:
    code, output = in_office_new(example, "FIN-01-01", "--title", "Invoices", "--created", "2026-10-01", "--format", "paper", "--location", "TH-104-C1")  # fmt: skip
    assert code == 0, output
    assert "Created catalogue/records/finance/FIN-2026-006.yml" in output
    code, output = in_office_new(example, "FIN-01-01", "--title", "Invoices", "--created", "2030-01-02", "--format", "electronic")  # fmt: skip
    assert code == 0, output
    assert "Created catalogue/records/finance/FIN-2030-001.yml" in output
    assert run("check", "--root", str(example))[0] == 0


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["ADM-1", "--title", "x"], "error[unknown-class]: class 'ADM-1' is not in the file plan (did you mean 'ADM-01'"),
        (["ADM", "--title", "x"], "error[class-not-assignable]: class 'ADM' (Administration) is a heading with no retention rule; file the record in one of ADM-01, ADM-02, ADM-03"),
        (["ADM-01", "--title", "x", "--id", "ADM-001"], "error[duplicate-id]: record 'ADM-001' already exists in catalogue/records/adm/ADM-001.yml"),
        (["ADM-01", "--title", "x", "--location", "NOWHERE"], "error[unknown-location]: location 'NOWHERE' is not in catalogue/locations.yml"),
        (["ADM-01", "--title", "x", "--id", "adm-7"], "error[id-pattern]: record id 'adm-7' does not follow the catalogue's id pattern"),
    ],
)  # fmt: skip
def test_new_refuses_and_changes_nothing(office: Path, args: list[str], expected: str) -> None:
    before = snapshot(office)
    code, output = in_office_new(office, *args)
    assert code == 1, output
    assert expected in output
    assert snapshot(office) == before


def test_new_lists_every_problem_at_once(office: Path) -> None:
    code, output = in_office_new(office, "ADM-01", "--title", "x", "--id", "ADM-001", "--location", "NOWHERE", "--department", "nope")  # fmt: skip
    assert code == 1, output
    assert "(3 problems)" in output
    for found in ("duplicate-id", "unknown-location", "unknown-department"):
        assert found in output


def test_new_asks_for_an_id_when_the_pattern_cannot_be_filled(office: Path) -> None:
    config = office / "fonds.yml"
    config.write_text(config.read_text().replace("'^[A-Z]+-[0-9]{3}$'", "'^(ADM|FIN|CON)-[0-9]{3}$'"))
    code, output = in_office_new(office, "ADM-01", "--title", "x", "--location", "TH-OFF")
    assert code == 1, output
    assert "fonds.yml:4:1: error[id-pattern]:" in output and "give the id yourself (--id)" in output
    code, output = in_office_new(office, "ADM-01", "--title", "x", "--location", "TH-OFF", "--id", "ADM-100")
    assert code == 0, output


def test_new_dry_run_shows_the_file_and_commit_commits_it(office: Path) -> None:
    repo = init_git(office)
    before = snapshot(office)
    code, output = in_office_new(office, "CON-01", "--title", "Snow clearing", "--created", "2026-11-01", "--dry-run")  # fmt: skip
    assert code == 0, output
    assert "+++ b/catalogue/records/con/CON-002.yml" in output and "+title: Snow clearing" in output
    assert snapshot(office) == before
    code, output = in_office_new(office, "CON-01", "--title", "Snow clearing", "--created", "2026-11-01", "--commit")  # fmt: skip
    assert code == 0, output
    assert repo.head.commit.message.startswith("New record CON-002 in CON-01: Snow clearing")
    assert not repo.is_dirty(untracked_files=True)


def test_new_edit_opens_the_editor_then_checks_the_file(office: Path, tmp_path: Path) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text("import sys\np = sys.argv[1]\nopen(p, 'a').write('location: LOST\\n')\n")
    result = CliRunner(env={"EDITOR": f"{sys.executable} {editor}", "VISUAL": None}).invoke(
        main, ["new", "ADM-01", "--title", "x", "--created", "2026-01-01", "--edit", "--root", str(office)],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "Created catalogue/records/adm/ADM-006.yml" in result.output
    assert "ADM-006.yml:9:1: error[unknown-location]: location 'LOST' is not in" in result.output


def test_new_never_prints_a_control_character_raw(office: Path) -> None:
    code, output = in_office_new(
        office, "ADM-01", "--title", "Evil \x1b[2J title\u202e", "--location", "TH-OFF"
    )
    assert code == 1, output  # refused, with the reason, before anything is written
    assert "\x1b" not in output and "\u202e" not in output
    assert "error[control-character]" in output
    assert not (office / "catalogue/records/adm/ADM-006.yml").exists()


def test_next_free_id_fills_the_patterns_records_offices_use(example: Path) -> None:
    catalogue, _ = load_catalogue(example, validate=False)
    taken = catalogue.records.keys() | catalogue.record_files
    assert next_free_id(catalogue, "HR-02-01", 2026, taken) == "HR-2026-013"  # HR-2026-012 is the highest
    assert next_free_id(catalogue, "HR-02-01", 2026, {*taken, "HR-2026-013"}) == "HR-2026-014"
    allocator = IdAllocator(catalogue, taken)
    assert [allocator.next("LEG-01", 2031) for _ in range(2)] == ["LEG-2031-001", "LEG-2031-002"]
    from dataclasses import replace

    for pattern, expected in [
        ("^[A-Z]+-[0-9]{3}$", "FIN-001"),
        ("^REC-[0-9]{5}$", "REC-00001"),
        ("^[A-Z]{2,4}/[0-9]{4}/[0-9]+$", None),
    ]:
        shaped = replace(catalogue, config=replace(catalogue.config, id_pattern=pattern))
        if expected is None:
            with pytest.raises(IdError):
                next_free_id(shaped, "FIN-01-01", 2026, taken)
        else:
            assert next_free_id(shaped, "FIN-01-01", 2026, taken) == expected
    full = replace(catalogue, config=replace(catalogue.config, id_pattern="^[A-Z]+-[0-9]{1}$"))
    with pytest.raises(IdError, match="every sequence number"):
        next_free_id(full, "FIN-01-01", 2026, {f"FIN-{n}" for n in range(1, 10)})


# fonds close


def test_close_sets_only_the_closing_date(office: Path) -> None:
    original = read(office, "catalogue/records/con/CON-001.yml")
    code, output = in_root(office, "close", "CON-001", "--on", "2026-06-30")
    assert code == 0, output
    assert read(office, "catalogue/records/con/CON-001.yml") == original.replace(
        "  created: 2021-06-01\n", "  created: 2021-06-01\n  closed: 2026-06-30\n"
    )
    assert "Close 1 file on 2026-06-30: CON-001" in output


def test_close_at_the_year_end_cut_off_closes_every_open_file_of_the_class(office: Path) -> None:
    code, output = in_root(office, "close", "--class", "ADM", "--before", "2026-01-01", "--on", "2025-12-31")
    assert code == 0, output
    assert "Close 1 file on 2025-12-31: ADM-004" in output
    assert "closed: 2025-12-31" in read(office, "catalogue/records/adm/ADM-004.yml")
    code, output = in_root(office, "close", "--class", "ADM", "--before", "2026-01-01", "--on", "2025-12-31")
    assert code == 0, output
    assert "No open file in ADM or below was created before 2026-01-01." in output


def test_close_lists_every_refusal_at_once_and_changes_nothing(office: Path) -> None:
    before = snapshot(office)
    code, output = in_root(office, "close", "ADM-001", "CON-001", "ADM-099", "--on", "2020-01-01")
    assert code == 1, output
    assert "error[record-closed]: ADM-001 was already closed on 2015-12-31" in output
    assert (
        "error[date-order]: closing on 2020-01-01 would be before CON-001 was created (2021-06-01)" in output
    )
    assert "error[unknown-record]: there is no record 'ADM-099'" in output
    assert "(3 problems)" in output
    assert snapshot(office) == before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--class", "ADM"], "--class and --before go together"),
        ([], "give the records to close"),
        (["--class", "NOPE", "--before", "2026-01-01"], "class 'NOPE' is not in the file plan"),
    ],
)
def test_close_usage_errors(office: Path, args: list[str], expected: str) -> None:
    code, output = in_root(office, "close", *args)
    assert code == 2, output
    assert expected in output


def test_close_dry_run_and_commit(office: Path) -> None:
    repo = init_git(office)
    code, output = in_root(office, "close", "CON-001", "--on", "2026-06-30", "--dry-run")
    assert code == 0, output
    assert "+  closed: 2026-06-30" in output and not repo.is_dirty()
    code, output = in_root(office, "close", "CON-001", "--on", "2026-06-30", "--commit")
    assert code == 0, output
    assert repo.head.commit.message.startswith("Close 1 file on 2026-06-30: CON-001")


def test_new_follows_the_schema_line_of_its_neighbours_and_the_declared_field_types(office: Path) -> None:
    first = office / "catalogue/records/adm/ADM-001.yml"
    first.write_text(
        "# yaml-language-server: $schema=../../../schemas/record.schema.json\n" + first.read_text()
    )
    config = office / "fonds.yml"
    config.write_text(config.read_text().replace("fields:\n", "fields:\n  boxes: {type: integer}\n"))
    code, output = in_office_new(
        office, "ADM-01", "--title", "x", "--location", "TH-OFF", "--field", "boxes=3"
    )
    assert code == 0, output
    text = read(office, "catalogue/records/adm/ADM-006.yml")
    assert text.startswith(
        "# yaml-language-server: $schema=../../../schemas/record.schema.json\nid: ADM-006\n"
    )
    assert "fields:\n  boxes: 3\n" in text


def test_a_new_folder_takes_the_schema_line_of_records_as_deep(office: Path) -> None:
    first = office / "catalogue/records/adm/ADM-001.yml"
    first.write_text(
        "# yaml-language-server: $schema=../../../schemas/record.schema.json\n" + first.read_text()
    )
    for path in (office / "catalogue/records").rglob("*.yml"):
        if path.parent.name != "adm":
            path.unlink()
    code, output = in_office_new(
        office, "CON-01", "--title", "x", "--format", "paper", "--location", "TH-OFF"
    )
    assert code == 0, output
    assert "Created catalogue/records/con-01/CON-001.yml" in output  # the top class's folder
    text = read(office, "catalogue/records/con-01/CON-001.yml")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/record.schema.json\n")


def test_close_keeps_flow_mappings_comments_and_crlf(office: Path) -> None:
    flow = office / "catalogue/records/fin/FIN-004.yml"
    flow.write_bytes(
        b"id: FIN-004\ntitle: x\nclass: FIN-01\ndates: {created: 2019-05-01}   # opened\nformat: electronic\n"
    )
    crlf = office / "catalogue/records/fin/FIN-005.yml"
    crlf.write_bytes(
        b"id: FIN-005\r\ntitle: y\r\nclass: FIN-01\r\ndates:\r\n  created: 2019-05-01\r\nformat: electronic"
    )
    code, output = in_root(office, "close", "FIN-004", "FIN-005", "--on", "2020-01-01")
    assert code == 0, output
    assert flow.read_bytes().endswith(
        b"dates: {created: 2019-05-01, closed: 2020-01-01}   # opened\nformat: electronic\n"
    )
    assert crlf.read_bytes().endswith(b"  created: 2019-05-01\r\n  closed: 2020-01-01\r\nformat: electronic")
