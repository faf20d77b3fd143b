"""The example site in a real browser (Debian's headless Chromium, driven by Selenium): search
for a record and open it, follow a relation and its backlink, filter an index table, open a
class from the file plan; search a large site's Pagefind index in bundles (a result from the
last bundle, a filter) and open its search page from a file; then the two readers: the public
finding aid (no retention states, no due or problem reports, no edit links, no handbook) and
the staff workbench (the due report readable in a full-width window, the handbook in its own
section). Screenshots are saved to tests/.artifacts/ for a person to look at (public-home.png,
record-page.png, staff-due-report.png, search-large-site.png)."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import (
    ElementNotInteractableException,
    NoSuchElementException,
    StaleElementReferenceException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from ..conftest import REPO, build_example

ARTIFACTS = Path(__file__).parents[1] / ".artifacts"


@pytest.fixture(scope="module")
def server(example_site: Path) -> Iterator[str]:
    """The public site."""
    yield from _serve(example_site)


@pytest.fixture(scope="module")
def staff_server(example_staff_site: Path) -> Iterator[str]:
    """The site for the operational audience (internal)."""
    yield from _serve(example_staff_site)


def _serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


PAGEFIND_SHARD = 40
"""Records per search bundle on the Pagefind build of the example: three bundles."""


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's public site with Pagefind search (what a large catalogue gets), its
    index in bundles of 40 records."""
    folder = tmp_path_factory.mktemp("pagefind")
    config = (REPO / "mkdocs.yml").read_text()
    assert "docs_dir: docs\n" in config and "  - fonds\n" in config
    config = config.replace("docs_dir: docs\n", f"docs_dir: {REPO / 'docs'}\n").replace(
        "  - fonds\n",
        f"  - fonds:\n      root: {REPO}\n      search: pagefind\n      pagefind_shard_size: {PAGEFIND_SHARD}\n",
    )
    (folder / "mkdocs.yml").write_text(config)
    return build_example(folder / "site", config=str(folder / "mkdocs.yml"))


@pytest.fixture(scope="module")
def pagefind_server(pagefind_site: Path) -> Iterator[str]:
    yield from _serve(pagefind_site)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    chromium = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    assert chromium and driver_path, (
        "the browser test needs Debian's chromium and chromium-driver: `make test` installs them "
        "(apt-get install chromium chromium-driver)"
    )
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1400",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def wait(driver: WebDriver, seconds: float = 15) -> WebDriverWait:  # type: ignore[type-arg]
    return WebDriverWait(driver, seconds)


def h1(driver: WebDriver) -> str:
    return str(driver.find_element(By.CSS_SELECTOR, "article h1").text)


def _clicked(driver: WebDriver, locator: tuple[str, str]) -> bool:
    """Click the element once it is there; the search re-renders its results while it
    types, so an element found a moment ago may be gone (stale): look again."""
    try:
        driver.find_element(*locator).click()
    except (NoSuchElementException, StaleElementReferenceException, ElementNotInteractableException):
        return False
    return True


def test_search_finds_a_record_by_title_and_opens_it(browser: WebDriver, server: str) -> None:
    browser.get(server)
    browser.find_element(By.CSS_SELECTOR, "label.md-search__icon, .md-search__input").click()
    box = wait(browser).until(ec.element_to_be_clickable((By.CSS_SELECTOR, "input.md-search__input")))
    box.send_keys("Road resurfacing contract Harlow")
    link = (
        By.XPATH,
        "//a[contains(@class,'md-search-result__link')][contains(@href,'records/CON-2023-001/')]",
    )
    wait(browser).until(lambda driver: _clicked(driver, link))
    wait(browser).until(ec.url_contains("/records/CON-2023-001/"))
    assert h1(browser) == "Road resurfacing contract – Harlow Paving Ltd."


def test_search_finds_a_record_by_id(browser: WebDriver, server: str) -> None:
    browser.get(server + "file-plan/")
    browser.find_element(By.CSS_SELECTOR, "label.md-search__icon, .md-search__input").click()
    box = wait(browser).until(ec.element_to_be_clickable((By.CSS_SELECTOR, "input.md-search__input")))
    box.send_keys("CON-2022-002")
    wait(browser).until(
        ec.presence_of_element_located(
            (
                By.XPATH,
                "//a[contains(@class,'md-search-result__link')][contains(@href,'records/CON-2022-002/')]",
            )
        )
    )


def test_search_a_large_site_shows_results_from_every_bundle_and_filters_them(
    browser: WebDriver, pagefind_server: str, pagefind_site: Path
) -> None:
    later = "records/PW-2026-002/"  # a culvert project, in the last bundle
    bundles = sorted(p.name for p in pagefind_site.glob("pagefind*"))
    assert len(bundles) == 3 and _bundle_of(pagefind_site, "/" + later) == "pagefind-2"
    browser.get(pagefind_server + "search/")
    box = wait(browser).until(ec.element_to_be_clickable((By.ID, "fonds-search-query")))
    box.send_keys("culvert")
    status = (By.CSS_SELECTOR, ".fonds-search-status")
    wait(browser).until(ec.text_to_be_present_in_element(status, "records found."))
    links = _result_links(browser)
    assert pagefind_server + later in links and pagefind_server + "records/PW-2020-002/" in links
    first = browser.find_element(By.CSS_SELECTOR, ".fonds-search-results li")
    assert first.find_element(By.TAG_NAME, "mark").text.lower().startswith("culvert")
    # The filter panel: loaded when opened; one class keeps only its records.
    browser.find_element(By.CSS_SELECTOR, ".fonds-search-filters summary").click()
    capital = (By.XPATH, "//label[starts-with(normalize-space(), 'PW-02 Capital works projects')]/input")
    wait(browser).until(lambda driver: _clicked(driver, capital))
    wait(browser).until(lambda driver: pagefind_server + "records/PW-2020-002/" not in _result_links(driver))
    wait(browser).until(ec.text_to_be_present_in_element(status, "found."))
    links = _result_links(browser)
    assert pagefind_server + later in links
    _screenshot(browser, "search-large-site.png")
    wait(browser).until(lambda driver: _clicked(driver, (By.CSS_SELECTOR, f"a[href$='{later}']")))
    wait(browser).until(ec.url_contains(later))
    assert h1(browser).startswith("Mill Road culvert replacement")


def test_search_opened_from_a_file_says_it_needs_a_web_server(
    browser: WebDriver, pagefind_site: Path
) -> None:
    browser.get((pagefind_site / "search" / "index.html").as_uri())
    status = browser.find_element(By.CSS_SELECTOR, ".fonds-search-status").text
    assert "served over the web (http or https)" in status, status
    assert not browser.find_element(By.ID, "fonds-search-query").is_enabled()


def _result_links(driver: WebDriver) -> list[str]:
    """The results' links, read at one moment (the list is re-rendered as bundles answer)."""
    script = "return Array.from(document.querySelectorAll('.fonds-search-results a'), a => a.href)"
    return list(driver.execute_script(script))


def _bundle_of(site: Path, url: str) -> str:
    """The bundle whose fragments hold the page at ``url``."""
    for bundle in sorted(site.glob("pagefind*")):
        for path in (bundle / "fragment").glob("*.pf_fragment"):
            if json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))["url"] == url:
                return bundle.name
    return ""


def test_follow_a_relation_and_its_backlink(browser: WebDriver, server: str) -> None:
    browser.get(server + "records/CON-2023-001/")
    browser.find_element(
        By.XPATH, "//ul[@class='fonds-relations']//a[contains(@href,'CON-2022-002')]"
    ).click()
    wait(browser).until(ec.url_contains("/records/CON-2022-002/"))
    backlink = browser.find_element(
        By.XPATH,
        "//ul[@class='fonds-relations']/li[starts-with(normalize-space(.),'referenced by')]"
        "/a[contains(@href,'CON-2023-001')]",
    )
    backlink.click()
    wait(browser).until(ec.url_contains("/records/CON-2023-001/"))
    assert h1(browser).startswith("Road resurfacing contract")


def test_filter_and_sort_an_index_table(browser: WebDriver, server: str) -> None:
    browser.get(server + "indexes/formats/paper/")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.fonds-sortable tbody tr")
    assert len(rows) > 10
    browser.find_element(By.CSS_SELECTOR, "input.fonds-filter").send_keys("minutes")
    visible = [r for r in rows if r.is_displayed()]
    assert 0 < len(visible) < len(rows)
    assert all("minutes" in r.text.lower() for r in visible)
    header = browser.find_element(By.XPATH, "//table[contains(@class,'fonds-sortable')]//th[.='Id']")
    header.click()
    header.click()
    ids = [
        r.find_element(By.CSS_SELECTOR, "td").text
        for r in browser.find_elements(By.CSS_SELECTOR, "table.fonds-sortable tbody tr")
        if r.is_displayed()
    ]
    assert ids == sorted(ids, reverse=True) and header.get_attribute("aria-sort") == "descending"


def test_open_a_class_from_the_file_plan(browser: WebDriver, server: str) -> None:
    browser.get(server + "file-plan/")
    browser.find_element(By.XPATH, "//ul[@class='fonds-tree']//a[starts-with(.,'FIN-01-01 ')]").click()
    wait(browser).until(ec.url_contains("/classes/FIN-01-01/"))
    assert h1(browser).startswith("FIN-01-01")
    assert browser.find_elements(By.CSS_SELECTOR, "table.fonds-sortable tbody tr")


def test_a_public_record_page_is_a_finding_aid(browser: WebDriver, server: str) -> None:
    browser.get(server + "records/CON-2022-002/")
    # Under a legal hold and eligible for destruction: the public sees neither, but how long
    # such records are kept and how to ask for it.
    subtitle = browser.find_element(By.CSS_SELECTOR, ".fonds-subtitle").text
    assert "CON-2022-002" in subtitle and "On hold" not in subtitle
    assert not browser.find_elements(By.CSS_SELECTOR, ".fonds-badge")
    text = browser.find_element(By.CSS_SELECTOR, "article").text
    assert "How to ask for this record" in text and "records@millbrook.example" in text
    assert "How long it is kept" in text and "Destroy 2 years after the file is closed" in text
    for staff_only in ("State on", "Next action", "Edit this record", "In the repository", "(not set)"):
        assert staff_only not in text, staff_only
    _no_edit_or_repository_link(browser)
    _screenshot(browser, "record-page.png")


def test_the_public_home_page_shows_no_retention_work(browser: WebDriver, server: str) -> None:
    browser.get(server)
    text = browser.find_element(By.CSS_SELECTOR, "article").text
    assert "84\nrecords" in text
    for staff_only in ("Due soon", "disposals due", "Overdue", "hold in force"):
        assert staff_only not in text, staff_only
    nav = browser.find_element(By.CSS_SELECTOR, "nav.md-nav--primary").get_attribute("textContent") or ""
    assert "File plan" in nav and "About" in nav
    for handbook in ("Catalogue handbook", "Commands", "Diagnostics", "Benchmarks"):
        assert handbook not in nav, handbook
    browser.get(server + "reports/")
    reports = browser.find_element(By.CSS_SELECTOR, "article").text
    assert (
        "Disposal log" in reports and "Disposals due" not in reports and "Validation problems" not in reports
    )
    _no_edit_or_repository_link(browser)
    _screenshot(browser, "public-home.png", server)


def test_the_staff_due_report_uses_the_whole_window(browser: WebDriver, staff_server: str) -> None:
    browser.set_window_size(1920, 1200)
    try:
        browser.get(staff_server + "reports/due/")
        table = browser.find_element(By.CSS_SELECTOR, "table.fonds-sortable")
        headers = [th.text for th in table.find_elements(By.CSS_SELECTOR, "th")]
        assert headers[-3:] == ["Rule", "Holds", "Note"]
        width = browser.execute_script("return document.documentElement.clientWidth")
        content = browser.find_element(By.CSS_SELECTOR, ".md-content").size["width"]
        assert content > 1200  # not Material's 757 px column
        for th in table.find_elements(By.CSS_SELECTOR, "th"):
            assert th.location["x"] + th.size["width"] <= width, th.text  # no column needs scrolling
        nav = browser.find_element(By.CSS_SELECTOR, "nav.md-nav--primary").get_attribute("textContent") or ""
        assert "Catalogue handbook" in nav and "Diagnostics" in nav and "Benchmarks" not in nav
        _screenshot(browser, "staff-due-report.png", staff_server + "reports/due/")
    finally:
        browser.set_window_size(1280, 1400)


def _no_edit_or_repository_link(browser: WebDriver) -> None:
    assert not browser.find_elements(By.CSS_SELECTOR, "a.md-content__button, .md-source")
    assert "github.com" not in browser.page_source


def _screenshot(browser: WebDriver, name: str, url: str | None = None) -> None:
    if url is not None:
        browser.get(url)
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / name
    assert browser.save_screenshot(str(target))
    assert target.stat().st_size > 20_000  # a rendered page, not a blank one
