"""Audience-safe publishing, proved on built sites, through every adapter: a record above the
audience's clearance, an operational detail below the operational audience and a hand-written
page above the audience leave no trace in any output file (HTML, JSON, CSV, search index,
Pagefind chunks, sitemap).

Every field of every restricted example record gets a unique canary string; so do the notes of
relations that point at them, the borrowers, holds, disposal approvers and witnesses, named
people, and hand-written pages marked for higher audiences. The site is built with
``mkdocs build`` (the plugin, with Material's search and with Pagefind), ``fonds build`` and
``fonds pages``, and every byte of every output file, decompressed where compressed (and with
HTML character references read back), is searched for every canary. What must be hidden: zero
hits. What the audience may see: found. A mutation run (the filter switched off) proves the
scan finds leaks.
"""

from __future__ import annotations

import gzip
import html
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from fonds.access.markings import effective_markings
from fonds.cli import main
from fonds.reading.loader import load_catalogue

from .conftest import EXAMPLE_AS_OF, REPO

LEVELS = ["public", "internal", "confidential", "secret"]
FIELDS = ("title", "description", "creator", "notes", "barcode", "uri")
OPERATIONAL = {
    "borrower": "Zqborrower Person",
    "hold title": "zqholdtitle",
    "hold reason": "zqholdreason",
    "hold placed by": "Zqholdplacer Person",
    "approver": "Zqapprover Person",
    "witness": "Zqwitness Person",
    "access-list person": "zqlisted.person",
}
GROUP_MEMBER = "zqgroup.member"
"""Named in an access group: on no page for any audience, and never below the operational one."""
REQUEST_CANARIES = ("zqrequestfrom Person", "zqrequestasked", "zqrequestnotes")
"""Planted in every request (confidential by default): on no page of the public or internal sites."""
HISTORY = {"commit subject": "zqhistorysubject", "commit author": "Zqhistoryauthor Person"}
"""A commit to a public record: its message and author for staff audiences only."""
HIDDEN_COMMIT = "zqhiddencommit"
"""The message of a commit that changed only a confidential record: in no build below it."""
PAGES = {"internal": "zqpageinternal", "secret": "zqpagesecret"}
"""Hand-written pages marked for these audiences, with canaries in title, description and text."""


def _canary(record_id: str, field: str) -> str:
    return f"zqcanary{record_id.replace('-', '').lower()}{field}"


def _plant_operational(root: Path) -> None:
    for hold in (root / "catalogue" / "holds").glob("*.yml"):
        data = yaml.safe_load(hold.read_text())
        data["title"], data["reason"] = OPERATIONAL["hold title"], OPERATIONAL["hold reason"]
        data["placed_by"] = OPERATIONAL["hold placed by"]
        hold.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    access = root / "catalogue" / "access.yml"
    data = yaml.safe_load(access.read_text())
    next(g for g in data["groups"] if "members" in g)["members"].append(GROUP_MEMBER)
    access.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def _plant_record_operational(data: dict[str, object]) -> None:
    if "charge_out" in data:
        data["charge_out"]["to"] = OPERATIONAL["borrower"]  # type: ignore[index]
    if "disposition" in data:
        data["disposition"]["approved_by"] = OPERATIONAL["approver"]  # type: ignore[index]
        data["disposition"]["witness"] = OPERATIONAL["witness"]  # type: ignore[index]
    if data["id"] == "CON-2026-002":  # internal: its named person is for internal and above
        data["security"]["access"] = {"people": [OPERATIONAL["access-list person"]]}  # type: ignore[index]


def _plant_pages(docs: Path) -> None:
    for level, canary in PAGES.items():
        (docs / f"{canary}.md").write_text(
            f"---\ntitle: {canary} title\ndescription: {canary} description\naudience: {level}\n---\n\n"
            f"# {canary} heading\n\n{canary} text.\n"
        )


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A copy of the example repository with canaries; record id -> effective level."""
    root = tmp_path_factory.mktemp("canary")
    for name in ("fonds.yml", "catalogue", "schedules", "docs"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, root / name)
    catalogue, _ = load_catalogue(root)
    original = {record_id: marking.level for record_id, marking in effective_markings(catalogue).items()}
    # Restricted records get ids found nowhere else (the docs quote some example ids).
    renamed = {
        record_id: f"QZX-{9000 + n}-{n:03d}"
        for n, record_id in enumerate(sorted(r for r, level in original.items() if level != "public"), 1)
    }
    levels = {renamed.get(record_id, record_id): level for record_id, level in original.items()}
    restricted = set(renamed.values())
    _plant_operational(root)
    for request in (root / "catalogue" / "requests").glob("*.yml"):
        data = yaml.safe_load(request.read_text())
        for key in ("found", "supplied"):
            data[key] = [renamed.get(r, r) for r in data.get(key, [])]
        for charge in data.get("charge_outs", []):
            charge["record"] = renamed.get(charge["record"], charge["record"])
        data["from"], data["asked"], data["notes"] = REQUEST_CANARIES
        request.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    for hold in (root / "catalogue" / "holds").glob("*.yml"):
        data = yaml.safe_load(hold.read_text())
        scope = data.get("scope", {})
        scope["records"] = [renamed.get(r, r) for r in scope.get("records", [])]
        hold.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    for record in catalogue.records.values():
        path = root / record.file
        data = yaml.safe_load(path.read_text())
        _plant_record_operational(data)
        data["id"] = renamed.get(record.id, record.id)
        for relation in data.get("relations", []):
            relation["target"] = renamed.get(relation["target"], relation["target"])
        if data["id"] != record.id:
            path.unlink()
            path = path.with_name(f"{data['id']}.yml")
        if data["id"] in restricted:
            for field in FIELDS:
                value = _canary(data["id"], field)
                data[field] = (
                    value
                    if field not in ("uri", "barcode")
                    else (f"https://example.org/{value}" if field == "uri" else value[-40:].upper())
                )
            data["keywords"] = [*data.get("keywords", []), _canary(data["id"], "keyword")]
        for relation in data.get("relations", []):
            if relation["target"] in restricted:
                relation["note"] = _canary(relation["target"], "relationnote")
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    _plant_pages(root / "docs")
    _plant_history(root, levels)
    config = (REPO / "mkdocs.yml").read_text()
    assert "  - fonds\n" in config
    (root / "mkdocs.yml").write_text(config)
    (root / "mkdocs-pagefind.yml").write_text(
        config.replace("  - fonds\n", "  - fonds:\n      search: pagefind\n      pagefind_shard_size: 25\n")
    )
    return root, levels


def _plant_history(root: Path, levels: dict[str, str]) -> None:
    """The copy as a Git repository: a first commit, one to a public record whose message and
    author carry canaries, one to a public record whose message names a secret record, and one
    to a confidential record only."""
    files = {path.stem: path for path in (root / "catalogue" / "records").rglob("*.yml")}
    public = sorted(r for r, level in levels.items() if level == "public")
    secret = sorted(r for r, level in levels.items() if level == "secret")
    confidential = sorted(r for r, level in levels.items() if level == "confidential")
    assert public and secret and confidential

    def commit(message: str, who: str = "Fonds Tester", *changed: str) -> None:
        for record_id in changed:
            with files[record_id].open("a") as out:
                out.write(f"# {message}\n")
        env = {**os.environ, "GIT_AUTHOR_NAME": who, "GIT_COMMITTER_NAME": who}
        env |= {"GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_EMAIL": "t@example.org"}
        for args in (["add", "-A"], ["commit", "-q", "-m", message]):
            subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)

    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    commit("The example catalogue")
    commit(f"{HISTORY['commit subject']} reviewed", HISTORY["commit author"], public[0])
    commit(f"Filed beside {secret[0]}", "Fonds Tester", public[1])
    commit(f"{HIDDEN_COMMIT} reviewed", "Fonds Tester", confidential[0])


def _mkdocs(root: Path, audience: str, config: str, site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FONDS_AS_OF": EXAMPLE_AS_OF, "FONDS_AUDIENCE": audience, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(site)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def _fonds(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


ADAPTERS = {
    # name: (audience, how it is built, has the hand-written pages)
    "mkdocs-public": ("public", "mkdocs", True),
    "mkdocs-pagefind-internal": ("internal", "pagefind", True),
    "fonds-build-public": ("public", "build", True),
    "fonds-pages-public": ("public", "pages", False),
    "fonds-pages-internal": ("internal", "pages", False),
}


@pytest.fixture(scope="module")
def sites(marked: tuple[Path, dict[str, str]]) -> dict[str, Path]:
    """Every adapter's output, built once for the module."""
    root, _ = marked
    built = {}
    for name, (audience, how, _pages) in ADAPTERS.items():
        site = root / f"out-{name}"
        if how in ("mkdocs", "pagefind"):
            config = "mkdocs.yml" if how == "mkdocs" else "mkdocs-pagefind.yml"
            result = _mkdocs(root, audience, config, site)
            assert result.returncode == 0, result.stderr
        elif how == "build":
            _fonds(
                "build",
                "--root",
                str(root),
                "--site-dir",
                str(site),
                "--as-of",
                EXAMPLE_AS_OF,
                "--audience",
                audience,
            )
        else:
            _fonds("pages", str(site), "--root", str(root), "--as-of", EXAMPLE_AS_OF, "--audience", audience)
        built[name] = site
    return built


def _all_text(site: Path) -> str:
    """Every output byte as text: gzip files (Pagefind's index and fragments, sitemap.xml.gz)
    decompressed, and each file a second time with HTML character references read back."""
    chunks = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        while data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="replace")
        chunks += [path.relative_to(site).as_posix(), text, html.unescape(text)]
    return "\n".join(chunks)


def _needles(record_id: str) -> list[str]:
    return [record_id, *(_canary(record_id, f) for f in (*FIELDS[:4], "keyword", "relationnote"))]


def _leaks(everything: str, levels: dict[str, str], audience: str) -> Iterator[str]:
    ceiling = LEVELS.index(audience)
    for record_id, level in levels.items():
        if LEVELS.index(level) > ceiling:
            yield from (f"{record_id}: {n}" for n in _needles(record_id) if n in everything)
    if audience == "public":
        yield from (f"operational {what}" for what, v in OPERATIONAL.items() if v in everything)
        yield from (f"history {what}" for what, v in HISTORY.items() if v in everything)
    if HIDDEN_COMMIT in everything:
        yield "the commit of a hidden record"
    yield from (
        f"page for {level}" for level, v in PAGES.items() if LEVELS.index(level) > ceiling and v in everything
    )
    if GROUP_MEMBER in everything:
        yield "access group member"
    if ceiling < LEVELS.index("confidential"):
        yield from (f"request {c}" for c in (*REQUEST_CANARIES, "REQ-2026-00") if c in everything)


@pytest.mark.parametrize("adapter", list(ADAPTERS))
def test_nothing_above_the_audience_is_published(
    marked: tuple[Path, dict[str, str]], sites: dict[str, Path], adapter: str
) -> None:
    _, levels = marked
    audience, how, has_pages = ADAPTERS[adapter]
    site = sites[adapter]
    everything = _all_text(site)
    assert [r for r, level in levels.items() if LEVELS.index(level) > LEVELS.index(audience)]
    assert list(_leaks(everything, levels, audience)) == []
    assert "downloads/catalogue.csv" in everything and "downloads/catalogue.json" in everything
    if how == "pagefind":
        bundles = sorted(site.glob("pagefind*"))
        assert len(bundles) >= 2, "this build must cover Pagefind's files, in several bundles"
        index = "\n".join(_all_text(bundle) for bundle in bundles)
        assert list(_leaks(index, levels, audience)) == []
        for record_id in (r for r, level in levels.items() if level == audience):
            for needle in (record_id, *(_canary(record_id, f) for f in ("title", "description", "keyword"))):
                assert needle in index, f"{record_id}: {needle} should be in the search index"
    if audience == "internal":
        shown = [r for r, level in levels.items() if level == "internal"]
        assert shown, "the example must have internal records"
        for record_id in shown:
            for needle in _needles(record_id)[:5]:
                assert needle in everything, f"{record_id}: {needle} should be published"
        for what, value in OPERATIONAL.items():
            assert value in everything, f"operational {what} should be published for internal"
        for what, value in HISTORY.items():
            assert value in everything, f"history: the {what} should be published for internal"
        assert "(withheld: it names what this audience may not see)" in everything
        if has_pages:
            assert PAGES["internal"] in everything
    if audience == "public":
        assert "related record" in everything
        # A record under hold shows no trace of it: no holds pages, counts, state or link.
        home = (site / "index.html") if (site / "index.html").exists() else (site / "index.md")
        assert not (site / "holds").exists() and "holds in force" not in home.read_text()
        records = _all_text(site / "records")
        for trace in ("On hold", "fonds-hold", "Held by", "HOLD-20"):
            assert trace not in records, trace
        assert "legal hold" not in _all_text(site / "reports") and "HOLD-20" not in home.read_text()
        # The history of a public record: dates and kinds of change, nothing more.
        assert '<h2 id="history">History</h2>' in records and "<td>modified</td>" in records
        assert "Fonds Tester" not in everything and "Author</th>" not in records


def test_visible_records_say_how_many_relations_are_not_shown(sites: dict[str, Path]) -> None:
    pages = [p.read_text() for p in (sites["mkdocs-public"] / "records").rglob("index.html")]
    assert any("related record not shown" in p or "related records not shown" in p for p in pages)


@pytest.mark.parametrize(
    "front", ["audience: Secret", "audience: top-secret", "audience: [secret]", "audience: 3", "audience:"]
)
def test_a_mistyped_page_audience_stops_every_build(marked: tuple[Path, dict[str, str]], front: str) -> None:
    root, _ = marked
    docs = root / "docs-mistyped"
    if not docs.exists():
        shutil.copytree(root / "docs", docs)
        config = (root / "mkdocs.yml").read_text().replace("docs_dir: docs\n", "docs_dir: docs-mistyped\n")
        (root / "mkdocs-mistyped.yml").write_text(config)
    (docs / "zqmistyped.md").write_text(f"---\ntitle: zqmistyped title\n{front}\n---\n\n# zqmistyped\n")
    site = root / "out-mistyped"
    result = _mkdocs(root, "public", "mkdocs-mistyped.yml", site)
    assert result.returncode != 0
    assert "docs/zqmistyped.md:3: audience" in result.stderr, result.stderr
    assert not site.exists() or "zqmistyped" not in _all_text(site)


def test_the_scan_finds_leaks_when_the_filter_is_off(
    marked: tuple[Path, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mutation run: with the audience filter (and so the operational one) switched off,
    the same scan must report the hidden records and the operational details."""
    import importlib

    publishing = importlib.import_module("fonds.site.publish")

    root, levels = marked
    monkeypatch.setattr(publishing, "filter_for_audience", lambda catalogue, *args, **kwargs: catalogue)
    _fonds("pages", str(tmp_path / "leaky"), "--root", str(root), "--as-of", EXAMPLE_AS_OF)
    leaks = list(_leaks(_all_text(tmp_path / "leaky"), levels, "public"))
    assert any(leak.startswith("QZX-") for leak in leaks)
    assert "operational borrower" in leaks and "operational hold reason" in leaks


def test_the_scan_finds_operational_details_when_their_filter_is_off(
    marked: tuple[Path, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fonds.access.audience

    root, levels = marked
    monkeypatch.setattr(fonds.access.audience, "without_operational_details", lambda catalogue: catalogue)
    _fonds("pages", str(tmp_path / "leaky"), "--root", str(root), "--as-of", EXAMPLE_AS_OF)
    leaks = list(_leaks(_all_text(tmp_path / "leaky"), levels, "public"))
    assert {"operational borrower", "operational hold title", "operational approver"} <= set(leaks)
    assert not any(leak.startswith("QZX-") for leak in leaks)


def test_the_scan_finds_commit_messages_when_their_rule_is_off(
    marked: tuple[Path, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mutation run for history: with the public audience given what staff see, the scan
    finds the commit's message and author."""
    import importlib

    from fonds.reporting.history import for_audience

    publishing = importlib.import_module("fonds.site.publish")
    root, levels = marked
    monkeypatch.setattr(
        publishing, "for_audience", lambda entries, staff, withheld: for_audience(entries, staff=True)
    )
    _fonds("pages", str(tmp_path / "leaky"), "--root", str(root), "--as-of", EXAMPLE_AS_OF)
    leaks = list(_leaks(_all_text(tmp_path / "leaky"), levels, "public"))
    assert {"history commit subject", "history commit author"} <= set(leaks)
