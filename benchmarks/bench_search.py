"""Search on a large site: what Pagefind costs to build, and what a reader downloads.

``index ROOT``: publishes the catalogue at ROOT for its lowest audience in one process (not
timed), then, in another, runs the plugin's indexing (``fonds.plugin_search.index_site``: one
Pagefind process per shard) into a scratch folder and prints its wall time, the CPU time of
the Pagefind processes (user + system) and the peak memory of the largest of them
(``getrusage`` of that process's children, which are the Pagefind processes alone).

``download SITE``: what the search page downloads for a first result, and after it. Without
``--browser`` it adds up, from the files, what the page must load before its first result: the
search script, ``pagefind.js`` and its worker, the first bundle's entry file, WebAssembly
module and metadata, the first bundle's largest index chunk (a word's chunk) and its ten
largest fragments (a first page of ten results): an upper bound. With ``--browser`` it serves
the site on a loopback port with a server that logs every request, opens the search page in
headless Chromium, types ``--query`` and counts what was requested before the first result was
on the screen, then what the other bundles cost until the search was complete, then what
opening the filter panel costs. Sizes are as a web server sends them: scripts, stylesheets and
JSON gzip-compressed (GitHub Pages, nginx with gzip on); Pagefind's own files are compressed
already. The search page itself and the theme's stylesheet and script (the same on every page,
cached from the page the reader came from) are listed apart.

    python benchmarks/bench_search.py index benchmarks/out/cat-100000
    python benchmarks/bench_search.py download benchmarks/out/cat-100000/site --browser

Target (docs/benchmarks.md): a first result under 400 KB on the 100,000-record site.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import pickle
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

LIMIT_KB = 400
FIRST_PAGE = 10
"""Results the search page shows at first (a fragment each)."""


def index(root: Path, shard_size: int) -> None:
    """Publish in one process, index in another: that one's children are the Pagefind
    processes alone (the catalogue is read by worker processes of its own)."""
    with tempfile.TemporaryDirectory(prefix="bench-search-") as scratch:
        documents = Path(scratch) / "documents.pickle"
        subprocess.run([sys.executable, __file__, "_documents", str(root), str(documents)], check=True)
        subprocess.run([sys.executable, __file__, "_index", str(documents), str(shard_size)], check=True)


def _documents(root: Path, target: Path) -> None:
    from fonds.site import publish
    from fonds.site.context import page_url
    from fonds.site.search_index import search_documents

    published = publish(root, date.today(), strict=False)
    assert published.site is not None, published.stop
    target.write_bytes(pickle.dumps(search_documents(published.site.pages, page_url)))


def _index(source: Path, shard_size: int) -> None:
    from fonds.plugin_search import index_site

    documents = pickle.loads(source.read_bytes())
    with tempfile.TemporaryDirectory(prefix="bench-search-") as site:
        own = resource.getrusage(resource.RUSAGE_SELF)
        start = time.perf_counter()
        bundles = index_site(site, documents, shard_size, "en")
        wall = time.perf_counter() - start
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        after = resource.getrusage(resource.RUSAGE_SELF)
        size = sum(p.stat().st_size for p in Path(site).rglob("*") if p.is_file())
    mine = (after.ru_utime - own.ru_utime) + (after.ru_stime - own.ru_stime)
    print(
        f"{len(documents)} records in {len(bundles)} bundles of at most {shard_size}: {wall:.2f} s wall; "
        f"Pagefind {usage.ru_utime + usage.ru_stime:.2f} s CPU ({usage.ru_utime:.2f} user + "
        f"{usage.ru_stime:.2f} system), largest process {usage.ru_maxrss / 1024:.0f} MB; "
        f"fonds (documents in, files out) {mine:.2f} s CPU; {size / 1e6:.1f} MB written"
    )


def sent(path: Path) -> int:
    """Bytes sent for a file (see the module's docstring)."""
    data = path.read_bytes()
    if path.suffix in (".js", ".css", ".json", ".html"):
        return len(gzip.compress(data, compresslevel=6, mtime=0))
    return len(data)


def bundles_of(site: Path) -> list[Path]:
    config = _search_config(site)
    return [(site / "search" / b).resolve() for b in config["bundles"]]


def _search_config(site: Path) -> dict[str, list[str]]:
    import html
    import re

    page = (site / "search" / "index.html").read_text("utf-8")
    found = re.search(r'data-fonds-search="([^"]*)"', page)
    if found is None:
        sys.exit(
            f"{site}/search/index.html is not a Pagefind search page: build the site with Pagefind search"
        )
    return dict(json.loads(html.unescape(found[1])))


def from_files(site: Path) -> dict[str, int]:
    first = bundles_of(site)[0]
    entry = json.loads((first / "pagefind-entry.json").read_text())
    language = max(entry["languages"].values(), key=lambda lang: lang["page_count"])
    parts = {
        "fonds-search.js": sent(site / "assets" / "fonds" / "fonds-search.js"),
        "pagefind.js + worker": sent(first / "pagefind.js") + sent(first / "pagefind-worker.js"),
        "entry file": sent(first / "pagefind-entry.json"),
        "WebAssembly": sent(first / f"wasm.{language.get('wasm') or 'unknown'}.pagefind"),
        "metadata (first bundle)": sent(first / f"pagefind.{language['hash']}.pf_meta"),
        "largest index chunk": max((sent(p) for p in (first / "index").glob("*")), default=0),
        f"{FIRST_PAGE} largest fragments": sum(
            sorted((sent(p) for p in (first / "fragment").glob("*")), reverse=True)[:FIRST_PAGE]
        ),
    }
    return parts


class _LoggingHandler(http.server.SimpleHTTPRequestHandler):
    log: list[tuple[float, str]]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.log.append((time.time() * 1000, self.path.split("?")[0]))
        super().do_GET()


def in_browser(site: Path, query: str) -> None:
    from selenium.webdriver.common.by import By

    log: list[tuple[float, str]] = []
    handler = functools.partial(type("Handler", (_LoggingHandler,), {"log": log}), directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    driver = _chromium()
    try:
        driver.get(f"{base}/search/")
        driver.execute_script(
            "new MutationObserver(function (m, o) {"
            " if (document.querySelector('.fonds-search-results li')) { window.fondsFirst = Date.now(); o.disconnect(); }"
            "}).observe(document.querySelector('.fonds-search-results'), {childList: true});"
        )
        page_loaded = time.time() * 1000
        driver.find_element(By.ID, "fonds-search-query").send_keys(query)
        status = (By.CSS_SELECTOR, ".fonds-search-status")
        _until(lambda: driver.find_element(*status).text.endswith(("found.", "fewer filters.")))
        done = time.time() * 1000
        count = driver.find_element(*status).text
        first = driver.execute_script("return window.fondsFirst || null")
        if first is None:
            sys.exit(f"query {query!r}: {count} (no result: try another query)")
        driver.find_element(By.CSS_SELECTOR, ".fonds-search-filters summary").click()
        _until(lambda: driver.find_elements(By.CSS_SELECTOR, ".fonds-search-filter-list fieldset"))
        time.sleep(0.5)
        filters = time.time() * 1000
    finally:
        driver.quit()
        httpd.shutdown()

    def total(start: float, end: float, search: bool = True) -> tuple[int, int]:
        paths = [p for t, p in log if start <= t <= end and _is_search(p) == search]
        return len(paths), sum(sent(site / p.lstrip("/")) for p in paths if (site / p.lstrip("/")).is_file())

    page_count, page_bytes = total(0, page_loaded, search=False)
    print(f"query {query!r}: {count}")
    print(f"  the search page, theme and scripts: {page_count} files, {page_bytes / 1024:.1f} KB")
    n, first_bytes = total(0, float(first))
    print(f"  search files before the first result: {n} files, {first_bytes / 1024:.1f} KB", end="")
    print(f"   target {LIMIT_KB} KB -> {'met' if first_bytes / 1024 < LIMIT_KB else 'NOT MET'}")
    for _, path in sorted(x for x in log if x[0] <= float(first)):
        if _is_search(path):
            print(f"    {path:<60} {sent(site / path.lstrip('/')) / 1024:8.1f} KB")
    n, rest = total(float(first) + 0.001, done)
    print(f"  then the other bundles, until complete: {n} files, {rest / 1024:.1f} KB")
    n, panel = total(done + 0.001, filters)
    print(f"  opening the filter panel: {n} files, {panel / 1024:.1f} KB")


def _is_search(path: str) -> bool:
    return path.startswith("/pagefind") or path.endswith("/fonds-search.js")


def _chromium():  # type: ignore[no-untyped-def]
    import shutil

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(executable_path=shutil.which("chromedriver")))


def _until(condition, seconds: float = 120):  # type: ignore[no-untyped-def]
    end = time.time() + seconds
    while time.time() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    sys.exit("the search page did not answer in time")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    index_command = commands.add_parser("index", help="time the Pagefind runs for a catalogue")
    index_command.add_argument("root", type=Path)
    index_command.add_argument("--shard-size", type=int, default=None)
    download = commands.add_parser("download", help="what a first search result downloads")
    download.add_argument("site", type=Path)
    download.add_argument("--browser", action="store_true", help="measure it in headless Chromium")
    download.add_argument("--query", default="insurance")
    if sys.argv[1:2] == ["_documents"]:
        return _documents(Path(sys.argv[2]), Path(sys.argv[3]))
    if sys.argv[1:2] == ["_index"]:
        return _index(Path(sys.argv[2]), int(sys.argv[3]))
    args = parser.parse_args()
    if args.command == "index":
        from fonds.site.search_index import SHARD_SIZE

        index(args.root, args.shard_size or SHARD_SIZE)
    elif args.browser:
        in_browser(args.site, args.query)
    else:
        parts = from_files(args.site)
        for name, size in parts.items():
            print(f"  {name:<28} {size / 1024:8.1f} KB")
        total = sum(parts.values()) / 1024
        print(
            f"  {'total for a first result':<28} {total:8.1f} KB   target {LIMIT_KB} KB -> "
            f"{'met' if total < LIMIT_KB else 'NOT MET'}"
        )


if __name__ == "__main__":
    main()
