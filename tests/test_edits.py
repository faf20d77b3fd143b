"""Exact edits: the change is made, and every other byte of the file stays as it was.

Each case compares whole texts, before and after, written out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from fonds.changes import yaml_edit as edits
from fonds.changes.yaml_edit import EditError, RemoveKey, SetKey, apply_edits
from fonds.changes.yaml_emit import block, document, flow, scalar
from fonds.reading.yamlfile import parse_document


def read_back(text: str) -> object:
    doc, problems = parse_document(text.encode("utf-8"), "x.yml")
    assert problems == [], problems
    return doc.data


TRICKY = [
    "no", "yes", "on", "Off", "y", "010", "0x1F", "1:20", "1_000", ".5", "1e3", "~", "null", "=", "<<",
    "2024-01-01", "true", "a: b", "a #b", "a#b", "ends:", "[draft]", "{x}", "x, y", "- x", "-x", "?x",
    "", " lead", "trail ", "it's", "'quoted'", '"dq"', "line\nbreak", "tab\there", "@at", "`tick",
    "%pct", "!bang", "&amp", "*star", "|pipe", ">gt", "Café – naïve",
    "O'Brien & Sons: invoices, 2019–2020", "<script>alert(1)</script>", "back\\slash",
]  # fmt: skip


@pytest.mark.parametrize("value", TRICKY)
def test_every_scalar_reads_back_as_itself_in_a_block_and_in_braces(value: str) -> None:
    assert read_back(f"k: {scalar(value)}\n") == {"k": value}
    assert read_back(f"m: {{k: {flow(value)}, z: 1}}\n") == {"m": {"k": value, "z": 1}}
    assert read_back(f"m: [{flow(value)}, z]\n") == {"m": [value, "z"]}


@pytest.mark.parametrize("value", ["\u2028", "\x85", "\ufeffbom", "\x1b[2K", "a\rb", "\u202egnp.exe"])
def test_invisible_characters_are_written_escaped_and_refused_on_reading(value: str) -> None:
    # Written as escapes (never raw), and a value holding them is not a catalogue value.
    assert all(ch.isprintable() for ch in scalar(value))
    _, problems = parse_document(f"k: {scalar(value)}\n".encode(), "x.yml")
    assert [d.code for d in problems] == ["control-character"]


def test_plain_text_stays_plain_and_traps_are_quoted() -> None:
    assert scalar("Cross-cut shredding") == "Cross-cut shredding"
    assert scalar("R. Singh, Town Clerk") == "R. Singh, Town Clerk"
    assert flow("R. Singh, Town Clerk") == "'R. Singh, Town Clerk'"
    assert scalar("[draft] minutes") == "'[draft] minutes'"
    assert scalar("no") == "'no'"
    assert scalar("010") == "'010'"
    assert scalar("Minutes: regular") == "'Minutes: regular'"
    assert scalar("it's") == "it's"
    assert scalar("two\nlines") == '"two\\nlines"'
    assert scalar(date(2024, 6, 12)) == "2024-06-12"
    assert scalar(True) == "true"
    assert scalar(3) == "3"


@pytest.mark.parametrize(
    "text",
    [
        "Access to information request for every tender since 2020; nothing in scope may be destroyed "
        "while the request or an appeal is open. # not a comment: - not a list",
        "x" * 120,
        "two  spaces stay on one line " * 5,
    ],
)
def test_long_text_is_folded_and_reads_back_exactly(text: str) -> None:
    lines = block("reason", text, 2)
    assert all(len(line) <= 90 for line in lines) or "x" * 120 in lines[-1] or "  " in text
    assert read_back("\n".join(["scope:", *lines]) + "\n") == {"scope": {"reason": text}}


def test_blocks_and_new_documents() -> None:
    data = {"action": "destroy", "date": date(2024, 6, 12), "to": "a: b"}
    assert block("disposition", data) == [
        "disposition:",
        "  action: destroy",
        "  date: 2024-06-12",
        "  to: 'a: b'",
    ]
    assert document(
        {"id": "H-1", "scope": {"records": ["A-1"], "classes": [{"code": "C", "x": 1}]}}, ["hi"]
    ) == ("# hi\nid: H-1\nscope:\n  records:\n    - A-1\n  classes:\n    - code: C\n      x: 1\n")


RECORD = """\
# A record with everything a person writes
id: FIN-001   # the id
title: 'Invoices: 2020'
dates:
  created: 2020-04-01    # opened

events:
  final-payment: 2021-05-01
  # contract-expiry: not yet
location: BOX-1  # shelf 2
keywords: ["a", 'b']
status: active   # was semi-active
notes: |
  Keep this
  as it is.
"""


def test_tombstone_edit_changes_only_its_lines() -> None:
    result = apply_edits(
        RECORD,
        [
            SetKey(("status",), "destroyed"),
            SetKey(
                ("disposition",),
                {"action": "destroy", "date": date(2026, 11, 23), "method": "no"},
                ("status",),
            ),
            RemoveKey(("location",)),
        ],
    )
    assert (
        result
        == """\
# A record with everything a person writes
id: FIN-001   # the id
title: 'Invoices: 2020'
dates:
  created: 2020-04-01    # opened

events:
  final-payment: 2021-05-01
  # contract-expiry: not yet
keywords: ["a", 'b']
status: destroyed   # was semi-active
disposition:
  action: destroy
  date: 2026-11-23
  method: 'no'
notes: |
  Keep this
  as it is.
"""
    )


def test_new_key_inside_a_block_goes_after_its_last_entry() -> None:
    result = apply_edits(RECORD, [SetKey(("events", "contract-expiry"), date(2025, 10, 31))])
    assert result == RECORD.replace(
        "  final-payment: 2021-05-01\n", "  final-payment: 2021-05-01\n  contract-expiry: 2025-10-31\n"
    )


def test_removing_a_block_takes_its_indented_comments() -> None:
    result = apply_edits(RECORD, [RemoveKey(("events",))])
    assert result == RECORD.replace(
        "events:\n  final-payment: 2021-05-01\n  # contract-expiry: not yet\n", ""
    )


def test_crlf_and_missing_final_newline_are_kept() -> None:
    text = "id: A-1\r\nlocation: B-1\r\nstatus: active"
    assert (
        apply_edits(text, [SetKey(("status",), "semi-active")])
        == "id: A-1\r\nlocation: B-1\r\nstatus: semi-active"
    )
    assert apply_edits(text, [SetKey(("charge_out",), {"to": "a.chen"})]) == (
        "id: A-1\r\nlocation: B-1\r\nstatus: active\r\ncharge_out:\r\n  to: a.chen"
    )
    assert apply_edits(text, [RemoveKey(("status",))]) == "id: A-1\r\nlocation: B-1"
    assert apply_edits(text, [RemoveKey(("location",))]) == "id: A-1\r\nstatus: active"


def test_old_mac_line_endings_are_kept() -> None:
    assert apply_edits("id: A-1\rx: 1\r", [SetKey(("y",), 2)]) == "id: A-1\rx: 1\ry: 2\r"


def test_byte_order_mark_and_document_marker_are_kept() -> None:
    text = "\ufeff---\n# note\nid: A-1\n"
    assert (
        apply_edits(text, [SetKey(("status",), "destroyed")])
        == "\ufeff---\n# note\nid: A-1\nstatus: destroyed\n"
    )


def test_flow_mappings_are_edited_inside_their_braces() -> None:
    text = "id: A-1\nevents: {final-payment: 2021-05-01}  # paid\ndates: {created: 2020-01-01}\nx: {}\n"
    assert apply_edits(text, [SetKey(("events", "contract-expiry"), date(2025, 1, 1))]) == (
        "id: A-1\nevents: {final-payment: 2021-05-01, contract-expiry: 2025-01-01}  # paid\n"
        "dates: {created: 2020-01-01}\nx: {}\n"
    )
    assert apply_edits(text, [SetKey(("x", "k"), "no")]) == text.replace("x: {}", "x: {k: 'no'}")
    assert apply_edits(text, [SetKey(("dates", "created"), date(2020, 2, 2))]) == text.replace(
        "2020-01-01", "2020-02-02"
    )
    with pytest.raises(EditError, match="inside a"):
        apply_edits(text, [RemoveKey(("events", "final-payment"))])


def test_a_flow_value_is_replaced_in_flow_style() -> None:
    text = "id: A-1\ncharge_out: {to: a.chen, since: 2025-11-02}  # out\n"
    new = {"to": "R. Singh, Clerk", "since": date(2026, 1, 5)}
    assert apply_edits(text, [SetKey(("charge_out",), new)]) == (
        "id: A-1\ncharge_out: {to: 'R. Singh, Clerk', since: 2026-01-05}  # out\n"
    )


def test_missing_parent_is_created_after_its_neighbour() -> None:
    text = "id: A-1\ndates:\n  created: 2020-01-01\nformat: paper\n"
    assert apply_edits(text, [SetKey(("events", "final-payment"), date(2021, 1, 1), ("dates",))]) == (
        "id: A-1\ndates:\n  created: 2020-01-01\nevents:\n  final-payment: 2021-01-01\nformat: paper\n"
    )


def test_the_files_own_indentation_is_used() -> None:
    text = "id: A-1\ndates:\n    created: 2020-01-01\n"
    assert apply_edits(text, [SetKey(("charge_out",), {"to": "x"})]) == text + "charge_out:\n    to: x\n"


def test_empty_values_and_folded_text_are_replaced_whole() -> None:
    text = "id: A-1\nstatus:   # to fill in\nnotes: >-\n  one\n  two\n\nlast: 1\n"
    assert apply_edits(text, [SetKey(("status",), "destroyed")]) == text.replace(
        "status:   #", "status: destroyed   #"
    )
    assert (
        apply_edits(text, [SetKey(("notes",), "short")])
        == "id: A-1\nstatus:   # to fill in\nnotes: short\n\nlast: 1\n"
    )


def test_a_keep_block_keeps_its_trailing_blank_lines() -> None:
    text = "id: A-1\nnotes: |+\n  kept\n\nz: 1\n"
    assert apply_edits(text, [SetKey(("a",), 1, ("notes",))]) == "id: A-1\nnotes: |+\n  kept\n\na: 1\nz: 1\n"


def test_the_result_is_checked_against_the_intended_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(edits, "_apply", lambda text, edit: text.replace("B-1", "B-2"))
    with pytest.raises(EditError, match="would not read back as intended"):
        apply_edits("id: A-1\nlocation: B-1\n", [SetKey(("status",), "x")])


@pytest.mark.parametrize(
    ("text", "edit", "message"),
    [
        ("id: [unclosed\n", SetKey(("status",), "x"), "cannot be edited safely"),
        ("a: &x 1\nb: *x\n", SetKey(("status",), "x"), "cannot be edited safely"),
        ("id: A-1\nevents:\n  only: 2020-01-01\n", RemoveKey(("events", "only")), "leave its mapping empty"),
    ],
)
def test_what_cannot_be_edited_exactly_is_refused(text: str, edit: edits.Edit, message: str) -> None:
    with pytest.raises(EditError, match=message):
        apply_edits(text, [edit])


def test_removing_an_absent_key_changes_nothing() -> None:
    assert apply_edits(RECORD, [RemoveKey(("charge_out",)), RemoveKey(("fields", "x"))]) == RECORD
