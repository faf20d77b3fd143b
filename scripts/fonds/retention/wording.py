"""Retention states and actions as a records technician says them, for every page and report.

Rules themselves are worded in ``rule_text``.
"""

from __future__ import annotations

from collections.abc import Mapping

from .assessment import Action, State

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
