"""Generated pages rendered without running the theme's template once per page.

Record, class, hold and location pages are never in the navigation, so two of them in the
same folder differ, once the theme has rendered them, only in their title, their body and the
last part of their URL. The theme's template is rendered once per folder with placeholders
(a skeleton), and each page is the skeleton with its own values put in: Material's Jinja
templates cost ~3 ms a page, the substitution microseconds.

Byte-identical output is checked, not assumed: the first page of each folder and then every
``VERIFY_EVERY``-th page is also rendered in full and compared; a folder whose skeleton does
not reproduce the full render goes back to the full render for all its pages.
"""

from __future__ import annotations

import copy
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, Template
from mkdocs.structure.pages import Page

READY_TEMPLATE = "fonds-ready.html"
"""The template a skeleton-rendered page goes through: its output is the ready page."""
READY_SOURCE = "{{ fonds_ready }}"

FOLDERS = ("records/", "classes/", "holds/", "locations/")
VERIFY_EVERY = 1000
BODY = "QfondsBODYq"
SLUG = "QfondsSLUGq"
TITLE_WORD = "QfondsTITLEq"
TITLE = f"<i>{TITLE_WORD}</i>"
"""Markup in the placeholder title tells the theme's forms apart: ``striptags`` drops it,
``urlencode`` quotes it, the plain title keeps it."""


@dataclass(frozen=True, slots=True)
class _Skeleton:
    text: str


def _slug_of(url: str) -> str:
    return posixpath.basename(url.rstrip("/"))


class ReadyPages:
    """Skeletons per folder, for one build."""

    def __init__(self, env: Environment) -> None:
        self.skeletons: dict[str, _Skeleton | None] = {}
        self.seen = 0
        self.striptags: Callable[[str], str] = env.filters["striptags"]
        self.urlencode: Callable[[str], str] = env.filters["urlencode"]

    def render(self, template: Template, context: Mapping[str, Any], page: Page) -> str:
        """The page as the theme renders it."""
        key = f"{posixpath.dirname(page.url.rstrip('/'))} {_has_h1(page)}"
        self.seen += 1
        if key not in self.skeletons:
            skeleton = self._skeleton(template, context, page)
            full = template.render(dict(context))
            ok = skeleton is not None and self._fill(skeleton, page) == full
            self.skeletons[key] = skeleton if ok else None
            return full
        skeleton = self.skeletons[key]
        if skeleton is None:
            return template.render(dict(context))
        ready = self._fill(skeleton, page)
        if self.seen % VERIFY_EVERY == 0 and ready != (full := template.render(dict(context))):
            self.skeletons[key] = None
            return full
        return ready

    def _skeleton(self, template: Template, context: Mapping[str, Any], page: Page) -> _Skeleton | None:
        slug = _slug_of(page.url)
        if not slug or slug not in page.url:
            return None
        fake = copy.copy(page)
        fake.file = copy.copy(page.file)
        fake.file.url = _replace_last(page.url, slug, SLUG)
        fake.meta = {**page.meta, "title": TITLE}
        fake.title = TITLE
        fake.content = _body(page)
        for name in ("canonical_url", "abs_url"):
            value = getattr(page, name)
            if value is not None:
                setattr(fake, name, _replace_last(value, slug, SLUG))
        text = template.render({**context, "page": fake})
        if text.count(BODY) != 1:
            return None
        text = text.replace(_body(page), BODY)
        return _Skeleton(text)

    def _fill(self, skeleton: _Skeleton, page: Page) -> str:
        title = str(page.meta.get("title", page.title or ""))
        before, _, after = skeleton.text.partition(BODY)
        parts = []
        for part in (before, after):
            part = part.replace(TITLE, title).replace(self.urlencode(TITLE), self.urlencode(title))
            part = part.replace(TITLE_WORD, self.striptags(title)).replace(SLUG, _slug_of(page.url))
            parts.append(part)
        return parts[0] + (page.content or "") + parts[1]


def _has_h1(page: Page) -> bool:
    """Material adds the title as a heading to a page whose content has no ``<h1``."""
    return "<h1" in (page.content or "")


def _body(page: Page) -> str:
    return f"<h1>{BODY}" if _has_h1(page) else BODY


def _replace_last(text: str, old: str, new: str) -> str:
    head, sep, tail = text.rpartition(old)
    return head + new + tail if sep else text


def is_bulk_page(src: str) -> bool:
    """A generated page of the folders that hold one page per record, class, hold or location."""
    return src.startswith(FOLDERS) and not src.endswith("index.md")
