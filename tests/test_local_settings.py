"""Local settings of an imported authority (schedules/local/AUTHORITY.yml, issue 10 pattern 8):
the effective rule the engine sees, and what the pages say is local."""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from fonds.cli import main
from fonds.model import LocalSetting, Rule, Schedule, ScheduleItem
from fonds.reading.loader import load_catalogue
from fonds.reading.local_settings import describe_local, effective_rule, longer, overlay, published
from fonds.site.context import build_context
from fonds.site.record_pages import record_page

from .conftest import REPO


def test_example_completes_the_variable_grs_6_1_010() -> None:
    """GRS 6.1.010 gives neither event nor period; the Town's local settings give both."""
    catalogue, problems = load_catalogue(REPO)
    assert problems == []
    item = catalogue.items["nara-grs/6.1.010"]
    assert item.rule == Rule(
        final_action="transfer",
        trigger="event",
        event="employee-separation",
        cutoff="calendar-year",
        retain="P15Y",
    )
    assert item.local == ("cutoff", "trigger", "event", "retain")
    assert item.local_file == "schedules/local/nara-grs.yml"
    assert item.authority_rule is not None and item.authority_rule.implementable is False
    assert published(item).rule == item.authority_rule
    text = describe_local(item)
    assert text.startswith("cut-off: calendar-year (local setting); trigger: event (local setting)")
    assert "period: P15Y (local setting)" in text
    assert "NA-1005" in text  # the justification
    # The schedule's own list of items holds the same effective rule.
    [same] = [i for i in catalogue.schedules["nara-grs"].items if i.id == "6.1.010"]
    assert same == item
    untouched = catalogue.items["nara-grs/6.1.011"]
    assert untouched.local == () and describe_local(untouched) == ""


def _item(rule: Rule, item_id: str = "X") -> ScheduleItem:
    return ScheduleItem(
        ref=f"a/{item_id}", authority="a", id=item_id, title="T", rule=rule, file="schedules/a.yml"
    )


def _applied(rule: Rule, **values: str) -> ScheduleItem:
    schedule = Schedule(id="a", title="A", items=(_item(rule),), file="schedules/a.yml")
    setting = LocalSetting("a", "X", values, "why", "schedules/local/a.yml", ("items", 0))
    [result] = overlay([schedule], [setting])
    return result.items[0]


MINIMUM = Rule(final_action="destroy", trigger="creation", retain="P3Y", minimum=True)


def test_extension_is_the_catalogues_own_fixed_period() -> None:
    item = _applied(MINIMUM, extended_retention="P5Y")
    assert item.rule == Rule(final_action="destroy", trigger="creation", retain="P5Y", minimum=False)
    assert item.local == ("extended_retention",)
    assert describe_local(item) == "extended retention: P5Y (local setting); justification: why"


def test_extension_of_a_window_must_pass_its_maximum() -> None:
    window = replace(MINIMUM, retain="P4Y", retain_max="P7Y")
    assert _applied(window, extended_retention="P6Y").rule == window  # not applied
    assert _applied(window, extended_retention="P8Y").rule == replace(
        window, retain="P8Y", retain_max=None, minimum=False
    )


@pytest.mark.parametrize(
    ("rule", "values"),
    [
        (replace(MINIMUM, minimum=False), {"extended_retention": "P9Y"}),  # not authorised
        (MINIMUM, {"extended_retention": "P36M"}),  # not longer: the same period
        (replace(MINIMUM, cutoff="fiscal-year"), {"cutoff": "calendar-year"}),  # the authority's own
        (MINIMUM, {"retain": "P9Y"}),  # the authority gives a period: extend it instead
    ],
)
def test_settings_that_do_not_fit_are_not_applied(rule: Rule, values: dict[str, str]) -> None:
    item = _applied(rule, **values)
    assert item.rule == rule
    assert item.local == ()


def test_a_completed_item_becomes_implementable_only_when_computable() -> None:
    variable = Rule(final_action="transfer", implementable=False, note="[Variable]")
    half = _applied(variable, retain="P15Y")
    assert half.rule.implementable is False and half.rule.retain == "P15Y"  # still no trigger
    whole = _applied(variable, trigger="creation", retain="P15Y")
    assert whole.rule == Rule(final_action="transfer", trigger="creation", retain="P15Y")
    assert effective_rule(variable, {}) == variable


@pytest.mark.parametrize(
    ("period", "than", "expected"),
    [
        ("P8Y", "P7Y", True),
        ("P84M", "P7Y", False),
        ("P85M", "P7Y", True),
        ("P1M", "P30D", False),  # from 1 February a month is shorter than 30 days
        ("P32D", "P1M", True),
        ("P1Y", "PT8760H", False),  # a leap year has 8784 hours
        ("P1Y", "bad", False),
    ],
)
def test_longer_holds_from_every_start_day(period: str, than: str, expected: bool) -> None:
    assert longer(period, than) is expected


def test_pages_say_what_is_local(example_site: Path) -> None:
    page = html.unescape((example_site / "classes" / "IT-05" / "index.html").read_text(encoding="utf-8"))
    assert "<dt>Local settings</dt> <dd>cut-off: calendar-year (local setting);" in page
    schedule = html.unescape(
        (example_site / "schedules" / "nara-grs" / "index.html").read_text(encoding="utf-8")
    )
    assert "period: P15Y (local setting)" in schedule
    assert "Transfer to the archives 15 years after" in schedule


def test_the_engine_and_the_record_page_use_the_effective_rule(mini: Path) -> None:
    """A cut-off the authority leaves open, set locally: FIN-001 (final payment 2021-05-01,
    fiscal year from April) is then cut off on 2022-03-31, and P6Y runs to 2028-03-31."""
    schedule = mini / "schedules" / "town.yml"
    schedule.write_text(schedule.read_text().replace("cutoff: fiscal-year, ", ""))
    due = ["due", "--root", str(mini), "--as-of", "2030-01-01"]
    before = CliRunner().invoke(main, due, catch_exceptions=False).output
    assert "2027-05-01" in before and "2028-03-31" not in before, before
    local = mini / "schedules" / "local" / "town.yml"
    local.parent.mkdir()
    local.write_text("items:\n  - item: INV\n    cutoff: fiscal-year\n")
    checked = CliRunner().invoke(main, ["check", "--root", str(mini)], catch_exceptions=False)
    assert checked.exit_code == 0, checked.output
    after = CliRunner().invoke(main, due, catch_exceptions=False).output
    assert "2028-03-31" in after and "2027-05-01" not in after, after
    catalogue, _ = load_catalogue(mini)
    ctx = build_context(catalogue, date(2026, 1, 1))
    page = record_page(ctx, catalogue.records["FIN-001"]).markdown()
    assert "<dt>Local settings</dt> <dd>cut-off: fiscal-year (local setting)</dd>" in html.unescape(page)
