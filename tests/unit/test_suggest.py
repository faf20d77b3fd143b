"""The one did-you-mean every message uses (diagnostics.close_matches and suggest)."""

from __future__ import annotations

from fonds.diagnostics import FIELD_CUTOFF, NAME_CUTOFF, close_matches, suggest


def test_a_slip_in_a_name_gets_the_name_offered() -> None:
    assert suggest("finanse", {"finance": "Finance", "legal": "Legal"}) == " (did you mean 'finance'?)"


def test_nothing_close_offers_nothing() -> None:
    assert suggest("warehouse", ["finance", "legal"]) == ""


def test_names_need_a_closer_match_than_field_names() -> None:
    assert FIELD_CUTOFF < NAME_CUTOFF
    assert close_matches("hr-dept", ["hr-department"]) == []
    assert close_matches("hr-dept", ["hr-department"], cutoff=FIELD_CUTOFF) == ["hr-department"]


def test_folded_matches_come_back_as_spelt_in_the_choices() -> None:
    assert close_matches("fin-1", ["FIN-1"]) == []
    assert close_matches("fin-1", ["FIN-1", "Fin-1"], fold=True) == ["FIN-1"]
    assert suggest("CREATD", ["created"], fold=True) == " (did you mean 'created'?)"


def test_several_matches_come_best_first() -> None:
    assert close_matches("locaton", ["locator", "location", "vocation"], n=3) == [
        "location",
        "locator",
        "vocation",
    ]
