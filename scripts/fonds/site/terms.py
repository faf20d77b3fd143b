"""Words for people: states, actions and rules as a records technician says them.

Rules are worded once, in ``rule_text`` (re-exported here for the pages).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..retention.assessment import Action, State
from ..retention.rule_text import describe_period, describe_rule
from .html import slug

__all__ = [
    "ACTION_LABELS",
    "STATE_LABELS",
    "counted",
    "describe_period",
    "describe_rule",
    "plural",
    "subject_src",
]

STATE_LABELS: Mapping[State, str] = {
    State.ACTIVE: "Active (in the office)",
    State.SEMI_ACTIVE: "Semi-active (records centre)",
    State.AWAITING_EVENT: "Awaiting event",
    State.ELIGIBLE: "Eligible (may be disposed of)",
    State.DUE: "Due",
    State.OVERDUE: "Overdue",
    State.ON_HOLD: "On hold",
    State.PERMANENT: "Permanent",
    State.DESTROYED: "Destroyed",
    State.TRANSFERRED: "Transferred to the archives",
    State.UNSCHEDULED: "No computable rule",
}

ACTION_LABELS: Mapping[Action, str] = {
    Action.MOVE: "move to the records centre",
    Action.DESTROY: "destroy",
    Action.TRANSFER: "transfer to the archives",
    Action.REVIEW: "review",
    Action.SELECT: "selective retention",
    Action.OTHER: "other disposition",
    Action.VITAL_REVIEW: "review (vital record)",
}


def subject_src(keyword: str) -> str:
    return f"indexes/subjects/{slug(keyword.lower())}.md"


IRREGULAR: Mapping[str, str] = {"hold in force": "holds in force", "class": "classes", "box": "boxes"}


def plural(n: int, word: str) -> str:
    """``word`` as it goes with ``n``: "record" for 1, "records" otherwise (the one helper
    every page uses, so that no page says "1 records")."""
    if n == 1:
        return word
    return IRREGULAR.get(word, word + "s")


def counted(n: int, word: str) -> str:
    """``1 record``, ``2 records``, ``0 records``."""
    return f"{n} {plural(n, word)}"
