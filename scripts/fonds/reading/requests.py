"""From validated request files (catalogue/requests/) and ``requests:`` in fonds.yml to the model.

Lenient like ``conversion``: a value the schema rejected becomes a default, never an exception.
"""

from __future__ import annotations

from typing import Any

from ..dates import parse_date
from ..model import Marking, Request, RequestCharge, RequestSettings
from .yamlfile import Document


def request_settings(data: Any) -> RequestSettings:
    """``requests:`` of fonds.yml (defaults for anything missing or malformed)."""
    if not isinstance(data, dict):
        return RequestSettings()
    days = data.get("deadline_days")
    holidays = data.get("holidays")
    level = data.get("level")
    return RequestSettings(
        deadline_days=days if isinstance(days, int) and not isinstance(days, bool) and days > 0 else 30,
        days="working" if data.get("days") == "working" else "calendar",
        holidays=frozenset(
            found
            for value in (holidays if isinstance(holidays, list) else [])
            if (found := parse_date(value))
        ),
        level=level if isinstance(level, str) else None,
    )


def _ids(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key)
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def read_request(doc: Document, marking: Marking | None) -> Request | None:
    """The request in ``doc`` (``marking`` read by ``blocks.read_marking``), or None."""
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    charges = data.get("charge_outs")
    return Request(
        id=data["id"],
        received_on=parse_date(data.get("received_on")),
        requester=_text(data, "from"),
        asked=_text(data, "asked"),
        type=_text(data, "type") or "other",
        file=doc.file,
        status="closed" if data.get("status") == "closed" else "open",
        deadline=parse_date(data.get("deadline")),
        found=_ids(data, "found"),
        supplied=_ids(data, "supplied"),
        charge_outs=tuple(
            RequestCharge(entry["record"], parse_date(entry.get("since")))
            for entry in (charges if isinstance(charges, list) else [])
            if isinstance(entry, dict) and isinstance(entry.get("record"), str)
        ),
        closed_on=parse_date(data.get("closed_on")),
        outcome=_text(data, "outcome"),
        security=marking,
        notes=_text(data, "notes"),
    )
