"""A remote run target from what the user typed, and the token a project keeps in its .env."""

from __future__ import annotations

from pathlib import Path

import pytest

from dagster_designer.services.run_target import (
    InvalidTarget,
    env_file_token,
    remote_target,
    stored_target,
)


def test_a_webserver_url_is_kept_without_its_graphql_path_or_slash() -> None:
    target = remote_target(" http://127.0.0.1:3000/graphql ", " shop ", "")
    assert (target.url, target.location, target.deployment) == (
        "http://127.0.0.1:3000",
        "shop",
        None,
    )
    assert target.graphql_url == "http://127.0.0.1:3000/graphql"
    assert target.organization is None


def test_dagster_plus_names_its_organization_by_the_host() -> None:
    target = remote_target("https://acme.dagster.cloud/prod/", "shop", "prod")
    assert target.graphql_url == "https://acme.dagster.cloud/prod/graphql"
    assert target.organization == "acme"
    assert target.stored() == {
        "url": "https://acme.dagster.cloud/prod",
        "location": "shop",
        "deployment": "prod",
    }


@pytest.mark.parametrize(
    "url",
    ["ftp://host", "localhost:3000", "http://", "file:///etc", "https://u:p@host", "http://h/?a=1"],
)
def test_anything_but_an_http_address_is_refused(url: str) -> None:
    with pytest.raises(InvalidTarget):
        remote_target(url, "shop", None)


def test_a_stored_target_that_no_longer_reads_is_no_target() -> None:
    assert stored_target(None) is None
    assert stored_target({"url": "gopher://x", "location": "shop"}) is None
    assert stored_target({"location": "shop"}) is None
    assert stored_target({"url": "http://h:3000", "location": "shop"}) == remote_target(
        "http://h:3000", "shop", None
    )


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("DAGSTER_CLOUD_API_TOKEN=abc\n", "abc"),
        ('OTHER=1\nexport DAGSTER_CLOUD_API_TOKEN="user:abc"\n', "user:abc"),
        ("DAGSTER_CLOUD_API_TOKEN = 'abc'\r\n", "abc"),
        ("# DAGSTER_CLOUD_API_TOKEN=abc\n", None),
        ("DAGSTER_CLOUD_API_TOKEN=\n", None),
        ("DAGSTER_CLOUD_API_TOKENS=abc\n", None),
    ],
)
def test_the_token_is_read_from_the_projects_env_file(
    tmp_path: Path, text: str, token: str | None
) -> None:
    (tmp_path / ".env").write_text(text)
    assert env_file_token(tmp_path) == token


def test_no_env_file_or_a_link_out_of_the_project_gives_no_token(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    assert env_file_token(project) is None
    (tmp_path / "outside").write_text("DAGSTER_CLOUD_API_TOKEN=abc\n")
    (project / ".env").symlink_to(tmp_path / "outside")
    assert env_file_token(project) is None
