"""Re-indenting JSON changes whitespace only: keys, order and number spellings stay."""

from __future__ import annotations

import json
import re
from pathlib import Path

from qiemonitor.core.json_text import pretty_json, reindent_json

SAMPLE = Path(__file__).parents[2] / "data" / "seed-sample-response.json"

_OUTSIDE_STRINGS = re.compile(r'("(?:[^"\\]|\\.)*")|\s+')


def _squeeze(text: str) -> str:
    return _OUTSIDE_STRINGS.sub(lambda m: m.group(1) or "", text)


def test_the_sample_keeps_every_token() -> None:
    raw = SAMPLE.read_bytes()
    text = reindent_json(raw)
    assert _squeeze(text) == _squeeze(raw.decode())
    assert json.loads(text) == json.loads(raw)
    assert '"userName": "安哥拉男子足球队"' in text


def test_spellings_duplicates_and_escapes_survive() -> None:
    raw = b'{"b":1.50,"a":1e3,"id":123456789012345678901,"a":"x\\u8db3\\"y, :{","e":[],"o":{}}'
    text = reindent_json(raw)
    assert _squeeze(text) == raw.decode()
    assert text.splitlines() == [
        "{",
        '  "b": 1.50,',
        '  "a": 1e3,',
        '  "id": 123456789012345678901,',
        '  "a": "x\\u8db3\\"y, :{",',
        '  "e": [],',
        '  "o": {}',
        "}",
    ]


def test_pretty_json_leaves_chinese_readable() -> None:
    assert pretty_json({"t": "足球"}) == '{\n  "t": "足球"\n}'
