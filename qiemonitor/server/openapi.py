"""The server's OpenAPI 3.1 document, built from the same models and rules that validation uses."""

from __future__ import annotations

from typing import Any

import msgspec

from qiemonitor import __version__
from qiemonitor.api.models import Rendition, StartReport, StopReport, StreamRecord
from qiemonitor.server.validation import (
    INFO_KEYS,
    INT64_MAX,
    INT64_MIN,
    MAX_PAGE_SIZE,
    RULES,
    InfoQuery,
    ListQuery,
    RecordsQuery,
)

__all__ = ["openapi_document"]

_REF = "#/components/schemas/{name}"
_REQUESTS = (StartReport, StopReport, InfoQuery, ListQuery, RecordsQuery)
_INT64 = {"minimum": INT64_MIN, "maximum": INT64_MAX}

_ERRORS = {
    400: "Bad parameters; the message names every bad or missing field",
    401: "Missing or wrong bearer token",
    404: "Unknown room, stream or record",
    409: "The report conflicts with the room's state",
    413: "The request body is over 1 MiB",
}

# path name → (request model, result schema, error codes, summary)
_ENDPOINTS: dict[str, tuple[type[msgspec.Struct], str, tuple[int, ...], str]] = {
    "start": (StartReport, "OkResult", (400, 409, 413), "开播: report that a room went live"),
    "stop": (StopReport, "OkResult", (400, 409, 413), "关播: report that a room's broadcast ended"),
    "info": (InfoQuery, "InfoResult", (400, 404, 413), "A stream record and its renditions"),
    "list": (ListQuery, "PageResult", (400, 413), "One page of the rooms' current records"),
    "records": (RecordsQuery, "PageResult", (400, 404, 413), "One page of a room's records"),
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _REF.format(name=name)}


def _constrain(name: str, prop: dict[str, Any]) -> None:
    """Add :data:`RULES` (and 64-bit bounds) to one property's schema, as validation enforces."""
    rule = RULES.get(name)
    for branch in prop.get("anyOf", [prop]):
        kind = branch.get("type")
        if kind == "array":
            branch["items"].update(_INT64)
        if kind in ("array", "string") and rule is not None:
            branch.update(rule.schema())
        if kind == "integer":
            branch.update(rule.schema() if rule is not None else _INT64)


def _envelope(
    result: dict[str, Any], code: dict[str, Any], message: dict[str, Any]
) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["code", "message", "result"],
        "properties": {"code": code, "message": message, "result": result},
    }


def _answers() -> dict[str, Any]:
    ok = {"const": 200}
    success = {"const": "SUCCESS"}
    page = {
        "type": "object",
        "required": ["total", "page", "pageSize", "serverTime", "streams"],
        "properties": {
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "pageSize": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            "serverTime": {
                "type": "integer",
                "description": "The server's time (ms); pass it back as updatedSince",
            },
            "streams": {"type": "array", "items": _ref("StreamRecord")},
        },
    }
    info = {
        "type": "object",
        "required": ["stream", "videos"],
        "properties": {
            "stream": _ref("StreamRecord"),
            "videos": {"type": "array", "items": _ref("Rendition")},
        },
    }
    error_code = {"type": "integer", "enum": sorted(_ERRORS)}
    return {
        "OkResult": _envelope({"const": "OK"}, ok, success),
        "InfoResult": _envelope(info, ok, success),
        "PageResult": _envelope(page, ok, success),
        "Error": _envelope({"type": "null"}, error_code, {"type": "string"}),
    }


def _schemas() -> dict[str, Any]:
    _, schemas = msgspec.json.schema_components(
        (*_REQUESTS, StreamRecord, Rendition), ref_template=_REF
    )
    for model in _REQUESTS:
        for name, prop in schemas[model.__name__]["properties"].items():
            _constrain(name, prop)
    schemas["InfoQuery"]["oneOf"] = [{"required": [key]} for key in INFO_KEYS]
    schemas.update(_answers())
    return dict(schemas)


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _operation(name: str, auth: bool) -> dict[str, Any]:
    model, result, errors, summary = _ENDPOINTS[name]
    codes = sorted((*errors, 401) if auth else errors)
    responses = {"200": _json(_ref(result), "Success")}
    responses.update({str(code): _json(_ref("Error"), _ERRORS[code]) for code in codes})
    return {
        "post": {
            "operationId": name,
            "summary": summary,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref(model.__name__)}},
            },
            "responses": responses,
        }
    }


def openapi_document(*, auth: bool) -> dict[str, Any]:
    """The document; ``auth`` declares the bearer token that a ``--token`` server requires."""
    paths = {f"/api/v1/live/{name}": _operation(name, auth) for name in _ENDPOINTS}
    paths["/openapi.json"] = {
        "get": {
            "operationId": "openapi",
            "summary": "This document (public even with a token)",
            "security": [],
            "responses": {"200": _json({"type": "object"}, "The OpenAPI document")},
        }
    }
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {
            "title": "qiemonitor stream management server (流管理系统)",
            "version": __version__,
            "description": "Answers are the envelope {code, message, result}; HTTP status = code.",
        },
        "paths": paths,
        "components": {"schemas": _schemas()},
    }
    if auth:
        document["components"]["securitySchemes"] = {
            "bearerAuth": {"type": "http", "scheme": "bearer"}
        }
        document["security"] = [{"bearerAuth": []}]
    return document
