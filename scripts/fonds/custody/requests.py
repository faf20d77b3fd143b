"""The requests register: each request's deadline, and which are open, late or answered.

The deadline is ``requests: deadline_days`` after the day a request was received, counted in
calendar days or in working days (Monday to Friday, less ``holidays``), as access-to-information
statutes count them; a ``deadline:`` written in the request (an extension) wins. A deadline
that falls on a day off moves to the next working day when days are working days.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import Catalogue, Request, RequestSettings

RESPOND = "respond"
"""The ``fonds due`` action of an open request nearing or past its deadline."""


def add_days(start: date, settings: RequestSettings) -> date:
    """``start`` + ``settings.deadline_days`` calendar or working days."""
    if settings.days == "calendar":
        return start + timedelta(days=settings.deadline_days)
    day, left = start, settings.deadline_days
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day, settings):
            left -= 1
    return day


def is_working_day(day: date, settings: RequestSettings) -> bool:
    return day.weekday() < 5 and day not in settings.holidays


def deadline(request: Request, settings: RequestSettings) -> date | None:
    """The day the answer is due: the request's own ``deadline``, else the computed one."""
    if request.deadline is not None:
        return request.deadline
    if request.received_on is None:
        return None
    return add_days(request.received_on, settings)


@dataclass(frozen=True, slots=True)
class RequestView:
    """A request with what the register derives from it."""

    request: Request
    deadline: date | None
    days_taken: int | None
    """Calendar days from receipt to closing (closed requests only)."""
    on_time: bool | None
    """Closed by the deadline (closed requests with both dates only)."""
    overdue: bool
    """Open, and the deadline has passed."""


def view(request: Request, settings: RequestSettings, as_of: date) -> RequestView:
    due = deadline(request, settings)
    closed, received = request.closed_on, request.received_on
    taken = (closed - received).days if closed is not None and received is not None else None
    on_time = closed <= due if request.status == "closed" and closed and due else None
    overdue = request.status == "open" and due is not None and due < as_of
    return RequestView(request, due, taken, on_time, overdue)


def iter_register(catalogue: Catalogue, as_of: date) -> Iterator[RequestView]:
    """Every request of the catalogue, in id order."""
    settings = catalogue.config.requests
    for request_id in sorted(catalogue.requests):
        yield view(catalogue.requests[request_id], settings, as_of)
