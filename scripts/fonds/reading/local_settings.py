"""A catalogue's own settings for items of a published authority, and the rule they make.

An imported authority (``schedules/nara-grs.yml``) is rewritten by every import, and some of its
items ask the agency to complete them: GRS 6.1.010 asks for "the cutoff event and the retention
period"; the GRS CSV has no cut-off column at all. Those settings live in a file of their own,
``schedules/local/AUTHORITY.yml``, that no import touches. Loading applies them to the items
(``overlay``): the engine then sees one plain, effective ``Rule``, and ``ScheduleItem.local``
says which of its fields are local.

A setting only completes or lengthens the authority, never contradicts it:

- ``cutoff``, ``trigger``, ``event`` and ``retain`` apply only where the authority gives none;
  once a new import gives its own, the local value is stale: reported, and not applied;
- ``extended_retention`` (with its ``justification``) applies only where the authority
  authorises longer retention (``minimum: true``) and only if longer than the authority's
  period (its ``retain_max`` for a window); the extended period is then due at its end.

Pure: no file is read here; ``findings`` are the same for ``fonds check`` and for
``fonds import-schedule``, which checks them against the new import before writing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from dateutil.relativedelta import relativedelta

from ..diagnostics import Diagnostic, error, warning
from ..model import LocalSetting, Path, Rule, Schedule, ScheduleItem
from .yamlfile import Document

LOCAL_DIR = "schedules/local"
LOCAL_FIELDS: tuple[str, ...] = ("cutoff", "trigger", "event", "retain", "extended_retention")
LABELS: Mapping[str, str] = {
    "cutoff": "cut-off",
    "trigger": "trigger",
    "event": "event",
    "retain": "period",
    "extended_retention": "extended retention",
}
_RULE_FIELD = {"extended_retention": "retain"}
"""The rule field a local field sets, where the names differ."""

ReadRule = Callable[[object], Rule]
"""Builds a rule from its YAML mapping, keeping only what a rule can hold."""
Where = Callable[[str, Path], tuple[int, int]]
"""Line and column of a path in a file (``Catalogue.where``, or a document's own)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """Why a local setting (or a whole entry, ``field`` None) is not applied, or is suspect."""

    field: str | None
    code: str
    message: str
    warn: bool = False


def local_file(authority: str) -> str:
    return f"{LOCAL_DIR}/{authority}.yml"


def authority_of(display: str) -> str:
    """``schedules/local/nara-grs.yml`` -> ``nara-grs``."""
    name = display.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0]


def read_local_settings(doc: Document) -> tuple[LocalSetting, ...]:
    """The entries of a validated (or at least parsed) local-settings file."""
    data = doc.data
    entries = data.get("items") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return ()
    authority = authority_of(doc.file)
    found: list[LocalSetting] = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("item"), str):
            continue
        values = {key: entry[key] for key in LOCAL_FIELDS if isinstance(entry.get(key), str)}
        justification = entry.get("justification")
        found.append(
            LocalSetting(
                authority=authority,
                item=entry["item"],
                values=values,
                justification=justification if isinstance(justification, str) else "",
                file=doc.file,
                path=("items", index),
            )
        )
    return tuple(found)


# --- comparing periods ---------------------------------------------------------------------

_DURATION = re.compile(
    r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?"
)
_STARTS = tuple(date(year, month, day) for year in (2023, 2024) for month in range(1, 13) for day in (1, 28))
"""Start days, in a leap year and not, at month starts and near month ends: "longer" must hold
from every one of them (P1M is not longer than P30D from 1 February)."""


def _delta(text: str) -> relativedelta | None:
    found = _DURATION.fullmatch(text)
    if found is None:
        return None
    years, months, weeks, days, hours, minutes, seconds = (int(part or 0) for part in found.groups())
    extra = -(-(hours * 3600 + minutes * 60 + seconds) // 86400)
    return relativedelta(years=years, months=months, days=7 * weeks + days + extra)


def longer(period: str, than: str) -> bool:
    """True when ``period`` ends after ``than`` whatever the day it starts on."""
    mine, theirs = _delta(period), _delta(than)
    if mine is None or theirs is None:
        return False
    return all(start + mine > start + theirs for start in _STARTS)


# --- what applies --------------------------------------------------------------------------


def findings(setting: LocalSetting, item: ScheduleItem | None, authorities: Iterable[str]) -> list[Finding]:
    """What is wrong with ``setting`` against ``item`` as the authority publishes it."""
    if item is None:
        if setting.authority not in authorities:
            return [
                Finding(
                    None,
                    "local-unknown-item",
                    f"there is no schedules/{setting.authority}.yml, so these are local settings "
                    "for an authority this catalogue does not have; name the file after a schedule in schedules/",
                )
            ]
        return [
            Finding(
                None,
                "local-unknown-item",
                f"{setting.authority} has no item '{setting.item}' (removed from the authority, or "
                "mistyped); move these local settings to the item that replaces it, or remove them",
            )
        ]
    rule = item.rule
    if item.superseded_by is not None:
        return [
            Finding(
                None,
                "local-item-superseded",
                f"item '{item.ref}' is retired, superseded by '{item.superseded_by}'; these local "
                "settings are not applied: move them to the successor",
                warn=True,
            )
        ]
    return [found for key in setting.values if (found := _field_finding(key, setting, rule)) is not None]


def _field_finding(key: str, setting: LocalSetting, rule: Rule) -> Finding | None:
    value = setting.values[key]
    own = _own(key, rule)
    if own is not None:
        return Finding(
            key,
            "local-setting-stale",
            f"{setting.authority} now gives item '{setting.item}' its own {LABELS[key]} ({own}); "
            f"the local {LABELS[key]} '{value}' is not applied: remove it",
            warn=True,
        )
    trigger = setting.values.get("trigger") or rule.trigger
    if key == "event" and trigger != "event":
        return Finding(
            key,
            "rule-incomplete",
            f"item '{setting.ref}': 'event' applies only with trigger: event (here: {trigger})",
        )
    if key == "trigger" and value == "event" and not (setting.values.get("event") or rule.event):
        return Finding(
            key,
            "rule-incomplete",
            f"item '{setting.ref}': trigger: event needs the 'event' that starts the clock",
        )
    if key != "extended_retention":
        return None
    if rule.retain is None:
        return Finding(
            key,
            "local-extension-not-authorised",
            f"item '{setting.ref}' has no single period to extend"
            + ("; give the period as 'retain'" if rule.active is None else " (its rule is in phases)"),
        )
    if not rule.minimum:
        return Finding(
            key,
            "local-extension-not-authorised",
            f"{setting.authority} does not authorise longer retention for item '{setting.item}' "
            f"(it is not a minimum period), so it cannot be kept for {value}; remove "
            "'extended_retention', or keep single records longer with a record override",
        )
    longest = rule.retain_max or rule.retain
    if not longer(value, longest):
        return Finding(
            key,
            "local-extension-too-short",
            f"the extended retention {value} is not longer than the period of item "
            f"'{setting.ref}' ({longest}); give a longer period, or remove it",
        )
    return None


def _own(key: str, rule: Rule) -> str | None:
    """The authority's own value for what ``key`` sets, or None when it leaves it open."""
    if key == "cutoff":
        return None if rule.cutoff == "none" else str(rule.cutoff)
    if key == "trigger":
        return rule.trigger
    if key == "event":
        return rule.event
    if key == "retain":
        return rule.retain or rule.active
    return None


def effective_rule(rule: Rule, values: Mapping[str, str]) -> Rule:
    """``rule`` completed by the local ``values`` that apply (``findings`` gave none)."""
    changed: dict[str, object] = {_RULE_FIELD.get(key, key): value for key, value in values.items()}
    if "extended_retention" in values:
        changed.update(retain_max=None, minimum=False)
    result = replace(rule, **changed)  # type: ignore[arg-type]
    if not result.implementable and _computable(result):
        result = replace(result, implementable=True, note=None)
    return result


def _computable(rule: Rule) -> bool:
    if rule.final_action not in ("destroy", "transfer", "permanent"):
        return False
    if rule.trigger is None or (rule.trigger == "event" and rule.event is None):
        return False
    return rule.retain is not None or rule.active is not None


def overlay(
    schedules: Sequence[Schedule], settings: Sequence[LocalSetting], read: ReadRule | None = None
) -> list[Schedule]:
    """The schedules with every applicable local setting applied to its item.

    ``read`` (``blocks.read_rule``) drops what a rule could not hold, as it does for the
    schedule files: an unvalidated load (``fonds due``) must not pass a cut-off the engine does
    not know.
    """
    first: dict[str, LocalSetting] = {}
    for setting in settings:
        if read is not None:
            setting = replace(
                setting, values={k: v for k, v in setting.values.items() if _readable(k, v, read)}
            )
        first.setdefault(setting.ref, setting)
    authorities = {schedule.id for schedule in schedules}
    result: list[Schedule] = []
    for schedule in schedules:
        items = tuple(_applied(item, first.get(item.ref), authorities) for item in schedule.items)
        result.append(replace(schedule, items=items) if items != schedule.items else schedule)
    return result


def _readable(key: str, value: str, read: ReadRule) -> bool:
    field = _RULE_FIELD.get(key, key)
    kept: object = getattr(read({"final_action": "destroy", field: value}), field)
    if field == "retain" and _delta(value) is None:
        return False
    return kept == value


def _applied(item: ScheduleItem, setting: LocalSetting | None, authorities: set[str]) -> ScheduleItem:
    if setting is None:
        return item
    problems = findings(setting, item, authorities)
    if any(found.field is None for found in problems):
        return item
    refused = {found.field for found in problems}
    values = {key: value for key, value in setting.values.items() if key not in refused}
    if not values:
        return item
    return replace(
        item,
        rule=effective_rule(item.rule, values),
        local=tuple(key for key in LOCAL_FIELDS if key in values),
        local_file=setting.file,
        local_path=setting.path,
        justification=setting.justification,
        authority_rule=item.rule,
    )


def published(item: ScheduleItem) -> ScheduleItem:
    """The item as its authority publishes it, before local settings."""
    if item.authority_rule is None:
        return item
    return replace(item, rule=item.authority_rule, local=(), authority_rule=None)


def local_diagnostics(
    settings: Sequence[LocalSetting],
    items: Mapping[str, ScheduleItem],
    authorities: Iterable[str],
    where: Where,
) -> Iterator[Diagnostic]:
    """Every finding about ``settings`` against the authorities' ``items`` (as published)."""
    known = set(authorities)
    seen: dict[str, LocalSetting] = {}
    for setting in settings:
        if setting.ref in seen:
            line, column = where(setting.file, (*setting.path, "item"))
            first_line, _ = where(setting.file, (*seen[setting.ref].path, "item"))
            yield error(
                setting.file,
                line,
                column,
                "duplicate-id",
                f"item '{setting.item}' already has local settings on line {first_line}; "
                "keep one entry per item (only the first is applied)",
                _dotted((*setting.path, "item")),
            )
            continue
        seen[setting.ref] = setting
        item = items.get(setting.ref)
        for found in findings(setting, None if item is None else published(item), known):
            path: Path = (*setting.path, found.field or "item")
            line, column = where(setting.file, path)
            make = warning if found.warn else error
            yield make(setting.file, line, column, found.code, found.message, _dotted(path))


def _dotted(path: Path) -> str:
    return ".".join(str(part) for part in path)


def rule_location(item: ScheduleItem, path: Path) -> tuple[str, Path]:
    """Where a problem at ``path`` inside the item's effective rule was written."""
    for key in item.local:
        if path[:1] == (_RULE_FIELD.get(key, key),):
            return item.local_file, (*item.local_path, key)
    return item.file, (*item.path, "rule", *path)


def describe_local(item: ScheduleItem) -> str:
    """What is local in the item's rule, e.g. "cut-off: fiscal-year (local setting)"."""
    if not item.local:
        return ""
    values = _values(item)
    parts = [f"{LABELS[key]}: {values[key]} (local setting)" for key in item.local]
    if item.justification:
        parts.append(f"justification: {item.justification}")
    return "; ".join(parts)


def _values(item: ScheduleItem) -> dict[str, str]:
    rule = item.rule
    return {
        "cutoff": str(rule.cutoff),
        "trigger": str(rule.trigger),
        "event": str(rule.event),
        "retain": str(rule.retain),
        "extended_retention": str(rule.retain),
    }
