"""A file database keeps everything acknowledged across a restart."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from server_helpers import T0, Api, client_for

from qiemonitor.server import EmbeddedServer


def test_reports_survive_a_restart(tmp_path: Path) -> None:
    db = str(tmp_path / "server.sqlite3")
    with EmbeddedServer(db=db) as server, client_for(server.url) as client:
        api = Api(client)
        api.start("777", T0)
        api.stop("777", T0 + 1000)
        api.start("778", T0)
        before = api.post("list", {}).result
        info = api.info(roomId="777").result
    with EmbeddedServer(db=db) as server, client_for(server.url) as client:
        api = Api(client)
        after = api.post("list", {}).result
        assert after["streams"] == before["streams"]
        assert after["serverTime"] >= before["serverTime"]
        assert api.info(roomId="777").result == info
        # The rules carry on from the stored state.
        assert api.start("778", T0 + 5).code == 409
        assert api.stop("777", T0 + 1000).code == 200
        assert api.post("list", {"updatedSince": before["serverTime"]}).result["total"] == 0


def test_the_file_is_in_wal_mode(tmp_path: Path) -> None:
    db = tmp_path / "server.sqlite3"
    with EmbeddedServer(db=str(db)):
        pass
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        connection.close()


def test_a_demo_restart_does_not_seed_again(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.sqlite3")
    options = {"db": db, "demo": True, "demo_rooms": 20, "demo_interval": None}
    with EmbeddedServer(**options) as server, client_for(server.url) as client:  # type: ignore[arg-type]
        Api(client).start("123", T0)
    with EmbeddedServer(**options) as server, client_for(server.url) as client:  # type: ignore[arg-type]
        assert Api(client).post("list", {}).result["total"] == 21
