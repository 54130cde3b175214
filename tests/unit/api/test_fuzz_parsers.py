"""Fuzzing the envelope and model parsers: any bytes give a model or a typed one-line error.

The properties run a modest number of examples here; ``tests/perf/fuzz_run.py``
runs the same functions with thousands (it sets ``QIEMONITOR_FUZZ_EXAMPLES``
before importing this module).
"""

from __future__ import annotations

import json
import os
from typing import Any

import msgspec
import msgspec.inspect as mi
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qiemonitor.api.errors import (
    BadRequest,
    Conflict,
    NotFound,
    ProtocolError,
    RateLimited,
    ServerError,
    ServiceUnavailable,
    Unauthorized,
)
from qiemonitor.api.models import Rendition, StreamRecord
from qiemonitor.api.wire import MAX_DEPTH, Envelope, decode_envelope, decode_info, decode_page

EXAMPLES = int(os.environ.get("QIEMONITOR_FUZZ_EXAMPLES", "50"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
INT64 = (-(2**63), 2**63 - 1)

# -- plain JSON ------------------------------------------------------------

CHINESE = ["安哥拉男子足球队", "【阿森纳】 纪录片+高清比赛", "足球", "流管理系统", "直播间"]
texts = st.text(max_size=24) | st.sampled_from(CHINESE) | st.sampled_from(["\n", "\u2028", "\x00"])
huge_ints = st.sampled_from([2**63, -(2**63) - 1, 2**64, 10**30, -(10**30)])
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(*INT64)
    | huge_ints
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)

# -- records shaped like the contract --------------------------------------


def _wire_fields(model: type[msgspec.Struct]) -> dict[str, tuple[str, bool]]:
    """``{wire name: (kind, required)}`` with kind ``int``, ``str`` or ``bool``."""
    info = mi.type_info(model)
    assert isinstance(info, mi.StructType)
    fields = {}
    for field in info.fields:
        kind = field.type
        if isinstance(kind, mi.UnionType):
            (kind,) = [t for t in kind.types if not isinstance(t, mi.NoneType)]
        names = {mi.IntType: "int", mi.StrType: "str", mi.BoolType: "bool"}
        fields[field.encode_name] = (names[type(kind)], field.required)
    return fields


STREAM_FIELDS = _wire_fields(StreamRecord)
RENDITION_FIELDS = _wire_fields(Rendition)
_GOOD = {"int": st.integers(*INT64), "str": texts, "bool": st.booleans()}
# The wrong types a careless server sends in place of each kind.
_JUNK = st.one_of(
    st.integers(*INT64).map(str),  # "10002625" for an int
    st.floats(allow_nan=False, allow_infinity=False),
    st.just(1.0),
    st.sampled_from([0, 1]),  # bools as ints
    st.booleans(),
    huge_ints,
    st.integers(*INT64),
    texts,
    st.lists(json_scalars, max_size=3),
    st.dictionaries(texts, json_values, max_size=3),
)


def _extras(known: dict[str, tuple[str, bool]]) -> st.SearchStrategy[dict[str, Any]]:
    keys = (texts | st.sampled_from(["liveId", "房间", "x-trace"])).filter(lambda k: k not in known)
    return st.dictionaries(keys, json_values, max_size=3)


STREAM_EXTRAS = _extras(STREAM_FIELDS)
RENDITION_EXTRAS = _extras(RENDITION_FIELDS)
_MISSING = object()
_CORRUPT = _JUNK | st.none() | st.just(_MISSING)
_OPTIONAL = {kind: good | st.none() | st.just(_MISSING) for kind, good in _GOOD.items()}


@st.composite
def records(
    draw: st.DrawFn, known: dict[str, tuple[str, bool]], extras: st.SearchStrategy[dict[str, Any]]
) -> dict[str, Any]:
    """A record with a field or two of the wrong type (or left out), some nulls, and extras."""
    corrupt = draw(st.sets(st.sampled_from(sorted(known)), max_size=2))
    record: dict[str, Any] = {}
    for name, (kind, required) in known.items():
        if name in corrupt:
            value = draw(_CORRUPT)
        else:
            value = draw(_GOOD[kind] if required else _OPTIONAL[kind])
        if value is not _MISSING:
            record[name] = value
    record.update(draw(extras))
    return record


def _fits(value: Any, kind: str) -> bool:
    if kind == "int":
        return type(value) is int and INT64[0] <= value <= INT64[1]
    return type(value) is {"str": str, "bool": bool}[kind]


def is_valid(record: dict[str, Any], known: dict[str, tuple[str, bool]]) -> bool:
    """Whether the contract (strict types, 64-bit integers) accepts ``record``."""
    for name, (kind, required) in known.items():
        if name not in record or record[name] is None:
            if required:
                return False
        elif not _fits(record[name], kind):
            return False
    return _depth(record) <= MAX_DEPTH


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


# -- the checks --------------------------------------------------------------


def assert_one_line(error: Exception) -> None:
    text = str(error)
    assert text.isprintable(), repr(text)
    assert text


def decode_all(body: bytes) -> Envelope | None:
    """Everything a client does with a body; only typed errors may come out."""
    try:
        envelope = decode_envelope(body)
    except ProtocolError as error:
        assert_one_line(error)
        return None
    for step in (envelope.result, envelope.raise_for_code):
        try:
            step()
        except (ProtocolError, ServerError) as error:
            assert_one_line(error)
    for decode in (decode_info, decode_page):
        try:
            model = decode(envelope.payload)
        except ProtocolError as error:
            assert_one_line(error)
        else:
            assert isinstance(model.raw_object, dict)
    return envelope


def check_record(record: dict[str, Any], got: StreamRecord | Rendition) -> None:
    """A decoded record holds every field as sent: typed fields, raw and extras."""
    known = STREAM_FIELDS if isinstance(got, StreamRecord) else RENDITION_FIELDS
    assert got.raw_object == json.loads(json.dumps(record))
    assert got.extra == {k: v for k, v in got.raw_object.items() if k not in known}
    for name, attr in zip(
        type(got).__struct_encode_fields__, type(got).__struct_fields__, strict=True
    ):
        assert getattr(got, attr) == record.get(name), name


def check_info(stream: dict[str, Any], videos: list[dict[str, Any]]) -> None:
    body = json.dumps(
        {"code": 200, "message": "SUCCESS", "result": {"stream": stream, "videos": videos}}
    )
    envelope = decode_all(body.encode())
    assert envelope is not None
    assert envelope.ok
    valid = is_valid(stream, STREAM_FIELDS) and all(is_valid(v, RENDITION_FIELDS) for v in videos)
    try:
        info = decode_info(envelope.payload)
    except ProtocolError:
        assert not valid
        return
    assert valid
    check_record(stream, info.stream)
    for sent, got in zip(videos, info.videos, strict=True):
        check_record(sent, got)


# -- the properties ----------------------------------------------------------


@FUZZ
@given(body=st.binary(max_size=256))
def test_any_bytes_give_an_envelope_or_a_protocol_error(body: bytes) -> None:
    decode_all(body)


@FUZZ
@given(value=json_values)
def test_any_json_value_gives_an_envelope_or_a_protocol_error(value: Any) -> None:
    decode_all(json.dumps(value, ensure_ascii=False).encode())


@FUZZ
@given(
    code=st.integers(*INT64) | huge_ints | st.sampled_from([200, 400, 401, 404, 409, 429, 503]),
    message=texts | st.text(min_size=300, max_size=400),
    result=json_values,
)
def test_any_envelope_code_gives_its_error(code: int, message: str, result: Any) -> None:
    envelope = decode_all(json.dumps({"code": code, "message": message, "result": result}).encode())
    assert envelope is not None
    assert envelope.code == code
    if code == 200:
        envelope.raise_for_code()
        return
    kinds = {400: BadRequest, 401: Unauthorized, 404: NotFound, 409: Conflict, 429: RateLimited}
    kind = kinds.get(code, ServiceUnavailable if code >= 500 else ServerError)
    with pytest.raises(ServerError) as caught:
        envelope.raise_for_code()
    assert type(caught.value) is kind
    assert caught.value.code == code
    assert caught.value.server_message == (message or "(no message)")


@FUZZ
@given(
    stream=records(STREAM_FIELDS, STREAM_EXTRAS),
    videos=st.lists(records(RENDITION_FIELDS, RENDITION_EXTRAS), max_size=3),
)
def test_info_records_of_any_field_types_give_a_model_or_a_protocol_error(
    stream: dict[str, Any], videos: list[dict[str, Any]]
) -> None:
    check_info(stream, videos)


@FUZZ
@given(
    stream=json_values | records(STREAM_FIELDS, STREAM_EXTRAS),
    videos=json_values | st.lists(json_values | records(RENDITION_FIELDS, RENDITION_EXTRAS)),
    drop=st.sampled_from(["", "stream", "videos"]),
)
def test_info_results_of_any_shape_give_a_model_or_a_protocol_error(
    stream: Any, videos: Any, drop: str
) -> None:
    result = {key: value for key, value in (("stream", stream), ("videos", videos)) if key != drop}
    try:
        info = decode_info(json.dumps(result).encode())
    except ProtocolError as error:
        assert_one_line(error)
    else:
        assert isinstance(stream, dict)
        assert info.stream.raw_object == json.loads(json.dumps(stream))


@FUZZ
@given(
    paging=st.fixed_dictionaries(
        {"total": _JUNK | st.integers(0, 10**6), "page": st.integers(1, 100)},
        optional={"pageSize": st.integers(1, 500) | _JUNK, "serverTime": _JUNK},
    ),
    streams=st.lists(records(STREAM_FIELDS, STREAM_EXTRAS), max_size=3),
)
def test_pages_of_any_field_types_give_a_model_or_a_protocol_error(
    paging: dict[str, Any], streams: list[dict[str, Any]]
) -> None:
    body = json.dumps({"code": 200, "message": "OK", "result": {**paging, "streams": streams}})
    envelope = decode_all(body.encode())
    assert envelope is not None
    valid = all(is_valid(record, STREAM_FIELDS) for record in streams) and is_valid(
        paging, {"total": ("int", True), "page": ("int", True), "pageSize": ("int", True)}
    )
    valid = valid and (paging.get("serverTime") is None or _fits(paging["serverTime"], "int"))
    try:
        page = decode_page(envelope.payload)
    except ProtocolError:
        assert not valid
        return
    assert valid
    for sent, got in zip(streams, page.streams, strict=True):
        check_record(sent, got)


@FUZZ
@given(
    depth=st.integers(MAX_DEPTH - 2, 3000),
    opener=st.sampled_from(["[", '{"a":']),
    where=st.sampled_from(["stream", "videos", "result", "envelope"]),
)
def test_deep_nesting_gives_a_protocol_error_not_a_recursion_error(
    depth: int, opener: str, where: str
) -> None:
    closer = "]" if opener == "[" else "}"
    deep = opener * depth + "1" + closer * depth
    stream = f'{{"roomId":"1","x":{deep}}}' if where == "stream" else '{"roomId":"1"}'
    videos = f'[{{"key":"k","y":{deep}}}]' if where == "videos" else "[]"
    result = f'{{"stream":{stream},"videos":{videos},"z":{deep if where == "result" else 0}}}'
    junk = deep if where == "envelope" else "0"
    envelope = decode_all(f'{{"code":200,"junk":{junk},"result":{result}}}'.encode())
    if envelope is None:
        return
    levels = {"stream": depth + 2, "videos": depth + 3, "result": depth + 1, "envelope": 2}[where]
    try:
        info = decode_info(envelope.payload)
    except ProtocolError:
        assert levels > MAX_DEPTH
    else:
        assert levels <= MAX_DEPTH
        # What was kept can be decoded and encoded again at any later time.
        assert json.dumps([info.raw_object, info.stream.raw_object])
