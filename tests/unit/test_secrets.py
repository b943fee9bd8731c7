"""What looks like a secret in the added lines of a staged diff, and what does not."""

from __future__ import annotations

import pytest

from dagster_designer.edits.secrets import Finding, Secret, line_secret, scan_diff

SECRETS = [
    'password = "Xk9$vQ2!mZp7#Lr4wT"',
    "API_KEY=9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c",
    '  client_secret: "aB3dE5gH7jK9mN1pQ3sT"',
    '"token": "q8W2e4R6t8Y0u2I4o6P8"',
    'CONFIG = {"api_key": "aB3dE5fG7hJ9kLmN2"}',  # inside a dict literal
    'Resource(password="Xk9$vQ2!mZp7#Lr4wT")',  # a keyword argument
    "key = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'",
    "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
    "slack: xoxb-1234567890-abcdefghij",
    "aws_id = AKIAIOSFODNN7EXAMPLF",
    'OPENAI = "sk-proj-abcdefghijklmnopqrstuvwx"',
    "url: glpat-abcdefghij0123456789",
    "-----BEGIN RSA PRIVATE KEY-----",
    "-----BEGIN OPENSSH PRIVATE KEY-----",
]
NOT_SECRETS = [
    'password: "{{ env.DB_PASSWORD }}"',
    'api_key = EnvVar("OPENAI_API_KEY")',
    'token = os.environ["GITHUB_TOKEN"]',
    "password = hunter2",  # short
    'secret: "changeme-changeme-changeme"',
    'api_key: "<your api key here>"',
    'token_url = "https://example.com/oauth/token"',
    "name = 'a_perfectly_ordinary_long_name'",
    "password_field = models.CharField(max_length=128)",
    "secret: ${SECRET_FROM_ENVIRONMENT_VARIABLE}",
]


@pytest.mark.parametrize("line", SECRETS)
def test_secret_lines_are_found(line: str) -> None:
    assert line_secret(line) is not None


@pytest.mark.parametrize("line", NOT_SECRETS)
def test_references_placeholders_and_words_are_not_secrets(line: str) -> None:
    assert line_secret(line) is None


def test_only_added_lines_count_with_their_path_and_new_line_number() -> None:
    diff = (
        "diff --git a/conf/settings.py b/conf/settings.py\n"
        "index 1111111..2222222 100644\n"
        "--- a/conf/settings.py\n"
        "+++ b/conf/settings.py\n"
        "@@ -1,3 +1,4 @@\n"
        " import os\n"
        '-password = "Xk9$vQ2!mZp7#Lr4wT-old"\n'
        "+HOST = 'db'\n"
        " \n"
        '+password = "Xk9$vQ2!mZp7#Lr4wT"\n'
        "diff --git a/new.pem b/new.pem\n"
        "new file mode 100644\n"
        "--- /dev/null\n"
        "+++ b/new.pem\n"
        "@@ -0,0 +1,2 @@\n"
        "+-----BEGIN PRIVATE KEY-----\n"
        "++++ not a header\n"
    )
    assert scan_diff(diff) == [
        Finding("conf/settings.py", 4, "`password` is set to a value that looks like a secret"),
        Finding("new.pem", 1, "looks like a private key"),
    ]


def test_a_secret_is_given_with_the_name_it_is_assigned_to() -> None:
    assert line_secret('conn = Db(token="ghp_abcdefghijklmnopqrstuvwxyz0123456789")') == Secret(
        "looks like a GitHub token", "token", "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
    )
    found = line_secret("  password: 'Xk3v9qLmZ2pQ7rT4w'  # db")
    assert found is not None and (found.name, found.value) == ("password", "Xk3v9qLmZ2pQ7rT4w")
    key = line_secret("-----BEGIN RSA PRIVATE KEY-----")
    assert key is not None and key.value is None
