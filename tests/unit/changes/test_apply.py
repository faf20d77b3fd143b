"""``apply_plan``: the one place a plan is refused, shown or written and committed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fonds.changes.apply import apply_plan, begin_change
from fonds.changes.chargeout import CheckoutRequest, plan_checkout
from fonds.changes.files import TEMP_MARK
from fonds.changes.plan import Plan
from fonds.reading.loader import load_catalogue

from ...office import init_git, make_office, snapshot

RECORD = "catalogue/records/adm/ADM-004.yml"


def _checkout(root: Path) -> Plan:
    catalogue, problems = load_catalogue(root, validate=True)
    request = CheckoutRequest("ADM-004", "a.chen", date(2026, 12, 7), date(2026, 11, 23))
    return plan_checkout(catalogue, problems, root, request)


def test_a_dry_run_returns_the_diff_and_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    root = make_office(tmp_path)
    before = snapshot(root)
    plan = _checkout(root)
    outcome = apply_plan(root, plan, dry_run=True, commit_to_git=False, action="checkout")
    assert outcome.status == "shown"
    assert f"+++ b/{RECORD}" in outcome.diff and "+  to: a.chen" in outcome.diff
    assert outcome.written == () and outcome.commit is None
    assert snapshot(root) == before


def test_commit_writes_the_files_and_makes_exactly_one_commit_of_them(tmp_path: Path) -> None:
    root = make_office(tmp_path)
    repo = init_git(root)
    head = repo.head.commit
    plan = _checkout(root)
    outcome = apply_plan(root, plan, dry_run=False, commit_to_git=True, action="checkout")
    assert outcome.status == "done", outcome
    assert [change.path for change in outcome.written] == [RECORD]
    assert repo.head.commit.parents == (head,)
    assert outcome.commit == repo.head.commit.hexsha[:7]
    assert list(repo.head.commit.stats.files) == [RECORD]
    assert "to: a.chen" in (root / RECORD).read_text(encoding="utf-8")


def test_a_dirty_working_tree_refuses_the_commit_and_changes_nothing(tmp_path: Path) -> None:
    root = make_office(tmp_path)
    repo = init_git(root)
    (root / RECORD).write_text((root / RECORD).read_text(encoding="utf-8") + "# note\n", encoding="utf-8")
    before = snapshot(root)
    plan = _checkout(root)
    outcome = apply_plan(root, plan, dry_run=False, commit_to_git=True, action="checkout")
    assert outcome.status == "refused"
    assert [(r.file, r.code) for r in outcome.refusals] == [(RECORD, "working-tree-dirty")]
    assert "fonds checkout" in outcome.refusals[0].message
    assert snapshot(root) == before and len(list(repo.iter_commits())) == 1


def test_commit_outside_git_is_unusable_not_refused(tmp_path: Path) -> None:
    root = make_office(tmp_path)
    plan = _checkout(root)
    outcome = apply_plan(root, plan, dry_run=False, commit_to_git=True, action="checkout")
    assert outcome.status == "unusable" and "not in a Git repository" in str(outcome.failure)


def test_begin_change_removes_leftovers_but_a_dry_run_only_names_them(tmp_path: Path) -> None:
    root = make_office(tmp_path)
    leftover = root / "catalogue/records/adm" / f".ADM-004.yml{TEMP_MARK}0"
    leftover.write_text("half", encoding="utf-8")
    with begin_change(root, dry_run=True) as start:
        assert start.leftovers and not start.removed
    assert leftover.exists()
    with begin_change(root, dry_run=False) as start:
        assert start.removed and start.failure is None
        assert [Path(name).name for name in start.leftovers] == [leftover.name]
    assert not leftover.exists()
