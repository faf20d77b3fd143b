"""From plain YAML data to model values: what each reader gives, and what odd input becomes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fonds.model import Clock, Extent, Marking, Relation, Rule
from fonds.reading.blocks import read_marking, read_rule
from fonds.reading.conversion import build_catalogue
from fonds.reading.records import read_record
from fonds.reading.yamlfile import Document, parse_document


def record(data: Any) -> Document:
    return Document("catalogue/records/FIN-1.yml", data)


def test_a_record_reads_every_field_it_is_given() -> None:
    got = read_record(
        record(
            {
                "id": "FIN-1",
                "title": "Invoices 2020",
                "class": "FIN-01",
                "format": "paper",
                "dates": {"created": "2020-01-01", "closed": "2020-12-31"},
                "extent": {"quantity": 3, "unit": "boxes"},
                "keywords": ["invoices", 7, "tax"],
                "relations": [{"type": "supersedes", "target": "FIN-0", "note": "old"}],
                "events": {"audit": "2021-03-01", "bad": "2021-02-30"},
                "security": {"level": "internal", "access": {"groups": ["finance"]}},
                "disposition": {"action": "transfer", "date": "2030-01-01", "to": "State Archives"},
            }
        )
    )
    assert got is not None
    assert (got.id, got.title, got.class_code, got.format) == ("FIN-1", "Invoices 2020", "FIN-01", "paper")
    assert (got.created, got.closed) == (date(2020, 1, 1), date(2020, 12, 31))
    assert got.extent == Extent(3.0, "boxes")
    assert got.keywords == ("invoices", "tax")
    assert got.relations == (Relation("supersedes", "FIN-0", "old"),)
    assert got.events == {"audit": date(2021, 3, 1)}
    assert got.security == Marking(level="internal", groups=("finance",))
    assert got.disposition is not None
    assert (got.disposition.action, got.disposition.to) == ("transfer", "State Archives")
    assert got.status == "active"
    assert got.file == "catalogue/records/FIN-1.yml"


@pytest.mark.parametrize("data", [None, [], "FIN-1", {"title": "no id"}, {"id": 7}, {"id": ["FIN-1"]}])
def test_a_record_without_a_usable_id_is_not_read(data: Any) -> None:
    assert read_record(record(data)) is None


def test_values_of_the_wrong_type_read_as_not_given() -> None:
    got = read_record(
        record(
            {
                "id": "FIN-1",
                "title": 12,
                "class": ["FIN-01"],
                "format": "vellum",
                "status": "lost",
                "dates": "2020-01-01",
                "extent": {"quantity": True, "unit": "boxes"},
                "relations": [{"type": "cites", "target": "FIN-0"}, "FIN-2", {"type": "copy-of"}],
                "security": "secret",
                "fixity": {"sha256": "ab", "bytes": "12"},
                "fields": ["not", "a", "mapping"],
            }
        )
    )
    assert got is not None
    assert (got.title, got.class_code, got.format, got.status) == ("", None, None, "active")
    assert (got.created, got.extent, got.relations, got.security) == (None, None, (), None)
    assert got.fixity is not None and got.fixity.bytes is None
    assert got.fields == {}


def test_a_rule_reads_its_clock_and_defaults() -> None:
    rule = read_rule(
        {
            "final_action": "destroy",
            "trigger": "closure",
            "cutoff": "fiscal-year",
            "retain": "P7Y",
            "any_of": [{"trigger": "event", "event": "audit", "retain": "P1Y"}, "junk"],
            "block": {"years": 5},
        }
    )
    assert rule.final_action == "destroy"
    assert (rule.trigger, rule.cutoff, rule.retain) == ("closure", "fiscal-year", "P7Y")
    assert rule.any_of == (
        Clock(trigger="event", event="audit", cutoff=None, retain="P1Y"),
        Clock(trigger=None, event=None, cutoff=None, retain=None),
    )
    assert rule.block_years == 5
    assert (rule.minimum, rule.implementable, rule.whichever) == (False, True, "first")


@pytest.mark.parametrize("data", [None, "destroy after 7 years", [], 7])
def test_a_rule_that_is_not_a_mapping_is_an_empty_rule(data: Any) -> None:
    assert read_rule(data) == Rule(final_action=None)


def test_odd_rule_values_fall_back_to_their_defaults() -> None:
    rule = read_rule(
        {
            "final_action": "burn",
            "trigger": "whenever",
            "cutoff": "decade",
            "retain": 7,
            "minimum": "yes",
            "implementable": "no",
            "whichever": "last",
            "block": {"years": True},
        }
    )
    assert rule == Rule(final_action=None)


def test_a_marking_reads_level_caveats_access_and_dates() -> None:
    marking = read_marking(
        {
            "level": "confidential",
            "caveats": ["legal", None],
            "access": {"groups": ["legal"], "people": ["jo@example.org"]},
            "review_on": "2030-06-30",
            "declassify_on": "not a date",
        }
    )
    assert marking == Marking(
        level="confidential",
        caveats=("legal",),
        groups=("legal",),
        people=("jo@example.org",),
        review_on=date(2030, 6, 30),
        declassify_on=None,
    )


@pytest.mark.parametrize("data", [None, "secret", ["secret"], 3])
def test_a_marking_that_is_not_a_mapping_is_no_marking(data: Any) -> None:
    assert read_marking(data) is None


def test_a_marking_with_odd_access_keeps_only_what_it_can_use() -> None:
    assert read_marking({"level": 3, "access": ["finance"]}) == Marking()


def test_an_id_used_twice_is_reported_at_the_second_file_with_the_first_one_named() -> None:
    first, _ = parse_document(b"id: FIN-1\ntitle: one\n", "catalogue/records/a.yml")
    second, _ = parse_document(b"title: two\nid: FIN-1\n", "catalogue/records/b.yml")
    catalogue, found = build_catalogue(".", {"record": [first, second]})
    assert list(catalogue.records) == ["FIN-1"]
    assert [(d.file, d.line, d.code) for d in found] == [("catalogue/records/b.yml", 2, "duplicate-id")]
    assert "catalogue/records/a.yml:1" in found[0].message
    assert catalogue.record_files == frozenset({"a", "b"})
