"""The connection indicator and the status bar's countdown: green, amber, red, retry now."""

from __future__ import annotations

from typing import Any

import pytest

from qiemonitor.api.errors import ServerUnreachable
from qiemonitor.core.poller import PollFailure, PollMode
from qiemonitor.ui.connection_indicator import (
    RED_FAILURES,
    ConnectionIndicator,
    ConnectionState,
    Health,
    amber_after,
    red_after,
)
from qiemonitor.ui.status_bar import MonitorStatusBar


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _failure(failures: int, retry_in: float) -> PollFailure:
    error = ServerUnreachable("cannot reach server at http://127.0.0.1:9/api/v1/live/list")
    return PollFailure(error, failures, retry_in)


def test_health_follows_failures_and_the_age_of_the_data() -> None:
    state = ConnectionState(interval=5.0, started=0.0)
    assert state.health(1.0) is Health.WAITING
    assert state.health(amber_after(5.0) + 1) is Health.LATE  # the first answer is slow
    state.succeeded(20.0)
    assert state.health(24.0) is Health.OK
    assert state.health(20.0 + amber_after(5.0) + 0.1) is Health.LATE
    assert state.health(20.0 + red_after(5.0) + 0.1) is Health.DOWN  # a poll that never ends
    state.failed("cannot reach", 1, 10.0, 25.0)
    assert state.health(25.0) is Health.FAILING
    assert state.retry_in(31.0) == 4.0
    state.failed("cannot reach", RED_FAILURES, 40.0, 60.0)
    assert state.health(60.0) is Health.DOWN
    state.paused = True
    assert state.health(60.0) is Health.PAUSED
    state.paused = False
    recovery = state.succeeded(70.0)
    assert recovery is not None
    assert (recovery.failures, recovery.seconds) == (RED_FAILURES, 45.0)
    assert state.health(70.0) is Health.OK
    assert state.succeeded(75.0) is None  # no run of failures to report


def test_amber_and_red_scale_with_the_interval() -> None:
    assert amber_after(5.0) == 10.0
    assert amber_after(0.2) == pytest.approx(2.2)  # a tiny interval still allows a slow answer
    assert red_after(5.0) == 60.0
    assert red_after(30.0) == 300.0


def test_the_indicator_shows_a_coloured_dot_a_word_and_why(qtbot: Any) -> None:
    indicator = ConnectionIndicator()
    qtbot.addWidget(indicator)
    state = ConnectionState(interval=5.0, started=0.0)
    state.succeeded(0.0)
    assert indicator.show_state(state, 3.0) is Health.OK
    assert indicator.word.text() == "Online"
    assert indicator.color.name() == "#2e9e44"
    assert "Last successful poll 3 s ago" in indicator.toolTip()
    state.failed("cannot reach server at http://x", 1, 10.0, 4.0)
    indicator.show_state(state, 4.0)
    assert (indicator.word.text(), indicator.color.name()) == ("Retrying", "#e69500")
    assert indicator.toolTip().splitlines()[0] == "cannot reach server at http://x"
    state.failed("cannot reach server at http://x", RED_FAILURES, 20.0, 14.0)
    indicator.show_state(state, 14.0)
    assert (indicator.word.text(), indicator.color.name()) == ("Offline", "#c0392b")
    assert "3 failed polls in a row." in indicator.toolTip()
    assert indicator.accessibleName() == "Offline"
    assert not indicator.dot.pixmap().isNull()


def test_the_status_bar_counts_down_and_retries_now(qtbot: Any) -> None:
    clock = Clock()
    bar = MonitorStatusBar(clock=clock)
    qtbot.addWidget(bar)
    bar.start_connection(5.0)
    assert bar.health is Health.WAITING
    assert bar.countdown_label.isHidden()
    assert bar.retry_button.isHidden()
    assert bar.note_success(5.0) is None
    assert bar.health is Health.OK

    clock.now += 5
    with qtbot.waitSignal(bar.health_changed) as changed:
        bar.note_failure(_failure(1, 12.0), 5.0)
    assert changed.args == [Health.FAILING]
    assert bar.countdown_label.text() == "retrying in 12 s"
    assert not bar.countdown_label.isHidden()
    assert not bar.retry_button.isHidden()
    clock.now += 4.5
    bar.on_timer_timeout()  # what the bar's one-second timer does
    assert bar.countdown_label.text() == "retrying in 8 s"

    with qtbot.waitSignal(bar.retry_requested):
        bar.retry_button.click()
    assert bar.countdown_label.text() == "retrying…"

    bar.show_paused(True)
    assert bar.health is Health.PAUSED
    assert bar.countdown_label.isHidden()  # paused: no try is coming
    assert not bar.retry_button.isHidden()  # but one may be asked for
    bar.show_paused(False)

    clock.now += 10
    recovery = bar.note_success(5.0)
    assert recovery is not None
    assert (recovery.failures, round(recovery.seconds, 1)) == (1, 14.5)
    assert bar.health is Health.OK
    assert bar.countdown_label.isHidden()
    assert bar.retry_button.isHidden()


def test_the_status_bar_says_when_only_watched_rooms_are_polled(qtbot: Any) -> None:
    bar = MonitorStatusBar()
    qtbot.addWidget(bar)
    assert bar.mode_label.isHidden()
    bar.show_mode(PollMode.WATCHED, 3)
    assert bar.mode_label.text() == "Watched rooms only (3)"
    assert "no room list" in bar.mode_label.toolTip()
    assert not bar.mode_label.isHidden()
    bar.show_mode(PollMode.LIST, 3)
    assert bar.mode_label.isHidden()


def test_the_token_prompt_refuses_a_token_that_cannot_go_in_a_header(qtbot: Any) -> None:
    from qiemonitor.ui.token_prompt import TokenPrompt

    prompt = TokenPrompt("http://127.0.0.1:1", "server answered code 401: token")
    qtbot.addWidget(prompt)
    prompt.show()
    entered: list[str] = []
    prompt.token_entered.connect(entered.append)
    prompt.setTextValue("two words")
    prompt.accept()
    assert prompt.isVisible()
    assert "This token cannot be used" in prompt.labelText()
    assert entered == []
    prompt.setTextValue(" s3cret ")
    prompt.accept()
    assert entered == ["s3cret"]
