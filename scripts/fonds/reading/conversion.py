"""From validated YAML documents to the catalogue model.

The conversion is lenient on purpose: a value the schema rejected becomes None or a default
(the schema diagnostic already says what is wrong and where), so one bad field never hides
the rest of the catalogue's problems and never raises. Ids used twice are reported here,
the one place that sees every file of a kind together.

A record file is read in ``records``, and the blocks several kinds of file share (a retention
rule, a security marking) in ``blocks``; this module reads the rest (fonds.yml, access groups,
the file plan, schedules, locations, holds) and puts the catalogue together.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path as FsPath
from typing import Any

from ..dates import parse_date
from ..diagnostics import Diagnostic, error
from ..model import (
    Access,
    AccessGroup,
    AuditFinding,
    AuditRecord,
    Catalogue,
    ClassScope,
    Config,
    FileClass,
    Hold,
    LocalSetting,
    Location,
    Request,
    Schedule,
    ScheduleItem,
)
from .blocks import read_marking, read_rule
from .lenient import (
    choice_of,
    flag_of,
    level_or_none,
    list_of,
    mapping_of,
    optional_string,
    string_of,
    strings_of,
)
from .local_settings import overlay, read_local_settings
from .records import read_record
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


def _config(doc: Document | None) -> Config:
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    repo = mapping_of(data, "repository")
    start = data.get("fiscal_year_start")
    return Config(
        name=string_of(data, "name", "Records catalogue"),
        organisation=string_of(data, "organisation"),
        fiscal_year_start=start if isinstance(start, int) and 1 <= start <= 12 else 1,
        minimum_periods=choice_of(
            mapping_of(data, "retention"), "minimum_periods", ("eligible", "due"), "eligible"
        ),
        id_pattern=optional_string(data, "id_pattern"),
        repository_url=optional_string(repo, "url"),
        branch=string_of(repo, "branch", "main"),
        departments={k: v for k, v in mapping_of(data, "departments").items() if isinstance(v, str)},
        events={k: v for k, v in mapping_of(data, "events").items() if isinstance(v, str)},
        fields=custom_fields(data),
        # Any value but a known level (a number, a list) makes operational details seen by no one.
        operational_audience=level_or_none(mapping_of(data, "publishing").get("operational_audience")),
        contact=string_of(mapping_of(data, "publishing"), "contact"),
        requests=request_settings(data.get("requests")),
        storage_root=optional_string(mapping_of(data, "storage"), "root"),
    )


def _access(doc: Document | None, groups: _Unique) -> Access:
    if doc is None or not isinstance(doc.data, dict):
        return Access()
    data = doc.data
    for index, entry in enumerate(list_of(data, "groups")):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            group = AccessGroup(
                id=entry["id"],
                title=string_of(entry, "title"),
                clearance=string_of(entry, "clearance"),
                caveats=strings_of(entry, "caveats"),
                members=strings_of(entry, "members"),
                team=optional_string(entry, "team"),
                path=("groups", index),
            )
            groups.add(group.id, group, doc.file, group.path)
    levels = strings_of(data, "levels") or Access().levels
    caveats = {k: v for k, v in mapping_of(data, "caveats").items() if isinstance(v, str)}
    return Access(levels=levels, caveats=caveats, groups=groups.values(), file=doc.file)


def _classes(doc: Document | None, classes: _Unique) -> None:
    if doc is None:
        return
    for index, entry in enumerate(list_of(doc.data, "classes")):
        if isinstance(entry, dict) and isinstance(entry.get("code"), str):
            cls = FileClass(
                code=entry["code"],
                title=string_of(entry, "title"),
                parent=optional_string(entry, "parent"),
                scope=string_of(entry, "scope"),
                retention=optional_string(entry, "retention"),
                security=read_marking(entry.get("security")),
                owner=optional_string(entry, "owner"),
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
            title=string_of(entry, "title"),
            rule=read_rule(entry.get("rule")),
            description=string_of(entry, "description"),
            citation=string_of(entry, "citation"),
            disposition_authority=string_of(entry, "disposition_authority"),
            superseded_by=optional_string(entry, "superseded_by"),
            file=doc.file,
            path=("items", index),
        )
        for index, entry in enumerate(list_of(data, "items"))
        if isinstance(entry, dict) and isinstance(entry.get("id"), str)
    )
    return Schedule(
        id=authority,
        title=string_of(data, "title"),
        items=items,
        issuer=string_of(data, "issuer"),
        citation=string_of(data, "citation"),
        version=string_of(data, "version"),
        approved_on=parse_date(data.get("approved_on")),
        source=string_of(data, "source"),
        file=doc.file,
    )


def _locations(doc: Document | None, locations: _Unique) -> None:
    if doc is None:
        return
    for index, entry in enumerate(list_of(doc.data, "locations")):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            capacity = entry.get("capacity")
            location = Location(
                id=entry["id"],
                type=string_of(entry, "type"),
                title=string_of(entry, "title"),
                parent=optional_string(entry, "parent"),
                address=string_of(entry, "address"),
                barcode=optional_string(entry, "barcode"),
                capacity=capacity if isinstance(capacity, int) and not isinstance(capacity, bool) else None,
                file=doc.file,
                path=("locations", index),
            )
            locations.add(location.id, location, doc.file, location.path)


def _audit(doc: Document) -> AuditRecord | None:
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    return AuditRecord(
        id=data["id"],
        location=string_of(data, "location"),
        on=parse_date(data.get("date")),
        file=doc.file,
        findings=tuple(
            AuditFinding(
                string_of(entry, "bucket"),
                string_of(entry, "item"),
                string_of(entry, "barcode"),
                string_of(entry, "catalogued"),
                string_of(entry, "found"),
            )
            for entry in list_of(data, "findings")
            if isinstance(entry, dict)
        ),
        by=string_of(data, "by"),
        scans=string_of(data, "scans"),
        moved=strings_of(data, "moved"),
    )


def _hold(doc: Document) -> Hold | None:
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    scope = mapping_of(data, "scope")
    created = mapping_of(scope, "created")
    return Hold(
        id=data["id"],
        title=string_of(data, "title"),
        reason=string_of(data, "reason"),
        authority=string_of(data, "authority"),
        placed_by=string_of(data, "placed_by"),
        placed_on=parse_date(data.get("placed_on")),
        file=doc.file,
        released_on=parse_date(data.get("released_on")),
        released_by=string_of(data, "released_by"),
        records=strings_of(scope, "records"),
        classes=tuple(
            ClassScope(entry["code"], flag_of(entry, "subclasses", True))
            for entry in list_of(scope, "classes")
            if isinstance(entry, dict) and isinstance(entry.get("code"), str)
        ),
        created_from=parse_date(created.get("from")),
        created_to=parse_date(created.get("to")),
    )


def _schedules(
    docs: list[Document], settings: tuple[LocalSetting, ...], schedules: _Unique, items: _Unique
) -> None:
    """The published schedules with the catalogue's local settings laid over them."""
    published = [schedule for doc in docs if (schedule := _schedule(doc)) is not None]
    for schedule in overlay(published, settings, read_rule):
        schedules.add(schedule.id, schedule, schedule.file, ())
        for item in schedule.items:
            items.add(item.ref, item, schedule.file, item.path)


def _request(doc: Document) -> Request | None:
    return read_request(doc, read_marking(doc.data.get("security")) if isinstance(doc.data, dict) else None)


Convert = Callable[[Document, Callable[[Document], Any]], Any]
"""``convert(doc, read)`` gives ``read(doc)``; a cache may give it from an earlier read."""


def _read_value(doc: Document, read: Callable[[Document], Any]) -> Any:
    return read(doc)


def _each_file(
    docs: list[Document], read: Callable[[Document], Any], unique: _Unique, convert: Convert = _read_value
) -> None:
    """Files of a kind that holds one value each (a record, a hold, a request), read in order."""
    for doc in docs:
        value = convert(doc, read)
        if value is not None:
            unique.add(value.id, value, doc.file, ())


def build_catalogue(
    root: str, docs: Mapping[str, list[Document]], convert: Convert = _read_value
) -> tuple[Catalogue, list[Diagnostic]]:
    """The catalogue model from every parsed file by kind, and the ids used twice.
    ``convert`` reads each record file's value (``ReadCache.converted`` reuses it)."""

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
    settings = tuple(
        setting
        for doc in docs.get("local-settings", [])
        if doc.data is not None
        for setting in read_local_settings(doc)
    )
    _schedules(docs.get("schedule", []), settings, schedules, items)
    _each_file(docs.get("record", []), read_record, records, convert)
    _each_file(docs.get("hold", []), _hold, holds)
    _each_file(docs.get("request", []), _request, requests)
    audits = _Unique("audit id", positions)
    _each_file(docs.get("audit", []), _audit, audits)
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
        audits=audits.values(),
        positions=positions,
        record_files=frozenset(FsPath(doc.file).stem for doc in docs.get("record", [])),
        local_settings=settings,
        unavailable=frozenset(
            kind for kind in ("config", "file-plan", "access", "locations") if single(kind) is None
        ),
    )
    found = [
        d
        for unique in (schedules, items, records, holds, requests, classes, locations, groups, audits)
        for d in unique.diagnostics
    ]
    return catalogue, found
