"""How a token reaches git: the askpass helper answers from its call's environment only, URLs
that would store credentials are refused, and git's output is scrubbed of the token."""

from __future__ import annotations

import os
import subprocess

import pytest

from dagster_designer.processes.git.runner import ASKPASS, checked_paths, scrub
from dagster_designer.project_files.paths import PathRejected
from dagster_designer.services.git import InvalidGitUrl, checked_url, name_from_url


def _ask(prompt: str, **env: str) -> str:
    result = subprocess.run(
        [str(ASKPASS), prompt],
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return result.stdout


def test_the_helper_answers_from_the_environment_of_its_call() -> None:
    assert os.access(ASKPASS, os.X_OK)
    assert _ask("Username for 'https://example.com': ") == "x-access-token\n"
    assert _ask("Password for 'https://x@example.com': ", DESIGNER_GIT_PASSWORD="s3") == "s3\n"
    assert _ask("Password for 'https://x@example.com': ") == "\n"


@pytest.mark.parametrize(
    ("url", "token"),
    [
        ("git@github.com:org/repo.git", None),
        ("ssh://github.com/org/repo.git", None),
        ("ext::sh -c touch% /tmp/x", None),
        ("file:///etc", None),
        ("https://user:secret@github.com/org/repo.git", None),
        ("https://user@github.com/org/repo.git", None),
        ("http://github.com/org/repo.git", "token"),
    ],
)
def test_urls_that_run_commands_store_credentials_or_leak_a_token_are_refused(
    url: str, token: str | None
) -> None:
    with pytest.raises(InvalidGitUrl):
        checked_url(url, token)


def test_https_urls_and_a_token_to_this_machine_pass() -> None:
    assert checked_url("https://github.com/org/repo.git", "t") == "https://github.com/org/repo.git"
    assert checked_url("http://127.0.0.1:8000/repo.git", "t")
    assert name_from_url("https://github.com/org/shop.git/") == "shop"


def test_paths_stay_in_the_project_and_out_of_git_and_output_loses_the_token() -> None:
    assert checked_paths(["a/b.py", "./c.txt"]) == ["a/b.py", "c.txt"]
    for bad in (["../x"], ["/etc/passwd"], [".git/config"], ["a/.git/x"], [""], []):
        with pytest.raises(PathRejected):
            checked_paths(bad)
    assert scrub("fatal: auth tok123 refused", "tok123") == "fatal: auth *** refused"
