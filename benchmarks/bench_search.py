"""What does a browser download for a first search result on a Pagefind site?

Counts, from a built site's ``pagefind/`` folder, what the search page loads before it shows
the first result: the UI script and stylesheet, ``pagefind.js``, the entry file, the
WebAssembly module, the metadata file, every filter file (the filter panel shows them all), the
largest index chunk (a query loads the chunk its word falls in) and the largest fragment (the
first result). Largest rather than a real query's: the figure is an upper bound.

    python benchmarks/bench_search.py benchmarks/out/cat-100000/site

Target (docs/benchmarks.md): under 400 KB on the 100,000-record site.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

LIMIT_KB = 400


def first_result_bytes(site: Path) -> dict[str, int]:
    pagefind = site / "pagefind"
    if not (pagefind / "pagefind-entry.json").is_file():
        sys.exit(f"{pagefind} has no Pagefind index: build the site with Pagefind search first")
    fixed = ["pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "pagefind-entry.json", "wasm.en.pagefind"]
    parts = {name: _sent(pagefind / name) for name in fixed if (pagefind / name).is_file()}
    parts["metadata (*.pf_meta)"] = sum(p.stat().st_size for p in pagefind.glob("*.pf_meta"))
    parts["filters (all)"] = sum(p.stat().st_size for p in (pagefind / "filter").glob("*"))
    parts["largest index chunk"] = max((p.stat().st_size for p in (pagefind / "index").glob("*")), default=0)
    parts["largest fragment"] = max((p.stat().st_size for p in (pagefind / "fragment").glob("*")), default=0)
    return parts


def _sent(path: Path) -> int:
    """Bytes sent for a file: scripts, stylesheets and JSON gzip-compressed, as a web server
    (GitHub Pages, nginx with gzip on) sends them; Pagefind's own files are compressed already."""
    data = path.read_bytes()
    if path.suffix in (".js", ".css", ".json"):
        return len(gzip.compress(data, compresslevel=6, mtime=0))
    return len(data)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", type=Path)
    args = parser.parse_args()
    parts = first_result_bytes(args.site)
    for name, size in parts.items():
        print(f"  {name:<28} {size / 1024:8.1f} KB")
    total = sum(parts.values()) / 1024
    print(
        f"  {'total for a first result':<28} {total:8.1f} KB   target {LIMIT_KB} KB -> "
        f"{'met' if total < LIMIT_KB else 'NOT MET'}"
    )


if __name__ == "__main__":
    main()
