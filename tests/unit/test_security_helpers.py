"""Pure helpers of the security gate."""

from __future__ import annotations

import logging
from pathlib import Path

from dagster_designer.server.security import HideSecrets, SecurityMiddleware, scrub, split_host
from dagster_designer.settings import Settings


def test_split_host() -> None:
    assert split_host("127.0.0.1:3333") == ("127.0.0.1", "3333")
    assert split_host("[::1]:3333") == ("::1", "3333")
    assert split_host("LocalHost") == ("localhost", "")


def test_scrub_hides_tokens() -> None:
    assert scrub("/x?token=abc&b=1") == "/x?token=***&b=1"
    assert "abc" not in scrub("http://h/?token=abc")
    assert scrub("/plain") == "/plain"
    # however the parameter's name is written
    for name in ("%74oken", "%74%6F%6B%65%6E", "TOKEN", "to%6Ben"):
        assert scrub(f'"GET /x?a=1&{name}=abc HTTP/1.1"') == f'"GET /x?a=1&{name}=*** HTTP/1.1"'
    # a known secret wherever it is, plain or encoded
    secret = "s3cr-et"
    encoded = "".join(f"%{b:02x}" for b in secret.encode())
    assert scrub(f"Bearer {secret}", [secret]) == "Bearer ***"
    assert scrub(f"/p/{secret}/q x", [secret]) == "/p/***/q x"
    assert scrub(f"GET /x?other={encoded} ok", [secret]) == "GET *** ok"
    assert scrub(f"GET /x?other=%25{encoded[1:]} ok", [secret]) == "GET *** ok"
    assert scrub("nothing here", [secret]) == "nothing here"


def test_hide_secrets_scrubs_messages_arguments_and_tracebacks() -> None:
    hide = HideSecrets(["s3cret"])

    def record(msg: str, args: tuple, exc: bool = False) -> logging.LogRecord:
        exc_info = None
        if exc:
            try:
                raise ValueError("bad s3cret")
            except ValueError as error:
                exc_info = (ValueError, error, error.__traceback__)
        return logging.LogRecord("x", logging.INFO, __file__, 1, msg, args, exc_info)

    # uvicorn's access line: the arguments stay a tuple its formatter unpacks
    access = record('%s - "%s %s HTTP/%s" %d', ("1.2.3.4", "GET", "/?token=s3cret", "1.1", 200))
    assert hide.filter(access)
    assert access.args == ("1.2.3.4", "GET", "/?token=***", "1.1", 200)
    # a secret inside an argument that is not text
    other = record("seen %r", ({"key": "s3cret"},))
    hide.filter(other)
    assert "s3cret" not in other.getMessage() and "***" in other.getMessage()
    failed = record("failed", (), exc=True)
    hide.filter(failed)
    assert "s3cret" not in logging.Formatter().format(failed)


def test_origin_must_match_host_exactly() -> None:
    ok = SecurityMiddleware._origin_ok
    assert ok("http://127.0.0.1:3333", "127.0.0.1:3333")
    assert not ok("http://127.0.0.1:3334", "127.0.0.1:3333")
    assert not ok("http://127.0.0.1:3333.evil.com", "127.0.0.1:3333")
    assert not ok("null", "127.0.0.1:3333")
    assert not ok("file://", "127.0.0.1:3333")


def test_allowed_hosts_follow_the_bind_address(tmp_path: Path) -> None:
    local = Settings(workspace=tmp_path, token="t")
    assert local.allowed_hosts == {"localhost", "127.0.0.1", "::1"}
    remote = Settings(workspace=tmp_path, token="t", host="0.0.0.0", extra_hosts=("Box.lan",))
    assert "box.lan" in remote.allowed_hosts and "0.0.0.0" not in remote.allowed_hosts
