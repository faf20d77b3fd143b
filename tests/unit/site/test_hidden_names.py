"""A hand-written file that names records the audience may not see (fonds.site.handwritten):
the word index finds exactly what a plain search for every name finds."""

from __future__ import annotations

import pytest

from fonds.site.handwritten import hidden_names_in

NAMES = frozenset(
    {
        "FIN-1",
        "CON-2010-0004359",
        "CON-2010-0004360",
        "REC000123",
        "Budget benefits file 1903",
        "Annualreport2019",
        "Straße works (north)",
        "STRASSE WORKS (NORTH)",
        "--",
        "a.b",
        "Été – café",
    }
)

TEXTS = [
    "",
    "FIN-1",
    "see FIN-12 and fin-1x",  # inside a longer id: the plain search counts it too
    "con-2010-0004359; CON-2010-0004360.",
    "CON-2010-00043599",
    "xCON-2010-0004359",
    "2010 0004359",
    "the budget Benefits FILE 1903 (draft)",
    "Budget benefits file 19034",
    "myrec000123z annualreport2019s",
    "strasse works (north) and straße works (north)",
    "a -- b a.b été – café",
    "\u00e9t\u00e9 \u2013 CAF\u00c9",
    "nothing here at all",
]


def _plain(text: str, names: frozenset[str]) -> int:
    """What the build counted before the index: one search of the text per name."""
    folded = text.casefold()
    return sum(1 for name in names if name.casefold() in folded)


@pytest.mark.parametrize("text", TEXTS)
def test_a_file_names_as_many_hidden_records_as_a_search_for_each_finds(text: str) -> None:
    assert hidden_names_in(text.encode("utf-8"), NAMES) == _plain(text, NAMES)


def test_every_name_is_found_in_a_file_that_holds_all_of_them() -> None:
    text = " | ".join(sorted(NAMES))
    assert hidden_names_in(text.encode("utf-8"), NAMES) == len(NAMES)


def test_a_file_that_is_not_utf8_is_still_searched() -> None:
    assert hidden_names_in(b"\xff\xfeFIN-1 \xff", NAMES) == 1
