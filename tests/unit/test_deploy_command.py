"""The commands a deploy runs: `dg plus deploy` with its secrets only in the environment, and
`dg plus deploy configure` with every choice given so it never prompts; and the masking of the
token in output."""

from __future__ import annotations

from pathlib import Path

from dagster_designer.project_files.config import ProjectConfig
from dagster_designer.services.deploy import MASK, Configure, PlusDeploy, scrubber

CONFIG = ProjectConfig(Path("/p"), "p", "p", "p.defs", "p.definitions", ())
TOKEN = "user:abc/def+ghi"


def test_the_deploy_command_holds_no_secret_and_never_prompts() -> None:
    request = PlusDeploy("acme", "prod", TOKEN, "docker", "sales", "https://acme.eu.dagster.cloud")
    argv = request.argv(CONFIG)
    assert argv == [
        "/p/.venv/bin/dg",
        "plus",
        "deploy",
        "--yes",
        "--build-strategy",
        "docker",
        "--location-name",
        "sales",
    ]
    assert not [part for part in argv if TOKEN in part or "acme" in part]
    assert request.environment(Path("/state")) == {
        "DAGSTER_CLOUD_ORGANIZATION": "acme",
        "DAGSTER_CLOUD_DEPLOYMENT": "prod",
        "DAGSTER_CLOUD_API_TOKEN": TOKEN,
        "DAGSTER_CLOUD_URL": "https://acme.eu.dagster.cloud",
        "DAGSTER_BUILD_STATEDIR": "/state",
    }
    assert TOKEN not in str(request.public())


def test_the_defaults_are_dgs_own() -> None:
    assert PlusDeploy("acme", "prod", TOKEN).argv(CONFIG)[1:] == ["plus", "deploy", "--yes"]


def test_the_token_is_masked_as_written_and_as_a_url_carries_it() -> None:
    scrub = scrubber(TOKEN)
    line = f"token={TOKEN} url=https://x/?t=user%3Aabc%2Fdef%2Bghi"
    assert scrub(line) == f"token={MASK} url=https://x/?t={MASK}"


def test_configure_gives_every_choice() -> None:
    serverless = Configure("serverless", "python-executable").argv(CONFIG)
    assert serverless[1:] == [
        "plus",
        "deploy",
        "configure",
        "serverless",
        "--yes",
        "--git-root",
        "/p",
        "--pex-deploy",
    ]
    hybrid = Configure("hybrid", "docker", None, "ghcr.io/acme/img", "3.12", "github").argv(CONFIG)
    assert hybrid[4:] == [
        "hybrid",
        "--yes",
        "--git-root",
        "/p",
        "--agent-platform",
        "docker",
        "--registry-url",
        "ghcr.io/acme/img",
        "--python-version",
        "3.12",
        "--git-provider",
        "github",
    ]
