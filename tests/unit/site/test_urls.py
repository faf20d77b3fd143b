"""Page paths and URLs of the site (fonds.site.html.slug, fonds.site.context: *_src, url, href)."""

from __future__ import annotations

import hashlib
import posixpath
from datetime import date
from typing import cast
from urllib.parse import quote

import pytest

from fonds.model import Catalogue
from fonds.site.context import SiteContext, class_src, hold_src, location_src, record_src, relative_url
from fonds.site.html import SLUG_BYTES, slug


def test_an_id_is_its_own_slug() -> None:
    assert slug("FIN-7") == "FIN-7"
    assert slug("1.1.010") == "1.1.010"
    assert record_src("FIN-7") == "records/FIN-7.md"
    assert class_src("FIN") == "classes/FIN.md"
    assert location_src("BOX-1") == "locations/BOX-1.md"
    assert hold_src("LH-1") == "holds/LH-1.md"


def test_case_is_kept() -> None:
    assert slug("Fin-7") == "Fin-7"
    assert slug("fin-7") == "fin-7"


@pytest.mark.parametrize("value", ["", ".", ".."])
def test_an_empty_or_dot_value_is_no_path_of_its_own(value: str) -> None:
    assert slug(value) == "_"


@pytest.mark.parametrize("value", ["../etc/passwd", "a/b", "a\\b", "x?y#z", "100% sure", "a b"])
def test_a_stray_character_never_leaves_the_folder(value: str) -> None:
    segment = slug(value)
    assert "/" not in segment and "\\" not in segment and "%" not in segment and " " not in segment
    assert record_src(value) == f"records/{segment}.md"


def test_a_long_value_is_cut_and_given_a_stable_hash() -> None:
    value = "keyword " * 40
    segment = slug(value)
    assert len(segment.encode("ascii")) <= SLUG_BYTES
    assert segment.endswith("-" + hashlib.sha256(value.encode("utf-8")).hexdigest()[:12])
    assert slug(value) == segment


def test_two_long_values_with_one_beginning_have_two_pages() -> None:
    common = "x" * 200
    assert slug(common + "a") != slug(common + "b")


def test_non_latin_text_is_ascii_and_bounded() -> None:
    segment = slug("ж" * 47)
    assert segment.isascii()
    assert len(segment) <= SLUG_BYTES
    assert slug("ж") == "_D0_B6"


def _context(directory_urls: bool) -> SiteContext:
    """Only the URL scheme matters to ``url`` and ``href``; no catalogue is read."""
    return SiteContext(catalogue=cast(Catalogue, None), as_of=date(2026, 1, 1), directory_urls=directory_urls)


@pytest.mark.parametrize(
    ("directory_urls", "src", "url"),
    [
        (True, "records/FIN-7.md", "records/FIN-7/"),
        (True, "reports/index.md", "reports/"),
        (True, "index.md", ""),
        (False, "records/FIN-7.md", "records/FIN-7.html"),
        (False, "reports/index.md", "reports/index.html"),
        (False, "index.md", "index.html"),
    ],
)
def test_a_page_url_is_the_one_mkdocs_makes(directory_urls: bool, src: str, url: str) -> None:
    assert _context(directory_urls).url(src) == url


@pytest.mark.parametrize(
    ("directory_urls", "from_src", "to_src", "href"),
    [
        (True, "reports/due.md", "records/FIN-7.md", "../../records/FIN-7/"),
        (True, "reports/index.md", "reports/due.md", "due/"),
        (True, "records/FIN-7.md", "index.md", "../../"),
        (False, "reports/due.md", "records/FIN-7.md", "../records/FIN-7.html"),
        (False, "index.md", "classes/FIN.md", "classes/FIN.html"),
    ],
)
def test_links_between_pages_are_relative(
    directory_urls: bool, from_src: str, to_src: str, href: str
) -> None:
    assert _context(directory_urls).href(from_src, to_src) == href


def test_a_link_may_name_an_anchor() -> None:
    assert _context(True).href("index.md", "records/FIN-7.md", "retention") == "records/FIN-7/#retention"


PATHS = [
    "",
    "records/FIN-7/",
    "records/FIN-7",
    "records/FIN-8/",
    "records/FIN-7.html",
    "records/index.html",
    "records/",
    "records",
    "index.html",
    "reports/due/",
    "indexes/subjects/budget/",
    "indexes/subjects",
    "a//b/",
    "records/./FIN-7/",
    "records/../classes/FIN/",
    "../up/",
    "/abs/olute/",
    "/",
    "Records/FIN-7/",
]


@pytest.mark.parametrize("base", [posixpath.dirname(p) for p in PATHS] + PATHS)
@pytest.mark.parametrize("target", PATHS)
def test_a_relative_url_is_the_one_relpath_gives(target: str, base: str) -> None:
    """Same folder, the root, index pages, trailing and doubled slashes, dot segments,
    absolute paths: the fast path gives posixpath.relpath's answer, byte for byte."""
    assert relative_url(target, base) == posixpath.relpath(target or ".", base or ".")


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_link_between_generated_pages_is_the_relpath_link(directory_urls: bool) -> None:
    ctx = _context(directory_urls)
    sources = [
        "index.md",
        "records/FIN-7.md",
        "records/FIN-8.md",
        "reports/index.md",
        "reports/due.md",
        "indexes/subjects/budget.md",
        "indexes/index.md",
        "classes/FIN.md",
        "file-plan.md",
    ]
    for from_src in sources:
        for to_src in sources:
            base, target = posixpath.dirname(ctx.url(from_src)), ctx.url(to_src)
            expected = posixpath.relpath(target or ".", base or ".")
            if (target == "" or target.endswith("/")) and not expected.endswith("/"):
                expected += "/"
            assert ctx.href(from_src, to_src) == expected, (from_src, to_src)


@pytest.mark.parametrize(
    "value",
    [
        "FIN-7",
        "a.b_c~d-e",
        "x" * SLUG_BYTES,
        "x" * (SLUG_BYTES + 1),
        "a b",
        "ä",
        "a%b",
        "A/B",
        "..a",
        "~",
        "-",
    ],
)
def test_a_slug_is_the_encoded_value(value: str) -> None:
    """The shortcut for ids that need no encoding gives what ``quote`` gives."""
    encoded = quote(value, safe="-_.~").replace("%", "_")
    if len(encoded) <= SLUG_BYTES:
        assert slug(value) == encoded
    else:
        assert slug(value).startswith(encoded[: SLUG_BYTES - 20])
