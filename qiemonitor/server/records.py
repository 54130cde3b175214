"""Building stream records and their renditions in the shape of the platform's sample.

Records are plain JSON objects (``dict``) because the store keeps each one's
full JSON: fields another source added survive a stop untouched. Keys follow
the sample's order so a generated record reads like a real one.
"""

from __future__ import annotations

import base64
import random
import string
from datetime import datetime, timedelta, timezone
from typing import Any

from qiemonitor.api.models import Clarity, StartReport
from qiemonitor.server.sample import sample_result

__all__ = [
    "ENDED",
    "IDLE",
    "LIVE",
    "Record",
    "ended_record",
    "idle_record",
    "live_record",
    "new_stream_name",
    "renditions",
]

Record = dict[str, Any]

IDLE, LIVE, ENDED = 0, 1, 100

# The platform's key and thumbnail stamps are China Standard Time (see the sample).
_CST = timezone(timedelta(hours=8))

_KEY_ORDER = tuple(sample_result()["stream"])

_RENDITION_SIZES = ((Clarity.FHD, 1920, 1080), (Clarity.HD, 1280, 720), (Clarity.SD, 854, 480))


def _cst(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, _CST)


def _hex(rng: random.Random, digits: int) -> str:
    return f"{rng.getrandbits(digits * 4):0{digits}x}"


def _persistent_id(rng: random.Random) -> str:
    return "1005" + _hex(rng, 32)


def _content_hash(rng: random.Random) -> str:
    # Qiniu-style etag: a 0x16 tag byte and a SHA-1, URL-safe base64 (starts with "F").
    return base64.urlsafe_b64encode(b"\x16" + rng.randbytes(20)).decode("ascii")


def new_stream_name(room_id: str, rng: random.Random) -> str:
    """A stream key: the room id and a random 8-letter suffix, e.g. ``10002625rATSDQFg``."""
    return room_id + "".join(rng.choices(string.ascii_letters, k=8))


def _image_url(room_id: str, shot_ms: int) -> str:
    shot = _cst(shot_ms)
    return (
        f"http://rpic.qietv.douyucdn.cn/z{shot:%y%m}/{shot:%d}/{shot:%H}/"
        f"{room_id}_{shot:%y%m%d%H%M%S}.jpg"
    )


def _canonical(record: Record) -> Record:
    """The record with the sample's keys in the sample's order, any others after them."""
    ordered = {key: record[key] for key in _KEY_ORDER if key in record}
    ordered.update((key, value) for key, value in record.items() if key not in ordered)
    return ordered


def _base(report: StartReport, resource_id: int, stream_name: str, rng: random.Random) -> Record:
    record: Record = {
        "streamName": stream_name,
        "imageKey": _hex(rng, 32),
        "image": 0,
        "roomId": report.room_id,
        "cdnType": 0,
        "imageCdnType": 99,
        "p2p": False,
        "userName": report.user_name,
        "type": 0,
        "mp4": False,
        "userId": report.user_id,
        "checkStatus": 0,
        "flv": False,
        "title": report.title,
        "categoryId": report.category_id,
        "m3u8": True,
        "bucket": "qietv-rec",
        "clear": int(Clarity.FHD),
        "file": False,
        "resourceId": resource_id,
    }
    if report.category_name is not None:
        record["categoryName"] = report.category_name
    return record


def live_record(
    report: StartReport, resource_id: int, stream_name: str, rng: random.Random
) -> Record:
    """The record a start report opens: status 1 (live), timed from the report."""
    record = _base(report, resource_id, stream_name, rng)
    start = report.start_time
    shot = start + rng.randint(60_000, 600_000)
    record.update(
        imageUrl=_image_url(report.room_id, shot),
        startTime=start,
        cdnStartTime=start,
        status=LIVE,
    )
    return _canonical(record)


def idle_record(
    report: StartReport, resource_id: int, stream_name: str, rng: random.Random, shot_ms: int
) -> Record:
    """A record with status 0 (idle) and no times; ``report.start_time`` is not used."""
    record = _base(report, resource_id, stream_name, rng)
    record.update(imageUrl=_image_url(report.room_id, shot_ms), status=IDLE)
    return _canonical(record)


def ended_record(record: Record, end_time: int, rng: random.Random) -> Record:
    """``record`` ended at ``end_time``: status 100 with its end, duration and recording job."""
    ended = dict(record)
    start = record.get("startTime")
    ended.update(
        endTime=end_time,
        duration=end_time - start if isinstance(start, int) else 0,
        cdnEndTime=end_time,
        persistentId=_persistent_id(rng),
        status=ENDED,
    )
    return _canonical(ended)


def renditions(record: Record, first_id: int, rng: random.Random) -> list[Record]:
    """The three HLS renditions (1080/720/480) of an ended record, ids from ``first_id``."""
    stream_name = str(record.get("streamName", ""))
    start = record.get("startTime")
    stamp = _cst(start if isinstance(start, int) else 0)
    duration = record.get("duration")
    duration = duration if isinstance(duration, int) else 0
    job = _persistent_id(rng)
    videos = []
    for offset, (clear, width, height) in enumerate(_RENDITION_SIZES):
        length = max(0, duration - rng.randint(0, 15_000))
        videos.append(
            {
                "hash": _content_hash(rng),
                "fileSize": 180 + length // 1000 * 3 + rng.randint(0, 400),
                "height": height,
                "streamName": stream_name,
                "cdnType": 0,
                "seq": 0,
                "duration": length,
                "type": 3,
                "recordId": record.get("resourceId"),
                "key": (
                    f"m3u8/{stamp:%Y%m%d}/live-{stream_name}--{stamp:%Y%m%d%H%M%S}"
                    f"-{clear.lines}.m3u8"
                ),
                "bucket": "qietv-video-play",
                "persistentId": job,
                "width": width,
                "clear": int(clear),
                "resourceId": first_id + offset,
            }
        )
    return videos
