"""The registry of per-record checks: each rule is one function, each code is documented."""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable, Iterator

import pytest

from fonds.checks import records as record_checks
from fonds.checks.base import at
from fonds.diagnostics import CODES, Diagnostic
from fonds.model import Catalogue, Record, Rule

from ..retention_helpers import catalogue, record


def _codes(check: Callable[..., object]) -> set[str]:
    """The codes a check passes to ``at(...)`` in its own body."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(check)))
    return {
        call.args[3].value
        for call in ast.walk(tree)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == "at"
        and len(call.args) > 3
        and isinstance(call.args[3], ast.Constant)
        and isinstance(call.args[3].value, str)
    }


@pytest.mark.parametrize("check", record_checks.RECORD_CHECKS, ids=lambda c: c.__name__)
def test_every_registered_check_reports_documented_codes(check: Callable[..., object]) -> None:
    undocumented = _codes(check) - CODES.keys()
    assert not undocumented, f"{check.__name__} reports {undocumented}: add them to diagnostics.CODES"


def test_the_code_finder_sees_an_undocumented_code() -> None:
    def _check_new(cat: Catalogue, rec: Record, context: object) -> Iterator[Diagnostic]:
        yield at(cat, rec.file, ("id",), "not-a-documented-code", "x")

    assert _codes(_check_new) - CODES.keys() == {"not-a-documented-code"}


def test_each_registered_check_is_a_function_named_for_its_rule() -> None:
    names = [check.__name__ for check in record_checks.RECORD_CHECKS]
    assert len(names) == len(set(names))
    assert all(name.startswith("_check_") for name in names)


def test_a_record_with_several_problems_gets_each_documented_finding() -> None:
    bad = record("R-2", class_code="NOPE", department="nowhere", events={"finall-payment": "2021-01-01"})
    found = list(record_checks.check_records(catalogue(Rule(final_action="destroy"), bad)))
    assert [d.code for d in found] == [
        "unknown-class",
        "unknown-department",
        "missing-location",
        "unknown-event",
    ]
    assert all(d.code in CODES for d in found)
    assert "did you mean 'final-payment'?" in found[-1].message


def test_a_check_added_to_the_registry_is_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def _check_title(cat: Catalogue, rec: Record, context: object) -> Iterator[Diagnostic]:
        yield at(cat, rec.file, ("title",), "schema", f"title {rec.title}")

    monkeypatch.setattr(record_checks, "RECORD_CHECKS", (*record_checks.RECORD_CHECKS, _check_title))
    found = list(record_checks.check_records(catalogue(Rule(final_action="destroy"), record())))
    assert [d.message for d in found if d.code == "schema"] == ["title R-1"]
