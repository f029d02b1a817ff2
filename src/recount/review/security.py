"""HTTP hardening that applies to every response, and log lines without names."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)

SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
)


log = logging.getLogger("recount.review")


class SecurityHeadersMiddleware:
    """Adds the headers above to every HTTP response, and turns an unexpected error
    into a bare 500 whose log line names the error's type and the path only (an
    error message or traceback could quote a value from the data)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                headers = list(message.get("headers", []))
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            log.error("unhandled %s on %s %s", type(exc).__name__, scope["method"], scope["path"])
            if started:
                return
            body = b'{"error":"internal error"}'
            await send_with_headers(
                {
                    "type": "http.response.start",
                    "status": 500,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})


class RedactQueryFilter(logging.Filter):
    """Drops the query string from uvicorn's access log lines.

    Paths name records and people by id only; query strings could carry a
    filter a reviewer typed, so they never reach the log.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], urlsplit(args[2]).path, *args[3:])
        return True


def uvicorn_log_config() -> dict:
    """uvicorn's default logging, with the access log passed through RedactQueryFilter."""
    from uvicorn.config import LOGGING_CONFIG

    config = {
        **LOGGING_CONFIG,
        "filters": {"redact_query": {"()": "recount.review.security.RedactQueryFilter"}},
        "handlers": {name: dict(handler) for name, handler in LOGGING_CONFIG["handlers"].items()},
    }
    config["handlers"]["access"]["filters"] = ["redact_query"]
    return config


def server_options(settings) -> dict:
    """uvicorn options: X-Forwarded-For is read only from the proxies `[review] trusted_proxies`
    names (uvicorn would otherwise believe any client connecting from 127.0.0.1)."""
    proxies = list(settings.trusted_proxies)
    return {
        "proxy_headers": bool(proxies),
        "forwarded_allow_ips": proxies or [],
        "server_header": False,
        "log_config": uvicorn_log_config(),
    }
