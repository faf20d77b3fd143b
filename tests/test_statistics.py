"""fonds stats and the Statistics page: figures against hand counts, the audience rule for
charts (no figure depends on a hidden record), stable bytes, and the charts' accessibility."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from fonds.access.audience import filter_for_audience
from fonds.checks import check_repository
from fonds.cli import main
from fonds.reporting.charts import Chart, bar_chart, column_chart
from fonds.reporting.statistics import statistics
from fonds.site.publish import publish

from .conftest import MINI

AS_OF = date(2026, 4, 15)

RECORDS = {
    # public, paper, 2 boxes: 0.61 m and 2 ft³
    "PUB-001": """\
id: PUB-001
title: Invoices 2019
class: FIN-01
dates: {created: 2019-05-01}
events: {final-payment: 2021-05-01}
department: finance
format: paper
extent: {quantity: 2, unit: boxes}
location: BOX-1
security: {level: public}
""",
    # public, electronic, 500 MB
    "PUB-002": """\
id: PUB-002
title: Invoices 2021 (scans)
class: FIN-01
dates: {created: 2021-02-01}
department: finance
format: electronic
extent: {quantity: 500, unit: megabytes}
uri: edms://fin/2021
security: {level: public}
""",
    # public, paper, 0.5 m (1.64 ft³), charged out on 2026-02-10 (FY2025)
    "PUB-003": """\
id: PUB-003
title: Invoices 2021
class: FIN-01
dates: {created: 2021-06-01}
department: finance
format: paper
extent: {quantity: 0.5, unit: linear-metres}
location: BOX-1
charge_out: {to: A. Chen, since: 2026-02-10, due: 2026-03-01}
security: {level: public}
""",
    # public tombstone, destroyed 2025-05-20 (FY2025)
    "PUB-004": """\
id: PUB-004
title: Invoices 2012
class: FIN-01
dates: {created: 2012-05-01}
department: finance
format: paper
status: destroyed
disposition: {action: destroy, date: 2025-05-20, authority: town/INV}
security: {level: public}
""",
    # internal: 3 folders (not convertible)
    "INT-001": """\
id: INT-001
title: Supplier files
class: FIN-01
dates: {created: 2021-07-01}
department: finance
format: paper
extent: {quantity: 3, unit: folders}
location: BOX-1
security: {level: internal}
""",
}
REQUESTS = {
    # answered in 15 days, on time
    "REQ-2026-001": "received_on: 2026-01-05\nstatus: closed\nclosed_on: 2026-01-20\noutcome: granted\n",
    # answered in 46 days, late (deadline 2026-03-04)
    "REQ-2026-002": "received_on: 2026-02-02\nstatus: closed\nclosed_on: 2026-03-20\noutcome: refused\n",
    # open, deadline 2026-03-31: overdue on 2026-04-15
    "REQ-2026-003": "received_on: 2026-03-01\nstatus: open\n",
}
HIDDEN = """\
id: {id}
title: Secret {id}
class: FIN-01
dates: {{created: 2018-01-01}}
department: finance
format: paper
extent: {{quantity: 7, unit: boxes}}
location: BOX-1
{more}security: {{level: confidential}}
"""


@pytest.fixture
def office(tmp_path: Path) -> Path:
    root = tmp_path / "office"
    shutil.copytree(MINI, root)
    records = root / "catalogue" / "records"
    shutil.rmtree(records)
    records.mkdir()
    for record_id, text in RECORDS.items():
        (records / f"{record_id}.yml").write_text(text)
    hold = root / "catalogue" / "holds" / "HOLD-001.yml"
    hold.write_text(hold.read_text().replace("FIN-001", "PUB-001"))
    folder = root / "catalogue" / "requests"
    folder.mkdir()
    for request_id, text in REQUESTS.items():
        (folder / f"{request_id}.yml").write_text(
            f"id: {request_id}\nfrom: B. Doe\nasked: Invoices\ntype: access-to-information\n{text}"
        )
    return root


def _figures(root: Path, audience: str | None = None, operational: bool = True) -> dict[str, list[tuple]]:
    catalogue, problems = check_repository(root)
    assert [d.render() for d in problems if d.severity.value == "error"] == []
    if audience is not None:
        catalogue = filter_for_audience(catalogue, audience)
    stats = statistics(catalogue, AS_OF, operational=operational)
    return {t.key: list(t.rows) for t in stats.tables}


def _value(rows: list[tuple], name: str) -> object:
    return next(row[1] for row in rows if row[0] == name)


def test_holdings_and_volume_match_hand_counts(office: Path) -> None:
    holdings = _figures(office)["holdings"]
    assert _value(holdings, "Records held") == 4
    assert _value(holdings, "Linear metres") == 1.11  # 2 boxes x 0.3048 m + 0.5 m
    assert _value(holdings, "Cubic feet") == 3.64  # 2 boxes x 1 ft³ + 0.5 m / 0.3048
    assert _value(holdings, "Electronic volume") == 0.5  # 500 MB
    assert _value(holdings, "In folders (not convertible)") == 3  # counted apart, never guessed
    assert _value(holdings, "Boxes holding records (locations)") == 1
    assert _value(holdings, "Destroyed (tombstones)") == 1


def test_growth_activity_and_requests_match_hand_counts(office: Path) -> None:
    figures = _figures(office)
    growth = {row[0]: row[1:] for row in figures["growth"]}
    assert growth["2012"] == (1, 1) and growth["2019"] == (1, 2) and growth["2021"] == (3, 5)
    activity = {row[0]: row[1:] for row in figures["activity"]}
    # disposals, transfers, charge-outs, returns, holds placed, released, requests received, answered
    assert activity["FY2022"] == (0, 0, 0, 0, 1, 0, 0, 0)  # HOLD-001 placed 2023-01-10
    assert activity["FY2025"] == (1, 0, 1, 0, 0, 0, 3, 2)
    assert list(activity) == ["FY2022", "FY2023", "FY2024", "FY2025", "FY2026"]
    requests = dict(figures["requests"])
    assert requests["Requests received"] == 3 and requests["Open past their deadline"] == 1
    assert requests["Answered within the deadline (%)"] == 50.0
    assert requests["Median days to answer"] == 30.5  # (15 + 46) / 2


def test_public_figures_count_only_public_records_and_no_operational_ones(office: Path) -> None:
    figures = _figures(office, "public", operational=False)
    assert _value(figures["holdings"], "Records held") == 3
    assert "states" not in figures and "requests" not in figures
    assert figures["activity"] == [
        ("FY2025", 1, 0),
        ("FY2026", 0, 0),
    ]  # disposals only: no charge-out, hold, request


def _public_statistics(root: Path) -> dict[str, str]:
    site = publish(root, AS_OF, audience="public").site
    assert site is not None
    page = next(p for p in site.pages if p.src == "reports/statistics.md")
    return {"page": page.body, **{k: v for k, v in site.data.items() if "statistics" in k}}


def test_hidden_records_change_no_byte_of_the_public_statistics(office: Path) -> None:
    before = _public_statistics(office)
    records = office / "catalogue" / "records"
    (records / "SEC-001.yml").write_text(HIDDEN.format(id="SEC-001", more=""))
    tombstone = "status: destroyed\ndisposition: {action: destroy, date: 2024-06-01, authority: town/INV}\n"
    (records / "SEC-002.yml").write_text(HIDDEN.format(id="SEC-002", more=tombstone))
    assert _figures(office)["holdings"][0] == ("Records held", 5, "records")  # they are counted for staff
    assert _public_statistics(office) == before


def test_public_counts_equal_the_public_record_count(office: Path) -> None:
    public = publish(office, AS_OF, audience="public")
    internal = publish(office, AS_OF, audience="internal")
    assert public.site is not None and internal.site is not None
    public_json = json.loads(public.site.data["downloads/statistics.json"])
    holdings = next(t for t in public_json["tables"] if t["key"] == "holdings")["rows"]
    held = {r["figure"]: r["value"] for r in holdings}
    ended = held["Destroyed (tombstones)"] + held["Transferred (tombstones)"]
    assert held["Records held"] + ended == public.published == 4
    internal_json = json.loads(internal.site.data["downloads/statistics.json"])
    keys = {t["key"] for t in internal_json["tables"]}
    assert {"states", "requests"} <= keys and "states" not in {t["key"] for t in public_json["tables"]}


def test_two_builds_give_the_same_bytes(office: Path) -> None:
    assert _public_statistics(office) == _public_statistics(office)
    first = publish(office, AS_OF, audience="internal").site
    second = publish(office, AS_OF, audience="internal").site
    assert first is not None and second is not None
    assert [p.body for p in first.pages] == [p.body for p in second.pages] and first.data == second.data


def test_charts_are_labelled_images_with_escaped_labels() -> None:
    chart = Chart("c1", "Title <b>", "Desc & more")
    svg = bar_chart(chart, ["<script>alert(1)</script>", "ok"], [3, 1])
    assert svg.startswith("<svg") and 'role="img"' in svg and 'aria-labelledby="c1-title c1-desc"' in svg
    assert (
        '<title id="c1-title">Title &lt;b&gt;</title>' in svg
        and '<desc id="c1-desc">Desc &amp; more</desc>' in svg
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    lines = column_chart(chart, ["2024", "2025"], [("a", [1, 2]), ("b", [0, 4])], line=True)
    assert lines.count("<polyline") == 2 and "\n" not in lines


def test_statistics_page_charts_have_their_tables(office: Path) -> None:
    body = _public_statistics(office)["page"]
    assert body.count('role="img"') == body.count("<table") - 1  # the holdings table has no chart
    assert "\n" not in body


def test_stats_command_formats_and_audience(office: Path) -> None:
    runner = CliRunner()
    base = ["stats", "--root", str(office), "--as-of", AS_OF.isoformat()]
    text = runner.invoke(main, base, catch_exceptions=False)
    assert text.exit_code == 0, text.output
    assert "Records held" in text.output and "Requests" in text.output
    as_json = runner.invoke(main, [*base, "--format", "json", "--audience", "public"], catch_exceptions=False)
    payload = json.loads(as_json.output)
    assert {t["key"] for t in payload["tables"]} == {
        "holdings",
        "by-department",
        "by-format",
        "growth",
        "activity",
    }
    csv_out = runner.invoke(main, [*base, "--format", "csv", "--by", "state"], catch_exceptions=False).output
    assert csv_out.splitlines()[0] == "table,row,column,value" and "by-state," in csv_out
    monthly = runner.invoke(main, [*base, "--period", "month", "--from", "2026-01-01", "--format", "md"])
    assert "| 2026-02 | 0 | 0 | 1 |" in monthly.output, monthly.output
    wrong = runner.invoke(main, [*base, "--audience", "nobody"])
    assert wrong.exit_code == 2 and "nobody" in wrong.output


def test_breakdowns_match_hand_counts(office: Path) -> None:
    catalogue, _ = check_repository(office)
    stats = statistics(catalogue, AS_OF, by=("level", "location", "year"))
    level = stats.table("by-level")
    location = stats.table("by-location")
    year = stats.table("by-year")
    assert level is not None and location is not None and year is not None
    assert [row[:2] for row in level.rows] == [("internal", 1), ("public", 3)]
    assert [row[:4] for row in location.rows] == [
        ("(electronic system)", 1, 0.0, 0.0),
        ("BOX-1", 3, 1.11, 3.64),
    ]
    assert location.rows[1][5] == "3 folders"  # INT-001's folders: apart, not guessed
    assert [row[:2] for row in year.rows] == [("2019", 1), ("2021", 3)]  # held records only
