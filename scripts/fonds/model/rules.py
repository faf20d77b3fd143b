"""Retention rules and the schedules that hold them, as values: what a schedule item says
(DoD 5015.2 time, event and time-event rules; ARCS/ORCS phases; GRS windows).

Part of the model (``fonds.model`` re-exports every name); ``retention/`` computes with them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

Path = tuple[str | int, ...]
"""Where a value sits inside a YAML document: field names and list indexes (from 0), outermost
first, such as ``("relations", 2, "target")``."""

Trigger = Literal["creation", "closure", "event"]
Cutoff = Literal[
    "none",
    "month",
    "quarter",
    "half-year",
    "calendar-year",
    "fiscal-quarter",
    "fiscal-half-year",
    "fiscal-year",
    "closure",
]
FinalAction = Literal["destroy", "transfer", "permanent", "review", "selective-retention", "other"]
Whichever = Literal["first", "later"]


@dataclass(frozen=True, slots=True)
class Clock:
    """One of several ways a rule's clock may start (``any_of``): its trigger, and optionally
    its own cut-off and period ("65 years after hire, or 3 years after retirement")."""

    trigger: Trigger | None
    event: str | None = None
    cutoff: Cutoff | None = None
    """None: the rule's cut-off."""
    retain: str | None = None
    """None: the rule's period."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A retention rule (DoD 5015.2 time, event and time-event rules; ARCS/ORCS phases; GRS)."""

    final_action: FinalAction | None
    trigger: Trigger | None = None
    event: str | None = None
    cutoff: Cutoff = "none"
    retain: str | None = None
    retain_max: str | None = None
    """With ``retain``, the end of a retention window (GRS ``4-7``): eligible, then due here."""
    active: str | None = None
    semi_active: str | None = None
    minimum: bool = False
    implementable: bool = True
    note: str | None = None
    any_of: tuple[Clock, ...] = ()
    """Several triggers (or alternatives with their own periods); ``whichever`` chooses."""
    whichever: Whichever = "first"
    block_years: int | None = None
    """``block: {years: N}``: records are disposed of together in blocks of N years."""
    instruction: str | None = None
    """What a person does: the text of an other disposition, a selective retention or a review."""


@dataclass(frozen=True, slots=True)
class ScheduleItem:
    ref: str
    """``authority/item``: how classes name this item."""
    authority: str
    id: str
    title: str
    rule: Rule
    description: str = ""
    citation: str = ""
    disposition_authority: str = ""
    superseded_by: str | None = None
    file: str = ""
    path: Path = ()
    local: tuple[str, ...] = ()
    """The fields of ``rule`` set by the catalogue's local settings, in the order of
    ``local_settings.LOCAL_FIELDS`` (``cutoff``, ``retain``, ...); empty when none applies."""
    local_file: str = ""
    """The local-settings file they come from (``schedules/local/AUTHORITY.yml``)."""
    local_path: Path = ()
    """The entry of this item inside ``local_file``."""
    justification: str = ""
    authority_rule: Rule | None = None
    """The rule as the authority publishes it, when local settings changed ``rule``."""


@dataclass(frozen=True, slots=True)
class LocalSetting:
    """A catalogue's own settings for one item of a published authority (schedules/local/)."""

    authority: str
    item: str
    values: Mapping[str, str]
    """Local field -> value as written (``cutoff``, ``trigger``, ``event``, ``retain``,
    ``extended_retention``)."""
    justification: str = ""
    file: str = ""
    path: Path = ()

    @property
    def ref(self) -> str:
        return f"{self.authority}/{self.item}"


@dataclass(frozen=True, slots=True)
class Schedule:
    id: str
    title: str
    items: tuple[ScheduleItem, ...]
    issuer: str = ""
    citation: str = ""
    version: str = ""
    approved_on: date | None = None
    source: str = ""
    file: str = ""
