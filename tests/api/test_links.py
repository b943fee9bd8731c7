"""Links and special files in a project: every file operation goes through one confinement rule.

A link is an object of its own: deleting or moving it never touches its target, and nothing is
read or written through it out of the project or into `.git` or `.venv`. FIFOs, sockets and
devices are left out of listings and refused, never waited on. The targets live in a sibling
folder outside the project, and every test asserts that nothing there (nor in `.git` or `.venv`)
changed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

SECRET = "outside-secret-token"
# name -> target; targets starting with "@" are inside the outside folder
LINKS = {
    "to_outside_file": "@secret.txt",
    "to_outside_dir": "@folder",
    "to_git": ".git",
    "hooks": ".git/hooks",
    "to_venv": ".venv",
    "to_venv_cfg": ".venv/pyvenv.cfg",
    "dangling_out": "@missing.txt",
    "dangling_in": "missing_inside.txt",
    "loop_a": "loop_b",
    "loop_b": "loop_a",
    "to_root": ".",
    "to_inside_file": "README.md",
    "to_inside_dir": "src",
    "to_note": "note_target.txt",
}
# Every path here leads out of the project, into .git or .venv, or round a loop.
REFUSED = [
    "to_outside_file",
    "to_outside_dir/inner.txt",
    "to_outside_dir/new.txt",
    "to_outside_dir/sub/deep.txt",
    "to_git/config",
    "to_git/hooks/pre-commit",
    "hooks/pre-commit",
    "to_venv/pyvenv.cfg",
    "to_venv_cfg",
    "dangling_out",
    "loop_a",
    "loop_b/x.txt",
    "to_root/.git/config",
    "to_root/to_outside_file",
]


def _tree(root: Path) -> dict[str, tuple]:
    """Everything under `root` as the file system records it, without following links; byte
    code that Python writes into `__pycache__` on import is left out."""
    if not os.path.lexists(root):
        return {}
    found = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [name for name in dirs if name != "__pycache__"]
        for name in dirs + names:
            path = Path(folder) / name
            info = path.lstat()
            if stat.S_ISDIR(info.st_mode):  # its entries say what changed in it
                found[str(path)] = (info.st_mode, info.st_ino)
                continue
            link = os.readlink(path) if stat.S_ISLNK(info.st_mode) else None
            found[str(path)] = (info.st_mode, info.st_ino, info.st_size, info.st_mtime_ns, link)
    return found


@pytest.fixture
def outside(project_root: Path) -> Iterator[Path]:
    """A sibling folder of the project holding link targets; it, `.git` and `.venv` must come out
    of every test exactly as they went in."""
    folder = project_root.parent / "outside_targets"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "folder" / "sub").mkdir(parents=True)
    (folder / "secret.txt").write_text(SECRET + "\n")
    (folder / "folder" / "inner.txt").write_text(SECRET + " inner\n")
    (folder / "folder" / "sub" / "deep.txt").write_text(SECRET + " deep\n")
    (folder / "designer").mkdir()
    for layout in (folder / "designer" / "layout.json", folder / "layout.json"):
        layout.write_text('{"version": 1, "positions": {"outside_node": {"x": 1, "y": 2}}}\n')
    (folder / "component").mkdir()
    (folder / "component" / "defs.yaml").write_text(f"type: {SECRET.replace('-', '_')}\n")
    made_git = not (project_root / ".git").exists()
    (project_root / ".git" / "hooks").mkdir(parents=True, exist_ok=True)
    (project_root / ".git" / "config").touch()
    watched = [folder, project_root / ".git", project_root / ".venv"]
    before = [_tree(path) for path in watched]
    try:
        yield folder
        after = [_tree(path) for path in watched]
        for path, then, now in zip(watched, before, after, strict=True):
            assert now == then, f"{path} changed: {set(now.items()) ^ set(then.items())}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if made_git:
            shutil.rmtree(project_root / ".git")


@pytest.fixture
def links(project_root: Path, outside: Path) -> Iterator[dict[str, Path]]:
    made = {}
    (project_root / "note_target.txt").write_text("note\n")
    for name, target in LINKS.items():
        path = project_root / name
        path.symlink_to(outside / target[1:] if target.startswith("@") else target)
        made[name] = path
    try:
        yield made
    finally:
        for name in (*LINKS, *(f"moved_{name}" for name in LINKS)):
            with contextlib.suppress(FileNotFoundError):
                (project_root / name).unlink()
        for leftover in ("note_target.txt", "missing_inside.txt"):
            (project_root / leftover).unlink(missing_ok=True)


def _files(project: dict, rest: str = "") -> str:
    return f"/projects/{project['id']}/files{rest}"


def _tree_of_project(project_root: Path) -> dict[str, str]:
    """README and the source tree, which links inside the project point to."""
    return {
        str(path.relative_to(project_root)): path.read_text()
        for path in [project_root / "README.md", *sorted((project_root / "src").rglob("*.py"))]
    }


@pytest.mark.parametrize("name", list(LINKS))
def test_deleting_a_link_removes_the_link_never_its_target(
    api: httpx.Client, project: dict, project_root: Path, links: dict[str, Path], name: str
) -> None:
    before = _tree_of_project(project_root)
    deleted = api.delete(_files(project, f"/{name}"), params={"recursive": "true"})
    assert deleted.status_code == 204, deleted.text
    assert not os.path.lexists(links[name])
    assert _tree_of_project(project_root) == before
    assert (project_root / "note_target.txt").read_text() == "note\n"
    assert all(os.path.lexists(links[other]) for other in LINKS if other != name)


@pytest.mark.parametrize("name", list(LINKS))
def test_moving_a_link_moves_the_link_never_its_target(
    api: httpx.Client, project: dict, project_root: Path, links: dict[str, Path], name: str
) -> None:
    before = _tree_of_project(project_root)
    target = os.readlink(links[name])
    moved = api.post(f"/projects/{project['id']}/moves", json={"from": name, "to": f"moved_{name}"})
    assert moved.status_code == 200, moved.text
    assert not os.path.lexists(links[name])
    assert os.readlink(project_root / f"moved_{name}") == target
    assert _tree_of_project(project_root) == before


@pytest.mark.parametrize("path", REFUSED)
def test_nothing_is_read_or_written_through_a_link_that_leaves(
    api: httpx.Client, project: dict, project_root: Path, links: dict[str, Path], path: str
) -> None:
    read = api.get(_files(project, f"/{path}"))
    assert read.status_code == 400, read.text
    assert SECRET not in read.text
    for headers in ({}, {"If-Match": "*"}, {"If-None-Match": "*"}):
        written = api.put(
            _files(project, f"/{path}"), content="#!/bin/sh\nexit 1\n", headers=headers
        )
        assert written.status_code == 400, (headers, written.text)
    assert api.post(f"/projects/{project['id']}/folders/{path}/new").status_code == 400
    moves = f"/projects/{project['id']}/moves"
    assert api.post(moves, json={"from": "to_note", "to": f"{path}/note"}).status_code == 400
    assert api.post(moves, json={"from": f"{path}/x", "to": "x"}).status_code == 400
    assert os.path.lexists(links["to_note"])


def test_links_inside_the_project_are_followed_for_reading_and_writing(
    api: httpx.Client, project: dict, project_root: Path, links: dict[str, Path]
) -> None:
    readme = (project_root / "README.md").read_text()
    assert api.get(_files(project, "/to_inside_file")).text == readme
    assert api.get(_files(project, "/to_root/README.md")).text == readme
    package = "to_inside_dir/sales_analytics/definitions.py"
    assert api.get(_files(project, f"/{package}")).status_code == 200
    written = api.put(_files(project, "/to_note"), content="through the link\n")
    assert written.status_code == 200, written.text
    assert (project_root / "note_target.txt").read_text() == "through the link\n"
    assert links["to_note"].is_symlink()
    created = api.put(_files(project, "/dangling_in"), content="made\n")
    assert created.status_code == 200, created.text
    assert (project_root / "missing_inside.txt").read_text() == "made\n"
    # a link to a folder is no file to open; the project folder is not a file to write
    assert api.get(_files(project, "/to_inside_dir")).status_code == 404
    assert api.put(_files(project, "/to_root"), content="x").status_code == 400


def test_listing_and_search_never_follow_a_link(
    api: httpx.Client, project: dict, links: dict[str, Path]
) -> None:
    listed = {f["path"]: f["type"] for f in api.get(_files(project)).json()}
    # every link is listed, as an object of its own, and none is walked into
    assert {name: listed.get(name) for name in LINKS} == dict.fromkeys(LINKS, "file")
    assert not [p for p in listed if p.split("/")[0] in LINKS and "/" in p]
    search = f"/projects/{project['id']}/search"
    for kind in ("content", "name"):
        for query in (SECRET, "inner.txt", "include-system-site-packages", "pre-commit"):
            hits = api.get(search, params={"q": query, "kind": kind})
            assert hits.status_code == 200
            assert [h for h in hits.json() if query in h["text"]] == [], (kind, query)


@pytest.mark.parametrize("link", [".dagster-designer", ".dagster-designer/layout.json"])
def test_layout_is_never_read_or_written_through_a_link_that_leaves(
    api: httpx.Client, project: dict, project_root: Path, outside: Path, link: str
) -> None:
    designer = project_root / ".dagster-designer"
    aside = project_root / ".dagster-designer-aside"
    if designer.exists():
        designer.rename(aside)
    target = outside / "designer" if link == ".dagster-designer" else outside / "layout.json"
    try:
        if link != ".dagster-designer":
            designer.mkdir()
        (project_root / link).symlink_to(target)
        url = f"/projects/{project['id']}/layout"
        read = api.get(url)
        assert read.status_code == 400 and "outside_node" not in read.text, read.text
        saved = api.put(url, json={"positions": {"n": {"x": 1, "y": 1}}})
        assert saved.status_code == 400, saved.text
        assert "outside the project" in saved.json()["detail"]
    finally:
        (project_root / link).unlink()
        if designer.exists():
            designer.rmdir()
        if aside.exists():
            aside.rename(designer)


def test_component_files_are_never_read_through_a_link_that_leaves(
    api: httpx.Client, project: dict, defs_root: Path, outside: Path
) -> None:
    linked_folder = defs_root / "linked_out"
    linked_folder.symlink_to(outside / "component")
    own = defs_root / "own_component"
    own.mkdir()
    (own / "defs.yaml").symlink_to(outside / "component" / "defs.yaml")
    url = f"/projects/{project['id']}/defs"
    try:
        for path in ("linked_out", "own_component"):
            read = api.get(f"{url}/{path}")
            assert read.status_code == 400, read.text
            assert "outside_secret" not in read.text
            saved = api.put(f"{url}/{path}", json={"attributes": {"x": 1}})
            assert saved.status_code == 400, saved.text
        listed = api.get(url)
        assert listed.status_code == 200 and "outside_secret" not in listed.text
        instances = {i["path"]: i for i in listed.json()}
        assert instances["own_component"]["type"] is None
        assert "symlink" in instances["own_component"]["error"]
        assert "symlink" in instances["linked_out"]["error"]
    finally:
        linked_folder.unlink()
        shutil.rmtree(own)


def test_a_component_file_linked_inside_its_folder_is_edited_through_the_link(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    folder = defs_root / "linked_inside"
    folder.mkdir()
    (folder / "component.yaml.real").write_text("type: dagster.PythonScriptComponent\n")
    (folder / "defs.yaml").symlink_to("component.yaml.real")
    url = f"/projects/{project['id']}/defs/linked_inside"
    try:
        assert api.get(url).json()["type"] == "dagster.PythonScriptComponent"
        saved = api.put(url, json={"attributes": {"execution": {"path": "run.py"}}})
        assert saved.status_code == 200, saved.text
        assert (folder / "defs.yaml").is_symlink()
        assert "run.py" in (folder / "component.yaml.real").read_text()
    finally:
        shutil.rmtree(folder)


@contextlib.contextmanager
def _special_files(root: Path) -> Iterator[list[str]]:
    """A FIFO, a socket and (when the system lets us) a device, each also behind a link; the
    FIFO is opened for writing at the end, so that a reader stuck on it gets free."""
    made = []
    os.mkfifo(root / "pipe")
    made.append("pipe")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(root / "sock"))
    made.append("sock")
    with contextlib.suppress(PermissionError):
        os.mknod(root / "zeros", stat.S_IFCHR | 0o644, os.makedev(1, 5))  # /dev/zero
        made.append("zeros")
    for name in list(made):
        (root / f"to_{name}").symlink_to(name)
    try:
        yield made
    finally:
        with contextlib.suppress(OSError):
            os.close(os.open(root / "pipe", os.O_WRONLY | os.O_NONBLOCK))
        server.close()
        for name in made:
            (root / name).unlink(missing_ok=True)
            (root / f"to_{name}").unlink(missing_ok=True)


def test_fifos_sockets_and_devices_are_skipped_and_refused(
    api: httpx.Client, project: dict, project_root: Path, defs_root: Path, outside: Path
) -> None:
    quick = httpx.Timeout(60)
    fifo_package, linked_package = defs_root / "fifo_package", defs_root / "linked_package"
    fifo_package.mkdir()
    linked_package.mkdir()
    os.mkfifo(fifo_package / "__init__.py")
    (linked_package / "__init__.py").symlink_to(fifo_package / "__init__.py")
    try:
        with _special_files(project_root) as names:
            listed_defs = api.get(f"/projects/{project['id']}/defs", timeout=quick)
            assert listed_defs.status_code == 200, listed_defs.text
            assert not [i for i in listed_defs.json() if i["path"].endswith("__init__.py")]
            for name in [*names, *(f"to_{n}" for n in names)]:
                read = api.get(_files(project, f"/{name}"), timeout=quick)
                assert read.status_code == 400 and "FIFO" in read.json()["detail"], read.text
                for headers in ({}, {"If-Match": "*"}):
                    written = api.put(
                        _files(project, f"/{name}"), content="x", headers=headers, timeout=quick
                    )
                    assert written.status_code == 400, (name, headers, written.text)
            assert stat.S_ISFIFO((project_root / "pipe").lstat().st_mode)
            listed = {f["path"] for f in api.get(_files(project), timeout=quick).json()}
            assert not listed & set(names)
            assert {f"to_{n}" for n in names} <= listed
            hits = api.get(
                f"/projects/{project['id']}/search", params={"q": "x"}, timeout=quick
            ).json()
            assert not {h["path"] for h in hits} & {*names, *(f"to_{n}" for n in names)}
            # deleting one removes it
            assert api.delete(_files(project, "/to_pipe"), timeout=quick).status_code == 204
            assert stat.S_ISFIFO((project_root / "pipe").lstat().st_mode)
    finally:
        with contextlib.suppress(OSError):  # a reader stuck on it gets free
            os.close(os.open(fifo_package / "__init__.py", os.O_WRONLY | os.O_NONBLOCK))
        shutil.rmtree(fifo_package)
        shutil.rmtree(linked_package)


def test_a_layout_file_that_is_a_fifo_is_refused(
    api: httpx.Client, project: dict, project_root: Path
) -> None:
    layout = project_root / ".dagster-designer" / "layout.json"
    layout.parent.mkdir(exist_ok=True)
    kept = layout.read_bytes() if layout.exists() else None
    layout.unlink(missing_ok=True)
    os.mkfifo(layout)
    url = f"/projects/{project['id']}/layout"
    try:
        assert api.get(url, timeout=60).status_code == 400
        assert api.put(url, json={"positions": {"n": None}}, timeout=60).status_code == 400
        assert stat.S_ISFIFO(layout.lstat().st_mode)
    finally:
        with contextlib.suppress(OSError):
            os.close(os.open(layout, os.O_WRONLY | os.O_NONBLOCK))
        layout.unlink()
        if kept is not None:
            layout.write_bytes(kept)


def test_a_link_in_the_defs_folder_to_a_folder_holding_it_is_an_error_not_a_hang(
    api: httpx.Client, project: dict, project_root: Path, defs_root: Path
) -> None:
    loop = defs_root / "loop"
    loop.symlink_to(".")
    base = f"/projects/{project['id']}"
    try:
        listed = api.get(f"{base}/defs", timeout=120)
        assert listed.status_code == 200, listed.text
        instances = {i["path"]: i for i in listed.json()}
        assert "contains it" in instances["loop"]["error"]
        assert not [path for path in instances if path.startswith("loop/")]
        files = api.get(f"{base}/files", timeout=120)
        assert files.status_code == 200
        defs = defs_root.relative_to(project_root).as_posix()
        assert not [f for f in files.json() if f["path"].startswith(f"{defs}/loop/")]
        hits = api.get(f"{base}/search", params={"q": "import"}, timeout=120)
        assert hits.status_code == 200
        assert not [h for h in hits.json() if "/loop/" in h["path"]]
        # Dagster follows the link itself; whatever it makes of it, the answer is no 5xx
        assert api.get(f"{base}/definitions", timeout=300).status_code == 200
    finally:
        loop.unlink()


# name in the defs folder -> target; "@" marks the outside folder, others are in the defs folder
DEFS_LINKS = {
    "alias": "other_component",
    "alias_file.py": "other_assets.py",
    "linked_out": "@component",
    "dangling": "missing_component",
    "loop_self": ".",
}


@pytest.fixture
def defs_links(defs_root: Path, outside: Path) -> Iterator[dict[str, Path]]:
    """A component and a Python file in the defs folder, and links to them, outside and nowhere."""
    other = defs_root / "other_component"
    other.mkdir()
    (other / "defs.yaml").write_text("type: dagster.PythonScriptComponent\n")
    (defs_root / "other_assets.py").write_text("import dagster as dg\n")
    made = {}
    for name, target in DEFS_LINKS.items():
        made[name] = defs_root / name
        made[name].symlink_to(outside / target[1:] if target.startswith("@") else target)
    try:
        yield made
    finally:
        for path in made.values():
            path.unlink(missing_ok=True)
        shutil.rmtree(other, ignore_errors=True)
        (defs_root / "other_assets.py").unlink(missing_ok=True)


@pytest.mark.parametrize("name", list(DEFS_LINKS))
def test_deleting_a_defs_entry_that_is_a_link_removes_the_link_never_its_target(
    api: httpx.Client, project: dict, defs_root: Path, defs_links: dict[str, Path], name: str
) -> None:
    deleted = api.delete(f"/projects/{project['id']}/defs/{name}")
    assert deleted.status_code == 204, deleted.text
    assert not os.path.lexists(defs_links[name])
    assert (defs_root / "other_component" / "defs.yaml").is_file()
    assert (defs_root / "other_assets.py").read_text() == "import dagster as dg\n"
    assert all(os.path.lexists(defs_links[other]) for other in DEFS_LINKS if other != name)


def test_scaffolding_onto_or_under_a_dangling_link_is_refused_and_keeps_the_link(
    api: httpx.Client,
    project: dict,
    project_root: Path,
    defs_root: Path,
    defs_links: dict[str, Path],
) -> None:
    url = f"/projects/{project['id']}/defs"
    body = {"type": "dagster.PythonScriptComponent", "path": "dangling"}
    shown = f"`{defs_root.relative_to(project_root).as_posix()}/dangling`"
    onto = api.post(url, json=body)
    assert onto.status_code == 400, onto.text
    assert "already exists" in onto.json()["detail"]
    assert shown in onto.json()["detail"]
    for path in ("dangling/inner", "dangling/inner/deeper"):
        under = api.post(url, json={**body, "path": path})
        assert under.status_code == 400, under.text
        detail = under.json()["detail"]
        # the user's terms: the link, as the project names it, and what to do about it
        assert shown in detail and "link" in detail and "another path" in detail, detail
        assert str(project_root) not in under.text and "Errno" not in under.text, detail
    assert os.readlink(defs_links["dangling"]) == "missing_component"
    assert not os.path.lexists(defs_root / "missing_component")


PYPROJECT = (
    '[project]\nname = "linked"\n[tool.dg]\ndirectory_type = "project"\n'
    '[tool.dg.project]\nroot_module = "linked"\n{extra}'
)
# how each case spoils a project folder that is otherwise fine, and what the refusal says
SPOILED = {
    "dg_toml_fifo": "FIFO",
    "pyproject_fifo": "FIFO",
    "pyproject_out": "outside the project",
    "defs_out": "outside the project",
    "root_module_out": "outside the project",
    "src_out": "outside the project",
    "defs_module_absolute": "not a Python module name",
}


@pytest.mark.parametrize("case", list(SPOILED))
def test_opening_a_project_whose_config_blocks_or_whose_code_folders_leave_is_refused(
    api: httpx.Client, tmp_path: Path, case: str
) -> None:
    folder, elsewhere = tmp_path / "linked", tmp_path / "elsewhere"
    (elsewhere / "linked" / "defs").mkdir(parents=True)
    (elsewhere / "pyproject.toml").write_text(PYPROJECT.format(extra=""))
    (folder / "src" / "linked" / "defs").mkdir(parents=True)
    extra = 'defs_module = "linked./etc"\n' if case == "defs_module_absolute" else ""
    (folder / "pyproject.toml").write_text(PYPROJECT.format(extra=extra))
    fifo = {"dg_toml_fifo": "dg.toml", "pyproject_fifo": "pyproject.toml"}.get(case)
    if fifo:
        (folder / fifo).unlink(missing_ok=True)
        os.mkfifo(folder / fifo)
    linked = {
        "pyproject_out": ("pyproject.toml", elsewhere / "pyproject.toml"),
        "defs_out": ("src/linked/defs", elsewhere / "linked" / "defs"),
        "root_module_out": ("src/linked", elsewhere / "linked"),
        "src_out": ("src", elsewhere),
    }.get(case)
    if linked:
        shutil.rmtree(folder / linked[0], ignore_errors=True)
        (folder / linked[0]).unlink(missing_ok=True)
        (folder / linked[0]).symlink_to(linked[1])
    try:
        opened = api.post("/projects", json={"path": str(folder)}, timeout=60)
        assert opened.status_code == 400, opened.text
        assert SPOILED[case] in opened.json()["detail"], opened.text
    finally:
        if fifo:  # a reader stuck on it gets free
            with contextlib.suppress(OSError):
                os.close(os.open(folder / fifo, os.O_WRONLY | os.O_NONBLOCK))
        for listed in api.get("/projects").json():
            if listed["path"] == str(folder):  # opened after all: forgotten, files kept
                api.delete(f"/projects/{listed['id']}")
