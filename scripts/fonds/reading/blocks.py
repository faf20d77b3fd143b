"""Blocks written the same way in several kinds of file: a retention rule (in schedules,
local settings and record overrides) and a security marking (in records, classes and requests).
"""

from __future__ import annotations

from typing import Any, get_args

from ..dates import parse_date
from ..model import Clock, Cutoff, Marking, Rule
from .lenient import choice_of, flag_of, list_of, mapping_of, optional_string, strings_of

FINAL_ACTIONS = ("destroy", "transfer", "permanent", "review", "selective-retention", "other")
TRIGGERS = ("creation", "closure", "event")
CUTOFFS = get_args(Cutoff)


def _clock(data: Any) -> Clock:
    data = data if isinstance(data, dict) else {}
    return Clock(
        trigger=choice_of(data, "trigger", TRIGGERS),
        event=optional_string(data, "event"),
        cutoff=choice_of(data, "cutoff", CUTOFFS),
        retain=optional_string(data, "retain"),
    )


def read_rule(data: Any) -> Rule:
    data = data if isinstance(data, dict) else {}
    block = mapping_of(data, "block").get("years")
    return Rule(
        final_action=choice_of(data, "final_action", FINAL_ACTIONS),
        trigger=choice_of(data, "trigger", TRIGGERS),
        event=optional_string(data, "event"),
        cutoff=choice_of(data, "cutoff", CUTOFFS, "none"),
        retain=optional_string(data, "retain"),
        retain_max=optional_string(data, "retain_max"),
        active=optional_string(data, "active"),
        semi_active=optional_string(data, "semi_active"),
        minimum=flag_of(data, "minimum", False),
        implementable=flag_of(data, "implementable", True),
        note=optional_string(data, "note"),
        any_of=tuple(_clock(entry) for entry in list_of(data, "any_of")),
        whichever=choice_of(data, "whichever", ("first", "later"), "first"),
        block_years=block if isinstance(block, int) and not isinstance(block, bool) else None,
        instruction=optional_string(data, "instruction"),
    )


def read_marking(data: Any) -> Marking | None:
    if not isinstance(data, dict):
        return None
    access = mapping_of(data, "access")
    return Marking(
        level=optional_string(data, "level"),
        caveats=strings_of(data, "caveats"),
        groups=strings_of(access, "groups"),
        people=strings_of(access, "people"),
        review_on=parse_date(data.get("review_on")),
        declassify_on=parse_date(data.get("declassify_on")),
    )
