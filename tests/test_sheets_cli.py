"""`fonds import records` and `fonds export records` as a records technician runs them, on the
example catalogue, with the spreadsheets real records offices have."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import git
import openpyxl
import pytest
from click.testing import CliRunner

from fonds.cli import main

from .conftest import REPO

EVERYONE = (
    "--audience", "secret", "--caveat", "personal-information", "--caveat", "legal-privilege",
    "--caveat", "cabinet-confidence",
)  # fmt: skip
LEGACY_MAPPING = """\
columns:
  File No.: id
  Title: title
  Date From: dates.created
  Date To: dates.closed
  Box: location
  Dept.: department
  Media: format
ignore: [Checked by]
values:
  format: {Paper: paper, Electronic: electronic}
  department: {Finance Dept: finance}
defaults:
  class: FIN-01-01
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """The example catalogue, in a Git repository of its own."""
    root = tmp_path / "town"
    root.mkdir()
    for name in ("fonds.yml", "catalogue", "schedules"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    repo = git.Repo.init(root)
    with repo.config_writer() as config:
        config.set_value("user", "name", "fonds test")
        config.set_value("user", "email", "test@fonds.invalid")
    repo.git.add(A=True)
    repo.index.commit("the example catalogue")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "catalogue").rglob("*.yml"))}


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return book


# Round trip


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_unchanged_changes_nothing(example: Path, tmp_path: Path, suffix: str) -> None:
    sheet = tmp_path / f"all{suffix}"
    code, output = run("export", "records", "--root", str(example), "--output", str(sheet), *EVERYONE)
    assert code == 0, output
    every = len(list((example / "catalogue" / "records").rglob("*.yml")))
    assert f"Wrote {every} records" in output  # every record, for an audience that sees all
    before = snapshot(example)
    code, output = run("import", "records", str(sheet), "--root", str(example), "--dry-run")
    assert code == 0, output
    assert "every row matches the catalogue; nothing to change" in output
    assert snapshot(example) == before


def test_csv_export_has_the_columns_the_import_reads_and_guards_formulas(example: Path) -> None:
    record = example / "catalogue" / "records" / "finance" / "FIN-2021-003.yml"
    text = record.read_text()
    old = "title: Municipal Modernization Program – records digitization project"
    record.write_text(text.replace(old, "title: '=HYPERLINK(\"x\") Municipal'"))
    code, output = run("export", "records", "--root", str(example), "--class", "FIN-05", *EVERYONE)
    assert code == 0, output
    header = output.splitlines()[0].split(",")
    assert header[:5] == ["id", "title", "description", "class", "dates.created"]
    assert "'=HYPERLINK" in output  # a spreadsheet shows it as text, never runs it
    sheet = example.parent / "fin.csv"
    sheet.write_text(output)
    code, output = run("import", "records", str(sheet), "--root", str(example), "--dry-run")
    assert code == 0 and "nothing to change" in output, output


def test_xlsx_export_keeps_ids_as_text_offers_lists_and_explains_columns(
    example: Path, tmp_path: Path
) -> None:
    target = tmp_path / "records.xlsx"
    assert run("export", "records", "--root", str(example), "-o", str(target), *EVERYONE)[0] == 0
    book = openpyxl.load_workbook(target)
    records = book["Records"]
    header = [cell.value for cell in records[1]]
    first = dict(zip(header, records[2], strict=False))
    assert first["id"].number_format == "@" and first["id"].data_type == "s"
    barcodes = [row[header.index("barcode")].value for row in records.iter_rows(min_row=2)]
    assert "P0013001" in barcodes
    lists = {str(v.sqref).split(":")[0][0] for v in records.data_validations.dataValidation}
    letters = {name: openpyxl.utils.get_column_letter(i + 1) for i, name in enumerate(header)}
    assert {letters[c] for c in ("class", "department", "format", "location", "security.level")} <= lists
    explained = [row[0].value for row in book["Columns"].iter_rows(min_row=2)]
    assert explained[: len(header)] == header


def test_export_shows_only_what_the_audience_may_see(example: Path) -> None:
    code, public = run("export", "records", "--root", str(example))
    assert code == 0
    code, everyone = run("export", "records", "--root", str(example), *EVERYONE)
    assert len(public.splitlines()) < len(everyone.splitlines())
    assert run("export", "records", "--root", str(example), "--audience", "nobody")[0] == 2


def test_export_selects_by_class_location_and_state(example: Path) -> None:
    code, output = run("export", "records", "--root", str(example), "--class", "HR", *EVERYONE)
    ids = [line.split(",")[0] for line in output.splitlines()[1:]]
    assert ids and all(i.startswith("HR-") for i in ids), output
    code, output = run("export", "records", "--root", str(example), "--location", "IVRC", *EVERYONE)
    assert code == 0 and "IVRC-BX-" in output
    code, output = run(
        "export",
        "records",
        "--root",
        str(example),
        "--state",
        "destroyed",
        "--as-of",
        "2026-11-23",
        *EVERYONE,
    )
    rows = output.splitlines()[1:]
    assert rows and all(",destroyed," in row for row in rows), output
    assert run("export", "records", "--root", str(example), "--class", "NOPE")[0] == 2


# Import: new records, mapping, ids


def legacy_sheet(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "legacy.csv",
        "File No.,Title,Date From,Date To,Box,Dept.,Media,Checked by\n"
        ",Supplier invoices Q1 ,2021-3-4,,IVRC-BX-0101,Finance and Treasury,Paper,x\n"
        ',Supplier invoices Q2,"March 4, 2021",2021-06-30,ivrc-bx-0101,Finance Dept,PAPER,x\n'
        ",,,,,,,\n"
        "FIN-2021-099,Supplier invoices Q3,44287,,IVRC-BX-0101,finance,Electronic,x\n",
    )


def test_a_legacy_sheet_with_a_mapping_becomes_new_records_with_the_next_free_ids(
    example: Path, tmp_path: Path
) -> None:
    mapping = write_csv(tmp_path / "mapping.yml", LEGACY_MAPPING)
    sheet = legacy_sheet(tmp_path)
    code, output = run(
        "import", "records", str(sheet), "--mapping", str(mapping), "--root", str(example), "--dry-run"
    )
    assert code == 0, output
    # FIN-2021-099, written in the sheet, is now the highest FIN-2021 number
    assert "+++ b/catalogue/records/finance/FIN-2021-100.yml" in output
    assert "+++ b/catalogue/records/finance/FIN-2021-101.yml" in output
    assert "+id: FIN-2021-099" in output
    assert "+title: Supplier invoices Q1\n" in output  # trailing space trimmed
    assert "+  created: 2021-03-04" in output and "+  created: 2021-04-01" in output  # serial 44287
    assert "'Finance and Treasury' read as 'finance'" in output
    assert "'PAPER' read as 'paper'" not in output or "note:" in output
    assert not (example / "catalogue" / "records" / "finance" / "FIN-2021-100.yml").exists()
    code, output = run(
        "import", "records", str(sheet), "--mapping", str(mapping), "--root", str(example), "--commit"
    )
    assert code == 0, output
    written = (example / "catalogue" / "records" / "finance" / "FIN-2021-100.yml").read_text()
    assert written.startswith(
        "# yaml-language-server: $schema=../../../scripts/fonds/schemas/record.schema.json\n"
    )
    repo = git.Repo(example)
    assert repo.head.commit.message.startswith("Import 3 rows from")
    assert not repo.is_dirty(untracked_files=True)
    code, output = run("check", "--root", str(example))
    assert "FIN-2021-100" not in output and "FIN-2021-099" not in output, output


def test_an_existing_id_updates_only_the_fields_that_differ(example: Path, tmp_path: Path) -> None:
    record = example / "catalogue" / "records" / "finance" / "FIN-2021-003.yml"
    before = record.read_text()
    sheet = write_csv(
        tmp_path / "update.csv",
        "id,title,location\nFIN-2021-003,New title,\n",
    )
    code, output = run("import", "records", str(sheet), "--root", str(example))
    assert code == 0, output
    after = record.read_text()
    assert after == before.replace(
        "title: Municipal Modernization Program – records digitization project", "title: New title"
    )


def test_rows_that_would_change_held_or_destroyed_records_are_refused(example: Path, tmp_path: Path) -> None:
    before = snapshot(example)
    sheet = write_csv(
        tmp_path / "refused.csv",
        "id,title\nCON-2022-002,Changed while on hold\nFIN-2012-003,Changed after destruction\n",
    )
    code, output = run("import", "records", str(sheet), "--root", str(example), "--date", "2026-11-23")
    assert code == 1, output
    assert "refused.csv:2:A: error[on-hold]" in output and "HOLD-2024-001" in output
    assert "refused.csv:3:A: error[record-disposed]" in output and "destroyed" in output
    assert "nothing was written" in output
    assert snapshot(example) == before


def test_every_bad_cell_is_reported_at_once_and_nothing_is_written(example: Path, tmp_path: Path) -> None:
    before = snapshot(example)
    sheet = write_csv(
        tmp_path / "bad.csv",
        "id,title,class,dates.created,format,location,department,relations,extent.quantity\n"
        ",A,FIN-01-01,04/03/2021,paper,IVRC-BX-0101,finance,,2\n"
        ",B,FIN-99,2021-02-30,paper,IVRC-BX-0101,finanse,supersedes,two\n"
        ",C,FIN,2021-01-01,paper,IVRC-BX-0101,finance,references:NOPE-1,1\n"
        "FIN-2021-003,D,FIN-01-01,2021-01-01,paper,IVRC-BX-0101,finance,,1\n"
        "FIN-2021-003,E,FIN-01-01,2021-01-01,paper,IVRC-BX-0101,finance,,1\n",
    )
    code, output = run("import", "records", str(sheet), "--root", str(example))
    assert code == 1, output
    expected = [
        "bad.csv:2:D: error[sheet-value]: column D 'dates.created' (dates.created): '04/03/2021' could be "
        "4 March 2021 or 3 April 2021",
        "bad.csv:3:C: error[sheet-value]: column C 'class' (class): 'FIN-99' is not a known class",
        "bad.csv:3:D: error[sheet-value]: column D 'dates.created' (dates.created): '2021-02-30' is not a real date",
        "bad.csv:3:G: error[sheet-value]: column G 'department' (department): 'finanse' is not a known "
        "department (did you mean 'finance'?)",
        "bad.csv:3:H: error[sheet-value]: column H 'relations' (relations): 'supersedes' is not a relation",
        "bad.csv:3:I: error[sheet-value]: column I 'extent.quantity' (extent.quantity): 'two' is not a number",
        "bad.csv:4:C: error[class-not-assignable]: column C 'class' (class): class 'FIN' (Finance and treasury) "
        "has no retention rule",
        "bad.csv:4:H: error[unknown-record]: column H 'relations' (relations): this record references 'NOPE-1'",
        "bad.csv:6:A: error[sheet-duplicate-id]: column A 'id': id 'FIN-2021-003' is also in row 5",
    ]
    for line in expected:
        assert line in output, line
    assert snapshot(example) == before


# Real spreadsheets


def test_dates_as_people_write_them(example: Path, tmp_path: Path) -> None:
    sheet = write_csv(
        tmp_path / "dates.csv",
        "title,class,dates.created,format,location\n"
        "A,FIN-01-01,2021-03-04,paper,IVRC-BX-0101\n"
        "B,FIN-01-01,2021-3-4,paper,IVRC-BX-0101\n"
        'C,FIN-01-01,"March 4, 2021",paper,IVRC-BX-0101\n'
        "D,FIN-01-01,4 Mar 2021 ,paper,IVRC-BX-0101\n"
        "E,FIN-01-01,44259,paper,IVRC-BX-0101\n"
        "F,FIN-01-01,25/03/2021,paper,IVRC-BX-0101\n",
    )
    code, output = run("import", "records", str(sheet), "--root", str(example), "--dry-run")
    assert code == 0, output
    assert output.count("+  created: 2021-03-04") == 5, output
    assert "+  created: 2021-03-25" in output
    ambiguous = write_csv(
        tmp_path / "us.csv",
        "title,class,dates.created,format,location\nA,FIN-01-01,04/03/2021,paper,IVRC-BX-0101\n",
    )
    assert run("import", "records", str(ambiguous), "--root", str(example), "--dry-run")[0] == 1
    mapping = write_csv(tmp_path / "us.yml", "date_order: month-first\n")
    code, output = run(
        "import", "records", str(ambiguous), "--mapping", str(mapping), "--root", str(example), "--dry-run"
    )
    assert code == 0 and "+  created: 2021-04-03" in output, output


def test_xlsx_formulas_and_merged_cells_are_refused_with_the_cell_named(
    example: Path, tmp_path: Path
) -> None:
    path = tmp_path / "hostile.xlsx"
    book = write_xlsx(
        path,
        [
            ["title", "class", "dates.created", "format", "location"],
            ["A", "FIN-01-01", "=TODAY()", "paper", "IVRC-BX-0101"],
            ["B", "FIN-01-01", datetime(2021, 3, 4), "paper", "IVRC-BX-0101"],
            ["C", "FIN-01-01", 44259, "paper", "IVRC-BX-0101"],
        ],
    )
    sheet = book.active
    assert sheet is not None
    sheet.merge_cells("E3:E4")
    book.save(path)
    before = snapshot(example)
    code, output = run("import", "records", str(path), "--root", str(example))
    assert code == 1, output
    assert "hostile.xlsx:2:C: error[sheet-formula]: cell C2 holds a formula (=TODAY())" in output
    assert "hostile.xlsx:3:E: error[sheet-merged]: cells E3:E4 are merged" in output
    assert "Traceback" not in output
    assert snapshot(example) == before


def test_xlsx_dates_typed_as_dates_numbers_and_text_are_read(example: Path, tmp_path: Path) -> None:
    path = tmp_path / "dates.xlsx"
    write_xlsx(
        path,
        [
            ["title", "class", "dates.created", "format", "location", "barcode"],
            ["A", "FIN-01-01", datetime(2021, 3, 4), "paper", "IVRC-BX-0101", 12345],
            ["B", "FIN-01-01", 44259, "Paper ", "ivrc-bx-0101", "00123"],
            ["C", "FIN-01-01", "2021-03-04 ", "paper", "IVRC-BX-0101", None],
        ],
    )
    code, output = run("import", "records", str(path), "--root", str(example), "--dry-run")
    assert code == 0, output
    assert output.count("+  created: 2021-03-04") == 3
    assert "+barcode: '00123'" in output and "+barcode: '12345'" in output


def test_csv_not_utf8_names_the_encoding_and_encoding_option_reads_it(example: Path, tmp_path: Path) -> None:
    path = tmp_path / "cp1252.csv"
    path.write_bytes(
        "title,class,dates.created,format,location\nCaf\u00e9 \u2013 r\u00e9sum\u00e9s,FIN-01-01,2021-03-04,paper,IVRC-BX-0101\n".encode(
            "cp1252"
        )
    )
    code, output = run("import", "records", str(path), "--root", str(example), "--dry-run")
    assert code == 1
    assert "error[sheet-encoding]" in output and "--encoding cp1252" in output and "Traceback" not in output
    code, output = run(
        "import", "records", str(path), "--root", str(example), "--dry-run", "--encoding", "cp1252"
    )
    assert code == 0 and "+title: Café – résumés" in output, output
    bom = tmp_path / "bom.csv"
    bom.write_bytes(
        b"\xef\xbb\xbftitle,class,dates.created,format,location\nX,FIN-01-01,2021-03-04,paper,IVRC-BX-0101\n"
    )
    assert run("import", "records", str(bom), "--root", str(example), "--dry-run")[0] == 0


def test_headers_unknown_or_duplicated_are_named(example: Path, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "heads.csv", "title,Titel,clas,title,,dates.created\nA,B,C,D,E,2021-01-01\n")
    code, output = run("import", "records", str(sheet), "--root", str(example), "--dry-run")
    assert code == 1
    assert (
        "heads.csv:1:B: error[sheet-header]: column B 'Titel' is not a record column (did you mean 'title'?)"
        in output
    )
    assert (
        "heads.csv:1:C: error[sheet-header]: column C 'clas' is not a record column (did you mean 'class'?)"
        in output
    )
    assert (
        "heads.csv:1:D: error[sheet-header]: column D 'title' and column A 'title' both fill 'title'"
        in output
    )
    assert "heads.csv:1:E: error[sheet-header]: column E has values but no heading" in output


def test_a_million_row_file_is_refused_quickly_with_a_clear_message(example: Path, tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("w") as stream:
        stream.write("title,class,dates.created,format,location\n")
        stream.write("A,FIN-01-01,2021-03-04,paper,IVRC-BX-0101\n" * 1_000_000)
    code, output = run("import", "records", str(path), "--root", str(example), "--dry-run")
    assert code == 1
    assert "error[sheet-too-large]" in output and "250,000 rows" in output


def test_not_a_spreadsheet_and_a_bad_mapping_are_clear(example: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    code, output = run("import", "records", str(junk), "--root", str(example))
    assert code == 1 and "error[sheet-unreadable]" in output and "Traceback" not in output
    sheet = write_csv(tmp_path / "s.csv", "Box\nX\n")
    mapping = write_csv(tmp_path / "m.yml", "columns:\n  Box: locaton\n")
    code, output = run("import", "records", str(sheet), "--mapping", str(mapping), "--root", str(example))
    assert code == 2 and "m.yml:2:3: error[mapping]: 'locaton' is not a record column" in output, output


def test_the_worked_example_of_docs_spreadsheets(example: Path, tmp_path: Path) -> None:
    docs = (REPO / "docs" / "spreadsheets.md").read_text()
    mapping_text = docs.split("`legacy-mapping.yml`:\n\n```yaml\n")[1].split("```")[0]
    mapping = write_csv(tmp_path / "legacy-mapping.yml", mapping_text)
    sheet = tmp_path / "finance-boxes.xlsx"
    write_xlsx(
        sheet,
        [
            ["File No.", "Title", "Date From", "Date To", "Box", "Dept.", "Media", "Checked by"],
            [None, "Supplier invoices Q1", "04/03/2021", None, "IVRC-BX-0101", "Finance Dept", "Paper", "JK"],
            [
                None,
                "Supplier invoices Q2",
                "2021-6-1",
                "30/09/2021",
                "ivrc-bx-0101",
                "Finance and Treasury",
                "Paper",
                "JK",
            ],
            ["FIN-2021-099", "Payment run reports", 44287, None, None, "finance", "Electronic", None],
        ],
    )
    code, output = run(
        "import", "records", str(sheet), "--mapping", str(mapping), "--root", str(example), "--dry-run"
    )
    assert code == 0, output
    assert "+++ b/catalogue/records/finance/FIN-2021-100.yml" in output
    assert "+++ b/catalogue/records/finance/FIN-2021-101.yml" in output
    assert "+  created: 2021-03-04" in output and "+  closed: 2021-09-30" in output
    assert "+  created: 2021-04-01" in output
    assert (
        "'Finance and Treasury' read as 'finance'" in output
        and "'ivrc-bx-0101' read as 'IVRC-BX-0101'" in output
    )
    assert "finance-boxes.xlsx:4: warning[missing-location]" in output


def test_file_plan_from_purview_columns_and_locations(example: Path, tmp_path: Path) -> None:
    plan = example / "catalogue" / "file-plan.yml"
    before = plan.read_text()
    sheet = write_csv(
        tmp_path / "purview.csv",
        "ReferenceId,LabelName,Category,Comment,RetentionAction,retention\n"
        "FIN-09,Insurance,FIN,Insurance policies,Delete,nara-grs/1.1.010\n"
        "FIN-01,Duplicate,FIN,,,\n"
        "X-1,Orphan,NOPE,,,nara-grs/9\n",
    )
    code, output = run("import", "file-plan", str(sheet), "--root", str(example))
    assert code == 1
    assert (
        "purview.csv:3:A: error[sheet-value]: column A (code): 'FIN-01' is already in catalogue/file-plan.yml"
        in output
    )
    assert "purview.csv:4:C: error[sheet-value]: column C (parent): 'NOPE' is not in" in output
    assert (
        "purview.csv:4:F: error[sheet-value]: column F (retention): 'nara-grs/9' is not a schedule item"
        in output
    )
    assert plan.read_text() == before
    sheet.write_text(
        sheet.read_text().splitlines()[0]
        + "\nFIN-09,Insurance,FIN,Insurance policies,Delete,nara-grs/1.1.010\n"
    )
    code, output = run("import", "file-plan", str(sheet), "--root", str(example), "--commit")
    assert code == 0, output
    assert "'RetentionAction' is not used" in output
    after = plan.read_text()
    assert after.startswith(before)
    assert after[len(before) :] == (
        "\n  - code: FIN-09\n    title: Insurance\n    parent: FIN\n    scope: Insurance policies\n"
        "    retention: nara-grs/1.1.010\n"
    )
    boxes = write_csv(
        tmp_path / "boxes.csv",
        "id,type,title,parent,barcode,capacity\nIVRC-BX-0200,Box,Box 200,IVRC-A01,MB000200,3\n",
    )
    code, output = run("import", "locations", str(boxes), "--root", str(example))
    assert code == 0, output
    assert "  - id: IVRC-BX-0200\n    type: box\n" in (example / "catalogue" / "locations.yml").read_text()
    code, output = run("check", "--root", str(example))
    assert "0 errors" in output, output


def _with_id_pattern(example: Path, pattern: str) -> None:
    config = example / "fonds.yml"
    config.write_text(
        config.read_text().replace("id_pattern: '^[A-Z]{2,4}-[0-9]{4}-[0-9]{3}$'", f"id_pattern: '{pattern}'")
    )


NEW_ROW = "id,title,class,dates.created,format,location\n,A,FIN-01-01,2021-03-04,paper,IVRC-BX-0101\n"


def test_an_id_pattern_that_cannot_be_filled_asks_for_ids(example: Path, tmp_path: Path) -> None:
    _with_id_pattern(example, "^(FIN|HR)-[0-9]{3}$")
    sheet = write_csv(tmp_path / "new.csv", NEW_ROW)
    code, output = run("import", "records", str(sheet), "--root", str(example), "--dry-run")
    assert code == 1
    assert "new.csv:2: error[id-unavailable]" in output and "write the id of each new record" in output


def test_a_row_without_an_id_gets_the_id_fonds_new_would_give(example: Path, tmp_path: Path) -> None:
    """One numbering: under any id pattern fonds can fill, an imported row and ``fonds new``
    get the same next id for the same class and year."""
    _with_id_pattern(example, "^REC[0-9]{6}$")
    sheet = write_csv(tmp_path / "new.csv", NEW_ROW)
    code, output = run("import", "records", str(sheet), "--root", str(example), "--dry-run")
    assert code == 0, output
    assert "New: REC000001" in output
    code, output = run(
        "new", "FIN-01-01", "--title", "A", "--created", "2021-03-04", "--root", str(example), "--dry-run"
    )
    assert code == 0, output
    assert "id: REC000001" in output


def test_a_new_nested_key_goes_in_its_place_and_the_rest_stays(example: Path, tmp_path: Path) -> None:
    record = example / "catalogue" / "records" / "finance" / "FIN-2024-011.yml"
    before = record.read_text()
    assert "closed:" not in before
    sheet = write_csv(tmp_path / "close.csv", "id,dates.closed\nFIN-2024-011,2026-03-31\n")
    code, output = run("import", "records", str(sheet), "--root", str(example), "--dry-run")
    assert code == 0, output
    assert "   created: 2024-05-06\n+  closed: 2026-03-31\n" in output
    assert run("import", "records", str(sheet), "--root", str(example))[0] == 0
    assert record.read_text() == before.replace(
        "  created: 2024-05-06\n", "  created: 2024-05-06\n  closed: 2026-03-31\n"
    )


def test_xlsx_export_stores_formula_like_text_as_text(example: Path, tmp_path: Path) -> None:
    record = example / "catalogue" / "records" / "finance" / "FIN-2021-003.yml"
    old = "title: Municipal Modernization Program – records digitization project"
    record.write_text(record.read_text().replace(old, "title: '=1+1 Municipal <b> & \"Co\"'"))
    target = tmp_path / "fin.xlsx"
    assert (
        run("export", "records", "--root", str(example), "--class", "FIN-05", "-o", str(target), *EVERYONE)[0]
        == 0
    )
    sheet = openpyxl.load_workbook(target)["Records"]
    cell = next(row[1] for row in sheet.iter_rows(min_row=2) if row[0].value == "FIN-2021-003")
    assert cell.value == '=1+1 Municipal <b> & "Co"' and cell.data_type == "s"
    code, output = run("import", "records", str(target), "--root", str(example), "--dry-run")
    assert code == 0 and "nothing to change" in output, output


def test_pasted_control_characters_go_and_cells_past_the_headings_are_named(
    example: Path, tmp_path: Path
) -> None:
    sheet = write_csv(
        tmp_path / "pasted.csv",
        "title;class;dates.created;format;location\nBell\x07 title\x0b;FIN-01-01;2021-01-01;paper;IVRC-BX-0101\n",
    )
    code, output = run("import", "records", str(sheet), "--root", str(example), "--dry-run")
    assert code == 0, output  # a ';' separator, as Excel writes CSV in many locales
    assert "+title: Bell title\n" in output
    extra = write_csv(tmp_path / "extra.csv", "title,class\nA,FIN-01-01,stray\n")
    code, output = run("import", "records", str(extra), "--root", str(example), "--dry-run")
    assert code == 1
    assert "extra.csv:1:C: error[sheet-header]: column C has values but no heading" in output


def test_unicode_text_from_excel_utf16_with_tabs_is_read(example: Path, tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(
        "title\tclass\tdates.created\tformat\tlocation\nÉté\tFIN-01-01\t2021-03-04\tpaper\tIVRC-BX-0101\n".encode(
            "utf-16"
        )
    )
    code, output = run("import", "records", str(path), "--root", str(example), "--dry-run")
    assert code == 0, output
    assert "+title: Été\n" in output


def test_commit_is_refused_while_the_records_it_would_change_have_uncommitted_edits(
    example: Path, tmp_path: Path
) -> None:
    record = example / "catalogue" / "records" / "finance" / "FIN-2021-003.yml"
    record.write_text(record.read_text() + "# a note not yet committed\n")
    sheet = write_csv(tmp_path / "update.csv", "id,title\nFIN-2021-003,New title\n")
    code, output = run("import", "records", str(sheet), "--root", str(example), "--commit")
    assert code == 1
    assert "error[working-tree-dirty]" in output
    assert "New title" not in record.read_text()
