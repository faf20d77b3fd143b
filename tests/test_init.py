"""`fonds init`: a catalogue of one's own, that checks and builds as written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from fonds.cli import main
from fonds.reading import schemas
from fonds.reading.schema_files import schema_location, vscode_settings

from .conftest import REPO
from .schema_links import broken_links

EXPECTED = [
    "fonds.yml",
    "catalogue/file-plan.yml",
    "catalogue/access.yml",
    "catalogue/locations.yml",
    "catalogue/holds",
    "catalogue/records",
    "schedules",
    "mkdocs.yml",
    "docs/about.md",
    ".github/workflows/check.yml",
    ".github/workflows/nightly.yml",
    ".github/workflows/publish.yml",
    ".github/CODEOWNERS",
    ".pre-commit-config.yaml",
    ".vscode/settings.json",
    ".gitignore",
    "README.md",
    ".fonds/schemas/record.schema.json",
]


@pytest.fixture(autouse=True)
def no_audience_from_other_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    """fonds build passes its options to the plugin in the environment, which outlives a
    CliRunner call: start each test without them."""
    for name in ("FONDS_AS_OF", "FONDS_AUDIENCE", "FONDS_AUDIENCE_CAVEATS"):
        monkeypatch.delenv(name, raising=False)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("init") / "records"
    code, output = run("init", str(target), "--name", "Acme records", "--organisation", "Acme & Sons Ltd", "--fiscal-year-start", "7")  # fmt: skip
    assert code == 0, output
    assert "wrote the catalogue 'Acme records'" in output and "ran git init" in output
    return target


def test_init_writes_a_complete_catalogue_repository(made: Path) -> None:
    missing = [name for name in EXPECTED if not (made / name).exists()]
    assert not missing, missing
    assert (made / ".git").is_dir()
    config = yaml.safe_load((made / "fonds.yml").read_text())
    assert (config["name"], config["organisation"], config["fiscal_year_start"]) == (
        "Acme records",
        "Acme & Sons Ltd",
        7,
    )
    access = yaml.safe_load((made / "catalogue/access.yml").read_text())
    assert access["levels"] == ["public", "internal", "confidential", "secret"]
    plan = yaml.safe_load((made / "catalogue/file-plan.yml").read_text())
    assert {c["code"] for c in plan["classes"]} >= {"ADM", "FIN", "HR", "FIN-01", "HR-01"}
    assert (
        "fonds check" in (made / "README.md").read_text()
        and "fonds build" in (made / "README.md").read_text()
    )
    assert (
        "- fonds" in (made / "mkdocs.yml").read_text()
        and "name: material" in (made / "mkdocs.yml").read_text()
    )


def test_what_init_writes_checks_clean_and_builds(made: Path, tmp_path: Path) -> None:
    code, output = run("check", "--root", str(made))
    assert (code, output) == (0, "0 records checked: 0 errors, 0 warnings\n")
    code, output = run("build", "--root", str(made), "--site-dir", str(tmp_path / "site"))
    assert code == 0, output
    home = (tmp_path / "site" / "index.html").read_text()
    assert "Acme records" in home
    assert (tmp_path / "site" / "file-plan" / "index.html").read_text().count("HR-01") >= 1
    assert "Acme &amp; Sons Ltd" in (tmp_path / "site" / "about" / "index.html").read_text()


def test_every_modeline_and_editor_setting_opens_its_schema(made: Path) -> None:
    assert broken_links(made) == []


def test_an_empty_starter_with_own_levels_checks_and_builds(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    code, output = run("init", str(target), "--starter", "empty", "--levels", "open,staff-only", "--no-git")
    assert code == 0, output
    assert not (target / ".git").exists()
    assert yaml.safe_load((target / "catalogue/file-plan.yml").read_text())["classes"] == []
    assert run("check", "--root", str(target)) == (0, "0 records checked: 0 errors, 0 warnings\n")
    code, output = run("build", "--root", str(target), "--site-dir", str(tmp_path / "site"))
    assert code == 0, output
    assert "--audience open" in (target / ".github/workflows/publish.yml").read_text()
    assert broken_links(target) == []


@pytest.mark.parametrize("present", ["fonds.yml", "catalogue/", "README.md", ".github/workflows/check.yml"])
def test_init_refuses_a_folder_with_a_catalogue_or_a_file_in_the_way(tmp_path: Path, present: str) -> None:
    target = tmp_path / "there"
    (target / present).parent.mkdir(parents=True, exist_ok=True)
    if present.endswith("/"):
        (target / present).mkdir()
        (target / present / "keep.txt").write_text("mine\n")
    else:
        (target / present).write_text("mine\n")
    before = tree(target)
    code, output = run("init", str(target))
    assert code == 2, output
    assert "nothing was written" in output and present.rstrip("/") in output
    assert tree(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["there"], "no temporary folder left"


def test_init_fills_a_folder_that_holds_other_files(tmp_path: Path) -> None:
    target = tmp_path / "cloned"
    target.mkdir()
    (target / "LICENSE").write_text("CC0\n")
    code, output = run("init", str(target), "--no-git")
    assert code == 0, output
    assert (target / "LICENSE").read_text() == "CC0\n"
    assert run("check", "--root", str(target))[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cloned"]


@pytest.mark.parametrize(
    ("option", "value", "reason"),
    [
        ("--fiscal-year-start", "13", "13 is not a month"),
        ("--fiscal-year-start", "0", "0 is not a month"),
        ("--fiscal-year-start", "April", "not a valid integer"),
        ("--name", "  ", "must not be empty"),
        ("--organisation", "", "must not be empty"),
        ("--name", "Line\nbreak", "one line of text"),
        ("--name", "<script>alert(1)</script>", "without the characters"),
        ("--levels", "public,internal,public", "public is given more than once"),
        ("--levels", "Public,Internal", "'Public' is not a level name"),
        ("--levels", "public;secret", "is not a level name"),
        ("--levels", "public,,secret", "names separated by commas"),
        ("--starter", "full", "'full' is not one of"),
    ],
)
def test_bad_option_values_are_usage_errors(tmp_path: Path, option: str, value: str, reason: str) -> None:
    code, output = run("init", str(tmp_path / "new"), option, value)
    assert code == 2, output
    assert reason in output and option in output
    assert not (tmp_path / "new").exists()


def test_an_interrupted_init_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fonds.scaffold

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fonds.scaffold.os, "rename", fail)
    code, output = run("init", str(tmp_path / "new"))
    assert code == 2, output
    assert "No space left on device" in output
    assert list(tmp_path.iterdir()) == [], "neither the catalogue nor its temporary folder is left"


def test_in_this_repository_modelines_point_at_the_package_schemas() -> None:
    assert schema_location(REPO, "record", "catalogue/records/finance/FIN-2021-014.yml") == (
        "../../../scripts/fonds/schemas/record.schema.json"
    )
    assert schema_location(REPO, "config", "fonds.yml") == "scripts/fonds/schemas/config.schema.json"
    assert json.loads(vscode_settings(REPO)) == json.loads((REPO / ".vscode/settings.json").read_text())


def test_check_warns_when_the_catalogue_schemas_are_older_than_fonds(made: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(made, copy)
    old = copy / ".fonds/schemas/record.schema.json"
    old.write_text(old.read_text().replace('"title"', '"x-old-title"', 1))
    code, output = run("check", "--root", str(copy))
    assert code == 0, output
    assert "warning[outdated-schemas]" in output and "fonds schemas --update" in output
    assert run("check", "--root", str(copy), "--strict")[0] == 1
    assert run("schemas", "--root", str(copy))[0] == 1
    code, output = run("schemas", "--root", str(copy), "--update")
    assert code == 0 and "updated 1 schemas" in output, output
    assert old.read_text() == schemas.schema_text("record")
    assert run("check", "--root", str(copy)) == (0, "0 records checked: 0 errors, 0 warnings\n")
    assert run("schemas", "--root", str(copy)) == (
        0,
        "the schemas in .fonds/schemas are those of this fonds: nothing to update\n",
    )


def test_this_repository_has_no_copy_to_update() -> None:
    code, output = run("schemas", "--root", str(REPO), "--update")
    assert code == 0 and "scripts/fonds/schemas" in output, output


def test_hold_and_imported_schedule_modelines_resolve_in_a_new_catalogue(made: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(made, copy)
    code, output = run("hold", "place", "HOLD-001", "--title", "Audit", "--reason", "Tax audit", "--authority", "CFO", "--placed-by", "A. Chen", "--date", "2026-01-05", "--class", "FIN-01", "--root", str(copy))  # fmt: skip
    assert code == 0, output
    nara = Path(__file__).parent / "fixtures" / "nara" / "grs-csv-transmittal36-sample.csv"
    code, output = run("import-schedule", "--from", "nara-grs", str(nara), str(copy))
    assert code == 0, output
    assert (
        (copy / "catalogue/holds/HOLD-001.yml")
        .read_text()
        .startswith("# yaml-language-server: $schema=../../.fonds/schemas/hold.schema.json\n")
    )
    assert broken_links(copy) == []


def test_the_workflows_init_writes_are_valid_for_github_actions(made: Path) -> None:
    from .project.test_workflow import check_workflow

    for name in ("check", "nightly", "publish"):
        check_workflow(made / ".github" / "workflows" / f"{name}.yml")


def test_the_workflows_check_pull_requests_nightly_and_publish_to_pages(made: Path) -> None:
    def load(name: str) -> dict:  # type: ignore[type-arg]
        return yaml.safe_load((made / ".github" / "workflows" / f"{name}.yml").read_text())  # type: ignore[no-any-return]

    check, nightly, publish = load("check"), load("nightly"), load("publish")
    assert "pull_request" in check[True]
    steps = [s.get("run", "") for s in check["jobs"]["check"]["steps"]]
    assert "fonds check --format github" in steps and "fonds codeowners --check" in steps
    assert nightly[True]["schedule"][0]["cron"].endswith("* * *")
    assert "fonds due --format github --fail-on overdue" in nightly["jobs"]["overdue"]["steps"][-1]["run"]
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = publish["jobs"]["build"]["steps"], publish["jobs"]["deploy"]
    assert build[0]["with"]["fetch-depth"] == 0
    assert any(s.get("run", "").startswith("fonds build --audience public") for s in build)
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build)
    assert deploy["environment"]["name"] == "github-pages" and deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_the_readme_starts_your_own_catalogue_right_after_the_two_commands(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text()
    headings = [line for line in readme.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Start your own catalogue"
    assert readme.index("make site") < readme.index("make test") < readme.index("## Start your own catalogue")
    section = readme.split("## Start your own catalogue", 1)[1].split("\n## ", 1)[0]
    assert "pip install" in section and "template" in section and "not on PyPI" in section
    [command] = [line for line in section.splitlines() if line.startswith(".venv/bin/fonds init ")]
    import shlex

    args = shlex.split(command)[1:]
    args[1] = str(tmp_path / "our-records")
    code, output = run(*args)
    assert code == 0, output
    assert (
        "wrote the catalogue 'Acme Ltd records catalogue'" in output and "(29 files); ran git init" in output
    )
    assert yaml.safe_load((tmp_path / "our-records" / "fonds.yml").read_text())["fiscal_year_start"] == 4


def test_init_refuses_a_file_or_a_missing_parent_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    code, output = run("init", str(tmp_path / "notes.txt"))
    assert code == 2 and "is a file, not a folder" in output, output
    code, output = run("init", str(tmp_path / "no" / "such" / "records"))
    assert code == 2 and "does not exist" in output, output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("name", ["2026", "yes", "null", "Acme: records", "#1 office", "'quoted' & *starred*", "Ville de Québec – archives"])  # fmt: skip
def test_names_that_yaml_or_markdown_would_misread_are_written_as_given(tmp_path: Path, name: str) -> None:
    code, output = run("init", str(tmp_path / "new"), "--name", name, "--organisation", name, "--no-git")
    assert code == 0, output
    config = yaml.safe_load((tmp_path / "new" / "fonds.yml").read_text())
    assert (config["name"], config["organisation"]) == (name, name)
    assert yaml.safe_load((tmp_path / "new" / "mkdocs.yml").read_text())["site_name"] == name
    assert yaml.safe_load((tmp_path / "new" / "schedules" / "office.yml").read_text())["issuer"] == name


def test_an_init_into_a_folder_that_fails_part_way_puts_everything_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fonds.changes.files

    target = tmp_path / "cloned"
    target.mkdir()
    (target / "LICENSE").write_text("CC0\n")
    real, calls = fonds.changes.files.os.replace, []

    def replace(source: str, destination: str) -> None:
        calls.append(destination)
        if len(calls) == 10:
            raise OSError(28, "No space left on device")
        real(source, destination)

    monkeypatch.setattr(fonds.changes.files.os, "replace", replace)
    code, output = run("init", str(target), "--no-git")
    assert code == 2 and "No space left on device" in output, output
    assert tree(target) == {"LICENSE": b"CC0\n"}
    assert [p.name for p in target.iterdir()] == ["LICENSE"], "no folder left either"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cloned"]
