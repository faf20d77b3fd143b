"""Building small catalogues in memory for retention tests: only what the rule needs."""

from __future__ import annotations

from datetime import date
from typing import Any

from fonds.model import Access, Catalogue, ClassScope, Config, FileClass, Hold, Record, Rule, ScheduleItem


def record(
    record_id: str = "R-1", class_code: str = "C-1", created: str = "2020-01-01", **fields: Any
) -> Record:
    for key in ("closed",):
        if isinstance(fields.get(key), str):
            fields[key] = date.fromisoformat(fields[key])
    if "events" in fields:
        fields["events"] = {k: date.fromisoformat(v) for k, v in fields["events"].items()}
    return Record(
        id=record_id,
        title=record_id,
        class_code=class_code,
        created=date.fromisoformat(created),
        format="paper",
        file=f"catalogue/records/{record_id}.yml",
        **fields,
    )


def hold(
    hold_id: str = "H-1",
    placed_on: str = "2020-01-01",
    released_on: str | None = None,
    records: tuple[str, ...] = (),
    classes: tuple[ClassScope, ...] = (),
    created_from: str | None = None,
    created_to: str | None = None,
) -> Hold:
    return Hold(
        id=hold_id,
        title=hold_id,
        reason="litigation",
        authority="counsel",
        placed_by="A",
        placed_on=date.fromisoformat(placed_on),
        file=f"catalogue/holds/{hold_id}.yml",
        released_on=date.fromisoformat(released_on) if released_on else None,
        records=records,
        classes=classes,
        created_from=date.fromisoformat(created_from) if created_from else None,
        created_to=date.fromisoformat(created_to) if created_to else None,
    )


def catalogue(
    rule: Rule,
    *records: Record,
    holds: tuple[Hold, ...] = (),
    fiscal_year_start: int = 1,
    classes: tuple[FileClass, ...] | None = None,
) -> Catalogue:
    item = ScheduleItem(ref="s/I-1", authority="s", id="I-1", title="Item", rule=rule)
    plan = classes or (
        FileClass(code="C", title="Top"),
        FileClass(code="C-1", title="Class", parent="C", retention="s/I-1"),
    )
    return Catalogue(
        root=".",
        config=Config(
            name="t",
            fiscal_year_start=fiscal_year_start,
            events={"final-payment": "", "no-longer-needed": ""},
        ),
        access=Access(),
        classes={c.code: c for c in plan},
        schedules={},
        items={item.ref: item},
        records={r.id: r for r in records},
        locations={},
        holds={h.id: h for h in holds},
    )


def dispose_args(root: object, record_id: str, on: str) -> list[str]:
    """``fonds dispose --dry-run`` of one record, with the options every disposal needs."""
    return [
        "dispose",
        "--root",
        str(root),
        record_id,
        "--date",
        on,
        "--method",
        "shredding",
        "--authority",
        "town/INV",
        "--approved-by",
        "A. Chen",
        "--witness",
        "B. Roy",
        "--dry-run",
    ]
