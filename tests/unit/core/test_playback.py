"""Playback URLs are ``{base}/{key}`` for configured buckets and nothing for the others."""

from __future__ import annotations

from qiemonitor.api.models import Rendition
from qiemonitor.core.playback import PlaybackUrls


def test_url_for_joins_base_and_key_with_one_slash() -> None:
    urls = PlaybackUrls({"play": "https://cdn.example.com/vod/", "blank": "  "})
    rendition = Rendition(key="m3u8/a-720.m3u8", bucket="play")
    assert urls.url_for(rendition) == "https://cdn.example.com/vod/m3u8/a-720.m3u8"
    assert urls.url_for(Rendition(key="k", bucket="other")) is None
    assert urls.url_for(Rendition(key="k", bucket="blank")) is None
    assert urls.url_for(Rendition(key="k")) is None
    assert urls.bases == {"play": "https://cdn.example.com/vod/"}
