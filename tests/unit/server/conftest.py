"""Fixtures for the server tests: real servers on 127.0.0.1 and a client for each."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from server_helpers import Api, client_for, fresh_room

from qiemonitor.server import EmbeddedServer


@pytest.fixture
def room() -> str:
    """A room id no other test uses."""
    return fresh_room()


@pytest.fixture(scope="module")
def server() -> Iterator[EmbeddedServer]:
    """An empty in-memory server shared by a module's tests (each uses its own rooms)."""
    with EmbeddedServer() as running:
        yield running


@pytest.fixture(scope="module")
def api(server: EmbeddedServer) -> Iterator[Api]:
    with client_for(server.url) as client:
        yield Api(client)


@pytest.fixture(scope="module")
def demo_server() -> Iterator[EmbeddedServer]:
    """A demo server (seed 7) whose rooms only change when a test changes them."""
    with EmbeddedServer(demo=True, seed=7, demo_interval=None) as running:
        yield running


@pytest.fixture(scope="module")
def demo_api(demo_server: EmbeddedServer) -> Iterator[Api]:
    with client_for(demo_server.url) as client:
        yield Api(client)
