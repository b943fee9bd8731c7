"""Export and import: a project exported here loads on another machine (`uv sync`, then
`dg check defs`), an export leaves out what is rebuilt or secret, and an import of an archive
that fails any check is refused whole with nothing written to the workspace."""

from __future__ import annotations

import io
import stat
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uv

from tests.support import Designer, dg_env, wait_for_project

SYNC_TIMEOUT = 900


@pytest.fixture(scope="module")
def planted(project_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Things an export must leave out, put into the project for the module's tests."""
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.txt").write_text("not the project's")
    made = [
        project_root / ".env",
        project_root / "out_link",
        project_root / "dir_link",
        project_root / "src" / "__pycache__",
        project_root / ".dagster-designer" / "dagster_home" / "planted.db",
    ]
    made[-1].parent.mkdir(parents=True, exist_ok=True)
    made[-1].write_bytes(b"an instance's database")
    (project_root / ".env").write_text("SECRET_FOR_EXPORT_TEST=1\n")
    (project_root / "out_link").symlink_to(outside / "secret.txt")
    (project_root / "dir_link").symlink_to(outside)
    (project_root / "src" / "__pycache__").mkdir(exist_ok=True)
    (project_root / "src" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    yield project_root
    for path in made:
        if path.is_dir() and not path.is_symlink():
            subprocess.run(["rm", "-rf", str(path)], check=True)
        else:
            path.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def exported(api: httpx.Client, project: dict, planted: Path) -> bytes:
    del planted
    response = api.get(f"/projects/{project['id']}/export")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    assert f'filename="{project["name"]}.zip"' in response.headers["content-disposition"]
    return response.content


def test_an_export_leaves_out_environments_caches_secrets_and_links(
    exported: bytes, project_root: Path
) -> None:
    names = zipfile.ZipFile(io.BytesIO(exported)).namelist()
    assert "pyproject.toml" in names and "uv.lock" in names
    assert not [n for n in names if n.startswith((".venv/", ".git/"))]
    assert ".env" not in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert not [n for n in names if n.startswith(".dagster-designer/dagster_home")]
    assert "out_link" not in names and not [n for n in names if n.startswith("dir_link")]
    assert (project_root / ".dagster-designer" / "dagster_home" / "planted.db").is_file()


def test_an_export_syncs_and_loads_on_another_machine(exported: bytes, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    zipfile.ZipFile(io.BytesIO(exported)).extractall(elsewhere)
    env = {**dg_env(elsewhere), "UV_COMPILE_BYTECODE": "1"}
    env.pop("VIRTUAL_ENV")
    synced = subprocess.run(
        [uv.find_uv_bin(), "sync"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=SYNC_TIMEOUT,
    )
    assert synced.returncode == 0, synced.stderr
    checked = subprocess.run(
        [str(elsewhere / ".venv" / "bin" / "dg"), "check", "defs"],
        cwd=elsewhere,
        env=dg_env(elsewhere),
        capture_output=True,
        text=True,
        timeout=SYNC_TIMEOUT,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_an_imported_export_becomes_a_project_that_loads(
    api: httpx.Client, exported: bytes, designer: Designer
) -> None:
    wrapped = io.BytesIO()  # as GitHub's downloads are: all in one top folder
    with (
        zipfile.ZipFile(io.BytesIO(exported)) as source,
        zipfile.ZipFile(wrapped, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            out.writestr(f"project-main/{info.filename}", source.read(info))
    response = api.post(
        "/projects/import",
        params={"name": "imported_copy"},
        content=wrapped.getvalue(),
        headers={"Content-Type": "application/zip"},
    )
    assert response.status_code == 202, response.text
    created = response.json()
    assert created["name"] == "imported_copy" and created["status"] == "creating"
    ready = wait_for_project(api, created["id"])
    assert ready["status"] == "ready", ready.get("error")
    root = designer.workspace / "imported_copy"
    assert Path(ready["path"]) == root and (root / "pyproject.toml").is_file()
    assert not [p for p in designer.workspace.iterdir() if p.name.startswith(".import-")]
    validated = api.post(f"/projects/{created['id']}/validate").json()
    assert validated["ok"], validated["output"]
    taken = api.post("/projects/import", params={"name": "imported_copy"}, content=exported)
    assert taken.status_code == 400 and "already exists" in taken.json()["detail"]
    assert (
        api.delete(f"/projects/{created['id']}", params={"delete_files": True}).status_code == 204
    )
    assert not root.exists()


# ----------------------------------------------------------------------------------------------
# refusals: each a 400, and nothing written under the workspace


def _zip(*entries: tuple[str, bytes] | zipfile.ZipInfo, data: bytes = b"") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("pyproject.toml", '[tool.dg]\ndirectory_type = "project"\n')
        for entry in entries:
            if isinstance(entry, zipfile.ZipInfo):
                out.writestr(entry, data)
            else:
                out.writestr(*entry)
    return buffer.getvalue()


def _link() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("src/link")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def _many_files() -> bytes:
    return _zip(*[(f"f/{i}.txt", b"") for i in range(20_001)])


def _huge() -> bytes:
    """An archive whose central directory claims 1.2 GB unpacked in entries that each look
    harmless (a crafted archive can claim any size; the check goes by what it claims)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
        for i in range(3):
            out.writestr(f"data/{i}.bin", b"x")
    claimed = bytearray(buffer.getvalue())
    size = 400 * 1024 * 1024
    offset = claimed.find(b"PK\x01\x02")
    while offset != -1:
        claimed[offset + 20 : offset + 24] = (size // 100).to_bytes(4, "little")  # compressed
        claimed[offset + 24 : offset + 28] = size.to_bytes(4, "little")  # unpacked
        offset = claimed.find(b"PK\x01\x02", offset + 46)
    return bytes(claimed)


REFUSED = {
    "zip slip": (_zip(("../escaped.py", b"x")), "outside"),
    "deep zip slip": (_zip(("src/../../escaped.py", b"x")), "outside"),
    "absolute path": (_zip(("/tmp/escaped.py", b"x")), "absolute"),
    "drive letter": (_zip(("C:/escaped.py", b"x")), "absolute"),
    "backslash": (_zip(("src\\..\\..\\escaped.py", b"x")), "backslash"),
    "symlink entry": (_zip(_link(), data=b"/etc/passwd"), "symbolic link"),
    "too many files": (_many_files(), "more than the 20000"),
    "too many bytes": (_huge(), "more than 1 GB"),
    "zip bomb": (_zip(("zeros.bin", bytes(8 * 1024 * 1024))), "zip bomb"),
    "not a zip": (b"this is not an archive at all", "not a ZIP"),
    "empty body": (b"", "no body"),
}


def _tree(workspace: Path, skip: set[Path]) -> set[str]:
    """Every path under the workspace but the projects already there and the designer's own
    state."""
    found = set()
    for path in workspace.rglob("*"):
        if any(path == s or s in path.parents for s in skip):
            continue
        found.add(path.relative_to(workspace).as_posix())
    return found


@pytest.fixture
def unchanged(designer: Designer, project_root: Path) -> Iterator[None]:
    workspace = designer.workspace
    skip = {project_root, workspace / ".dagster-designer"}
    before = _tree(workspace, skip)
    yield
    assert _tree(workspace, skip) == before


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_bad_archive_is_refused_and_writes_nothing(
    api: httpx.Client, case: str, unchanged: None
) -> None:
    del unchanged
    body, words = REFUSED[case]
    response = api.post("/projects/import", params={"name": "refused_one"}, content=body)
    assert response.status_code == 400, response.text
    assert words in response.json()["detail"]


def test_an_archive_that_is_no_dg_project_is_refused(api: httpx.Client, unchanged: None) -> None:
    del unchanged
    body = io.BytesIO()
    with zipfile.ZipFile(body, "w") as out:
        out.writestr("README.md", "hello")
    response = api.post("/projects/import", params={"name": "refused_one"}, content=body.getvalue())
    assert response.status_code == 400
    assert "not a dg project" in response.json()["detail"]


def test_a_pyproject_without_dg_is_refused_after_unpacking_and_leaves_nothing(
    api: httpx.Client, unchanged: None
) -> None:
    del unchanged
    body = io.BytesIO()
    with zipfile.ZipFile(body, "w") as out:
        out.writestr("pyproject.toml", '[project]\nname = "plain"\n')
        out.writestr("plain/__init__.py", "")
    response = api.post("/projects/import", params={"name": "refused_one"}, content=body.getvalue())
    assert response.status_code == 400
    assert "not a dg project" in response.json()["detail"]


@pytest.mark.parametrize(
    ("name", "words"),
    [("../escape", "single folder name"), ("has space", "underscores"), ("", "Enter a name")],
)
def test_a_bad_name_is_refused(
    api: httpx.Client, exported: bytes, name: str, words: str, unchanged: None
) -> None:
    del unchanged
    response = api.post("/projects/import", params={"name": name}, content=exported)
    assert response.status_code == 400, response.text
    assert words in response.json()["detail"]


def _chunks(total: int, size: int = 1024 * 1024) -> Iterator[bytes]:
    block = b"x" * size
    for _ in range(total // size):
        yield block


@pytest.mark.parametrize("declared", [False, True], ids=["chunked", "content-length"])
def test_a_body_over_the_limit_is_refused(
    api: httpx.Client, declared: bool, unchanged: None
) -> None:
    del unchanged
    size = 300 * 1024 * 1024
    response = api.post(
        "/projects/import",
        params={"name": "refused_one"},
        content=_chunks(size),
        headers={"Content-Length": str(size)} if declared else {},
    )
    assert response.status_code == 400, response.text
    assert "256 MB" in response.json()["detail"]
