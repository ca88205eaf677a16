"""Who is asking, and where the service is: proxy headers count only from configured proxies.

`Host`, `X-Forwarded-Proto`, `X-Forwarded-Host` and `X-Forwarded-For` are whatever the sender
chose to write, so they decide nothing unless the connection comes from a trusted proxy
(uvicorn's `--forwarded-allow-ips`, applied here so it holds in-process too). Otherwise the
client is the connection's peer and absolute URLs point at the address the service is bound to.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping
from typing import Any

_HOST = re.compile(r"^([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(:\d{1,5})?$")
_DEFAULT_PORTS = {"http": 80, "https": 443}

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class TrustedProxies:
    """The peers whose forwarding headers are believed: IPs, CIDR networks, or `*` for any."""

    def __init__(self, allowed: str | Iterable[str] | None = None) -> None:
        items = allowed.split(",") if isinstance(allowed, str) else list(allowed or ())
        self.any = False
        self.networks: list[IpNetwork] = []
        self.names: set[str] = set()
        for raw in (item.strip() for item in items):
            if not raw:
                continue
            if raw == "*":
                self.any = True
                continue
            try:
                self.networks.append(ipaddress.ip_network(raw, strict=False))
            except ValueError:
                self.names.add(raw)  # a non-IP peer name, e.g. an in-process test client

    def __bool__(self) -> bool:
        return self.any or bool(self.networks or self.names)

    def trusts(self, host: str | None) -> bool:
        if not host or not self:
            return False
        if self.any or host in self.names:
            return True
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in network for network in self.networks)


def _header(scope: Mapping[str, Any], name: bytes) -> str | None:
    values = [v for k, v in scope.get("headers", ()) if k == name]
    return b",".join(values).decode("latin-1") if values else None


def _peer(scope: Mapping[str, Any]) -> str | None:
    client = scope.get("client")
    return str(client[0]) if client else None


def client_address(scope: Mapping[str, Any], proxies: TrustedProxies) -> str:
    """The client's address: the peer, or what a trusted proxy says it forwarded for."""
    peer = _peer(scope)
    if proxies and proxies.trusts(peer):
        forwarded = _header(scope, b"x-forwarded-for")
        if forwarded:
            # The rightmost entry a trusted proxy did not add is the real client.
            for hop in reversed([h.strip() for h in forwarded.split(",")]):
                if hop and not proxies.trusts(hop):
                    return hop[:64]
    return peer or "-"


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def base_url(scope: Mapping[str, Any], proxies: TrustedProxies) -> str:
    """`scheme://host[:port]` the request reached: bound address, or a trusted proxy's word."""
    secure = scope.get("scheme") in ("https", "wss")
    if proxies and proxies.trusts(_peer(scope)):
        proto = (_header(scope, b"x-forwarded-proto") or "").split(",")[0].strip().lower()
        if proto in ("http", "https", "ws", "wss"):
            secure = proto in ("https", "wss")
        named = (_header(scope, b"x-forwarded-host") or _header(scope, b"host") or "").split(",")
        if _HOST.match(named[0].strip()):
            return f"{'https' if secure else 'http'}://{named[0].strip()}"
    scheme = "https" if secure else "http"
    server = scope.get("server")
    if not server or not _HOST.match(_bracketed(str(server[0]))):
        return f"{scheme}://localhost"  # no address, or a unix socket's path
    host, port = _bracketed(str(server[0])), server[1]
    if port is None or int(port) == _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{int(port)}"
