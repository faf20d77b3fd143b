"""Pagefind for the plugin: one Pagefind process per shard of search documents, each making
its own bundle folder of the site (``pagefind/``, ``pagefind-1/``, ...), so the indexer's
memory is set by the shard size, not by the catalogue. What the documents hold is
``site.search_index``.

Each process is Pagefind's service (``pagefind --service``, the binary of the ``pagefind[bin]``
package, as its Python API runs it): the documents go in over a pipe as HTML with their URL,
so no written page is parsed again, and the bundle's files come back over the pipe
(``GetFiles``) and are written here. Not ``WriteFiles``: the service exits when its input ends
without waiting for its last writes (tokio files are not flushed), which left a bundle's entry
file empty. The protocol is the Python API's (base64-encoded JSON messages, each followed by a
comma); its client is not used because it waits 0.1 s for each answer (hours for 75,000
records).
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import IO, Any

from pagefind.service import get_executable

from .site.search_index import SearchDocument, bundle_names, search_html, shards

_BUNDLE = re.compile(r"pagefind(-[0-9]+)?")


class SearchIndexError(RuntimeError):
    """Pagefind failed, or is not installed; the message says what it said."""


class _Stopped(Exception):
    """The build that wanted the index failed: stop sending."""


def index_site(
    site_dir: str | Path,
    documents: Sequence[SearchDocument],
    shard_size: int,
    language: str,
    stop: threading.Event | None = None,
) -> list[str]:
    """Index ``documents`` into bundles under ``site_dir``; returns the bundle names. Bundles
    of an earlier build in the same folder are removed first (a dirty build must not keep
    another audience's index). Once ``stop`` is set, nothing more is sent or written."""
    site = Path(site_dir)
    _remove_bundles(site)
    parts = shards(documents, shard_size)
    names = bundle_names(len(parts))
    for name, part in zip(names, parts, strict=True):
        _index_shard(part, language, (site / name).resolve(), stop or threading.Event())
    return names


class IndexJob:
    """``index_site`` started while MkDocs still renders and writes the pages: Pagefind reads
    the search documents, not the written pages, so its process indexes on the second core
    while the build goes on, and ``result`` waits for it. ``cancel`` (a failed build) stops it
    before the next document or bundle."""

    def __init__(self, work: Callable[[threading.Event], list[str]]) -> None:
        self._stop = threading.Event()
        self._outcome: list[str] | Exception = SearchIndexError("the search index was not made")
        self._thread = threading.Thread(target=self._run, args=(work,), name="fonds-pagefind", daemon=True)
        self._thread.start()

    def _run(self, work: Callable[[threading.Event], list[str]]) -> None:
        try:
            self._outcome = work(self._stop)
        except Exception as exc:  # handed to the build by result()
            self._outcome = exc

    def result(self) -> list[str]:
        """The bundle names, once Pagefind is done; its error, raised here."""
        self._thread.join()
        if isinstance(self._outcome, Exception):
            raise self._outcome
        return self._outcome

    def cancel(self) -> None:
        self._stop.set()
        self._thread.join()


def install_bundles(built: str | Path, site_dir: str | Path) -> None:
    """Put the bundles ``index_site`` wrote into ``built`` in place of the site's own (a
    served site's index, made beside it while the pages were already being shown)."""
    site = Path(site_dir)
    _remove_bundles(site)
    for bundle in sorted(Path(built).iterdir()):
        if bundle.is_dir() and _BUNDLE.fullmatch(bundle.name):
            shutil.move(bundle, site / bundle.name)


def _remove_bundles(site: Path) -> None:
    for old in site.iterdir() if site.is_dir() else ():
        if old.is_dir() and _BUNDLE.fullmatch(old.name):
            shutil.rmtree(old)


def _index_shard(
    documents: Sequence[SearchDocument], language: str, output: Path, stop: threading.Event
) -> None:
    if stop.is_set():
        return
    executable = get_executable()
    if executable is None:
        raise SearchIndexError("the Pagefind program is not installed (pip install 'pagefind[bin]')")
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [str(executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors
        )
        assert process.stdin is not None and process.stdout is not None
        try:
            answers = _answers(process.stdout)
            _send(process.stdin, 0, {"type": "NewIndex", "config": {"force_language": language}})
            index_id = _answer(answers, "NewIndex")["index_id"]
            for number, document in enumerate(documents, start=1):
                if stop.is_set():
                    raise _Stopped
                html = search_html(document, language)
                _send(process.stdin, number, {"type": "AddFile", "index_id": index_id, "url": "/" + document.url,
                                              "file_path": None, "file_contents": html})  # fmt: skip
            _send(process.stdin, len(documents) + 1, {"type": "GetFiles", "index_id": index_id})
            process.stdin.flush()
            for _ in documents:
                _answer(answers, "IndexedFile")
            files = _answer(answers, "GetFiles")["files"]
        except _Stopped:
            process.kill()
            process.wait()
            return
        except (OSError, SearchIndexError) as exc:
            process.kill()
            process.wait()
            errors.seek(0)
            said = errors.read().decode("utf-8", errors="replace")
            raise SearchIndexError(f"{exc}\n{said}".strip()) from exc
        process.stdin.close()  # end of input: the service exits
        process.wait()
    if not stop.is_set():
        _write_bundle(output, files)


def _write_bundle(output: Path, files: list[dict[str, str]]) -> None:
    folders: set[Path] = set()
    for file in files:
        path = PurePosixPath(file["path"])
        if path.is_absolute() or ".." in path.parts:
            raise SearchIndexError(f"Pagefind named a file outside its folder: {file['path']}")
        target = output.joinpath(*path.parts)
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_bytes(base64.b64decode(file["content"]))


def _send(stream: IO[bytes], message_id: int, payload: dict[str, Any]) -> None:
    message = json.dumps({"message_id": message_id, "payload": payload}, ensure_ascii=False)
    stream.write(base64.b64encode(message.encode("utf-8")) + b",")
    if payload["type"] == "NewIndex":
        stream.flush()


def _answers(stream: IO[bytes]) -> Iterator[dict[str, Any]]:
    """The service's answers, in order (it handles one message at a time)."""
    buffer = bytearray()
    while chunk := stream.read1(1 << 16):  # type: ignore[attr-defined]
        start = len(buffer)
        buffer += chunk
        end = buffer.find(b",", start)
        while end >= 0:
            yield dict(json.loads(base64.b64decode(buffer[:end]))["payload"])
            del buffer[: end + 1]
            end = buffer.find(b",")


def _answer(answers: Iterator[dict[str, Any]], kind: str) -> dict[str, Any]:
    answer = next(answers, None)
    if answer is None:
        raise SearchIndexError("Pagefind stopped before it had indexed every record")
    if answer.get("type") != kind:
        raise SearchIndexError(f"Pagefind: {answer.get('message', answer)}")
    return answer
