"""The catalogue model: plain frozen values that every check, report and page is made from.

Nothing here reads files. ``reading/loader.py`` reads and validates the YAML files and
``reading/conversion.py`` builds these values from them; the rest of fonds only ever sees the
model. Each value remembers its ``file`` and its ``path`` inside
that file, so a finding about it can name the line (``Catalogue.where``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from .rules import (
    Clock as Clock,
)
from .rules import (
    Cutoff as Cutoff,
)
from .rules import (
    FinalAction as FinalAction,
)
from .rules import (
    LocalSetting as LocalSetting,
)
from .rules import (
    Path as Path,
)
from .rules import (
    Rule as Rule,
)
from .rules import (
    Schedule as Schedule,
)
from .rules import (
    ScheduleItem as ScheduleItem,
)
from .rules import (
    Trigger as Trigger,
)
from .rules import (
    Whichever as Whichever,
)

Status = Literal["active", "semi-active", "destroyed", "transferred"]
RecordFormat = Literal["paper", "electronic", "hybrid"]
RelationType = Literal["references", "supersedes", "part-of", "copy-of", "related-to"]

RELATION_INVERSE: Mapping[str, str] = {
    "references": "referenced by",
    "supersedes": "superseded by",
    "part-of": "has part",
    "copy-of": "has copy",
    "related-to": "related to",
}
END_STATUSES: frozenset[str] = frozenset({"destroyed", "transferred"})


@dataclass(frozen=True, slots=True)
class Marking:
    """A security marking with its access list; every part is optional."""

    level: str | None = None
    caveats: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    review_on: date | None = None
    declassify_on: date | None = None


@dataclass(frozen=True, slots=True)
class FileClass:
    code: str
    title: str
    parent: str | None = None
    scope: str = ""
    retention: str | None = None
    """The schedule item ref; a class with one may hold records."""
    security: Marking | None = None
    owner: str | None = None
    file: str = ""
    path: Path = ()


@dataclass(frozen=True, slots=True)
class Relation:
    type: RelationType
    target: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Extent:
    quantity: float
    unit: str


@dataclass(frozen=True, slots=True)
class Disposition:
    action: Literal["destroy", "transfer"]
    date: date | None
    authority: str
    method: str = ""
    approved_by: str = ""
    witness: str = ""
    to: str = ""
    certificate: str = ""


@dataclass(frozen=True, slots=True)
class ChargeOut:
    to: str
    since: date | None
    due: date | None = None
    returned: date | None = None
    """Only in ``charge_history``: the day the file came back."""


@dataclass(frozen=True, slots=True)
class Vital:
    review: str
    last_reviewed: date | None = None


ReviewKind = Literal["vital", "retention"]
ReviewOutcome = Literal["keep", "extend", "reschedule", "approve"]


@dataclass(frozen=True, slots=True)
class Review:
    """The outcome of a vital-record review or of a retention review (``fonds review``)."""

    on: date | None
    kind: ReviewKind
    outcome: ReviewOutcome
    reviewer: str
    reason: str
    next_review: date | None = None
    """keep and extend: when the record is reviewed again (``fonds due`` is silent until then)."""
    extended_by: str = ""
    item: str = ""
    """reschedule: the schedule item (``authority/item``) the record now falls under."""
    action: str = ""
    """approve: the final action approved (``destroy`` or ``transfer``)."""


@dataclass(frozen=True, slots=True)
class Override:
    rule: Rule
    reason: str
    authority: str = ""


@dataclass(frozen=True, slots=True)
class Fixity:
    sha256: str
    bytes: int | None = None
    checked_on: date | None = None


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    title: str
    class_code: str | None
    created: date | None
    format: RecordFormat | None
    file: str
    description: str = ""
    closed: date | None = None
    events: Mapping[str, date] = field(default_factory=dict)
    department: str | None = None
    creator: str = ""
    extent: Extent | None = None
    location: str | None = None
    uri: str | None = None
    fixity: Fixity | None = None
    barcode: str | None = None
    keywords: tuple[str, ...] = ()
    relations: tuple[Relation, ...] = ()
    security: Marking | None = None
    vital: Vital | None = None
    override: Override | None = None
    status: Status = "active"
    disposition: Disposition | None = None
    charge_out: ChargeOut | None = None
    charge_history: tuple[ChargeOut, ...] = ()
    reviews: tuple[Review, ...] = ()
    """Review outcomes, oldest first."""
    """Finished loans, oldest first (``fonds return`` appends one)."""
    notes: str = ""
    fields: Mapping[str, Any] = field(default_factory=dict)
    hidden_relations: int = 0
    """Relations removed by the audience filter (``access/audience.py``): pages say how many, never which."""


@dataclass(frozen=True, slots=True)
class Location:
    id: str
    type: str
    title: str
    parent: str | None = None
    address: str = ""
    barcode: str | None = None
    capacity: int | None = None
    file: str = ""
    path: Path = ()


@dataclass(frozen=True, slots=True)
class ClassScope:
    code: str
    subclasses: bool = True


@dataclass(frozen=True, slots=True)
class Hold:
    """A legal or disposal hold. Released holds stay in the catalogue as its history."""

    id: str
    title: str
    reason: str
    authority: str
    placed_by: str
    placed_on: date | None
    file: str
    released_on: date | None = None
    released_by: str = ""
    records: tuple[str, ...] = ()
    classes: tuple[ClassScope, ...] = ()
    created_from: date | None = None
    created_to: date | None = None


RequestStatus = Literal["open", "closed"]
DayCount = Literal["calendar", "working"]


@dataclass(frozen=True, slots=True)
class RequestCharge:
    """A charge-out made to answer a request: the record and the day it left."""

    record: str
    since: date | None


@dataclass(frozen=True, slots=True)
class Request:
    """A retrieval request (catalogue/requests/ID.yml). It names a person and what they
    asked: confidential by default (``RequestSettings.level``), never published below it."""

    id: str
    received_on: date | None
    requester: str
    asked: str
    type: str
    file: str
    status: RequestStatus = "open"
    deadline: date | None = None
    """Written in the file (an extension); otherwise computed (``custody/requests.py``)."""
    found: tuple[str, ...] = ()
    supplied: tuple[str, ...] = ()
    charge_outs: tuple[RequestCharge, ...] = ()
    closed_on: date | None = None
    outcome: str = ""
    security: Marking | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class RequestSettings:
    """``requests:`` in fonds.yml: how long the office has to answer, and who may see them."""

    deadline_days: int = 30
    days: DayCount = "calendar"
    holidays: frozenset[date] = frozenset()
    level: str | None = None
    """The marking of a request without its own ``security``; default the third level."""


@dataclass(frozen=True, slots=True)
class AuditFinding:
    bucket: str
    item: str = ""
    barcode: str = ""
    catalogued: str = ""
    found: str = ""


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """What one audit of a location against barcode scans found (catalogue/audits/)."""

    id: str
    location: str
    on: date | None
    file: str
    findings: tuple[AuditFinding, ...] = ()
    by: str = ""
    scans: str = ""
    moved: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AccessGroup:
    id: str
    title: str
    clearance: str
    caveats: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    team: str | None = None
    path: Path = ()


@dataclass(frozen=True, slots=True)
class Access:
    levels: tuple[str, ...] = ("public", "internal", "confidential", "secret")
    """Lowest (most open) first."""
    caveats: Mapping[str, str] = field(default_factory=dict)
    groups: Mapping[str, AccessGroup] = field(default_factory=dict)
    file: str = "catalogue/access.yml"


@dataclass(frozen=True, slots=True)
class Config:
    name: str
    organisation: str = ""
    fiscal_year_start: int = 1
    minimum_periods: Literal["eligible", "due"] = "eligible"
    """``retention: {minimum_periods: ...}``: after a minimum period a record is eligible, or due."""
    id_pattern: str | None = None
    repository_url: str | None = None
    branch: str = "main"
    departments: Mapping[str, str] = field(default_factory=dict)
    events: Mapping[str, str] = field(default_factory=dict)
    fields: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    operational_audience: str | None = None
    """The lowest audience that sees operational details (``publishing:`` in fonds.yml); the
    published site is a staff workbench from it up, a public finding aid below it."""
    contact: str = ""
    """``publishing: contact``: how the public asks for a record (the finding aid's "How to ask")."""
    requests: RequestSettings = field(default_factory=RequestSettings)
    storage_root: str | None = None
    """Where electronic records' files are (``storage: root:``), relative to the catalogue."""
    file: str = "fonds.yml"


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The whole catalogue. Mappings are keyed by id and iterate in id order."""

    root: str
    config: Config
    access: Access
    classes: Mapping[str, FileClass]
    schedules: Mapping[str, Schedule]
    items: Mapping[str, ScheduleItem]
    records: Mapping[str, Record]
    locations: Mapping[str, Location]
    holds: Mapping[str, Hold]
    requests: Mapping[str, Request] = field(default_factory=dict)
    """The requests register (catalogue/requests/), by id."""
    positions: Mapping[str, Mapping[Path, tuple[int, int]]] = field(default_factory=dict)
    record_files: frozenset[str] = frozenset()
    """Names (without .yml) of all record files, readable or not: a relation to one of them
    is not reported as unknown when the file itself has the problem."""
    local_settings: tuple[LocalSetting, ...] = ()
    """Every entry of every schedules/local/ file, in file order (applied or not)."""
    audits: Mapping[str, AuditRecord] = field(default_factory=dict)
    """Audit records by id (catalogue/audits/): staff-only, like holds' working papers."""
    unavailable: frozenset[str] = frozenset()
    """Shared files (config, file-plan, access, locations) that are missing or unreadable.
    Checks that depend on one stay silent rather than blame every record for it."""
    class_parents: Mapping[str, str | None] = field(init=False, repr=False, compare=False)
    """Class code -> its parent's code (None for a top class); the parent may be missing."""
    location_parents: Mapping[str, str | None] = field(init=False, repr=False, compare=False)
    """Location id -> the id of the place it is in (None for a building or a site)."""
    class_children: Mapping[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    """Class code -> codes of its direct sub-classes, sorted (``children()`` says the same)."""
    location_children: Mapping[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    """Location id -> ids of the places directly inside it, sorted."""

    def where(self, file: str, path: Path) -> tuple[int, int]:
        """Line and column of ``path`` in ``file`` (or of its nearest written ancestor)."""
        positions = self.positions.get(file, {})
        while path:
            found = positions.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return positions.get((), (1, 1))

    def children(self) -> Mapping[str, tuple[str, ...]]:
        """Class code -> codes of its direct sub-classes (sorted); a class without any is absent."""
        return self.class_children

    def __post_init__(self) -> None:
        # The trees are worked out once, when the catalogue is made (``dataclasses.replace``
        # makes a new one), so no caller rebuilds them: frozen slots leave no room for a cache.
        class_parents = {code: cls.parent for code, cls in self.classes.items()}
        location_parents = {key: loc.parent for key, loc in self.locations.items()}
        object.__setattr__(self, "class_parents", class_parents)
        object.__setattr__(self, "location_parents", location_parents)
        object.__setattr__(self, "class_children", _children(class_parents))
        object.__setattr__(self, "location_children", _children(location_parents))


def _children(parents: Mapping[str, str | None]) -> Mapping[str, tuple[str, ...]]:
    result: dict[str, list[str]] = {}
    for key, parent in parents.items():
        if parent is not None:
            result.setdefault(parent, []).append(key)
    return {key: tuple(sorted(keys)) for key, keys in result.items()}
