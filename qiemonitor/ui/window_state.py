"""What the main window remembers between runs, in QSettings: layout, columns, sort, stars."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QSettings

__all__ = ["WindowState"]

_GEOMETRY = "window/geometry"
_DOCKS = "window/state"
_SPLITTER = "window/splitter"
_HEADER = "rooms/header"
_QUICK = "rooms/quick_filter"
_WATCHED = "rooms/watched"
_VERSION = 1  # of the saved dock layout: bump when docks or toolbars change


class WindowState:
    """Typed access to the window's keys in ``settings`` (tests pass a QSettings in tmp)."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    @property
    def version(self) -> int:
        return _VERSION

    def _bytes(self, key: str) -> QByteArray:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) else QByteArray()

    def geometry(self) -> QByteArray:
        return self._bytes(_GEOMETRY)

    def docks(self) -> QByteArray:
        return self._bytes(_DOCKS)

    def splitter(self) -> QByteArray:
        return self._bytes(_SPLITTER)

    def header(self) -> QByteArray:
        return self._bytes(_HEADER)

    def save_layout(
        self, *, geometry: QByteArray, docks: QByteArray, splitter: QByteArray, header: QByteArray
    ) -> None:
        self._settings.setValue(_GEOMETRY, geometry)
        self._settings.setValue(_DOCKS, docks)
        self._settings.setValue(_SPLITTER, splitter)
        self._settings.setValue(_HEADER, header)

    def quick_filter(self) -> str:
        value = self._settings.value(_QUICK, "all")
        return value if isinstance(value, str) else "all"

    def set_quick_filter(self, value: str) -> None:
        self._settings.setValue(_QUICK, value)

    def watched(self) -> set[str]:
        """The starred room ids (kept as one comma-separated string: INI has no real lists)."""
        value = self._settings.value(_WATCHED, "")
        text = (
            value if isinstance(value, str) else ",".join(value) if isinstance(value, list) else ""
        )
        return {room for room in text.split(",") if room.strip()}

    def set_watched(self, rooms: Iterable[str]) -> None:
        self._settings.setValue(_WATCHED, ",".join(sorted(rooms, key=lambda r: (len(r), r))))

    def sync(self) -> None:
        self._settings.sync()
