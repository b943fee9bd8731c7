"""The form and the YAML completion of the UI read component schemas with one walker: on the
schemas of a real project's registry they accept the same keys at every object path."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx

from dagster_designer.processes.spawn import NO_LIMITS, child_environment, run
from tests.support import run_async

UI = Path(__file__).resolve().parents[2] / "ui"
AGREEMENT_TEST = "src/code/schemaAgreement.test.ts"


def test_form_and_completion_agree_on_the_registrys_schemas(
    api: httpx.Client, project: dict, tmp_path: Path
) -> None:
    response = api.get(f"/projects/{project['id']}/component-types")
    assert response.status_code == 200, response.text
    types = response.json()
    with_schema = [t for t in types if t["schema"] is not None]
    assert with_schema, "the registry has components with schemas"
    schemas = tmp_path / "component-types.json"
    schemas.write_text(json.dumps(types))

    result = run_async(
        run(
            ["npx", "vitest", "run", AGREEMENT_TEST],
            cwd=UI,
            env=child_environment({"SCHEMAS_JSON": str(schemas), "NO_COLOR": "1"}),
            timeout=600,
            limits=NO_LIMITS,
        )
    )
    assert not result.timed_out, result.output
    assert result.returncode == 0, result.output
    # the test read this file, not its fixtures
    checked = re.search(
        r"schema agreement: (\d+) types, (\d+) object paths, from (\S+)", result.output
    )
    assert checked, result.output
    assert checked.group(1) == str(len(with_schema))
    assert int(checked.group(2)) >= len(with_schema)
    assert checked.group(3) == str(schemas)
