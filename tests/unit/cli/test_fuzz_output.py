"""Fuzzing the CLI's output: any valid model prints, one line per row or field, columns aligned.

The models are made the way the CLI gets them, by decoding JSON that a server
might send (any text, Chinese, control characters, extra fields of any shape).
``tests/perf/fuzz_run.py`` runs these properties with thousands of examples.
"""

from __future__ import annotations

import json
import os
from typing import Any

import msgspec
import msgspec.inspect as mi
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qiemonitor.api.models import Rendition, StreamInfo, StreamRecord
from qiemonitor.api.wire import decode_info, decode_page
from qiemonitor.cli.output import dumps, printable, record_lines, rooms_table, status_label, width

EXAMPLES = int(os.environ.get("QIEMONITOR_FUZZ_EXAMPLES", "50"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
INT64 = (-(2**63), 2**63 - 1)

CHINESE = ["安哥拉男子足球队", "【阿森纳】 纪录片+高清比赛", "足球", "e\u0301", "\u202eevil"]
texts = (
    st.text(max_size=40)
    | st.sampled_from(CHINESE)
    | st.sampled_from(["a\nb", "tab\there", "\r", "\u2028", "\x1b[31mred", "\x00", ""])
)
ints = st.integers(*INT64) | st.sampled_from([0, -1, 1_477_068_624_056, INT64[0], INT64[1]])
json_values = st.recursive(
    st.none() | st.booleans() | ints | st.floats(allow_nan=False, allow_infinity=False) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)


def _good(info: mi.Type) -> st.SearchStrategy[Any]:
    if isinstance(info, mi.UnionType):
        (info,) = [t for t in info.types if not isinstance(t, mi.NoneType)]
        return st.none() | _good(info)
    return {mi.IntType: ints, mi.StrType: texts, mi.BoolType: st.booleans()}[type(info)]


def _fields(model: type[msgspec.Struct]) -> st.SearchStrategy[dict[str, Any]]:
    struct = mi.type_info(model)
    assert isinstance(struct, mi.StructType)
    required = {f.encode_name: _good(f.type) for f in struct.fields if f.required}
    optional = {f.encode_name: _good(f.type) for f in struct.fields if not f.required}
    return st.fixed_dictionaries(required, optional=optional)


def wire_records(model: type[msgspec.Struct]) -> st.SearchStrategy[dict[str, Any]]:
    """A record as a server may send it: right types, any values, fields left out, extras."""
    known = set(model.__struct_encode_fields__)
    extras = st.dictionaries(texts.filter(lambda key: key not in known), json_values, max_size=3)
    return st.builds(lambda fields, more: {**fields, **more}, _fields(model), extras)


def _info(stream: dict[str, Any], videos: list[dict[str, Any]]) -> StreamInfo:
    return decode_info(json.dumps({"stream": stream, "videos": videos}).encode())


def _records(streams: list[dict[str, Any]]) -> list[StreamRecord]:
    page = {"total": len(streams), "page": 1, "pageSize": 500, "streams": streams}
    return decode_page(json.dumps(page).encode()).streams


def after_cells(line: str, cells: int) -> str:
    """What follows the first ``cells`` terminal cells of ``line``."""
    used = 0
    for i, ch in enumerate(line):
        if used >= cells:
            return line[i:]
        used += width(ch)
    return ""


@FUZZ
@given(streams=st.lists(wire_records(StreamRecord), max_size=6), now=ints)
def test_rooms_table_prints_one_aligned_line_per_room(
    streams: list[dict[str, Any]], now: int
) -> None:
    records = _records(streams)
    lines = rooms_table(records, now).split("\n")
    assert len(lines) == 1 + len(records)
    assert lines[0].startswith("ROOM")
    ids = [printable(record.room_id) for record in records]
    column = max(width(text) for text in ["ROOM", *ids])
    for line, record, shown in zip(lines[1:], records, ids, strict=True):
        assert line.isprintable(), repr(line)
        assert line.startswith(shown)
        assert after_cells(line, column + 2).startswith(status_label(record.status))


@FUZZ
@given(
    stream=wire_records(StreamRecord),
    videos=st.lists(wire_records(Rendition), max_size=4),
)
def test_record_lines_print_one_line_per_field_and_rendition(
    stream: dict[str, Any], videos: list[dict[str, Any]]
) -> None:
    info = _info(stream, videos)
    lines = record_lines(info).split("\n")
    fields = list(info.stream.raw_object)
    assert len(lines) == len(fields) + 2 + (1 + len(videos) if videos else 0)
    for line, name in zip(lines, fields, strict=False):
        assert line.startswith(printable(name))
    assert all(line.isprintable() for line in lines), lines
    assert lines[len(fields) + 1] == f"renditions: {len(videos)}"


@FUZZ
@given(
    stream=wire_records(StreamRecord),
    videos=st.lists(wire_records(Rendition), max_size=3),
)
def test_json_output_is_the_result_as_received(
    stream: dict[str, Any], videos: list[dict[str, Any]]
) -> None:
    info = _info(stream, videos)
    sent = json.loads(json.dumps({"stream": stream, "videos": videos}))
    assert json.loads(dumps(info.raw_object)) == sent
    assert json.loads(dumps([info.stream.raw_object])) == [sent["stream"]]
