"""JSON as text for people: re-indent without touching a key or a value (no Qt)."""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["pretty_json", "reindent_json"]

# A string (escapes kept as sent), a structural character, or a bare literal.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+', re.DOTALL)
_CLOSERS = {"{": "}", "[": "]"}


def reindent_json(raw: bytes | str, indent: int = 2) -> str:
    """Lay ``raw`` out one member per line; only whitespace between tokens changes.

    Unlike a decode and re-encode, keys keep their order (duplicates too),
    numbers keep their spelling (``1.50``, ``1e3``, 20-digit ids) and string
    escapes stay exactly as received.
    """
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    tokens = _TOKEN.findall(text)
    out: list[str] = []
    depth = 0
    pad = " " * indent
    for i, token in enumerate(tokens):
        if token in _CLOSERS:
            following = tokens[i + 1] if i + 1 < len(tokens) else ""
            out.append(token)
            if following != _CLOSERS[token]:
                depth += 1
                out.append("\n" + pad * depth)
        elif token in ("}", "]"):
            previous = tokens[i - 1] if i else ""
            if _CLOSERS.get(previous) != token:
                depth = max(0, depth - 1)
                out.append("\n" + pad * depth)
            out.append(token)
        elif token == ",":
            out.append(",\n" + pad * depth)
        elif token == ":":
            out.append(": ")
        else:
            out.append(token)
    return "".join(out)


def pretty_json(value: Any) -> str:
    """Plain values as indented JSON with Chinese (any non-ASCII) left readable."""
    return json.dumps(value, ensure_ascii=False, indent=2)
