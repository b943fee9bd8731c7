"""The project review against a real server and a dedicated project (a copy of the shared one)
holding one violation of each kind: each found at its file and line; the secret's fix shown,
then applied, changing that line only."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import definitions, written

ASSETS = """import dagster as dg


@dg.asset
def fetch_orders() -> None: ...


@dg.asset(
    kinds={"python"},
    owners=["team:data"],
    group_name="sales",
    description="The orders report.",
    deps=[fetch_orders, "missing_source"],
)
def orders_report() -> None: ...
"""
RESOURCES = """import dagster as dg

API = {"api_key": "aB3dE5fG7hJ9kLmN2"}
"""
SETTINGS = "warehouse:\n  user: me\n  password: 'Xk3v9qLmZ2pQ7rT4w'\n  port: 5432\n"


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.fixture(scope="module")
def reviewed(project: dict, project_root: Path, defs_root: Path) -> Iterator[dict]:
    """The shared project with a defs folder of its own holding the violations (the project's
    environment has its package installed from its own folder, so a copy would load the
    original), removed afterwards with the `.env` the fixes write."""
    env = project_root / ".env"
    env_before = env.read_bytes() if env.exists() else None
    files = {"assets.py": ASSETS, "resources.py": RESOURCES, "__init__.py": ""}
    with (
        written(defs_root / "review", files),
        written(project_root, {"settings.yaml": SETTINGS}),
    ):
        yield {**project, "root": project_root, "defs_rel": f"{project['defs_path']}/review"}
    if env_before is None:
        env.unlink(missing_ok=True)
    else:
        env.write_bytes(env_before)


def review(api: httpx.Client, project: dict) -> list[dict]:
    response = api.get(f"/projects/{project['id']}/review", timeout=600)
    assert response.status_code == 200, response.text
    return response.json()["findings"]


def found(findings: list[dict], rule: str, target: str | None = None) -> list[dict]:
    return [f for f in findings if f["rule"] == rule and (target is None or f["target"] == target)]


def test_each_violation_is_found_at_its_file_and_line(api: httpx.Client, reviewed: dict) -> None:
    findings = review(api, reviewed)
    assets = f"{reviewed['defs_rel']}/assets.py"
    asset_line = line_of(ASSETS, "@dg.asset")  # where its statement starts: the decorator
    report_line = line_of(ASSETS, "@dg.asset(")
    for rule in ("kinds", "owners", "group", "description", "asset-name", "check-missing"):
        assert len(found(findings, rule, "fetch_orders")) == 1, (rule, findings)
        [finding] = found(findings, rule, "fetch_orders")
        assert (finding["file"], finding["line"]) == (assets, asset_line), finding
    assert found(findings, "kinds", "orders_report") == []
    [dangling] = found(findings, "dangling-dep", "orders_report")
    assert (dangling["file"], dangling["line"], dangling["severity"]) == (
        assets,
        report_line,
        "warning",
    )
    assert "missing_source" in dangling["message"]
    secrets = {(f["file"], f["line"]) for f in found(findings, "secret")}
    assert secrets == {
        (f"{reviewed['defs_rel']}/resources.py", line_of(RESOURCES, "api_key")),
        ("settings.yaml", line_of(SETTINGS, "password")),
    }
    assert all(f["severity"] == "error" and f["fix"]["title"] for f in found(findings, "secret"))
    never = found(findings, "never-materialized", "fetch_orders")
    assert [f["severity"] for f in never] == ["info"]


@pytest.mark.parametrize(
    ("file", "text", "needle", "reference"),
    [
        ("settings.yaml", SETTINGS, "password", '"{{ env.PASSWORD }}"'),
        ("resources.py", RESOURCES, "api_key", 'dg.EnvVar("API_KEY")'),
    ],
)
def test_a_secret_moves_into_env_changing_nothing_else(
    api: httpx.Client, reviewed: dict, file: str, text: str, needle: str, reference: str
) -> None:
    rel = file if file == "settings.yaml" else f"{reviewed['defs_rel']}/{file}"
    path, env = reviewed["root"] / rel, reviewed["root"] / ".env"
    line = line_of(text, needle)
    url = f"/projects/{reviewed['id']}/review/fix"
    env_before = env.read_bytes() if env.exists() else b""
    shown = api.post(url, json={"rule": "secret", "file": rel, "line": line, "preview": True})
    assert shown.status_code == 200, shown.text
    assert shown.json()["applied"] is False
    assert f"+++ b/{rel}" in shown.json()["diff"] and reference in shown.json()["diff"]
    assert path.read_text() == text and (env.read_bytes() if env.exists() else b"") == env_before

    applied = api.post(url, json={"rule": "secret", "file": rel, "line": line})
    assert applied.status_code == 200, applied.text
    assert applied.json() == {"diff": shown.json()["diff"], "applied": True}
    before, after = text.splitlines(keepends=True), path.read_text().splitlines(keepends=True)
    assert len(before) == len(after)
    changed = [i + 1 for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [line]
    assert reference in after[line - 1]
    assert env.read_bytes().startswith(env_before) and b"=" in env.read_bytes()[len(env_before) :]
    assert not [f for f in found(review(api, reviewed), "secret") if f["file"] == rel]


def test_an_asset_gets_its_kind_in_its_decorator(api: httpx.Client, reviewed: dict) -> None:
    rel = f"{reviewed['defs_rel']}/assets.py"
    path, line = reviewed["root"] / rel, line_of(ASSETS, "@dg.asset")
    [finding] = found(review(api, reviewed), "kinds", "fetch_orders")
    assert finding["fix"] == {"title": 'Add kinds={"python"} to its decorator'}
    url = f"/projects/{reviewed['id']}/review/fix"
    shown = api.post(url, json={"rule": "kinds", "file": rel, "line": line, "preview": True})
    assert shown.status_code == 200, shown.text
    assert (
        shown.json()["applied"] is False and '+@dg.asset(kinds={"python"})' in shown.json()["diff"]
    )
    assert path.read_text() == ASSETS

    applied = api.post(url, json={"rule": "kinds", "file": rel, "line": line})
    assert applied.json() == {"diff": shown.json()["diff"], "applied": True}, applied.text
    before, after = ASSETS.splitlines(keepends=True), path.read_text().splitlines(keepends=True)
    changed = [i + 1 for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(before) == len(after) and changed == [line]
    deadline = time.monotonic() + 600  # the worker reloads the changed file
    while found(review(api, reviewed), "kinds", "fetch_orders") and time.monotonic() < deadline:
        time.sleep(1)
    assert found(review(api, reviewed), "kinds", "fetch_orders") == []
    assert definitions(api, reviewed)["errors"] == []
    kinds = {a["key"]: a["kinds"] for a in definitions(api, reviewed)["assets"]}
    assert kinds["fetch_orders"] == ["python"]
    path.write_text(ASSETS)


def test_an_asset_gets_the_group_of_its_folder(api: httpx.Client, reviewed: dict) -> None:
    rel = f"{reviewed['defs_rel']}/assets.py"
    path, line = reviewed["root"] / rel, line_of(ASSETS, "@dg.asset")
    [finding] = found(review(api, reviewed), "group", "fetch_orders")
    assert finding["fix"] == {"title": 'Add group_name="review" (its folder) to its decorator'}
    url = f"/projects/{reviewed['id']}/review/fix"
    shown = api.post(url, json={"rule": "group", "file": rel, "line": line, "preview": True})
    assert shown.status_code == 200, shown.text
    assert '+@dg.asset(group_name="review")' in shown.json()["diff"]
    assert path.read_text() == ASSETS

    applied = api.post(url, json={"rule": "group", "file": rel, "line": line})
    assert applied.json() == {"diff": shown.json()["diff"], "applied": True}, applied.text
    before, after = ASSETS.splitlines(keepends=True), path.read_text().splitlines(keepends=True)
    changed = [i + 1 for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(before) == len(after) and changed == [line]
    deadline = time.monotonic() + 600  # the worker reloads the changed file
    while found(review(api, reviewed), "group", "fetch_orders") and time.monotonic() < deadline:
        time.sleep(1)
    assert found(review(api, reviewed), "group", "fetch_orders") == []
    loaded = definitions(api, reviewed)
    assert loaded["errors"] == []
    assert {a["key"]: a["group"] for a in loaded["assets"]}["fetch_orders"] == "review"
    path.write_text(ASSETS)
    outside = api.post(url, json={"rule": "group", "file": "settings.yaml", "line": 1})
    assert outside.status_code == 400 and "no folder" in outside.json()["detail"], outside.text


BULK = "import dagster as dg\n\n" + "".join(
    f'\n\n@dg.asset(group_name="bulk")\ndef bulk_{i}() -> None: ...\n' for i in range(6)
)
BULK_JOB = """import dagster as dg

bulk_job = dg.define_asset_job(
    "bulk_job",
    selection=["bulk_0", "bulk_1", "bulk_2", "bulk_3", "bulk_4", "bulk_5"],
)
"""


def test_a_key_list_of_one_group_becomes_its_selection(
    api: httpx.Client, reviewed: dict, defs_root: Path
) -> None:
    rel = f"{reviewed['defs_rel']}_jobs/jobs.py"
    path, line = reviewed["root"] / rel, line_of(BULK_JOB, "bulk_job =")
    url = f"/projects/{reviewed['id']}/review/fix"
    with written(defs_root / "review_jobs", {"assets.py": BULK, "jobs.py": BULK_JOB}):
        deadline = time.monotonic() + 600  # the worker loads the new files
        while not found(review(api, reviewed), "key-list") and time.monotonic() < deadline:
            time.sleep(1)
        [finding] = found(review(api, reviewed), "key-list", "bulk_job")
        assert (finding["file"], finding["line"]) == (rel, line)
        assert finding["fix"] == {"title": "Select group:bulk"}
        body = {"rule": "key-list", "file": rel, "line": line}
        shown = api.post(url, json={**body, "preview": True})
        assert shown.status_code == 200, shown.text
        assert '+    selection="group:bulk",' in shown.json()["diff"]
        assert path.read_text() == BULK_JOB

        applied = api.post(url, json=body)
        assert applied.json() == {"diff": shown.json()["diff"], "applied": True}, applied.text
        assert path.read_text() == BULK_JOB.replace(
            '["bulk_0", "bulk_1", "bulk_2", "bulk_3", "bulk_4", "bulk_5"]', '"group:bulk"'
        )
        while found(review(api, reviewed), "key-list") and time.monotonic() < deadline:
            time.sleep(1)
        assert found(review(api, reviewed), "key-list") == []
        loaded = definitions(api, reviewed)
        assert loaded["errors"] == []
        [job] = [j for j in loaded["jobs"] if j["name"] == "bulk_job"]
        assert sorted(job["asset_keys"]) == [f"bulk_{i}" for i in range(6)]


OWNED = "import dagster as dg\n\n" + "".join(
    f'\n\n@dg.asset(owners=["team:data"])\ndef owned_{i}() -> None: ...\n' for i in range(2)
)


def test_an_asset_gets_the_projects_usual_owner(
    api: httpx.Client, reviewed: dict, defs_root: Path
) -> None:
    rel = f"{reviewed['defs_rel']}/assets.py"
    path, line = reviewed["root"] / rel, line_of(ASSETS, "@dg.asset")
    url = f"/projects/{reviewed['id']}/review/fix"
    body = {"rule": "owners", "file": rel, "line": line}
    with written(defs_root / "review_owned", {"assets.py": OWNED}):
        deadline = time.monotonic() + 600  # the worker loads the new file
        while time.monotonic() < deadline:
            [finding] = found(review(api, reviewed), "owners", "fetch_orders")
            if finding["fix"]:
                break
            time.sleep(1)
        title = """Add owners=["team:data"] (the project's usual) to its decorator"""
        assert finding["fix"] == {"title": title}
        shown = api.post(url, json={**body, "preview": True})
        assert shown.status_code == 200, shown.text
        assert '+@dg.asset(owners=["team:data"])' in shown.json()["diff"]
        assert path.read_text() == ASSETS

        applied = api.post(url, json=body)
        assert applied.json() == {"diff": shown.json()["diff"], "applied": True}, applied.text
        before, after = ASSETS.splitlines(keepends=True), path.read_text().splitlines(True)
        changed = [i + 1 for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
        assert len(before) == len(after) and changed == [line]
        while found(review(api, reviewed), "owners", "fetch_orders") and (
            time.monotonic() < deadline
        ):
            time.sleep(1)
        assert found(review(api, reviewed), "owners", "fetch_orders") == []
        loaded = definitions(api, reviewed)
        assert loaded["errors"] == []
        owners = {a["key"]: a["owners"] for a in loaded["assets"]}
        assert owners["fetch_orders"] == [{"team": "data"}]
        path.write_text(ASSETS)


def test_a_finding_without_a_fix_is_refused(api: httpx.Client, reviewed: dict) -> None:
    url = f"/projects/{reviewed['id']}/review/fix"
    response = api.post(url, json={"rule": "description", "file": "settings.yaml", "line": 1})
    assert response.status_code == 400 and "no automatic fix" in response.json()["detail"]
    gone = api.post(url, json={"rule": "secret", "file": "nothing.yaml", "line": 1})
    assert gone.status_code == 404, gone.text
    plain = api.post(url, json={"rule": "secret", "file": "settings.yaml", "line": 2})
    assert plain.status_code == 400 and "no movable secret" in plain.json()["detail"]


def test_load_errors_and_duplicate_keys_are_errors(
    api: httpx.Client, reviewed: dict, project: dict
) -> None:
    twice = "import dagster as dg\n\n\n@dg.asset(name='orders_report')\ndef again() -> None: ...\n"
    defs = reviewed["root"] / reviewed["defs_rel"]
    with written(defs, {"twice.py": twice}):
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            findings = review(api, reviewed)
            errors = [f for f in findings if f["rule"] in ("loads", "duplicate-key")]
            if errors:
                break
        assert errors and all(f["severity"] == "error" for f in errors)
        assert found(findings, "duplicate-key"), errors
    assert definitions(api, reviewed)["errors"] == []


def test_the_cli_reviews_the_same_project_headless(
    api: httpx.Client, reviewed: dict, project_root: Path, defs_root: Path, tmp_path: Path
) -> None:
    """`dagster-designer check PATH --json` answers what the route answers and exits 1 on an
    error finding; a folder that is no project exits 2."""
    secret = 'import dagster as dg\n\nCONFIG = {"api_key": "aB3dE5fG7hJ9kLmN2"}\n'
    command = [sys.executable, "-m", "dagster_designer.cli", "check"]
    with written(defs_root, {"review_cli/config.py": secret}):
        served = {(f["rule"], f["file"], f["line"]) for f in review(api, reviewed)}
        ran = subprocess.run(
            [*command, str(project_root), "--json"], capture_output=True, text=True, timeout=900
        )
        words = subprocess.run(
            [*command, str(project_root)], capture_output=True, text=True, timeout=900
        )
    assert ran.returncode == 1, ran.stderr
    listed = {(f["rule"], f["file"], f["line"]) for f in json.loads(ran.stdout)["findings"]}
    assert listed == served and any(rule == "secret" for rule, _, _ in listed)
    assert words.returncode == 1 and "error [secret]" in words.stdout
    nothing = subprocess.run([*command, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert nothing.returncode == 2 and "project" in (nothing.stdout + nothing.stderr)


SCRIPTS = """# the nightly scripts
type: dagster.PythonScriptComponent
attributes:
  execution:
    path: run.py  # in this folder
  assets:
    - key: scripted_raw
      owners: ["team:data"]
    - key: scripted_clean
      deps: [scripted_raw]
"""
# What each rule's fix appends to SCRIPTS (every asset lacks kinds and a group; only
# scripted_clean lacks owners), and what the reloaded assets then have.
INSTANCE_FIXES = [
    (
        "kinds",
        "Give its component's assets kinds: [python] in post_processing of defs.yaml",
        "post_processing:\n  assets:\n    - target: '*'\n      attributes:\n        kinds:\n"
        "          - python\n",
        {"scripted_raw": ["python"], "scripted_clean": ["python"]},
    ),
    (
        "group",
        "Give its component's assets group_name: review_scripts (its folder) in "
        "post_processing of defs.yaml",
        "post_processing:\n  assets:\n    - target: '*'\n      attributes:\n"
        "        group_name: review_scripts\n",
        {"scripted_raw": "review_scripts", "scripted_clean": "review_scripts"},
    ),
    (
        "owners",
        "Give these assets owners: [team:data] (the project's usual) in post_processing of "
        "defs.yaml",
        'post_processing:\n  assets:\n    - target: key:"scripted_clean"\n      attributes:\n'
        "        owners:\n          - team:data\n",
        {"scripted_raw": [{"team": "data"}], "scripted_clean": [{"team": "data"}]},
    ),
]


@pytest.mark.parametrize(("rule", "title", "appended", "loaded"), INSTANCE_FIXES)
def test_a_yaml_components_assets_get_what_they_lack_in_post_processing(
    api: httpx.Client,
    reviewed: dict,
    defs_root: Path,
    rule: str,
    title: str,
    appended: str,
    loaded: dict,
) -> None:
    """The fix is a `post_processing` rule of the instance's defs.yaml, which Dagster applies:
    the finding goes away once the worker reloads, and the file's text before it is unchanged."""
    rel = f"{reviewed['defs_rel']}_scripts/defs.yaml"
    path, line = reviewed["root"] / rel, line_of(SCRIPTS, "type:")
    url = f"/projects/{reviewed['id']}/review/fix"
    files = {"defs.yaml": SCRIPTS, "run.py": "print('scripted')\n"}
    with written(defs_root / "review_scripts", files):
        deadline = time.monotonic() + 600  # the worker loads the new instance
        while time.monotonic() < deadline:
            lacking = found(review(api, reviewed), rule, "scripted_clean")
            if lacking and lacking[0]["fix"]:
                break
            time.sleep(1)
        [finding] = lacking
        assert (finding["file"], finding["line"], finding["fix"]) == (rel, line, {"title": title})
        body = {"rule": rule, "file": rel, "line": line}
        shown = api.post(url, json={**body, "preview": True})
        assert shown.status_code == 200, shown.text
        assert f"+++ b/{rel}" in shown.json()["diff"]
        assert "".join(f"+{row}\n" for row in appended.splitlines()) in shown.json()["diff"]
        assert path.read_text() == SCRIPTS

        applied = api.post(url, json=body)
        assert applied.json() == {"diff": shown.json()["diff"], "applied": True}, applied.text
        assert path.read_bytes() == (SCRIPTS + appended).encode()
        while found(review(api, reviewed), rule, "scripted_clean") and (
            time.monotonic() < deadline
        ):
            time.sleep(1)
        findings = review(api, reviewed)
        assert found(findings, rule, "scripted_clean") == found(findings, rule, "scripted_raw")
        assert found(findings, rule, "scripted_clean") == []
        now = definitions(api, reviewed)
        assert now["errors"] == []
        values = {a["key"]: a[rule] for a in now["assets"] if a["key"] in loaded}
        assert values == loaded


TWO_SCRIPTS = """type: dagster.PythonScriptComponent
attributes:
  execution: {path: first.py}
  assets: [{key: first_script, kinds: [python]}]
---
# the second document
type: dagster.PythonScriptComponent
attributes:
  execution: {path: second.py}
  assets: [{key: second_script}]
"""


def test_the_fix_goes_into_the_document_of_the_instance(
    api: httpx.Client, reviewed: dict, defs_root: Path
) -> None:
    """In a defs.yaml of two documents, the rule goes into the one that produces the asset."""
    rel = f"{reviewed['defs_rel']}_two/defs.yaml"
    path, line = reviewed["root"] / rel, line_of(TWO_SCRIPTS, "# the second") + 1
    script = "print('scripted')\n"
    files = {"defs.yaml": TWO_SCRIPTS, "first.py": script, "second.py": script}
    with written(defs_root / "review_two", files):
        deadline = time.monotonic() + 600  # the worker loads the new instances
        while not found(review(api, reviewed), "kinds", "second_script") and (
            time.monotonic() < deadline
        ):
            time.sleep(1)
        [finding] = found(review(api, reviewed), "kinds", "second_script")
        assert (finding["file"], finding["line"]) == (rel, line)
        assert "kinds: [python]" in finding["fix"]["title"]
        assert definitions(api, reviewed)["errors"] == []
        applied = api.post(
            f"/projects/{reviewed['id']}/review/fix",
            json={"rule": "kinds", "file": rel, "line": line},
        )
        assert applied.status_code == 200, applied.text
        rule = "post_processing:\n  assets:\n    - target: '*'\n      attributes:\n        kinds:\n"
        assert path.read_text() == TWO_SCRIPTS + rule + "          - python\n"
        while found(review(api, reviewed), "kinds", "second_script") and (
            time.monotonic() < deadline
        ):
            time.sleep(1)
        assert found(review(api, reviewed), "kinds", "second_script") == []
        loaded = definitions(api, reviewed)
        assert loaded["errors"] == []
        kinds = {a["key"]: a["kinds"] for a in loaded["assets"]}
        assert kinds["second_script"] == ["python"] and kinds["first_script"] == ["python"]
