"""Scaffolding instances, reading and saving their attributes losslessly, and bad input."""

from __future__ import annotations

import codecs
import os
import time
from pathlib import Path

import httpx
import pytest
import yaml

from tests.support import Designer, written


def _url(project: dict, rest: str = "") -> str:
    return f"/projects/{project['id']}/defs{rest}"


def test_scaffold_a_component_then_configure_it(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    created = api.post(
        _url(project), json={"type": "dagster.PythonScriptComponent", "path": "ingest_orders"}
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["instance"]["type"] == "dagster.PythonScriptComponent"
    assert (defs_root / "ingest_orders" / "defs.yaml").exists()
    # dg scaffolds it with no attributes: Dagster reports the missing required field
    assert body["validation"]["ok"] is False
    missing = [e for e in body["validation"]["errors"] if e.get("field") == "execution"]
    assert missing and missing[0]["line"] is not None

    (defs_root / "ingest_orders" / "build_orders.py").write_text("print('orders')\n")
    saved = api.put(
        _url(project, "/ingest_orders"),
        json={
            "attributes": {
                "execution": {"path": "build_orders.py"},
                "assets": [
                    {"key": "raw/orders", "group_name": "ingest", "kinds": ["python"]},
                    {"key": "ingested_orders", "deps": ["raw/orders"]},
                ],
            }
        },
    )
    assert saved.status_code == 200
    assert saved.json() == {"ok": True, "errors": [], "warnings": [], "file": saved.json()["file"]}
    got = api.get(_url(project, "/ingest_orders")).json()
    assert got["type"] == "dagster.PythonScriptComponent"
    assert got["attributes"]["assets"][1] == {"key": "ingested_orders", "deps": ["raw/orders"]}
    listed = {d["path"]: d for d in api.get(_url(project)).json()}
    assert listed["ingest_orders"]["files"] == [
        "ingest_orders/build_orders.py",
        "ingest_orders/defs.yaml",
    ]


def test_scaffold_with_params_and_attributes(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    asset = api.post(_url(project), json={"type": "dagster.asset", "path": "assets/customers.py"})
    assert asset.status_code == 201, asset.text
    assert "def customers" in (defs_root / "assets" / "customers.py").read_text()
    check = api.post(
        _url(project),
        json={
            "type": "dagster.asset_check",
            "path": "checks/customers_check.py",
            "params": {"asset_key": "customers"},
        },
    )
    assert check.status_code == 201, check.text
    assert "customers" in (defs_root / "checks" / "customers_check.py").read_text()
    sql = api.post(
        _url(project),
        json={
            "type": "dagster.DefsFolderComponent",
            "path": "marts",
            "attributes": {},
        },
    )
    assert sql.status_code == 201, sql.text
    assert sql.json()["validation"]["ok"], sql.json()["validation"]


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"type": "dagster.PythonScriptComponent", "path": "has space"}, 400, "spaces"),
        ({"type": "dagster.PythonScriptComponent", "path": "../escape"}, 400, "plain path"),
        ({"type": "dagster.PythonScriptComponent", "path": "/abs/x"}, 400, "inside the defs"),
        ({"type": "dagster.PythonScriptComponent", "path": "9starts"}, 400, "module name"),
        ({"type": "dagster.PythonScriptComponent", "path": "import"}, 400, "keyword"),
        ({"type": "dagster.NoSuchThing", "path": "nothing_here"}, 400, "can scaffold"),
        ({"type": "not a type", "path": "nothing_here"}, 400, ""),
        ({"type": "dagster.asset", "path": "assets/no_suffix"}, 400, ".py"),
        ({"type": "dagster.asset_check", "path": "checks/c2.py", "params": {"bogus": 1}}, 400, ""),
    ],
)
def test_bad_scaffold_requests_create_nothing(
    api: httpx.Client, project: dict, defs_root: Path, body: dict, status: int, words: str
) -> None:
    before = sorted(p.relative_to(defs_root) for p in defs_root.rglob("*"))
    response = api.post(_url(project), json=body)
    assert response.status_code == status, response.text
    assert words in response.json()["detail"]
    after = sorted(
        p.relative_to(defs_root) for p in defs_root.rglob("*") if "__pycache__" not in p.parts
    )
    assert after == [p for p in before if "__pycache__" not in p.parts]


def test_scaffolding_over_an_existing_instance_is_refused(api: httpx.Client, project: dict) -> None:
    body = {"type": "dagster.PythonScriptComponent", "path": "twice"}
    assert api.post(_url(project), json=body).status_code == 201
    again = api.post(_url(project), json=body)
    assert again.status_code == 400
    assert "already exists" in again.json()["detail"]
    assert api.delete(_url(project, "/twice")).status_code == 204


def test_invalid_attributes_are_saved_and_reported_with_field_and_line(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    api.post(_url(project), json={"type": "dagster.PythonScriptComponent", "path": "bad_attrs"})
    response = api.put(
        _url(project, "/bad_attrs"),
        json={"attributes": {"execution": {"path": "bad_run.py", "bogus": 1}, "assets": []}},
    )
    assert response.status_code == 200
    result = response.json()
    assert result["ok"] is False
    bogus = [e for e in result["errors"] if e.get("field") == "execution.bogus"]
    assert bogus, result["errors"]
    text = (defs_root / "bad_attrs" / "defs.yaml").read_text()
    assert bogus[0]["line"] == text.splitlines().index("    bogus: 1") + 1
    assert bogus[0]["file"].endswith("bad_attrs/defs.yaml")
    # saved anyway: the user's text is never lost
    saved = yaml.safe_load(text)
    assert saved["attributes"]["execution"]["bogus"] == 1
    # a valid save clears the errors of this file
    (defs_root / "bad_attrs" / "bad_run.py").write_text("")
    fixed = api.put(
        _url(project, "/bad_attrs"),
        json={"attributes": {"execution": {"path": "bad_run.py"}, "assets": [{"key": "fixed"}]}},
    ).json()
    assert fixed["ok"], fixed
    api.delete(_url(project, "/bad_attrs"))


def test_saving_keeps_comments_order_and_formatting(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    api.post(_url(project), json={"type": "dagster.PythonScriptComponent", "path": "commented"})
    folder = defs_root / "commented"
    (folder / "commented_run.py").write_text("")
    text = (
        "type: dagster.PythonScriptComponent\n"
        "\n"
        "# how the orders are built\n"
        "attributes:\n"
        "  execution:\n"
        "    path: commented_run.py    # next to this file\n"
        "  assets:\n"
        "    - key: 'commented_asset'   # quoted on purpose\n"
        "      kinds: [python, duckdb]\n"
        "      description: >\n"
        "        Folded text\n"
        "        kept as is.\n"
    )
    (folder / "defs.yaml").write_text(text)
    attributes = api.get(_url(project, "/commented")).json()["attributes"]
    # unchanged attributes: the file is byte for byte the same
    assert api.put(_url(project, "/commented"), json={"attributes": attributes}).json()["ok"]
    assert (folder / "defs.yaml").read_text() == text
    # one change: only that line differs
    attributes["assets"][0]["kinds"] = ["python", "duckdb", "pandas"]
    api.put(_url(project, "/commented"), json={"attributes": attributes})
    changed = (folder / "defs.yaml").read_text()
    assert changed == text.replace("[python, duckdb]", "[python, duckdb, pandas]")


def test_multi_document_files_edit_one_document(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    folder = defs_root / "two_docs"
    folder.mkdir()
    (folder / "a.py").write_text("")
    text = (
        "type: dagster.PythonScriptComponent\n"
        "attributes:\n"
        "  execution: {path: a.py, name: first}\n"
        "  assets: [{key: doc_one}]\n"
        "---\n"
        "# second\n"
        "type: dagster.PythonScriptComponent\n"
        "attributes:\n"
        "  execution: {path: a.py, name: second}\n"
        "  assets: [{key: doc_two}]\n"
    )
    (folder / "defs.yaml").write_text(text)
    listed = [d for d in api.get(_url(project)).json() if d["path"] == "two_docs"]
    assert [d["index"] for d in listed] == [0, 1]
    second = api.get(_url(project, "/two_docs"), params={"index": 1}).json()
    assert second["attributes"]["assets"] == [{"key": "doc_two"}]
    second["attributes"]["assets"] = [{"key": "doc_two_renamed"}]
    result = api.put(
        _url(project, "/two_docs"), params={"index": 1}, json={"attributes": second["attributes"]}
    ).json()
    assert result["ok"], result
    new_text = (folder / "defs.yaml").read_text()
    assert new_text == text.replace("{key: doc_two}", "{key: doc_two_renamed}")
    keys = {a["key"] for a in api.get(f"/projects/{project['id']}/definitions").json()["assets"]}
    assert {"doc_one", "doc_two_renamed"} <= keys
    assert api.get(_url(project, "/two_docs"), params={"index": 5}).status_code == 422
    api.delete(_url(project, "/two_docs"))


def test_broken_yaml_cannot_be_edited_through_the_form_and_is_left_alone(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    folder = defs_root / "broken_yaml"
    folder.mkdir()
    text = "type: dagster.PythonScriptComponent\nattributes:\n  execution: [\n"
    (folder / "defs.yaml").write_text(text)
    response = api.put(_url(project, "/broken_yaml"), json={"attributes": {"x": 1}})
    assert response.status_code == 422
    assert "not valid YAML" in response.json()["detail"]
    assert (folder / "defs.yaml").read_text() == text
    listed = [d for d in api.get(_url(project)).json() if d["path"] == "broken_yaml"]
    assert listed and listed[0]["error"]
    api.delete(_url(project, "/broken_yaml"))


# encoded, so that the client does not resolve the dots before the server sees them
@pytest.mark.parametrize("path", ["..%2F..%2F..%2Fetc", "%2E%2E", "%2Fetc%2Fpasswd", "nope"])
def test_instance_paths_are_confined(api: httpx.Client, project: dict, path: str) -> None:
    response = api.get(_url(project, f"/{path}"))
    assert response.status_code in (400, 404)
    assert api.put(_url(project, f"/{path}"), json={"attributes": {}}).status_code in (400, 404)
    assert api.delete(_url(project, f"/{path}")).status_code in (400, 404)


def test_a_stale_form_save_is_refused_and_the_disk_version_is_returned(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    folder = defs_root / "stale_form"
    text = (
        "type: dagster.PythonScriptComponent\n"
        "attributes:\n"
        "  execution: {path: stale_run.py}\n"
        "  assets: [{key: stale_form_asset}]\n"
    )
    with written(defs_root, {"stale_form/defs.yaml": text, "stale_form/stale_run.py": ""}):
        opened = api.get(_url(project, "/stale_form"))
        etag = opened.headers["etag"]
        # the ETag is the file's, the same the file endpoints give
        rel = opened.json()["file"]
        assert api.get(f"/projects/{project['id']}/files/{rel}").headers["etag"] == etag

        # someone edits the file after the form was opened
        edited = text.replace("assets: [{key: stale_form_asset}]", "assets: [{key: from_disk}]")
        (folder / "defs.yaml").write_text(edited)
        form = {"execution": {"path": "stale_run.py"}, "assets": [{"key": "from_form"}]}
        stale = api.put(
            _url(project, "/stale_form"), json={"attributes": form}, headers={"If-Match": etag}
        )
        assert stale.status_code == 412, stale.text
        body = stale.json()
        assert "changed on disk" in body["detail"]
        assert body["current"]["attributes"]["assets"] == [{"key": "from_disk"}]
        assert (folder / "defs.yaml").read_text() == edited

        # over the version it has now seen, the save goes through and answers the new ETag
        fresh = api.put(
            _url(project, "/stale_form"),
            json={"attributes": form},
            headers={"If-Match": stale.headers["etag"]},
        )
        assert fresh.status_code == 200, fresh.text
        assert "from_form" in (folder / "defs.yaml").read_text()
        assert fresh.headers["etag"] == api.get(_url(project, "/stale_form")).headers["etag"]


# --------------------------------------------------------------------------------------------
# a form save is lossless down to the byte

ROUND_TRIP_FILES = {
    "no attributes key": b"type: dagster.PythonScriptComponent\n",
    "attributes without a value": b"type: dagster.PythonScriptComponent\nattributes:\n",
    "empty attributes": b"type: dagster.PythonScriptComponent\n\nattributes: {}\n",
    "flow style and comments": (
        b"type: dagster.PythonScriptComponent  # the script\n"
        b"attributes: {execution: {path: rt_run.py},   assets: [ {key: rt_flow} ]}\n"
    ),
    "scalars": (
        b"type: dagster.PythonScriptComponent\n"
        b"attributes:\n"
        b"  execution:\n"
        b"    path: 'rt_run.py'\n"
        b"  assets:\n"
        b'    - key: "rt_scalars"\n'
        b"      description: " + b"a long description that goes on " * 6 + b"\n"
        b"      metadata:\n"
        b"        ratio: 1.0\n"
        b"        count: 1\n"
        b"        enabled: yes\n"
        b"        disabled: no\n"
        b"        flag: True\n"
        b"        since: 2024-01-31\n"
        b"        at: 2024-01-31 10:00:00\n"
        b"        empty: ~\n"
        b"        limit: .inf\n"
        b"        sql: |\n"
        b"          select 1\n"
        b"          from orders\n"
        b"        note: >-\n"
        b"          folded\n"
        b"          text\n"
    ),
    "anchors": (
        b"type: dagster.PythonScriptComponent\n"
        b"attributes:\n"
        b"  execution: {path: rt_run.py}\n"
        b"  assets:\n"
        b"    - key: rt_anchor_one\n"
        b"      metadata: &owner {owner: team}\n"
        b"    - key: rt_anchor_two\n"
        b"      metadata: *owner\n"
    ),
    "crlf and bom": (
        codecs.BOM_UTF8 + b"type: dagster.PythonScriptComponent\r\n"
        b"attributes:\r\n  execution:\r\n    path: rt_run.py\r\n"
        b"  assets:\r\n    - key: rt_crlf\r\n"
    ),
    "two documents": (
        b"type: dagster.PythonScriptComponent\n"
        b"attributes:\n  execution: {path: rt_run.py, name: rt_one}\n  assets: [ {key: rt_one} ]\n"
        b"--- # the second\n"
        b"type: dagster.PythonScriptComponent\n"
        b"attributes:\n  execution: {path: rt_run.py, name: rt_two}\n  assets: [{key: rt_two}]\n"
    ),
}


def test_saving_what_was_read_leaves_the_file_untouched(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    files = {"round_trip/rt_run.py": "", "round_trip/defs.yaml": ""}
    with written(defs_root, files):
        file = defs_root / "round_trip" / "defs.yaml"
        for name, data in ROUND_TRIP_FILES.items():
            file.write_bytes(data)
            os.utime(file, ns=(1_000_000_000, 1_000_000_000))
            before = file.stat()
            listed = [d for d in api.get(_url(project)).json() if d["path"] == "round_trip"]
            assert listed, name
            for document in listed:
                index = {"index": document["index"]}
                got = api.get(_url(project, "/round_trip"), params=index)
                assert got.status_code == 200, (name, got.text)
                attributes = got.json()["attributes"]
                saved = api.put(
                    _url(project, "/round_trip"), params=index, json={"attributes": attributes}
                )
                assert saved.status_code == 200, (name, saved.text)
                if attributes is None:  # what a form that starts empty sends
                    saved = api.put(
                        _url(project, "/round_trip"), params=index, json={"attributes": {}}
                    )
                    assert saved.status_code == 200, (name, saved.text)
                after = file.stat()
                assert file.read_bytes() == data, name
                assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns), (
                    name
                )


def test_a_form_save_keeps_the_files_line_ends_and_byte_order_mark(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    data = ROUND_TRIP_FILES["crlf and bom"].replace(b"rt_", b"form_")
    with written(defs_root, {"form_crlf/form_run.py": "", "form_crlf/defs.yaml": ""}):
        file = defs_root / "form_crlf" / "defs.yaml"
        file.write_bytes(data)
        attributes = api.get(_url(project, "/form_crlf")).json()["attributes"]
        attributes["assets"][0]["key"] = "form_crlf_renamed"
        attributes["assets"].append({"key": "form_crlf_added"})
        saved = api.put(_url(project, "/form_crlf"), json={"attributes": attributes})
        assert saved.status_code == 200, saved.text
        assert file.read_bytes() == data.replace(
            b"    - key: form_crlf\r\n",
            b"    - key: form_crlf_renamed\r\n    - key: form_crlf_added\r\n",
        )


def test_aliases_that_expand_without_bound_cost_the_server_nothing(
    api: httpx.Client, project: dict, defs_root: Path, designer: Designer
) -> None:
    lines = ["type: dagster.PythonScriptComponent", "attributes:", "  l0: &l0 [lol]"]
    lines += [f"  l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 10)]
    text = "\n".join(lines) + "\n"  # a few hundred bytes that stand for 10**9 values
    assert len(text) < 1024
    with written(defs_root, {"laughs/defs.yaml": text}):
        peak_before = _memory_kb(designer, "VmHWM")
        started = time.monotonic()
        listing = api.get(_url(project))
        assert listing.status_code == 200, listing.text
        entry = next(d for d in listing.json() if d["path"] == "laughs")
        assert entry["type"] == "dagster.PythonScriptComponent"
        assert "aliases" in entry["error"]
        one = api.get(_url(project, "/laughs"))
        assert one.status_code == 422, one.text
        assert "aliases" in one.json()["detail"]
        saved = api.put(_url(project, "/laughs"), json={"attributes": {}})
        assert saved.status_code == 422, saved.text
        assert (defs_root / "laughs" / "defs.yaml").read_text() == text
        assert time.monotonic() - started < 20
        assert _memory_kb(designer, "VmHWM") - peak_before < 150 * 1024


def _memory_kb(designer: Designer, field: str) -> int:
    status = Path(f"/proc/{designer.process.pid}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith(f"{field}:"))
    return int(line.split()[1])


def test_a_component_file_that_is_not_utf8_is_refused_by_name(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    data = "type: dagster.PythonScriptComponent\n# caf\u00e9\n".encode("latin-1")
    with written(defs_root, {"latin/defs.yaml": ""}):
        file = defs_root / "latin" / "defs.yaml"
        file.write_bytes(data)
        for response in (
            api.get(_url(project, "/latin")),
            api.put(_url(project, "/latin"), json={"attributes": {"a": 1}}),
        ):
            assert response.status_code == 415, response.text
            detail = response.json()["detail"]
            assert "latin/defs.yaml" in detail and "UTF-8" in detail
        assert file.read_bytes() == data


def test_attributes_that_are_not_a_mapping_are_refused_to_the_form(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    text = "type: dagster.PythonScriptComponent\nattributes: [execution, assets]\n"
    with written(defs_root, {"listed_attributes/defs.yaml": text}):
        response = api.get(_url(project, "/listed_attributes"))
        assert response.status_code == 422, response.text
        assert "not a mapping" in response.json()["detail"]
