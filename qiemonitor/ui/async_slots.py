"""A typed face for qasync's ``asyncSlot``, so ``mypy --strict`` checks the slots it wraps."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, ParamSpec, cast

import qasync

__all__ = ["async_slot"]

P = ParamSpec("P")
AsyncHandler = Callable[P, Coroutine[Any, Any, None]]


def async_slot(
    *types: type,
) -> Callable[[AsyncHandler[P]], Callable[P, asyncio.Task[None]]]:
    """``@async_slot()``: run the coroutine as a task on the loop when the signal fires.

    The wrapped call returns the task; inside, ``asyncio.current_task()`` is
    it, so a widget can keep the reference it must keep.
    """
    return cast(
        "Callable[[AsyncHandler[P]], Callable[P, asyncio.Task[None]]]", qasync.asyncSlot(*types)
    )
