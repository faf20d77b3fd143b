"""Cells read as record values: the dates, numbers and lists of real spreadsheets."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from fonds.sheets.cells import CellError, join_list, read_code, read_date, read_list, read_number, text


@pytest.mark.parametrize(
    "cell",
    [
        "2021-03-04",
        "2021-3-4",
        "2021/03/04",
        " 2021-03-04 ",
        "2021-03-04T00:00:00",
        "March 4, 2021",
        "march 4 2021",
        "Mar. 4, 2021",
        "4 March 2021",
        "4th March 2021",
        "04-Mar-2021",
        "44259",
        44259,
        44259.0,
        datetime(2021, 3, 4, 0, 0),
        date(2021, 3, 4),
    ],
)
def test_the_same_day_written_many_ways(cell: object) -> None:
    assert read_date(cell) == date(2021, 3, 4)  # type: ignore[arg-type]


def test_day_and_month_need_an_order_unless_plain() -> None:
    with pytest.raises(CellError, match="could be 4 March 2021 or 3 April 2021"):
        read_date("04/03/2021")
    assert read_date("04/03/2021", "day-first") == date(2021, 3, 4)
    assert read_date("04/03/2021", "month-first") == date(2021, 4, 3)
    assert read_date("25/03/2021") == date(2021, 3, 25)
    assert read_date("03/25/2021") == date(2021, 3, 25)
    assert read_date("4.3.2021", "day-first") == date(2021, 3, 4)


@pytest.mark.parametrize(
    "cell", ["2021-02-30", "31/04/2021", "Smarch 4, 2021", "2021", "-5", "next week", True]
)
def test_what_is_not_a_date_is_refused(cell: object) -> None:
    with pytest.raises(CellError):
        read_date(cell)  # type: ignore[arg-type]


def test_numbers_lists_and_codes() -> None:
    assert read_number("2") == 2 and isinstance(read_number("2"), int)
    assert read_number("0.5") == 0.5
    assert read_number(3.0) == 3
    with pytest.raises(CellError):
        read_number("two")
    assert read_list(" a | b |  | a ") == ["a", "b"]
    assert read_list(join_list(["x|y", "z"])) == ["x|y", "z"]
    assert read_code("Paper", {"paper": "paper"}, "format") == ("paper", True)
    assert read_code("Finance and Treasury", {"finance": "Finance and Treasury"}, "department") == (
        "finance",
        True,
    )
    with pytest.raises(CellError, match="did you mean 'finance'"):
        read_code("finanse", {"finance": "Finance"}, "department")


def test_text_keeps_whole_numbers_whole_and_drops_the_formula_guard() -> None:
    assert text(1042.0) == "1042"
    assert text("'=SUM(A1)") == "=SUM(A1)"
    assert text(" Bell\x07 ") == "Bell"
    assert text(None) == ""
