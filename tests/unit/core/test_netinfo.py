"""The outbound address is a real IP address, and loopback when there is no route."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from qiemonitor.core import netinfo


def test_outbound_ip_is_an_ip_address() -> None:
    ipaddress.ip_address(netinfo.outbound_ip())


def test_without_a_route_it_falls_back_to_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoRoute(socket.socket):
        def connect(self, address: object) -> None:
            raise OSError(101, "Network is unreachable")

    monkeypatch.setattr(netinfo.socket, "socket", NoRoute)
    assert netinfo.outbound_ip() == "127.0.0.1"
