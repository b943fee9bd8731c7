"""Pure helpers of the security gate."""

from __future__ import annotations

from pathlib import Path

from dagster_designer.server.security import SecurityMiddleware, scrub, split_host
from dagster_designer.settings import Settings


def test_split_host() -> None:
    assert split_host("127.0.0.1:3333") == ("127.0.0.1", "3333")
    assert split_host("[::1]:3333") == ("::1", "3333")
    assert split_host("LocalHost") == ("localhost", "")


def test_scrub_hides_tokens() -> None:
    assert scrub("/x?token=abc&b=1") == "/x?token=%2A%2A%2A&b=1"
    assert "abc" not in scrub("http://h/?token=abc")
    assert scrub("/plain") == "/plain"


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
