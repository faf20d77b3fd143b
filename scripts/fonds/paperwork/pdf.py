"""HTML to PDF with headless Chromium's print-to-PDF, where Chromium is installed.

Chromium runs with a fresh profile in a temporary folder, without network services, and
writes into that folder; the caller gets the PDF's bytes, so a failed run leaves no partial
file anywhere.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_SECONDS = 120


class PdfError(RuntimeError):
    """No PDF could be made; the message says why and what to do instead."""


def find_chromium() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_flags(profile: Path) -> list[str]:
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
    ]


def html_to_pdf(document: str) -> bytes:
    """The PDF of ``document`` (a whole HTML page), printed with its own ``@page`` size."""
    browser = find_chromium()
    if browser is None:
        raise PdfError(
            "Chromium is not installed, so no PDF was made: write --output FILE.html instead, "
            "open it in a browser and print it at 100 % (actual size, no margins)"
        )
    with tempfile.TemporaryDirectory(prefix="fonds-pdf-") as work:
        folder = Path(work)
        page, pdf = folder / "labels.html", folder / "labels.pdf"
        page.write_text(document, encoding="utf-8")
        command = [
            browser,
            *chromium_flags(folder / "profile"),
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfError(
                f"Chromium could not print the labels ({exc}); print the HTML from a browser"
            ) from exc
        if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
            raise PdfError(
                "Chromium ran but wrote no PDF; write --output FILE.html and print it from a browser"
            )
        return pdf.read_bytes()
