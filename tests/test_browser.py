"""The example site in a real browser (Debian's headless Chromium, driven by Selenium), used
as a member of staff would: search for a record and open it, follow a relation and its
backlink, filter an index table, open a class from the file plan. A screenshot of a record
page is saved to tests/.artifacts/record-page.png for a person to look at."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

ARTIFACTS = Path(__file__).parent / ".artifacts"


@pytest.fixture(scope="module")
def server(example_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(example_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


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


def test_search_finds_a_record_by_title_and_opens_it(browser: WebDriver, server: str) -> None:
    browser.get(server)
    browser.find_element(By.CSS_SELECTOR, "label.md-search__icon, .md-search__input").click()
    box = wait(browser).until(ec.element_to_be_clickable((By.CSS_SELECTOR, "input.md-search__input")))
    box.send_keys("Road resurfacing contract Harlow")
    result = wait(browser).until(
        ec.element_to_be_clickable(
            (
                By.XPATH,
                "//a[contains(@class,'md-search-result__link')][contains(@href,'records/CON-2023-001/')]",
            )
        )
    )
    result.click()
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


def test_screenshot_of_a_record_page(browser: WebDriver, server: str) -> None:
    browser.get(server + "records/CON-2022-002/")
    # Under a legal hold, but the public site shows no trace of holds (operational details).
    subtitle = browser.find_element(By.CSS_SELECTOR, ".fonds-subtitle").text
    assert "CON-2022-002" in subtitle and "On hold" not in subtitle
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "record-page.png"
    assert browser.save_screenshot(str(target))
    assert target.stat().st_size > 20_000  # a rendered page, not a blank one
