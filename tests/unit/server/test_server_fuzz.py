"""No body, however odd, gets anything but a well-formed envelope below 500."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from server_helpers import Api, start_report

FIELDS = [
    "startTime", "endTime", "categoryId", "categoryName", "userId", "userName", "title",
    "roomId", "ip", "streamName", "reason", "vid", "page", "pageSize", "status", "keyword",
    "updatedSince",
]  # fmt: skip

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["10002625", "0", "127.0.0.1", "::1", "%", "\n"])
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4), max_leaves=8)
bodies = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS), values, max_size=8),
    st.builds(
        lambda room, changes: start_report(room, **changes),
        st.from_regex(r"[0-9]{1,9}", fullmatch=True),
        st.dictionaries(st.sampled_from(FIELDS), values, max_size=3),
    ),
    values,
)
endpoints = st.sampled_from(["start", "stop", "info", "list", "records"])


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(endpoint=endpoints, body=bodies)
def test_no_body_makes_the_server_fail(api: Api, endpoint: str, body: Any) -> None:
    answer = api.post(endpoint, json=body)
    assert answer.status in (200, 400, 404, 409)
    assert answer.message == "SUCCESS" if answer.status == 200 else answer.result is None


@settings(max_examples=100, deadline=None, database=None)
@given(endpoint=endpoints, content=st.binary(max_size=64))
def test_no_bytes_make_the_server_fail(api: Api, endpoint: str, content: bytes) -> None:
    assert api.post(endpoint, content=content).status in (200, 400, 404, 409)
