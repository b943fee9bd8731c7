"""Drawing and deleting edges edits the files the way Dagster supports it."""

from __future__ import annotations

import codecs
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import dg_list_defs, written

ASSETS = """import dagster as dg


@dg.asset
def lin_a() -> None: ...


@dg.asset(group_name="lineage")  # keep this comment
def lin_b() -> None: ...


@dg.asset(deps=[lin_a])
def lin_c() -> None: ...
"""
COMPONENT = """type: dagster.PythonScriptComponent

# the script that builds lin_y
attributes:
  execution:
    path: lin_script.py
  assets:
    - key: lin_y
      kinds: [python]
"""


@pytest.fixture
def lineage(defs_root: Path) -> Iterator[Path]:
    files = {
        "lineage/assets.py": ASSETS,
        "lineage/script/lin_script.py": "",
        "lineage/script/defs.yaml": COMPONENT,
    }
    with written(defs_root, files):
        yield defs_root / "lineage"


def _edit(api: httpx.Client, project: dict, action: str, *edges: tuple[str, str]) -> httpx.Response:
    return api.post(
        f"/projects/{project['id']}/lineage",
        json={"action": action, "edges": [{"upstream": u, "downstream": d} for u, d in edges]},
    )


def _deps(api: httpx.Client, project: dict, key: str) -> list[str]:
    assets = api.get(f"/projects/{project['id']}/definitions").json()["assets"]
    return next(a["deps"] for a in assets if a["key"] == key)


def test_python_and_yaml_edges_are_drawn_and_deleted(
    api: httpx.Client, project: dict, project_root: Path, lineage: Path
) -> None:
    response = _edit(api, project, "add", ("lin_b", "lin_c"), ("lin_a", "lin_y"))
    assert response.status_code == 200, response.text
    assert [e["how"] for e in response.json()["edits"]] == ["python deps", "asset spec deps"]
    source = (lineage / "assets.py").read_text()
    assert "@dg.asset(deps=[lin_a, lin_b])" in source
    assert "# keep this comment" in source
    assert "      deps: [lin_a]\n" in (lineage / "script" / "defs.yaml").read_text()
    assert "# the script that builds lin_y" in (lineage / "script" / "defs.yaml").read_text()
    assert _deps(api, project, "lin_c") == ["lin_a", "lin_b"]
    assert _deps(api, project, "lin_y") == ["lin_a"]
    # what Dagster's own CLI sees
    reference = {
        a["asset_key"]: a.get("dependency_keys", []) for a in dg_list_defs(project_root)["assets"]
    }
    assert reference["lin_c"] == ["lin_a", "lin_b"] and reference["lin_y"] == ["lin_a"]

    response = _edit(api, project, "remove", ("lin_a", "lin_c"), ("lin_a", "lin_y"))
    assert response.status_code == 200, response.text
    assert _deps(api, project, "lin_c") == ["lin_b"]
    assert _deps(api, project, "lin_y") == []
    assert (lineage / "script" / "defs.yaml").read_text() == COMPONENT


@pytest.mark.parametrize(
    ("action", "edge", "words"),
    [
        ("add", ("lin_c", "lin_a"), "cycle"),
        ("add", ("lin_a", "lin_a"), "itself"),
        ("add", ("nope", "lin_c"), "no asset `nope`"),
        ("remove", ("lin_b", "lin_a"), "does not depend"),
    ],
)
def test_impossible_edges_are_refused_and_change_nothing(
    api: httpx.Client, project: dict, lineage: Path, action: str, edge: tuple[str, str], words: str
) -> None:
    response = _edit(api, project, action, edge)
    assert response.status_code == 400
    assert words in response.json()["detail"]
    assert (lineage / "assets.py").read_text() == ASSETS


def test_a_batch_is_all_or_nothing(api: httpx.Client, project: dict, lineage: Path) -> None:
    response = _edit(api, project, "add", ("lin_a", "lin_b"), ("lin_b", "lin_a"))
    assert response.status_code == 400
    assert (lineage / "assets.py").read_text() == ASSETS


def test_edits_keep_line_ends_and_byte_order_marks(
    api: httpx.Client, project: dict, lineage: Path
) -> None:
    python = lineage / "assets.py"
    component = lineage / "script" / "defs.yaml"
    python_data = codecs.BOM_UTF8 + ASSETS.replace("\n", "\r\n").encode()
    component_data = codecs.BOM_UTF8 + COMPONENT.replace("\n", "\r\n").encode()
    python.write_bytes(python_data)
    component.write_bytes(component_data)
    response = _edit(api, project, "add", ("lin_b", "lin_c"), ("lin_a", "lin_y"))
    assert response.status_code == 200, response.text
    assert python.read_bytes() == python_data.replace(
        b"@dg.asset(deps=[lin_a])", b"@dg.asset(deps=[lin_a, lin_b])"
    )
    assert component.read_bytes() == component_data.replace(
        b"      kinds: [python]\r\n", b"      kinds: [python]\r\n      deps: [lin_a]\r\n"
    )
    response = _edit(api, project, "remove", ("lin_b", "lin_c"), ("lin_a", "lin_y"))
    assert response.status_code == 200, response.text
    assert python.read_bytes() == python_data
    assert component.read_bytes() == component_data


def _hold_the_load(signals: Path, trigger: str) -> str:
    """Module code that, once the file holds `trigger` (the designer's edit), says so and waits
    for the test's go before failing: the test changes the file while the edit is in flight."""
    return (
        "import time\n"
        "from pathlib import Path\n\n"
        f"SIGNALS = Path({str(signals)!r})\n\n\n"
        "def hold(text: str) -> None:\n"
        f"    if {trigger[:4]!r} + {trigger[4:]!r} not in text:\n"
        "        return\n"
        "    (SIGNALS / 'loading').touch()\n"
        "    deadline = time.monotonic() + 120\n"
        "    while not (SIGNALS / 'go').exists() and time.monotonic() < deadline:\n"
        "        time.sleep(0.05)\n"
        "    raise RuntimeError('this edit does not load')\n"
    )


def _meanwhile(signals: Path, file: Path, change: Callable[[bytes], bytes]) -> threading.Thread:
    """Changes `file` as a user would, once the designer's edit of it is loading."""

    def run() -> None:
        deadline = time.monotonic() + 300
        while not (signals / "loading").exists():
            assert time.monotonic() < deadline, "the edit never started loading"
            time.sleep(0.05)
        file.write_bytes(change(file.read_bytes()))
        (signals / "go").touch()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


USER_LINE = b"\n# the user's own line, written while the edit was loading\n"


def test_an_undo_leaves_a_file_that_changed_since_the_edit(
    api: httpx.Client, project: dict, defs_root: Path, tmp_path: Path
) -> None:
    source = (
        _hold_the_load(tmp_path, "deps=[race_a, race_b]")
        + "\n\nhold(Path(__file__).read_text())\n"
        + "\n\nimport dagster as dg\n\n\n@dg.asset\ndef race_a() -> None: ...\n\n\n"
        + "@dg.asset\ndef race_b() -> None: ...\n\n\n@dg.asset(deps=[race_a])\n"
        + "def race_c() -> None: ...\n"
    )
    with written(defs_root, {"race/assets.py": source}):
        file = defs_root / "race" / "assets.py"
        thread = _meanwhile(tmp_path, file, lambda data: data + USER_LINE)
        response = _edit(api, project, "add", ("race_b", "race_c"))
        thread.join()
        assert response.status_code == 400, response.text
        detail = response.json()["detail"]
        assert "race/assets.py" in detail and "changed" in detail, detail
        text = file.read_bytes()
        assert text.endswith(USER_LINE) and b"deps=[race_a, race_b]" in text


RACE_TYPE = """

import dagster as dg


class RaceComponent(dg.Component, dg.Model, dg.Resolvable):
    assets: list[dg.ResolvedAssetSpec]

    def build_defs(self, context: dg.ComponentLoadContext) -> dg.Definitions:
        hold(" ".join(spec.key.to_user_string() for spec in self.assets))

        @dg.multi_asset(specs=self.assets, name="race_produce")
        def produce() -> None: ...

        return dg.Definitions(assets=[produce])
"""
RACE_CONSUMER = """import dagster as dg


@dg.asset(deps=[dg.AssetKey(["race", "orders"])])
def race_report() -> None: ...
"""


def test_an_undone_key_alignment_leaves_a_file_that_changed_since(
    api: httpx.Client, project: dict, defs_root: Path, tmp_path: Path
) -> None:
    package = defs_root.relative_to(defs_root.parents[1]).as_posix().replace("/", ".")
    files = {
        "race_align/produce/race_type.py": _hold_the_load(tmp_path, "race/orders") + RACE_TYPE,
        "race_align/produce/defs.yaml": (
            f"type: {package}.race_align.produce.race_type.RaceComponent\n"
            "attributes:\n  assets:\n    - key: race_orders\n"
        ),
        "race_align/report.py": RACE_CONSUMER,
    }
    with written(defs_root, files):
        misses = api.get(f"/projects/{project['id']}/key-alignment")
        assert misses.status_code == 200, misses.text
        assert any(m["missing"] == "race/orders" for m in misses.json()), misses.json()
        file = defs_root / "race_align" / "produce" / "defs.yaml"
        thread = _meanwhile(tmp_path, file, lambda data: data + USER_LINE)
        response = api.post(
            f"/projects/{project['id']}/key-alignment",
            json={"missing": "race/orders", "candidate": "race_orders"},
        )
        thread.join()
        assert response.status_code == 400, response.text
        detail = response.json()["detail"]
        assert "race_align/produce/defs.yaml" in detail and "changed" in detail, detail
        text = file.read_bytes()
        assert text.endswith(USER_LINE) and b"key: race/orders" in text


def test_a_key_alignment_keeps_line_ends_and_byte_order_mark(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    data = codecs.BOM_UTF8 + (
        b"type: dagster.PythonScriptComponent\r\n"
        b"attributes:\r\n  execution: {path: align_run.py}\r\n"
        b"  assets:\r\n    - key: crlf_orders\r\n"
    )
    consumer = RACE_CONSUMER.replace('"race"', '"crlf"').replace("race_report", "crlf_report")
    files = {"crlf_align/produce/align_run.py": "", "crlf_align/report.py": consumer}
    with written(defs_root, {**files, "crlf_align/produce/defs.yaml": ""}):
        file = defs_root / "crlf_align" / "produce" / "defs.yaml"
        file.write_bytes(data)
        response = api.post(
            f"/projects/{project['id']}/key-alignment",
            json={"missing": "crlf/orders", "candidate": "crlf_orders"},
        )
        assert response.status_code == 200, response.text
        assert file.read_bytes() == data.replace(b"key: crlf_orders", b"key: crlf/orders")


def test_a_batch_with_an_edit_that_cannot_be_made_leaves_no_edit_behind(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    small = "import dagster as dg\n\n\n@dg.asset\ndef batch_a() -> None: ...\n\n\n"
    small += "@dg.asset\ndef batch_b() -> None: ...\n"
    filler = "# " + "a line that makes this module larger than the designer edits\n"
    large = (
        "import dagster as dg\n\n" + filler * 90_000 + "\n@dg.asset\ndef batch_c() -> None: ...\n"
    )
    with written(defs_root, {"batch/small.py": small, "batch/large.py": large}):
        response = _edit(api, project, "add", ("batch_a", "batch_b"), ("batch_a", "batch_c"))
        assert response.status_code == 413, response.text
        assert "batch/large.py" in response.json()["detail"]
        assert (defs_root / "batch" / "small.py").read_text() == small
