"""Reading a project's repository: status (badges, changes, branch, ahead/behind, a merge in
progress), a file's diff with both texts, branches and the log. Nothing here runs a command the
repository configured."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...project_files.config import ProjectConfig
from ...project_files.paths import confine
from .runner import GitRefused, checked_paths, filters_off, run

_STATUS = {
    "M": "modified",
    "A": "added",
    "D": "deleted",
    "R": "renamed",
    "C": "added",
    "T": "modified",
}
MAX_DIFF_TEXT = 1024 * 1024  # a bigger file is shown as `binary`: no texts


def _one(letter: str) -> str | None:
    return None if letter == "." else _STATUS.get(letter, "modified")


def _badge(staged: str | None, unstaged: str | None) -> str:
    return unstaged or staged or "modified"


async def toplevel(root: Path) -> Path | None:
    top = await run(root, "rev-parse", "--show-toplevel")
    return Path(top.text.strip()).resolve() if top.ok else None


async def git_dir(root: Path) -> Path:
    found = await run(root, "rev-parse", "--absolute-git-dir")
    if not found.ok:
        raise GitRefused("The project is not in a git repository.")
    return Path(found.text.strip())


def operation_of(directory: Path) -> str | None:
    if (directory / "rebase-merge").is_dir() or (directory / "rebase-apply").is_dir():
        return "rebase"
    return "merge" if (directory / "MERGE_HEAD").is_file() else None


def not_a_repository() -> dict[str, Any]:
    return {
        "repository": False,
        "branch": None,
        "upstream": None,
        "ahead": 0,
        "behind": 0,
        "files": {},
        "changes": [],
        "operation": None,
        "conflicts": [],
    }


async def status(config: ProjectConfig) -> dict[str, Any]:
    root = config.root
    try:
        top = await toplevel(root)
    except GitRefused:  # no git installed
        return not_a_repository()
    if top is None:
        return not_a_repository()
    result = await run(
        root,
        *("status", "--porcelain=v2", "-z", "--branch", "--untracked-files=all", "--", "."),
        config=await filters_off(root),
    )
    if not result.ok:
        return not_a_repository()
    answer = not_a_repository() | {"repository": True}
    files: dict[str, str] = {}
    changes: list[dict[str, Any]] = []
    conflicts: list[str] = []
    entries = iter(result.stdout.decode("utf-8", "replace").split("\0"))
    for entry in entries:
        if entry.startswith("# branch.head "):
            head = entry[len("# branch.head ") :]
            answer["branch"] = None if head == "(detached)" else head
        elif entry.startswith("# branch.upstream "):
            answer["upstream"] = entry[len("# branch.upstream ") :]
        elif entry.startswith("# branch.ab "):
            ahead, behind = entry[len("# branch.ab ") :].split()
            answer["ahead"], answer["behind"] = int(ahead), -int(behind)
        elif entry[:2] in ("1 ", "2 ", "u ", "? "):
            kind = entry[0]
            fields = entry.split(" ", {"1": 8, "2": 9, "u": 10, "?": 1}[kind])
            path = fields[-1]
            if kind == "2":
                next(entries, None)  # the original path of a rename
            if kind == "?":
                staged, unstaged = None, "untracked"
            elif kind == "u":
                staged = unstaged = "conflicted"
            else:
                staged, unstaged = _one(fields[1][0]), _one(fields[1][1])
            try:
                relative = (top / path).relative_to(root).as_posix()
            except ValueError:  # the project is a folder of a larger repository
                continue
            files[relative] = _badge(staged, unstaged)
            changes.append({"path": relative, "staged": staged, "unstaged": unstaged})
            if kind == "u":
                conflicts.append(relative)
    answer |= {"files": files, "changes": changes, "conflicts": conflicts}
    answer["operation"] = operation_of(await git_dir(root))
    return answer


async def _blob(root: Path, spec: str) -> bytes | None:
    found = await run(root, "cat-file", "blob", spec, max_stdout=MAX_DIFF_TEXT + 1)
    return found.stdout if found.ok else None


def _text(data: bytes | None) -> tuple[str | None, bool]:
    """The text of a file's content, and whether it is too big or binary to show."""
    if data is None:
        return None, False
    if len(data) > MAX_DIFF_TEXT or b"\0" in data[:8192]:
        return None, True
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return None, True


async def diff(config: ProjectConfig, path: str, staged: bool) -> dict[str, Any]:
    """`staged`: HEAD against the index; otherwise the index against the working file."""
    root = config.root
    (relative,) = checked_paths([path])
    await git_dir(root)
    args = ["diff", "--no-ext-diff", "--no-textconv", "--no-color"]
    patch = await run(
        root,
        *args,
        *(["--cached"] if staged else []),
        "--",
        relative,
        config=await filters_off(root),
        max_stdout=4 * MAX_DIFF_TEXT,
    )
    if not patch.ok:
        raise GitRefused(f"git could not compare `{relative}`: {patch.output.strip()}")
    if staged:
        original = await _blob(root, f"HEAD:./{relative}")
        modified = await _blob(root, f":./{relative}")
    else:
        original = await _blob(root, f":./{relative}")
        file = confine(root, relative)  # an untracked file's original is None: nothing
        modified = file.read_bytes()[: MAX_DIFF_TEXT + 1] if file.is_file() else None
    if original is None and modified is None and not patch.stdout:
        raise FileNotFoundError(relative)
    original_text, original_binary = _text(original)
    modified_text, modified_binary = _text(modified)
    binary = original_binary or modified_binary or "Binary files " in patch.text[:2048]
    return {
        "path": relative,
        "diff": "" if binary else patch.text,
        "original": None if binary else original_text,
        "modified": None if binary else modified_text,
        "binary": binary,
    }


async def branches(config: ProjectConfig) -> dict[str, Any]:
    root = config.root
    await git_dir(root)
    fmt = "%(refname:short)%00%(HEAD)%00%(upstream:short)"
    local = await run(root, "for-each-ref", f"--format={fmt}", "refs/heads")
    remote = await run(root, "remote")
    found = []
    current = None
    for line in local.text.splitlines():
        name, head, upstream = line.split("\0")
        found.append({"name": name, "current": head == "*", "upstream": upstream or None})
        if head == "*":
            current = name
    if current is None:  # a new repository's branch has no commit, so no ref yet
        head = await run(root, "symbolic-ref", "--short", "-q", "HEAD")
        if head.ok:
            current = head.text.strip()
            found.append({"name": current, "current": True, "upstream": None})
    return {"current": current, "branches": found, "remotes": remote.text.split()}


async def log(config: ProjectConfig, limit: int) -> dict[str, Any]:
    root = config.root
    await git_dir(root)
    found = await run(
        root, "log", f"--max-count={limit}", "-z", "--format=%H%x00%h%x00%s%x00%an%x00%aI"
    )
    fields = found.text.split("\0") if found.ok else []
    commits = [
        dict(zip(("sha", "short", "subject", "author", "date"), fields[i : i + 5], strict=True))
        for i in range(0, len(fields) - 4, 5)
    ]
    return {"commits": commits}
