"""Keep the client's token and presigned URLs' signatures out of errors and log records.

A server may echo what it was sent: a 401 whose detail quotes the Authorization header, a
header carrying the token back, a storage error quoting the signature it rejected. The SDK
builds its error messages from those answers, and httpx (INFO: "HTTP Request: PUT <url>") and
httpcore (DEBUG: every response header) log them. So:

* scrub_error() rewrites an error the SDK raises (message, args, problem body, the kept
  response's body and headers, and the exceptions it was chained from) with every secret of
  the call replaced by REDACTED;
* CallLogFilter, installed on the loggers of httpx, httpcore, hpack and roleplay_sdk, rewrites
  only the records emitted while one of the SDK's own attempts is bound (the ContextVar in
  _http.py); a caller's own httpx requests elsewhere are logged exactly as before.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Any

import httpx

from roleplay_sdk._exceptions import APIError, APIStatusError
from roleplay_sdk._http import current_state

REDACTED = "***"
# Every logger that sees a request's URL or headers: httpx (the URL at INFO), httpcore's
# (response headers at DEBUG), hpack's (HTTP/2 header blocks at DEBUG), and the SDK's own.
LOGGERS = (
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
    "hpack.hpack",
    "hpack.table",
    "roleplay_sdk",
)
# Query values shorter than this are not scrubbed on their own (they cannot be a signature,
# and scrubbing "1" everywhere would garble messages); the whole query always is.
MIN_SECRET_VALUE = 8


def url_secrets(url: str) -> tuple[str, ...]:
    """What a presigned URL must not leak: its query, and each long value in it."""
    parsed = httpx.URL(url)
    query = parsed.query.decode("ascii", "replace")
    if not query:
        return ()
    values = [value for _, value in parsed.params.multi_items() if len(value) >= MIN_SECRET_VALUE]
    raw = [part.partition("=")[2] for part in query.split("&")]
    found = {query, *values, *(value for value in raw if len(value) >= MIN_SECRET_VALUE)}
    return tuple(sorted(found, key=len, reverse=True))  # longest first: no partial leftovers


def scrub(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret and secret in text:
            text = text.replace(secret, REDACTED)
    return text


def scrub_data(value: Any, secrets: tuple[str, ...]) -> Any:
    """A JSON-like value with every string scrubbed (keys included)."""
    if isinstance(value, str):
        return scrub(value, secrets)
    if isinstance(value, dict):
        return {scrub_data(k, secrets): scrub_data(v, secrets) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub_data(item, secrets) for item in value]
    return value


def _leaks(text: str, secrets: tuple[str, ...]) -> bool:
    return any(secret and secret in text for secret in secrets)


def _scrub_response(response: httpx.Response, secrets: tuple[str, ...]) -> None:
    encoded = [secret.encode() for secret in secrets if secret]
    content: bytes | None = getattr(response, "_content", None)  # None: the body was not read
    if content is not None and any(secret in content for secret in encoded):
        for secret in encoded:
            content = content.replace(secret, REDACTED.encode())
        response._content = content
    if any(_leaks(value, secrets) for value in response.headers.values()):
        response.headers = httpx.Headers(
            [(name, scrub(value, secrets)) for name, value in response.headers.multi_items()]
        )


def scrub_error(error: APIError, secrets: tuple[str, ...]) -> None:
    """Rewrite an error in place (it keeps its class, traceback and chain)."""
    secrets = tuple(secret for secret in secrets if secret)
    if not secrets:
        return
    error.message = scrub(error.message, secrets)
    error.args = tuple(scrub_data(arg, secrets) for arg in error.args)
    if isinstance(error, APIStatusError):
        if _leaks(json.dumps(error.body, default=str), secrets):
            error.body = scrub_data(error.body, secrets)
        if error.request_id is not None:
            error.request_id = scrub(error.request_id, secrets)
    response = getattr(error, "response", None)
    if isinstance(response, httpx.Response):
        _scrub_response(response, secrets)
    seen: set[int] = {id(error)}
    chained = error.__cause__ or error.__context__
    while chained is not None and id(chained) not in seen:
        seen.add(id(chained))
        chained.args = tuple(scrub_data(arg, secrets) for arg in chained.args)
        chained = chained.__cause__ or chained.__context__


class CallLogFilter(logging.Filter):
    """Scrubs the secrets of the SDK attempt bound in this context from a record; else no-op."""

    def filter(self, record: logging.LogRecord) -> bool:
        state = current_state()
        if state is None:
            return True
        secrets = state.secrets()
        message = record.getMessage()
        if _leaks(message, secrets) or (record.args and _leaks(repr(record.args), secrets)):
            record.msg, record.args = scrub(message, secrets), None
        if record.exc_info and record.exc_text is None:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and _leaks(record.exc_text, secrets):
            record.exc_text = scrub(record.exc_text, secrets)
            record.exc_info = None
        return True


LOG_FILTER = CallLogFilter()


def install_log_filter() -> None:
    """Add LOG_FILTER to the loggers in LOGGERS (once; later calls cost a membership test)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if LOG_FILTER not in logger.filters:
            logger.addFilter(LOG_FILTER)
