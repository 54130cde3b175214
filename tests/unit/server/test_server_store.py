"""The store's change clock: a serverTime is never reached by a later write."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from qiemonitor.server.store import Store


@pytest.fixture
def store() -> Iterator[Store]:
    opened = Store(":memory:")
    yield opened
    opened.close()


def test_writes_in_the_same_millisecond_still_come_after_a_server_time(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "_now_ms", lambda: 5_000)
    first = store.change_time()
    served = store.server_time()
    assert served >= first
    assert store.change_time() > served
    assert store.change_time() > store.server_time() - 1


def test_the_clock_never_goes_back_with_the_wall_clock(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "_now_ms", lambda: 9_000)
    late = store.server_time()
    monkeypatch.setattr(store, "_now_ms", lambda: 1_000)
    assert store.server_time() == late
    assert store.change_time() == late + 1


def test_an_empty_store_is_empty(store: Store) -> None:
    assert store.is_empty()
    assert store.room_ids() == []
    assert store.current("1") is None
