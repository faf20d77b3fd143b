"""`--commit`: one commit per action, holding exactly its files, named for the action and records."""

from __future__ import annotations

from pathlib import Path

import git
import pytest

from .office import AS_OF, init_git, make_office, run, snapshot

SIGN_OFF = ["--method", "shredding", "--authority", "DA-2026-04", "--approved-by", "M. Okafor",
            "--witness", "T. Whitfield", "--date", AS_OF]  # fmt: skip


@pytest.fixture
def office(tmp_path: Path) -> Path:
    root = make_office(tmp_path)
    init_git(root)
    return root


def test_dispose_commit_makes_one_commit_with_the_records_and_the_certificate(office: Path) -> None:
    repo = git.Repo(office)
    head = repo.head.commit
    code, output = run("dispose", "ADM-001", "ADM-005", *SIGN_OFF, "--root", str(office), "--commit")
    assert code == 0, output
    commit = repo.head.commit
    assert commit.parents == (head,)
    assert commit.message == (
        "Dispose of 2 records under town/COR: ADM-001 and ADM-005\n\n"
        "- ADM-001: General correspondence: 2015 (town/COR)\n"
        "- ADM-005: <script>alert(1)</script> & more (town/COR)\n\n"
        "Certificate of destruction COD-2026-11-23-1: shredding, 2026-11-23, approved by M. Okafor, "
        "witnessed by T. Whitfield.\n"
    )
    assert sorted(commit.stats.files) == [
        "catalogue/records/adm/ADM-001.yml",
        "catalogue/records/adm/ADM-005.yml",
        "certificates/COD-2026-11-23-1.html",
        "certificates/COD-2026-11-23-1.md",
    ]
    assert commit.author.name == "Records Clerk"
    assert not repo.is_dirty(untracked_files=True)
    assert f"Committed {commit.hexsha[:7]}." in output


COMMANDS = [
    (["dispose", "ADM-001", *SIGN_OFF], "Dispose of 1 record under town/COR: ADM-001"),
    (["transfer", "ADM-002", "--to", "RC-BX-2", "--date", AS_OF],
     "Move 1 record to RC-BX-2 (Box 2 at the centre): ADM-002"),
    (["hold", "place", "HOLD-002", "--title", "Audit", "--reason", "Audit 2026", "--authority", "Auditor",
      "--placed-by", "A. Chen", "--record", "ADM-001", "--date", AS_OF], "Place hold HOLD-002: Audit (1 record)"),
    (["hold", "release", "HOLD-001", "--by", "A. Chen", "--date", AS_OF], "Release hold HOLD-001: Supplier dispute"),
    (["event", "FIN-002", "final-payment", "--date", "2022-06-30"],
     "Record final-payment on 2022-06-30 for 1 record: FIN-002"),
    (["checkout", "ADM-004", "--to", "a.chen", "--due", "2026-12-07", "--date", AS_OF],
     "Charge out ADM-004 to a.chen until 2026-12-07"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "subject"), COMMANDS)
def test_every_command_commits_once_with_a_message_naming_it(
    office: Path, args: list[str], subject: str
) -> None:
    repo = git.Repo(office)
    before = len(list(repo.iter_commits()))
    code, output = run(*args, "--root", str(office), "--commit")
    assert code == 0, output
    assert len(list(repo.iter_commits())) == before + 1
    assert repo.head.commit.message.splitlines()[0] == subject
    assert not repo.is_dirty(untracked_files=True)


@pytest.mark.parametrize(("args", "subject"), COMMANDS)
def test_every_command_dry_run_shows_the_diff_and_changes_nothing(
    office: Path, args: list[str], subject: str
) -> None:
    repo = git.Repo(office)
    head = repo.head.commit
    before = snapshot(office)
    code, output = run(*args, "--root", str(office), "--dry-run")
    assert code == 0, output
    assert output.startswith(("--- a/catalogue/", "--- /dev/null\n+++ b/catalogue/holds/")), output
    assert f"Dry run, nothing was changed: {subject}" in output
    assert snapshot(office) == before
    assert repo.head.commit == head


@pytest.mark.parametrize("change", ["modified", "untracked", "staged"])
def test_uncommitted_catalogue_changes_refuse_the_commit(office: Path, change: str) -> None:
    repo = git.Repo(office)
    head = repo.head.commit
    if change == "modified":
        (office / "catalogue/records/adm/ADM-004.yml").write_text(
            (office / "catalogue/records/adm/ADM-004.yml").read_text() + "notes: draft\n"
        )
        name = "catalogue/records/adm/ADM-004.yml"
    elif change == "untracked":
        (office / "catalogue/records/adm/ADM-006.yml").write_text("id: ADM-006\n")
        name = "catalogue/records/adm/ADM-006.yml"
    else:
        (office / "fonds.yml").write_text((office / "fonds.yml").read_text() + "# note\n")
        repo.git.add("fonds.yml")
        name = "fonds.yml"
    before = snapshot(office)
    code, output = run("dispose", "ADM-001", *SIGN_OFF, "--root", str(office), "--commit")
    assert code == 1, output
    assert f"{name}: error[working-tree-dirty]: has changes that are not committed" in output
    assert snapshot(office) == before
    assert repo.head.commit == head


def test_other_staged_work_stays_out_of_the_commit(office: Path) -> None:
    repo = git.Repo(office)
    (office / "README.md").write_text("draft\n")
    repo.git.add("README.md")
    code, output = run(
        "checkout", "ADM-004", "--to", "a.chen", "--due", "2026-12-07", "--root", str(office), "--commit"
    )
    assert code == 0, output
    assert list(repo.head.commit.stats.files) == ["catalogue/records/adm/ADM-004.yml"]
    assert [d.a_path for d in repo.index.diff("HEAD")] == ["README.md"]  # still staged, not committed


def test_commit_outside_git_is_a_usage_error(tmp_path: Path) -> None:
    root = make_office(tmp_path / "plain")
    before = snapshot(root)
    code, output = run("dispose", "ADM-001", *SIGN_OFF, "--root", str(root), "--commit")
    assert code == 2, output
    assert "is not in a Git repository" in output
    assert snapshot(root) == before


def test_a_catalogue_in_a_sub_folder_of_the_repository(tmp_path: Path) -> None:
    root = make_office(tmp_path)
    repo = init_git(tmp_path)
    code, output = run(
        "event", "FIN-002", "final-payment", "--date", "2022-06-30", "--root", str(root), "--commit"
    )
    assert code == 0, output
    assert list(repo.head.commit.stats.files) == ["office/catalogue/records/fin/FIN-002.yml"]
