"""The format primitives every report renders with (fonds.reporters.formats, .registry)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from fonds.diagnostics import error
from fonds.reporters.formats import (
    csv_safe,
    csv_text,
    github_annotation,
    json_document,
    json_list_document,
    json_list_item,
    md_text,
    plural,
    text_table,
    workflow_command,
)
from fonds.reporters.registry import Renderers


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("  =HYPERLINK()", "'  =HYPERLINK()"),
        ("\u3000\uff1d1", "'\u3000\uff1d1"),
        ("\t1", "'\t1"),
        ("\nx", "' x"),
        ("FIN-7", "FIN-7"),
        ("a = b", "a = b"),
        ("", ""),
    ],
)
def test_csv_safe_quotes_what_a_spreadsheet_would_run(cell: str, shown: str) -> None:
    assert csv_safe(cell) == shown


def test_csv_safe_puts_every_line_break_on_one_line() -> None:
    assert csv_safe("one\r\ntwo\rthree\u2028four\x85five") == "one two three four five"


def test_csv_text_is_a_header_and_one_line_per_row() -> None:
    text = csv_text(("id", "title"), [["FIN-7", "Ledger, 2020\nsecond line"], ["=X", 3]])
    assert text == 'id,title\nFIN-7,"Ledger, 2020 second line"\n\'=X,3\n'
    assert list(csv.reader(io.StringIO(text))) == [
        ["id", "title"],
        ["FIN-7", "Ledger, 2020 second line"],
        ["'=X", "3"],
    ]


def test_csv_text_guards_the_header_unless_told_not_to() -> None:
    assert csv_text(["-field"], []) == "'-field\n"
    assert csv_text(["-field"], [], guard_header=False) == "-field\n"


@pytest.mark.parametrize(
    ("value", "inert"),
    [
        ("a|b", "a&#124;b"),
        ("[x](y)", "&#91;x&#93;(y)"),
        ("<b>&", "&lt;b&gt;&amp;"),
        ("*em* _u_ `c`", "&#42;em&#42; &#95;u&#95; &#96;c&#96;"),
        ("line\nbreak  spaces", "line break spaces"),
    ],
)
def test_md_text_is_shown_exactly_never_read_as_markdown(value: str, inert: str) -> None:
    assert md_text(value) == inert


def test_md_text_breaks_mentions_references_and_autolinks() -> None:
    zwsp = "&#8203;"
    assert md_text("@alice") == "@" + zwsp + "alice"
    assert md_text("#12") == "#" + zwsp + "12"
    assert md_text("https://x.invalid") == "https" + zwsp + "://x.invalid"
    assert md_text("www.x.invalid") == "www" + zwsp + ".x.invalid"
    assert md_text("edms://store/1") == "edms://store/1"
    assert md_text("a @ b") == "a @ b"


def test_json_document_is_indented_utf8_with_one_final_newline() -> None:
    text = json_document({"title": "Procès-verbal", "n": [1]})
    assert text == '{\n  "title": "Procès-verbal",\n  "n": [\n    1\n  ]\n}\n'
    assert json.loads(text) == {"title": "Procès-verbal", "n": [1]}


def test_text_table_pads_each_column_to_its_widest_cell() -> None:
    lines = text_table(["ID", "TITLE", "NOTE"], [["FIN-7", "Ledger", ""], ["HR-10", "Personnel file", "x"]])
    assert lines == [
        "ID     TITLE           NOTE",
        "FIN-7  Ledger",
        "HR-10  Personnel file  x",
    ]


def test_text_table_cuts_a_column_at_its_limit() -> None:
    lines = text_table(["T"], [["abcdefghij"], ["abc"]], {0: 5})
    assert lines == ["T", "abcd…", "abc"]


def test_plural() -> None:
    assert [plural(0, "record"), plural(1, "record"), plural(2, "error")] == [
        "0 records",
        "1 record",
        "2 errors",
    ]


def test_github_annotation_escapes_its_properties_and_message() -> None:
    d = error("catalogue/records/a,b:c.yml", 5, 3, "schema", "100% wrong\nsecond line")
    assert github_annotation(d) == (
        "::error file=catalogue/records/a%2Cb%3Ac.yml,line=5,col=3,title=fonds schema::100%25 wrong%0Asecond line"
    )


def test_workflow_command_without_a_line_names_only_the_file() -> None:
    assert workflow_command("notice", "fonds.yml", 0, 0, "t", "m") == "::notice file=fonds.yml,title=t::m"


def test_renderers_offer_their_formats_in_order_and_refuse_others() -> None:
    renderers: Renderers[int] = Renderers("sample", {"text": str, "json": lambda n: f"[{n}]"})
    assert renderers.formats == ("text", "json")
    assert renderers.render(3, "json") == "[3]"
    with pytest.raises(ValueError, match="no 'csv' format"):
        renderers.render(3, "csv")


RECORDS = [
    {"id": "FIN-1", "title": 'Budget \u2013 2020 "draft"', "keywords": [], "holds": ["LH-1", "LH-2"]},
    {"id": "FIN-2", "title": "Line\nbreak\ttab \u2028 é 日本", "keywords": ["a", "b"], "n": 3, "x": None},
    {"id": '\u2028 \x00 \\ "q" \ud7ff ✓', "keywords": ["one"], "holds": ["x\ny", "", "日本"], "e": ""},
    {},
    {"nested": {"deeper": [{"k": []}, {}]}},
    {"list": [1, "a"]},
]


@pytest.mark.parametrize("items", [RECORDS, RECORDS[:1], []])
def test_a_list_document_written_an_item_at_a_time_is_the_json_document(
    items: list[dict[str, object]],
) -> None:
    head = {"catalogue": "Town \u2013 records", "as_of": "2026-11-23"}
    expected = json_document({**head, "records": items})
    assert json_list_document(head, "records", (json_list_item(item) for item in items)) == expected
    assert json.loads(expected)["records"] == items


def test_a_list_document_refuses_a_key_the_payload_has() -> None:
    with pytest.raises(ValueError, match="records"):
        json_list_document({"records": 1}, "records", [])
