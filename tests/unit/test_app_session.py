"""The GUI session's settings and token changes, in the order the Settings dialog emits them."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from qiemonitor import app as app_module
from qiemonitor.api.client import StreamClient
from qiemonitor.api.settings import ClientSettings
from qiemonitor.core.config import AppConfig, read_config

OLD, NEW = "http://127.0.0.1:8080", "https://streams.example.com"


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setattr(app_module, "save_config", lambda config: _save(config, path))
    return path


def _save(config: AppConfig, path: Path) -> None:
    from qiemonitor.core.config import save_config

    save_config(config, path)


def _session() -> Any:
    session = app_module._Session(app_module.GuiOptions())
    session.config = AppConfig(server_url=OLD)
    session._url = OLD
    session.client = StreamClient(ClientSettings(base_url=OLD))
    return session


async def _settle(session: Any) -> None:
    while session._tasks:
        await asyncio.gather(*list(session._tasks))
    await session.client.aclose()


def test_a_token_typed_with_a_new_server_is_saved_for_the_new_server(
    config_file: Path, memory_keyring: Any
) -> None:
    async def scenario() -> Any:
        session = _session()
        # What the Settings dialog emits on OK, in its order, through the window's signals.
        session.on_window_settings_accepted(AppConfig(server_url=NEW))
        session.on_window_token_changed("new-token")
        await _settle(session)
        return session

    session = asyncio.run(scenario())
    assert memory_keyring.secrets == {("qiemonitor", NEW): "new-token"}
    assert read_config(config_file).config.server_url == NEW
    assert session.client.settings.base_url == NEW
    assert session.client.settings.token == "new-token"


def test_a_token_alone_is_saved_for_the_server_in_use(
    config_file: Path, memory_keyring: Any
) -> None:
    async def scenario() -> None:
        session = _session()
        session.on_window_token_changed("t1")
        await _settle(session)

    asyncio.run(scenario())
    assert memory_keyring.secrets == {("qiemonitor", OLD): "t1"}
    assert not config_file.exists(), "only the token changed"
