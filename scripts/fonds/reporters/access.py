"""Rendering the access reports (``fonds access who|group|report``) as text, JSON and CSV.

Each report is first turned into plain rows (``*_rows``); every format renders those same
values, so a spreadsheet, a script and a person reading the text see the same answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..access.markings import AccessReport, EffectiveMarking, MarkingReview, Visible, WhoMaySee
from ..model import AccessGroup, Record
from .formats import csv_text, plural, text_table
from .formats import json_document as _json
from .registry import Renderers

_TITLE_WIDTH = 48


def marking_fields(marking: EffectiveMarking) -> dict[str, Any]:
    def day(value: Any) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "level": marking.level,
        "level_from": marking.level_from.describe(),
        "caveats": list(marking.caveats),
        "caveats_from": marking.caveats_from.describe(),
        "groups": list(marking.groups),
        "people": list(marking.people),
        "access_from": marking.access_from.describe(),
        "review_on": day(marking.review_on),
        "review_from": marking.review_from.describe(),
        "declassify_on": day(marking.declassify_on),
        "declassify_from": marking.declassify_from.describe(),
    }


def _record_fields(record: Record) -> dict[str, Any]:
    return {"id": record.id, "title": record.title, "class": record.class_code or "", "file": record.file}


def _csv(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    return csv_text(columns, rows)


def _table(columns: Sequence[str], rows: Sequence[Sequence[str]], titles: int | None = None) -> list[str]:
    """Aligned columns; the cell in column ``titles`` is cut to a readable width."""
    return text_table([c.upper() for c in columns], rows, None if titles is None else {titles: _TITLE_WIDTH})


def _listed(values: Sequence[str]) -> str:
    return ", ".join(values) if values else "none"


def _level_origin(marking: EffectiveMarking) -> str:
    if marking.level_from.kind == "default":
        return "not set on the record or its classes: the lowest level"
    return marking.level_from.describe()


def _marking_lines(marking: EffectiveMarking) -> list[str]:
    access = "none"
    if marking.has_access_list:
        parts = [f"groups {', '.join(marking.groups)}"] if marking.groups else []
        parts += [f"people {', '.join(marking.people)}"] if marking.people else []
        access = "; ".join(parts) + f" ({marking.access_from.describe()})"
    lines = [
        f"Level:        {marking.level} ({_level_origin(marking)})",
        "Caveats:      "
        + (f"{_listed(marking.caveats)} ({marking.caveats_from.describe()})" if marking.caveats else "none"),
        f"Access list:  {access}",
    ]
    if marking.review_on is not None:
        lines.append(f"Review on:    {marking.review_on} ({marking.review_from.describe()})")
    if marking.declassify_on is not None:
        lines.append(f"Declassify:   {marking.declassify_on} ({marking.declassify_from.describe()})")
    return lines


# fonds access who

WHO_COLUMNS = ("kind", "name", "may_see", "reason")


def _who_json(result: WhoMaySee) -> str:
    record = result.record
    return _json(
        {
            "record": _record_fields(record),
            "marking": marking_fields(result.marking),
            "everyone": result.everyone,
            "groups": [{"group": g.name, "may_see": g.allowed, "reason": g.reason} for g in result.groups],
            "people": [{"person": p.name, "reason": p.reason} for p in result.people],
            **(
                {"asked": {"person": asked.name, "may_see": asked.allowed, "reason": asked.reason}}
                if (asked := result.asked)
                else {}
            ),
        }
    )


def _who_rows(result: WhoMaySee) -> list[list[str]]:
    rows = [["group", g.name, "yes" if g.allowed else "no", g.reason] for g in result.groups]
    rows += [["person", p.name, "yes", p.reason] for p in result.people]
    if result.asked is not None:
        rows.append(
            ["asked", result.asked.name, "yes" if result.asked.allowed else "no", result.asked.reason]
        )
    return rows


def _who_csv(result: WhoMaySee) -> str:
    return _csv(WHO_COLUMNS, _who_rows(result))


def _who_text(result: WhoMaySee) -> str:
    record = result.record
    rows = _who_rows(result)
    allowed = sum(1 for g in result.groups if g.allowed)
    lines = [f"{record.id}  {record.title}", *_marking_lines(result.marking), ""]
    lines += _table(("group", "may see", "why"), [row[1:] for row in rows if row[0] == "group"])
    lines.append("")
    if result.people:
        lines += _table(("person", "why"), [[p.name, p.reason] for p in result.people])
        lines.append("")
    if result.everyone:
        lines.append(f"Anyone may see {record.id}: it is {result.marking.level}, with no caveats.")
    else:
        named = any(p.name in result.marking.people for p in result.people)
        people = "1 person" if len(result.people) == 1 else f"{len(result.people)} people"
        lines.append(
            f"{people} may see {record.id}: the members of {plural(allowed, 'group')}"
            + (" and the people named on its access list." if named else ".")
        )
    if result.asked is not None:
        asked = result.asked
        verdict = f"may see {record.id}: " if asked.allowed else f"may not see {record.id}: {asked.name} "
        lines.append(f"{asked.name} {verdict}{asked.reason}")
    return "\n".join(lines) + "\n"


WHO_RENDERERS: Renderers[WhoMaySee] = Renderers(
    "access who", {"text": _who_text, "json": _who_json, "csv": _who_csv}
)
ACCESS_FORMATS = WHO_RENDERERS.formats


def render_who(result: WhoMaySee, fmt: str) -> str:
    return WHO_RENDERERS.render(result, fmt)


# fonds access group

GROUP_COLUMNS = ("id", "title", "class", "level", "caveats", "why")


@dataclass(frozen=True, slots=True)
class GroupListing:
    """``visible``: every record the group may see; without ``everything``, only those not open
    to everyone are listed (the summary still counts them all)."""

    group: AccessGroup
    visible: Sequence[Visible]
    total: int
    everything: bool

    @property
    def listed(self) -> list[Visible]:
        return [v for v in self.visible if self.everything or not v.open]


def _group_rows(listing: GroupListing) -> list[list[str]]:
    return [
        [
            v.record.id,
            v.record.title,
            v.record.class_code or "",
            v.marking.level,
            " ".join(v.marking.caveats),
            v.reason,
        ]
        for v in listing.listed
    ]


def _group_json(listing: GroupListing) -> str:
    group, listed = listing.group, listing.listed
    return _json(
        {
            "group": {
                "id": group.id,
                "title": group.title,
                "clearance": group.clearance,
                "caveats": list(group.caveats),
                "members": list(group.members),
                "team": group.team,
            },
            "records": [
                {
                    **_record_fields(v.record),
                    "level": v.marking.level,
                    "caveats": list(v.marking.caveats),
                    "why": v.reason,
                }
                for v in listed
            ],
            "summary": {"records": listing.total, "visible": len(listing.visible), "listed": len(listed)},
        }
    )


def _group_csv(listing: GroupListing) -> str:
    return _csv(GROUP_COLUMNS, _group_rows(listing))


def _group_text(listing: GroupListing) -> str:
    group, visible, rows = listing.group, listing.visible, _group_rows(listing)
    lines = [
        f"{group.id}: {group.title}",
        f"Clearance:  {group.clearance}",
        f"Caveats:    {_listed(group.caveats)}",
        f"Members:    {_listed(group.members)}",
        f"Team:       {group.team or 'none'}",
        "",
    ]
    lines += _table(GROUP_COLUMNS, rows, titles=1) if rows else ["No record is listed."]
    summary = f"{group.id} may see {len(visible)} of {plural(listing.total, 'record')}"
    unlisted = len(visible) - len(rows)
    if unlisted:
        summary += f", {unlisted} of them open to everyone and not listed (--all lists them)"
    lines += ["", summary + "."]
    return "\n".join(lines) + "\n"


GROUP_RENDERERS: Renderers[GroupListing] = Renderers(
    "access group", {"text": _group_text, "json": _group_json, "csv": _group_csv}
)


def render_group(
    group: AccessGroup, visible: Sequence[Visible], total: int, fmt: str, *, everything: bool
) -> str:
    return GROUP_RENDERERS.render(GroupListing(group, visible, total, everything), fmt)


# fonds access report

REPORT_COLUMNS = (
    "id",
    "title",
    "class",
    "level",
    "level_from",
    "caveats",
    "groups",
    "people",
    "access_from",
    "review_on",
    "declassify_on",
    "no_access_list",
    "review_due",
)


def _review_fields(review: MarkingReview) -> dict[str, Any]:
    return {
        **_record_fields(review.record),
        "level": review.marking.level,
        "action": review.action,
        "due": review.due.isoformat(),
    }


def _reviews_due(report: AccessReport) -> dict[str, list[str]]:
    due: dict[str, list[str]] = {}
    for review in report.reviews:
        due.setdefault(review.record.id, []).append(review.action)
    return due


def _report_json(report: AccessReport) -> str:
    unlisted = {row.record.id for row in report.unlisted}
    due = _reviews_due(report)
    return _json(
        {
            "as_of": report.as_of.isoformat(),
            "levels": list(report.levels),
            "by_level": dict(report.by_level),
            "by_class": {code: dict(counts) for code, counts in report.by_class.items()},
            "no_access_list": [
                {**_record_fields(row.record), "level": row.marking.level} for row in report.unlisted
            ],
            "reviews": [_review_fields(review) for review in report.reviews],
            "records": [
                {
                    **_record_fields(row.record),
                    **marking_fields(row.marking),
                    "no_access_list": row.record.id in unlisted,
                    "review_due": due.get(row.record.id, []),
                }
                for row in report.rows
            ],
        }
    )


def _report_csv(report: AccessReport) -> str:
    unlisted = {row.record.id for row in report.unlisted}
    due = _reviews_due(report)
    rows = []
    for row in report.rows:
        m = row.marking
        rows.append(
            [
                row.record.id,
                row.record.title,
                row.record.class_code or "",
                m.level,
                m.level_from.describe(),
                " ".join(m.caveats),
                " ".join(m.groups),
                " ".join(m.people),
                m.access_from.describe(),
                m.review_on.isoformat() if m.review_on else "",
                m.declassify_on.isoformat() if m.declassify_on else "",
                "yes" if row.record.id in unlisted else "",
                " ".join(due.get(row.record.id, [])),
            ]
        )
    return _csv(REPORT_COLUMNS, rows)


def _report_text(report: AccessReport) -> str:
    lines = [f"Access report as of {report.as_of.isoformat()}", ""]
    lines += _table(("level", "records"), [[lvl, str(n)] for lvl, n in report.by_level.items()])
    lines.append("")
    lines += _table(
        ("class", *report.levels, "total"),
        [
            [code or "(none)", *(str(counts[lvl]) for lvl in report.levels), str(sum(counts.values()))]
            for code, counts in report.by_class.items()
        ],
    )
    lowest = report.levels[0] if report.levels else "the lowest level"
    lines += [
        "",
        f"Above {lowest} with no access list (every cleared group may see them): {len(report.unlisted)}",
    ]
    if report.unlisted:
        lines += _table(
            ("id", "level", "class", "title"),
            [
                [r.record.id, r.marking.level, r.record.class_code or "", r.record.title]
                for r in report.unlisted
            ],
            titles=3,
        )
    lines += [
        "",
        f"Reviews and declassify-on dates on or before {report.as_of.isoformat()}: {len(report.reviews)}",
    ]
    if report.reviews:
        lines += _table(
            ("due", "action", "id", "level", "title"),
            [
                [r.due.isoformat(), r.action, r.record.id, r.marking.level, r.record.title]
                for r in report.reviews
            ],
            titles=4,
        )
    lines += ["", f"{plural(len(report.rows), 'record')} in the catalogue"]
    return "\n".join(lines) + "\n"


REPORT_RENDERERS: Renderers[AccessReport] = Renderers(
    "access", {"text": _report_text, "json": _report_json, "csv": _report_csv}
)


def render_access_report(report: AccessReport, fmt: str) -> str:
    return REPORT_RENDERERS.render(report, fmt)
