"""This machine's outbound IP address, found without sending a packet (no Qt)."""

from __future__ import annotations

import ipaddress
import socket

__all__ = ["LOOPBACK", "outbound_ip"]

LOOPBACK = "127.0.0.1"

# Documentation addresses (RFC 5737, RFC 3849): nothing answers there, and
# connect() on a UDP socket only asks the kernel for a route - no packet leaves.
_PROBES = ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1"))


def _source_address(family: socket.AddressFamily, probe: str) -> str | None:
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as sock:
            sock.connect((probe, 9))
            address = str(sock.getsockname()[0])
    except OSError:
        return None
    try:
        parsed = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return None
    return None if parsed.is_unspecified else str(parsed)


def outbound_ip() -> str:
    """The source address the kernel would use to reach the internet, else ``127.0.0.1``."""
    for family, probe in _PROBES:
        address = _source_address(family, probe)
        if address:
            return address
    return LOOPBACK
