"""A serve rebuild makes again only the parts of the site whose inputs changed
(``fonds.site.dependencies``), and what it publishes is, after every edit, what a publish
from scratch makes of the same files: the pages that show an edited record (its own, its
related records', its class, the indexes, holds and reports) change with it, and what the
audience may no longer see is gone from every page at once.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from fonds.reading import cache
from fonds.reading.cache import ReadCache
from fonds.site import publish
from fonds.site.dependencies import PageMemo
from fonds.site.publish import Publication

from .conftest import EXAMPLE_AS_OF, REPO

AS_OF = date.fromisoformat(EXAMPLE_AS_OF)
RECORDS = "catalogue/records"
COPY = f"{RECORDS}/finance/FIN-2021-005.yml"
"""A copy of FIN-2021-007 (``relations: copy-of``): FIN-2021-007's page lists it, and it FIN-2021-007."""
ORIGINAL = f"{RECORDS}/finance/FIN-2021-007.yml"
HELD = f"{RECORDS}/contracts/CON-2023-001.yml"
"""Under HOLD-2024-001."""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    for name in ("catalogue", "schedules"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "fonds.yml", root / "fonds.yml")
    monkeypatch.setattr(cache, "RACY_NS", 0)  # files written a moment ago are trusted at once
    return root


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text()
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1))


def _pages(published: Publication) -> dict[str, object]:
    errors = [d.render() for d in published.diagnostics if d.severity.name == "ERROR"]
    assert published.site is not None, errors
    found: dict[str, object] = {page.src: page for page in published.site.pages}
    found.update({f"data {name}": text for name, text in published.site.data.items()})
    return found


Edit = Callable[[Path], None]
EDITS: list[tuple[str, Edit, bool]] = [
    # (what, the edit, whether record pages may be reused)
    ("a title shown on a related record's page, its class and the indexes", lambda r: _edit(r, ORIGINAL, "title: Accounts", "title: Zebra accounts"), True),
    ("a record moved to another class", lambda r: _edit(r, COPY, "class: FIN-01-02", "class: FIN-01-01"), True),
    ("a relation added", lambda r: _edit(r, HELD, "relations:\n", "relations:\n  - type: related-to\n    target: FIN-2021-007\n"), True),
    ("a record under a hold", lambda r: _edit(r, HELD, "title: ", "title: Amended "), True),
    ("a record raised to a level the audience may not see", lambda r: _edit(r, ORIGINAL, "class: FIN-01-01", "class: FIN-01-01\nsecurity:\n  level: secret"), False),
    ("a record deleted", lambda r: (r / COPY).unlink(), False),
    ("a record added", lambda r: (r / COPY).with_name("FIN-2021-099.yml").write_text((REPO / COPY).read_text().replace("FIN-2021-005", "FIN-2021-099")), False),
    ("the file plan", lambda r: _edit(r, "catalogue/file-plan.yml", "title: ", "title: Renamed ", ), False),
    ("nothing", lambda r: None, True),
]  # fmt: skip


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_a_chain_of_edits_publishes_what_a_publish_from_scratch_makes(repo: Path, audience: str) -> None:
    memo, reading = PageMemo(), ReadCache()
    publish(repo, AS_OF, audience=audience, cache=reading, memo=memo)
    for what, edit, reusable in EDITS:
        edit(repo)
        served = _pages(publish(repo, AS_OF, audience=audience, cache=reading, memo=memo))
        scratch = _pages(publish(repo, AS_OF, audience=audience))
        assert sorted(set(served) ^ set(scratch)) == [], what
        assert sorted(src for src in scratch if served[src] != scratch[src]) == [], what
        assert (memo.reused > 0) == reusable, what


def test_an_edited_title_reaches_every_page_that_shows_it(repo: Path) -> None:
    memo, reading = PageMemo(), ReadCache()
    publish(repo, AS_OF, cache=reading, memo=memo)
    _edit(repo, ORIGINAL, "title: Accounts", "title: Zebra accounts")
    published = publish(repo, AS_OF, cache=reading, memo=memo)
    assert published.site is not None
    showing = sorted(page.src for page in published.site.pages if "Zebra accounts" in page.body)
    assert {
        "records/FIN-2021-007.md",
        "records/FIN-2021-005.md",
        "classes/FIN-01-01.md",
        "indexes/title/Z.md",
    } <= set(showing)
    assert memo.reused > 50  # and the other record pages were not made again


def test_a_record_raised_out_of_the_audience_leaves_every_page_at_once(repo: Path) -> None:
    memo, reading = PageMemo(), ReadCache()
    before = publish(repo, AS_OF, cache=reading, memo=memo)
    assert before.site is not None
    assert any(
        "FIN-2021-007" in page.body for page in before.site.pages if page.src != "records/FIN-2021-007.md"
    )
    _edit(repo, ORIGINAL, "class: FIN-01-01", "class: FIN-01-01\nsecurity:\n  level: secret")
    after = publish(repo, AS_OF, cache=reading, memo=memo)
    assert after.site is not None
    assert [page.src for page in after.site.pages if "FIN-2021-007" in page.body + page.title] == []
    assert [name for name, text in after.site.data.items() if "FIN-2021-007" in text] == []
