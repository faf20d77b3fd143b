"""Page paths of the site (fonds.site.html.slug, fonds.site.context.*_src)."""

from __future__ import annotations

import hashlib

import pytest

from fonds.site.context import class_src, hold_src, location_src, record_src
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
