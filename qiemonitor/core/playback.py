"""Playback URLs of renditions: ``{base}/{key}`` with a base URL configured per bucket."""

from __future__ import annotations

from collections.abc import Mapping

from qiemonitor.api.models import Rendition

__all__ = ["PlaybackUrls"]


class PlaybackUrls:
    """Turns a rendition into the URL a player opens (API.md: the base is deployment config).

    A bucket with no base configured has no playback URL; its key alone is
    still shown and copyable.
    """

    def __init__(self, bases: Mapping[str, str] | None = None) -> None:
        self._bases = {bucket: base for bucket, base in (bases or {}).items() if base.strip()}

    def __repr__(self) -> str:
        return f"PlaybackUrls({self._bases!r})"

    @property
    def bases(self) -> Mapping[str, str]:
        return dict(self._bases)

    def base_for(self, bucket: str | None) -> str | None:
        return self._bases.get(bucket) if bucket else None

    def url_for(self, rendition: Rendition) -> str | None:
        """``{base}/{key}``, or ``None`` when the rendition's bucket has no base URL."""
        base = self.base_for(rendition.bucket)
        if base is None or not rendition.key:
            return None
        return f"{base.strip().rstrip('/')}/{rendition.key.lstrip('/')}"
