"""YAML traps and hostile input: each becomes one clear diagnostic, never a traceback or a hang."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from fonds.cli import main
from fonds.reading.yamlfile import MAX_FILE_BYTES, parse_document, read_document


def codes(raw: bytes) -> list[str]:
    return [d.code for d in parse_document(raw, "x.yml")[1]]


@pytest.mark.parametrize(
    ("raw", "code", "line"),
    [
        (b"id: A\nid: B\n", "yaml-duplicate-key", 2),
        (b"a: &x [1]\nb: *x\n", "yaml-alias", 2),
        (b"base: &b {x: 1}\nrec:\n  <<: *b\n", "yaml-alias", 3),
        (b"a: !!python/object/apply:os.system ['true']\n", "yaml-tag", 1),
        (b"a: 1\n---\na: 2\n", "yaml-multiple-documents", 2),
        (b"- a\n- b\n", "not-a-mapping", 1),
        (b"just text\n", "not-a-mapping", 1),
        (b"a:\n\tb: 1\n", "yaml-syntax", 2),
        (b"title: Minutes: regular meeting\n", "yaml-syntax", 1),
        (b"", "empty-file", 0),
        (b"# only a comment\n", "empty-file", 0),
        (b"a: 1\nb: \x00\x01\x02", "encoding", 2),
        (b"title: caf\xe9\n", "encoding", 1),
        (b"[" * 200_000, "yaml-syntax", 1),
    ],
)
def test_trap_is_one_located_diagnostic(raw: bytes, code: str, line: int) -> None:
    doc, found = parse_document(raw, "x.yml")
    assert [d.code for d in found] == [code]
    assert found[0].line == line
    assert doc.data is None


def test_alias_bomb_is_rejected_quickly() -> None:
    # "Billion laughs": nine levels of nine aliases would expand to 9**9 strings.
    lines = ['l0: &l0 "lol"']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    assert codes("\n".join(lines).encode()) == ["yaml-alias"]


def test_binary_junk_is_an_encoding_error() -> None:
    junk = bytes(range(256)) * 64
    assert codes(junk) == ["encoding"]


def test_bom_and_crlf_are_accepted() -> None:
    doc, found = parse_document(b"\xef\xbb\xbfid: A\r\ntitle: B\r\n", "x.yml")
    assert found == []
    assert doc.data == {"id": "A", "title": "B"}


def test_values_keep_their_lines_and_dates_stay_text() -> None:
    doc, found = parse_document(b"id: A\ndates:\n  created: 2024-02-29\nkeywords:\n  - x\n  - y\n", "x.yml")
    assert found == []
    assert doc.data["dates"]["created"] == "2024-02-29"
    assert doc.where(("dates", "created")) == (3, 3)
    assert doc.where(("keywords", 1)) == (6, 5)
    assert doc.where(("keywords", 5)) == (4, 1)  # falls back to the nearest written ancestor


def test_yes_no_are_remembered_as_written() -> None:
    doc, _ = parse_document(b"a: no\nb: 'no'\nc: 010\n", "x.yml")
    assert doc.data == {"a": False, "b": "no", "c": 8}
    assert doc.plain == {("a",): "no", ("c",): "010"}


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.yml"
    with big.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)  # 50 MB, sparse
    _, found = read_document(big, "big.yml")
    assert [d.code for d in found] == ["file-too-large"]
    assert "50.0 MB" in found[0].message
    assert MAX_FILE_BYTES < 50 * 1024 * 1024


def test_hostile_files_in_a_catalogue_are_all_reported(mini: Path) -> None:
    records = mini / "catalogue" / "records" / "fin"
    with (records / "BIG-001.yml").open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    (records / "JUNK-001.yml").write_bytes(bytes(range(256)) * 4)
    (records / "LIST-001.yml").write_text("- id: LIST-001\n")
    (records / "BOMB-001.yml").write_text('a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n')
    result = CliRunner().invoke(main, ["check", "--root", str(mini)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    for name, code in [
        ("BIG-001", "file-too-large"),
        ("JUNK-001", "encoding"),
        ("LIST-001", "not-a-mapping"),
        ("BOMB-001", "yaml-alias"),
    ]:
        assert f"catalogue/records/fin/{name}.yml" in result.output
        assert f"error[{code}]" in result.output, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        # Lines end at LF, CRLF or CR only, as in an editor; columns count characters.
        (b"a: 1\r\nb: 2\r\nc: \x07\n", 3, 4),
        (b"a: 1\rb: 2\rc: \x07\n", 3, 4),
        (b"a: 1\rb: 2\rc: d: e\n", 3, 5),
        ("# caf\u00e9 \u2013 na\u00efve\nt: \u00e9\u00e9 \x1b\n".encode(), 2, 7),
        ("# a\u2028b\nx: 1\n".encode(), 1, 4),
        ("x: 1\ny: \u0085\n".encode(), 2, 4),
        ("x: 1\ny: ab\u009b\n".encode(), 2, 6),
    ],
)
def test_positions_agree_with_an_editor(raw: bytes, line: int, column: int) -> None:
    _, found = parse_document(raw, "x.yml")
    assert [(d.line, d.column) for d in found] == [(line, column)], found
