"""Run 1EdTech's Open Badges 2.0 validator once and print its result as JSON (one line).

Runs in the separate validator virtualenv (.venv-ob2, Python 3.12), never in the project's: it
imports nothing from the project. Reads a JSON request on standard input::

    {"input": "<assertion URL | JSON | JWS>" or null, "file": "<path of a baked PNG/SVG>" or null,
     "email": "<recipient email>", "context": "<path of the pinned OB 2.0 context>"}

Offline: the only non-loopback URL answered is https://w3id.org/openbadges/v2 (from the pinned
context file); every other request is refused, by ``responses`` for HTTP and by a socket guard
underneath it, so a validator that tried to reach anything else fails loudly.
"""

import collections
import collections.abc
import ipaddress
import json
import re
import socket
import sys

# openbadges 1.1.2 and python-jose 3.0.1 still use the names Python 3.10 removed.
for _name in ("Mapping", "MutableMapping", "Iterable", "Sequence"):
    setattr(collections, _name, getattr(collections.abc, _name))

OB2_CONTEXT_URL = "https://w3id.org/openbadges/v2"
LOOPBACK = re.compile(r"^https?://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?/")

_real_connect = socket.socket.connect


def _loopback_only(sock, address, *args):
    host = address[0] if isinstance(address, tuple) else address
    try:
        allowed = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        allowed = False
    if not allowed:
        raise ConnectionRefusedError(f"ob2 validator driver: off-machine connection to {address!r}")
    return _real_connect(sock, address, *args)


def main():
    request = json.load(sys.stdin)
    socket.socket.connect = _loopback_only

    import openbadges
    import responses

    with open(request["context"], encoding="utf-8") as handle:
        context = handle.read()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        for method in (responses.GET, responses.HEAD):
            mock.add(method, OB2_CONTEXT_URL, body=context, content_type="application/ld+json")
        mock.add_passthru(LOOPBACK)
        profile = {"email": request["email"]} if request.get("email") else None
        if request.get("file"):
            with open(request["file"], "rb") as badge:
                result = openbadges.verify(badge, recipient_profile=profile, use_cache=False)
        else:
            result = openbadges.verify(request["input"], recipient_profile=profile, use_cache=False)
    report = result.get("report", {})
    json.dump(
        {
            "valid": report.get("valid"),
            "errorCount": report.get("errorCount"),
            "warningCount": report.get("warningCount"),
            "messages": report.get("messages", []),
            "graph": result.get("graph", []),
        },
        sys.stdout,
        default=str,
        ensure_ascii=False,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
