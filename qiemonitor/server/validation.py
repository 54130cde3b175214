"""Reading request bodies into the wire models, naming every bad or missing field at once.

The fields, their types and which are required come from the msgspec models
themselves (the client's :class:`StartReport` and :class:`StopReport`, and the
server's query structs below); :data:`RULES` adds the constraints the models
do not carry (a numeric ``roomId``, an IP address, ranges), and the OpenAPI
document is built from the same two sources so it cannot drift from what is
enforced. Types are strict: ``"123"`` is not an integer and ``true`` is not
one either, while ``123.0`` is one, as JSON Schema (and so the document) says.
Fields the server does not know are ignored.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

import msgspec
import msgspec.inspect as mi
from msgspec import UNSET, UnsetType

from qiemonitor.server.errors import bad_request

__all__ = [
    "INFO_KEYS",
    "INT64_MAX",
    "INT64_MIN",
    "MAX_PAGE_SIZE",
    "MAX_TIME_MS",
    "RULES",
    "InfoQuery",
    "ListQuery",
    "RecordsQuery",
    "Rule",
    "parse",
]

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
MAX_PAGE_SIZE = 500
MAX_STATUSES = 100

# info takes exactly one of these.
INFO_KEYS = ("roomId", "streamName", "vid")

_M = TypeVar("_M", bound=msgspec.Struct)


class InfoQuery(msgspec.Struct, rename="camel", kw_only=True, frozen=True):
    """``info``: exactly one of a room (its current record), a stream key or a record id."""

    room_id: str | UnsetType = UNSET
    stream_name: str | UnsetType = UNSET
    vid: int | UnsetType = UNSET


class ListQuery(msgspec.Struct, rename="camel", kw_only=True, frozen=True):
    """``list``: one page of the rooms' current records, optionally narrowed."""

    page: int = 1
    page_size: int = 100
    status: list[int] | None = None
    keyword: str | None = None
    updated_since: int | None = None


class RecordsQuery(msgspec.Struct, rename="camel", kw_only=True, frozen=True):
    """``records``: one page of a room's records, newest first."""

    room_id: str
    page: int = 1
    page_size: int = 100


@dataclass(frozen=True, slots=True)
class Rule:
    """Constraints on one wire field beyond its type, with the message that names a breach."""

    minimum: int = INT64_MIN
    maximum: int = INT64_MAX
    digits: int | None = None  # a string of 1..digits ASCII digits
    address: bool = False  # an IPv4 or IPv6 address
    max_items: int | None = None
    message: str = ""

    def schema(self) -> dict[str, Any]:
        """The JSON Schema keywords that say the same as this rule."""
        if self.digits is not None:
            return {"pattern": f"^[0-9]{{1,{self.digits}}}$"}
        if self.address:
            return {"anyOf": [{"format": "ipv4"}, {"format": "ipv6"}]}
        if self.max_items is not None:
            return {"maxItems": self.max_items}
        return {"minimum": self.minimum, "maximum": self.maximum}


# Past this a time has no calendar date: records turn times into dates (keys, thumbnails).
MAX_TIME_MS = 253_370_764_800_000  # 9999-01-01T00:00:00Z
_TIME = Rule(maximum=MAX_TIME_MS, minimum=0, message="must be a time in ms, from 0 to 9999-01-01")
_PAGE_SIZE = f"must be between 1 and {MAX_PAGE_SIZE}"

RULES: dict[str, Rule] = {
    "roomId": Rule(digits=32, message="must be a numeric string (1 to 32 digits)"),
    "ip": Rule(address=True, message="must be an IPv4 or IPv6 address"),
    "startTime": _TIME,
    "endTime": _TIME,
    "page": Rule(minimum=1, message="must be 1 or more"),
    "pageSize": Rule(minimum=1, maximum=MAX_PAGE_SIZE, message=_PAGE_SIZE),
    "status": Rule(max_items=MAX_STATUSES, message=f"must list at most {MAX_STATUSES} codes"),
}

_INT64 = Rule(message="must be a 64-bit integer")
_DIGITS = re.compile("[0-9]+")


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    kind: str  # "int", "str" or "ints"
    required: bool
    nullable: bool
    rule: Rule


def _kind(info: mi.Type) -> str:
    if isinstance(info, mi.IntType):
        return "int"
    if isinstance(info, mi.StrType):
        return "str"
    if isinstance(info, mi.ListType) and isinstance(info.item_type, mi.IntType):
        return "ints"
    raise TypeError(f"no validation for {info!r}")


@cache
def _fields(model: type[msgspec.Struct]) -> tuple[_Field, ...]:
    """The wire fields of ``model``, in declaration order."""
    info = mi.type_info(model)
    assert isinstance(info, mi.StructType)
    result = []
    for field in info.fields:
        kind, nullable = field.type, False
        if isinstance(kind, mi.UnionType):
            nullable = any(isinstance(t, mi.NoneType) for t in kind.types)
            (kind,) = [t for t in kind.types if not isinstance(t, mi.NoneType)]
        name = field.encode_name
        result.append(_Field(name, _kind(kind), field.required, nullable, RULES.get(name, _INT64)))
    return tuple(result)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _integral(kind: str, value: Any) -> Any:
    """``value`` with integral floats (``3.0``, ``1e3``) made ints where ``kind`` wants ints."""
    if kind == "int" and isinstance(value, float) and value.is_integer():
        return int(value)
    if kind == "ints" and isinstance(value, list):
        return [_integral("int", item) for item in value]
    return value


def _is_address(text: str) -> bool:
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False
    # JSON Schema's "ipv6" format (and so the OpenAPI document) has no zone index.
    return not (isinstance(address, ipaddress.IPv6Address) and address.scope_id)


def _int_problem(field: _Field, value: Any) -> str | None:
    rule = field.rule
    if not _is_int(value):
        return f"{field.name} must be an integer"
    if not INT64_MIN <= value <= INT64_MAX:
        return f"{field.name} {_INT64.message}"
    if not rule.minimum <= value <= rule.maximum:
        return f"{field.name} {rule.message}"
    return None


def _str_problem(field: _Field, value: Any) -> str | None:
    rule = field.rule
    if not isinstance(value, str):
        return f"{field.name} must be a string"
    if rule.digits is not None and not (len(value) <= rule.digits and _DIGITS.fullmatch(value)):
        return f"{field.name} {rule.message}"
    if rule.address and not _is_address(value):
        return f"{field.name} {rule.message}"
    return None


def _ints_problem(field: _Field, value: Any) -> str | None:
    rule = field.rule
    if not isinstance(value, list) or not all(_is_int(item) for item in value):
        return f"{field.name} must be a list of integers"
    if not all(INT64_MIN <= item <= INT64_MAX for item in value):
        return f"{field.name} items {_INT64.message}"
    if rule.max_items is not None and len(value) > rule.max_items:
        return f"{field.name} {rule.message}"
    return None


_CHECKS = {"int": _int_problem, "str": _str_problem, "ints": _ints_problem}


def _object(body: bytes) -> dict[str, Any]:
    if not body.strip():
        raise bad_request(["the body is empty; send a JSON object"])
    try:
        value = msgspec.json.decode(body)
    except (msgspec.DecodeError, RecursionError):
        raise bad_request(["the body is not valid JSON (UTF-8)"]) from None
    if not isinstance(value, dict):
        raise bad_request(["the body must be a JSON object"])
    return value


def _info_problems(given: dict[str, Any]) -> list[str]:
    named = [key for key in INFO_KEYS if key in given]
    if len(named) == 1:
        return []
    got = f" (got {', '.join(named)})" if named else ""
    return [f"give exactly one of {', '.join(INFO_KEYS)}{got}"]


def parse(body: bytes, model: type[_M]) -> _M:
    """``body`` as a ``model``; raises :class:`Rejected` (400) naming every problem."""
    given = _object(body)
    problems: list[str] = []
    clean: dict[str, Any] = {}
    for field in _fields(model):
        value = given.get(field.name, UNSET)
        if value is UNSET or (value is None and field.nullable):
            if field.required:
                problems.append(f"{field.name} is required")
            continue
        value = _integral(field.kind, value)
        problem = _CHECKS[field.kind](field, value)
        if problem is None:
            clean[field.name] = value
        else:
            problems.append(problem)
    if model is InfoQuery:
        problems += _info_problems(given)
    if problems:
        raise bad_request(problems)
    return msgspec.convert(clean, model)
