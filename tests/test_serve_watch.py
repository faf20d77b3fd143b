"""The preview server notices an edit by the system's file events, not by polling every file
of the catalogue twice a second; reading files (which every rebuild does) starts no rebuild."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer

from fonds.plugin_watch import Watchers, watch_with_events


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveReloadServer]:
    made = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    yield made
    made.observer.stop()
    made.server_close()


def _wants_rebuild(server: LiveReloadServer, within: float) -> bool:
    """Whether the server was told a watched file changed (a bounded wait, not a timing)."""
    condition: threading.Condition = server._rebuild_cond  # type: ignore[attr-defined]
    with condition:
        found = condition.wait_for(lambda: server._want_rebuild, timeout=within)  # type: ignore[attr-defined]
        server._want_rebuild = False  # type: ignore[attr-defined]
    return bool(found)


def test_an_edit_is_noticed_and_a_read_is_not(server: LiveReloadServer, tmp_path: Path) -> None:
    records = tmp_path / "catalogue" / "records"
    records.mkdir(parents=True)
    record = records / "R-1.yml"
    record.write_text("id: R-1\n")
    config = tmp_path / "fonds.yml"
    config.write_text("name: x\n")
    server.watch(str(tmp_path / "catalogue"))
    server.watch(str(config))
    assert watch_with_events(server)
    assert isinstance(server.observer, Watchers)
    server.observer.start()
    time.sleep(0.2)  # the observers' threads are running

    record.read_text()
    assert not _wants_rebuild(server, 1.5), "reading a record file started a rebuild"
    record.write_text("id: R-1\ntitle: edited\n")
    assert _wants_rebuild(server, 10), "an edited record was not noticed"
    (records / "R-2.yml").write_text("id: R-2\n")
    assert _wants_rebuild(server, 10), "a new record was not noticed"
    config.write_text("name: y\n")  # a single file: still polled
    assert _wants_rebuild(server, 10), "an edited fonds.yml was not noticed"


def test_a_server_that_is_not_mkdocs_own_is_left_as_it_is() -> None:
    class Other:
        observer = None

    assert not watch_with_events(Other())
