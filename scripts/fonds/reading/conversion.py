"""From validated YAML documents to the catalogue model.

The conversion is lenient on purpose: a value the schema rejected becomes None or a default
(the schema diagnostic already says what is wrong and where), so one bad field never hides
the rest of the catalogue's problems and never raises. Ids used twice are reported here,
the one place that sees every file of a kind together.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path as FsPath
from typing import Any, get_args

from ..dates import parse_date
from ..diagnostics import Diagnostic, error
from ..model import (
    Access,
    AccessGroup,
    Catalogue,
    ChargeOut,
    ClassScope,
    Clock,
    Config,
    Cutoff,
    Disposition,
    Extent,
    FileClass,
    Fixity,
    Hold,
    Location,
    Marking,
    Override,
    Record,
    Relation,
    Rule,
    Schedule,
    ScheduleItem,
    Vital,
)
from .local_settings import overlay, read_local_settings
from .requests import read_request, request_settings
from .yamlfile import Document


def custom_fields(data: Any) -> Mapping[str, Mapping[str, Any]]:
    fields = data.get("fields") if isinstance(data, dict) else None
    if not isinstance(fields, dict):
        return {}
    return {name: spec for name, spec in fields.items() if isinstance(spec, dict)}


class _Unique:
    """Collects values by id, reporting a second use of an id where it is written."""

    def __init__(self, what: str, positions: Mapping[str, Mapping[Any, tuple[int, int]]]) -> None:
        self.what = what
        self.positions = positions
        self.found: dict[str, tuple[Any, str, tuple[Any, ...]]] = {}
        self.folded: dict[str, str] = {}
        self.diagnostics: list[Diagnostic] = []

    def add(self, key: str, value: Any, file: str, path: tuple[Any, ...], field: str = "id") -> None:
        if key not in self.found:
            other = self.folded.setdefault(key.casefold(), key)
            if other != key:
                self._case_collision(key, other, file, path, field)
            self.found[key] = (value, file, path)
            return
        self._report(
            key, key, file, path, field, "duplicate-id", "is already used in {first}; ids must be unique"
        )

    def _case_collision(self, key: str, other: str, file: str, path: tuple[Any, ...], field: str) -> None:
        """Ids that differ only in case name the same file or page on Windows and macOS."""
        self._report(
            key,
            other,
            file,
            path,
            field,
            "case-collision",
            f"differs from '{other}' ({{first}}) only in upper and lower case; their files and site "
            "pages would be one on Windows and macOS: use one spelling",
        )

    def _report(
        self, key: str, first_key: str, file: str, path: tuple[Any, ...], field: str, code: str, message: str
    ) -> None:
        _, first_file, first_path = self.found[first_key]
        first_line, _ = self._where(first_file, (*first_path, field))
        line, column = self._where(file, (*path, field))
        text = message.format(first=f"{first_file}:{first_line}")
        self.diagnostics.append(
            error(
                file,
                line,
                column,
                code,
                f"{self.what} '{key}' {text}",
                ".".join(str(p) for p in (*path, field)),
            )
        )

    def _where(self, file: str, path: tuple[Any, ...]) -> tuple[int, int]:
        return self.positions.get(file, {}).get(path, (1, 1))

    def values(self) -> dict[str, Any]:
        return {key: found[0] for key, found in sorted(self.found.items())}


# Lenient readers: a wrong type reads as "not given".


def _str(data: Mapping[str, Any], key: str, default: str = "") -> str:
    value = data.get(key)
    return value if isinstance(value, str) else default


def _opt(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


def _level_or_none(value: Any) -> str | None:
    return None if value is None else value if isinstance(value, str) else repr(value)


def _map(data: Any, key: str) -> dict[str, Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def _list(data: Any, key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _strs(data: Any, key: str) -> tuple[str, ...]:
    return tuple(v for v in _list(data, key) if isinstance(v, str))


def _bool(data: Mapping[str, Any], key: str, default: bool) -> bool:
    value = data.get(key)
    return value if isinstance(value, bool) else default


def _enum(data: Mapping[str, Any], key: str, allowed: tuple[str, ...], default: Any = None) -> Any:
    value = data.get(key)
    return value if value in allowed else default


FINAL_ACTIONS = ("destroy", "transfer", "permanent", "review", "selective-retention", "other")
TRIGGERS = ("creation", "closure", "event")
CUTOFFS = get_args(Cutoff)


def _clock(data: Any) -> Clock:
    data = data if isinstance(data, dict) else {}
    return Clock(
        trigger=_enum(data, "trigger", TRIGGERS),
        event=_opt(data, "event"),
        cutoff=_enum(data, "cutoff", CUTOFFS),
        retain=_opt(data, "retain"),
    )


def read_rule(data: Any) -> Rule:
    data = data if isinstance(data, dict) else {}
    block = _map(data, "block").get("years")
    return Rule(
        final_action=_enum(data, "final_action", FINAL_ACTIONS),
        trigger=_enum(data, "trigger", TRIGGERS),
        event=_opt(data, "event"),
        cutoff=_enum(data, "cutoff", CUTOFFS, "none"),
        retain=_opt(data, "retain"),
        retain_max=_opt(data, "retain_max"),
        active=_opt(data, "active"),
        semi_active=_opt(data, "semi_active"),
        minimum=_bool(data, "minimum", False),
        implementable=_bool(data, "implementable", True),
        note=_opt(data, "note"),
        any_of=tuple(_clock(entry) for entry in _list(data, "any_of")),
        whichever=_enum(data, "whichever", ("first", "later"), "first"),
        block_years=block if isinstance(block, int) and not isinstance(block, bool) else None,
        instruction=_opt(data, "instruction"),
    )


def read_marking(data: Any) -> Marking | None:
    if not isinstance(data, dict):
        return None
    access = _map(data, "access")
    return Marking(
        level=_opt(data, "level"),
        caveats=_strs(data, "caveats"),
        groups=_strs(access, "groups"),
        people=_strs(access, "people"),
        review_on=parse_date(data.get("review_on")),
        declassify_on=parse_date(data.get("declassify_on")),
    )


def _config(doc: Document | None) -> Config:
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    repo = _map(data, "repository")
    start = data.get("fiscal_year_start")
    return Config(
        name=_str(data, "name", "Records catalogue"),
        organisation=_str(data, "organisation"),
        fiscal_year_start=start if isinstance(start, int) and 1 <= start <= 12 else 1,
        minimum_periods=_enum(_map(data, "retention"), "minimum_periods", ("eligible", "due"), "eligible"),
        id_pattern=_opt(data, "id_pattern"),
        repository_url=_opt(repo, "url"),
        branch=_str(repo, "branch", "main"),
        departments={k: v for k, v in _map(data, "departments").items() if isinstance(v, str)},
        events={k: v for k, v in _map(data, "events").items() if isinstance(v, str)},
        fields=custom_fields(data),
        # Any value but a known level (a number, a list) makes operational details seen by no one.
        operational_audience=_level_or_none(_map(data, "publishing").get("operational_audience")),
        contact=_str(_map(data, "publishing"), "contact"),
        requests=request_settings(data.get("requests")),
        storage_root=_opt(_map(data, "storage"), "root"),
    )


def _access(doc: Document | None, groups: _Unique) -> Access:
    if doc is None or not isinstance(doc.data, dict):
        return Access()
    data = doc.data
    for index, entry in enumerate(_list(data, "groups")):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            group = AccessGroup(
                id=entry["id"],
                title=_str(entry, "title"),
                clearance=_str(entry, "clearance"),
                caveats=_strs(entry, "caveats"),
                members=_strs(entry, "members"),
                team=_opt(entry, "team"),
                path=("groups", index),
            )
            groups.add(group.id, group, doc.file, group.path)
    levels = _strs(data, "levels") or Access().levels
    caveats = {k: v for k, v in _map(data, "caveats").items() if isinstance(v, str)}
    return Access(levels=levels, caveats=caveats, groups=groups.values(), file=doc.file)


def read_record(doc: Document) -> Record | None:
    """The record in ``doc`` (a parsed record file), or None when it has no id."""
    return _record(doc)


def _record(doc: Document) -> Record | None:
    data = doc.data
    if not isinstance(data, dict):
        return None
    record_id = data.get("id")
    if not isinstance(record_id, str):
        return None
    dates = _map(data, "dates")
    extent = _map(data, "extent")
    quantity = extent.get("quantity")
    fixity = _map(data, "fixity")
    disposition = _map(data, "disposition")
    charge = _map(data, "charge_out")
    vital = _map(data, "vital")
    override = _map(data, "retention_override")
    events = {
        name: parsed
        for name, value in _map(data, "events").items()
        if (parsed := parse_date(value)) is not None
    }
    return Record(
        id=record_id,
        title=_str(data, "title"),
        class_code=_opt(data, "class"),
        created=parse_date(dates.get("created")),
        closed=parse_date(dates.get("closed")),
        format=_enum(data, "format", ("paper", "electronic", "hybrid")),
        file=doc.file,
        description=_str(data, "description"),
        events=events,
        department=_opt(data, "department"),
        creator=_str(data, "creator"),
        extent=Extent(float(quantity), _str(extent, "unit"))
        if isinstance(quantity, int | float) and not isinstance(quantity, bool)
        else None,
        location=_opt(data, "location"),
        uri=_opt(data, "uri"),
        fixity=Fixity(
            _str(fixity, "sha256"),
            fixity.get("bytes") if isinstance(fixity.get("bytes"), int) else None,
            parse_date(fixity.get("checked_on")),
        )
        if fixity
        else None,
        barcode=_opt(data, "barcode"),
        keywords=_strs(data, "keywords"),
        relations=tuple(
            Relation(entry["type"], entry["target"], _str(entry, "note"))
            for entry in _list(data, "relations")
            if isinstance(entry, dict)
            and isinstance(entry.get("target"), str)
            and entry.get("type") in ("references", "supersedes", "part-of", "copy-of", "related-to")
        ),
        security=read_marking(data.get("security")),
        vital=Vital(_str(vital, "review"), parse_date(vital.get("last_reviewed"))) if vital else None,
        override=Override(
            read_rule(override.get("rule")), _str(override, "reason"), _str(override, "authority")
        )
        if override
        else None,
        status=_enum(data, "status", ("active", "semi-active", "destroyed", "transferred"), "active"),
        disposition=Disposition(
            action=_enum(disposition, "action", ("destroy", "transfer"), "destroy"),
            date=parse_date(disposition.get("date")),
            authority=_str(disposition, "authority"),
            method=_str(disposition, "method"),
            approved_by=_str(disposition, "approved_by"),
            witness=_str(disposition, "witness"),
            to=_str(disposition, "to"),
            certificate=_str(disposition, "certificate"),
        )
        if disposition
        else None,
        charge_out=ChargeOut(
            _str(charge, "to"), parse_date(charge.get("since")), parse_date(charge.get("due"))
        )
        if charge
        else None,
        notes=_str(data, "notes"),
        fields=_map(data, "fields"),
    )


def _classes(doc: Document | None, classes: _Unique) -> None:
    if doc is None:
        return
    for index, entry in enumerate(_list(doc.data, "classes")):
        if isinstance(entry, dict) and isinstance(entry.get("code"), str):
            cls = FileClass(
                code=entry["code"],
                title=_str(entry, "title"),
                parent=_opt(entry, "parent"),
                scope=_str(entry, "scope"),
                retention=_opt(entry, "retention"),
                security=read_marking(entry.get("security")),
                owner=_opt(entry, "owner"),
                file=doc.file,
                path=("classes", index),
            )
            classes.add(cls.code, cls, doc.file, cls.path, "code")


def _schedule(doc: Document) -> Schedule | None:
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    authority = data["id"]
    items = tuple(
        ScheduleItem(
            ref=f"{authority}/{entry['id']}",
            authority=authority,
            id=entry["id"],
            title=_str(entry, "title"),
            rule=read_rule(entry.get("rule")),
            description=_str(entry, "description"),
            citation=_str(entry, "citation"),
            disposition_authority=_str(entry, "disposition_authority"),
            superseded_by=_opt(entry, "superseded_by"),
            file=doc.file,
            path=("items", index),
        )
        for index, entry in enumerate(_list(data, "items"))
        if isinstance(entry, dict) and isinstance(entry.get("id"), str)
    )
    return Schedule(
        id=authority,
        title=_str(data, "title"),
        items=items,
        issuer=_str(data, "issuer"),
        citation=_str(data, "citation"),
        version=_str(data, "version"),
        approved_on=parse_date(data.get("approved_on")),
        source=_str(data, "source"),
        file=doc.file,
    )


def _locations(doc: Document | None, locations: _Unique) -> None:
    if doc is None:
        return
    for index, entry in enumerate(_list(doc.data, "locations")):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            capacity = entry.get("capacity")
            location = Location(
                id=entry["id"],
                type=_str(entry, "type"),
                title=_str(entry, "title"),
                parent=_opt(entry, "parent"),
                address=_str(entry, "address"),
                barcode=_opt(entry, "barcode"),
                capacity=capacity if isinstance(capacity, int) and not isinstance(capacity, bool) else None,
                file=doc.file,
                path=("locations", index),
            )
            locations.add(location.id, location, doc.file, location.path)


def _hold(doc: Document) -> Hold | None:
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    scope = _map(data, "scope")
    created = _map(scope, "created")
    return Hold(
        id=data["id"],
        title=_str(data, "title"),
        reason=_str(data, "reason"),
        authority=_str(data, "authority"),
        placed_by=_str(data, "placed_by"),
        placed_on=parse_date(data.get("placed_on")),
        file=doc.file,
        released_on=parse_date(data.get("released_on")),
        released_by=_str(data, "released_by"),
        records=_strs(scope, "records"),
        classes=tuple(
            ClassScope(entry["code"], _bool(entry, "subclasses", True))
            for entry in _list(scope, "classes")
            if isinstance(entry, dict) and isinstance(entry.get("code"), str)
        ),
        created_from=parse_date(created.get("from")),
        created_to=parse_date(created.get("to")),
    )


def build_catalogue(root: str, docs: Mapping[str, list[Document]]) -> tuple[Catalogue, list[Diagnostic]]:
    def single(kind: str) -> Document | None:
        found = docs.get(kind, [])
        return found[0] if found and found[0].data is not None else None

    positions = {doc.file: doc.positions for kind_docs in docs.values() for doc in kind_docs}
    schedules = _Unique("schedule", positions)
    items = _Unique("schedule item", positions)
    records = _Unique("record id", positions)
    holds = _Unique("hold id", positions)
    requests = _Unique("request id", positions)
    classes = _Unique("class code", positions)
    locations = _Unique("location id", positions)
    groups = _Unique("access group", positions)
    record_files: set[str] = set()
    settings = tuple(
        setting
        for doc in docs.get("local-settings", [])
        if doc.data is not None
        for setting in read_local_settings(doc)
    )
    published = [schedule for doc in docs.get("schedule", []) if (schedule := _schedule(doc)) is not None]
    for schedule in overlay(published, settings, read_rule):
        schedules.add(schedule.id, schedule, schedule.file, ())
        for item in schedule.items:
            items.add(item.ref, item, schedule.file, item.path)
    for doc in docs.get("record", []):
        record_files.add(FsPath(doc.file).stem)
        record = _record(doc)
        if record is not None:
            records.add(record.id, record, doc.file, ())
    for doc in docs.get("hold", []):
        hold = _hold(doc)
        if hold is not None:
            holds.add(hold.id, hold, doc.file, ())
    for doc in docs.get("request", []):
        request = read_request(
            doc, read_marking(doc.data.get("security")) if isinstance(doc.data, dict) else None
        )
        if request is not None:
            requests.add(request.id, request, doc.file, ())
    _classes(single("file-plan"), classes)
    _locations(single("locations"), locations)
    access = _access(single("access"), groups)
    catalogue = Catalogue(
        root=root,
        config=_config(single("config")),
        access=access,
        classes=classes.values(),
        schedules=schedules.values(),
        items=items.values(),
        records=records.values(),
        locations=locations.values(),
        holds=holds.values(),
        requests=requests.values(),
        positions=positions,
        record_files=frozenset(record_files),
        local_settings=settings,
        unavailable=frozenset(
            kind for kind in ("config", "file-plan", "access", "locations") if single(kind) is None
        ),
    )
    found = [
        d
        for unique in (schedules, items, records, holds, requests, classes, locations, groups)
        for d in unique.diagnostics
    ]
    return catalogue, found
