"""Changing a project's repository: stage, unstage, discard, commit, branches, pull, push,
abort, and making one (init for a new project, clone for a project from a URL). Each git
refusal becomes a `GitRefused` in words, with a `reason` where the client can offer a next
step."""

from __future__ import annotations

import shutil
from pathlib import Path

from ...project_files.paths import confine
from .read import git_dir, operation_of
from .runner import (
    NETWORK_TIMEOUT,
    WRITE_TIMEOUT,
    GitRefused,
    Result,
    checked_paths,
    run,
)

# A commit made by the designer itself (a new project's first) when the user has no identity.
DESIGNER_IDENTITY = {
    "GIT_AUTHOR_NAME": "Dagster Designer",
    "GIT_AUTHOR_EMAIL": "designer@localhost",
    "GIT_COMMITTER_NAME": "Dagster Designer",
    "GIT_COMMITTER_EMAIL": "designer@localhost",
}
_AUTH = (
    "authentication failed",
    "could not read username",
    "could not read password",
    "terminal prompts disabled",
    "invalid username or password",
    "permission denied",
    "the requested url returned error: 401",
    "the requested url returned error: 403",
)
_REJECTED = ("[rejected]", "non-fast-forward", "fetch first", "failed to push some refs")
_NO_REMOTE = (
    "no configured push destination",
    "does not appear to be a git repository",
    "no such remote",
    "there is no tracking information",
    "no remote repository specified",
)


class GitInputError(ValueError):
    """A request git cannot take as given (an empty message, a bad branch name): 400."""


class NoSuchBranch(LookupError):
    """A branch that does not exist: 404."""


def _said(result: Result) -> str:
    text = (result.output + "\n" + result.text).strip()
    return "\n".join(text.splitlines()[-12:])


def _failed(result: Result, action: str) -> GitRefused:
    """The refusal of a command that failed, with the reason a client can act on."""
    said = _said(result)
    lower = said.lower()
    if result.timed_out:
        return GitRefused(f"{action} did not finish in time and was stopped.")
    if any(mark in lower for mark in _AUTH):
        return GitRefused(
            f"{action} failed: the remote refused the credentials. Give a valid token (or set "
            f"up a credential helper) and try again.\n{said}",
            "auth",
        )
    if any(mark in lower for mark in _NO_REMOTE):
        return GitRefused(
            f"{action} failed: there is no remote (or no upstream branch) to use. Add a "
            f"remote, or name the remote and branch.\n{said}",
            "no-remote",
        )
    return GitRefused(f"{action} failed.\n{said}")


async def _head_exists(root: Path) -> bool:
    return (await run(root, "rev-parse", "--verify", "-q", "HEAD")).ok


async def stage(root: Path, paths: list[str]) -> None:
    result = await run(root, "add", "-A", "--", *checked_paths(paths), read=False)
    if not result.ok:
        raise _failed(result, "Staging")


async def unstage(root: Path, paths: list[str]) -> None:
    checked = checked_paths(paths)
    if await _head_exists(root):
        result = await run(root, "restore", "--staged", "--", *checked, read=False)
    else:  # no commit yet: unstaging takes the files out of the index
        result = await run(root, "rm", "-r", "-q", "--cached", "--", *checked, read=False)
    if not result.ok:
        raise _failed(result, "Unstaging")


async def discard(root: Path, paths: list[str]) -> None:
    """The working files as the index has them; untracked files are deleted (never an ignored
    one, never a folder that holds a tracked file)."""
    checked = checked_paths(paths)
    for path in checked:  # deletes: never through a link out of the project, nor a bad name
        if path != ".":  # the whole working tree
            confine(root, path, follow=False)
    untracked = await run(root, "ls-files", "-z", "--others", "--exclude-standard", "--", *checked)
    tracked = await run(root, "ls-files", "-z", "--", *checked)
    if not (untracked.ok and tracked.ok):
        raise _failed(tracked if untracked.ok else untracked, "Discarding")
    for path in filter(None, untracked.text.split("\0")):
        confine(root, path, follow=False).unlink(missing_ok=True)
    known = [path for path in tracked.text.split("\0") if path]
    restore = [
        p for p in checked if p == "." or any(k == p or k.startswith(f"{p}/") for k in known)
    ]
    if restore:
        result = await run(root, "restore", "--worktree", "--", *restore, read=False)
        if not result.ok:
            raise _failed(result, "Discarding")


async def commit(root: Path, message: str) -> str:
    """Commit what is staged, running the repository's hooks (its owner put them there; a
    hook that hangs is stopped at the timeout); returns the new commit's sha."""
    if not message.strip():
        raise GitInputError("Write a commit message.")
    staged = await run(root, "diff", "--cached", "--quiet", "--no-ext-diff")
    if staged.returncode == 0:
        raise GitRefused("Nothing is staged to commit.")
    result = await run(
        root, "commit", "-q", "-F", "-", read=False, timeout=WRITE_TIMEOUT, stdin=message.encode()
    )
    if not result.ok:
        said = _said(result)
        if "tell me who you are" in said.lower() or "author identity unknown" in said.lower():
            raise GitRefused(
                "git does not know who you are: set `user.name` and `user.email` (in a "
                "terminal: `git config user.name ...`) and commit again."
            )
        raise _failed(result, "The commit (or one of the repository's hooks)")
    head = await run(root, "rev-parse", "HEAD")
    return head.text.strip()


async def _valid_branch(root: Path, name: str) -> str:
    if not name or name.startswith("-") or "\0" in name:  # a NUL would cut the argument short
        raise GitInputError(f"`{name}` is not a valid branch name.")
    found = await run(root, "check-ref-format", "--branch", name)
    if not found.ok:
        raise GitInputError(f"`{name}` is not a valid branch name.")
    return found.text.strip()


async def create_branch(root: Path, name: str, switch: bool) -> None:
    await git_dir(root)
    branch = await _valid_branch(root, name)
    if (await run(root, "rev-parse", "--verify", "-q", f"refs/heads/{branch}")).ok:
        raise GitRefused(f"A branch named `{branch}` already exists.")
    args = ("switch", "-c", branch) if switch else ("branch", branch)
    result = await run(root, *args, read=False)
    if not result.ok:
        raise _failed(result, f"Creating the branch `{branch}`")


async def checkout(root: Path, name: str) -> None:
    await git_dir(root)
    branch = await _valid_branch(root, name)
    known = await run(root, "for-each-ref", "--format=%(refname:short)", "refs/heads")
    if branch not in known.text.splitlines():
        raise NoSuchBranch(f"There is no branch named `{branch}`.")
    result = await run(root, "switch", "--no-guess", branch, read=False)
    if not result.ok:
        said = _said(result)
        if "would be overwritten" in said:
            raise GitRefused(
                f"Switching to `{branch}` would overwrite local changes: commit or discard "
                f"them first.\n{said}"
            )
        raise _failed(result, f"Switching to `{branch}`")


async def _remote_and_branch(root: Path, remote: str | None, branch: str | None) -> list[str]:
    """The remote and branch named, checked: never an option, never a URL."""
    for value in (remote, branch):
        if value is not None and (not value or value.startswith("-") or ":" in value):
            raise GitInputError(f"`{value}` is not a remote or branch name.")
    if remote is not None:
        remotes = (await run(root, "remote")).text.split()
        if remote not in remotes:
            raise GitRefused(f"There is no remote named `{remote}`.", "no-remote")
    return [value for value in (remote, branch) if value is not None]


async def _conflicts(root: Path) -> list[str]:
    found = await run(root, "diff", "--name-only", "--relative", "--diff-filter=U", "-z")
    return [path for path in found.text.split("\0") if path]


async def pull(root: Path, remote: str | None, branch: str | None, token: str | None) -> str:
    """Fetch and merge (never a rebase: a merge can be aborted as one step)."""
    await git_dir(root)
    target = await _remote_and_branch(root, remote, branch)
    if remote is None and not (await run(root, "remote")).text.split():
        raise GitRefused("The repository has no remote to pull from.", "no-remote")
    result = await run(
        root,
        "pull",
        "--no-rebase",
        "--no-edit",
        *target,
        read=False,
        token=token,
        timeout=NETWORK_TIMEOUT,
    )
    if result.ok:
        return _said(result)
    if operation_of(await git_dir(root)) is not None:
        files = await _conflicts(root)
        raise GitRefused(
            "The pull stopped on conflicts in "
            + (", ".join(f"`{path}`" for path in files) or "some files")
            + ": resolve them and commit, or abort the merge.",
            "conflict",
        )
    raise _failed(result, "The pull")


async def push(root: Path, remote: str | None, branch: str | None, token: str | None) -> str:
    """Push the branch; a branch without an upstream gets the remote's branch of its name."""
    await git_dir(root)
    target = await _remote_and_branch(root, remote, branch)
    remotes = (await run(root, "remote")).text.split()
    if not remotes:
        raise GitRefused("The repository has no remote to push to.", "no-remote")
    upstream = await run(root, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}")
    if not target and not upstream.ok:
        head = await run(root, "symbolic-ref", "--short", "-q", "HEAD")
        if not head.ok:
            raise GitRefused("No branch is checked out: switch to a branch to push it.")
        chosen = "origin" if "origin" in remotes else remotes[0]
        target = ["--set-upstream", chosen, head.text.strip()]
    result = await run(
        root, "push", "--porcelain", *target, read=False, token=token, timeout=NETWORK_TIMEOUT
    )
    if result.ok:
        return _said(result)
    lower = _said(result).lower()
    if any(mark in lower for mark in _REJECTED) and not any(mark in lower for mark in _AUTH):
        raise GitRefused(
            "The remote rejected the push: it has commits this branch does not have. Pull "
            f"first, then push again.\n{_said(result)}",
            "rejected",
        )
    raise _failed(result, "The push")


async def abort(root: Path) -> None:
    operation = operation_of(await git_dir(root))
    if operation is None:
        raise GitRefused("No merge or rebase is in progress.")
    result = await run(root, operation, "--abort", read=False)
    if not result.ok:
        raise _failed(result, f"Aborting the {operation}")


async def init(root: Path) -> str:
    """A new project's repository with a first commit of its files, made as the designer when
    the user has no git identity (through that call's environment only) and without hooks or
    signing (the user asked for a project, not for a commit); says what was done. A commit
    that fails leaves the repository without one, never a failed project."""
    result = await run(root, "init", "-q", read=False)
    if not result.ok:
        raise _failed(result, "`git init`")
    identity = None if await has_identity(root) else DESIGNER_IDENTITY
    for args in (
        ("add", "-A"),
        ("commit", "-q", "--no-verify", "-m", "New Dagster project"),
    ):
        config = {"commit.gpgsign": "false"}
        result = await run(root, *args, read=False, extra_env=identity, config=config)
        if not result.ok:
            return f"git repository made; no first commit ({_said(result)})"
    return "git repository made with a first commit"


async def has_identity(root: Path) -> bool:
    found = [await run(root, "config", "--get", key) for key in ("user.name", "user.email")]
    return all(result.ok and result.text.strip() for result in found)


async def clone(url: str, target: Path, branch: str | None, token: str | None) -> None:
    """Clone `url` into `target` (its parent folder must exist); only http(s) remotes, and the
    token never reaches the clone's config."""
    args = ["clone", "--no-recurse-submodules"]
    if branch is not None:
        args += ["--branch", branch]
    result = await run(
        target.parent,
        *args,
        "--",
        url,
        str(target),
        read=False,
        token=token,
        timeout=NETWORK_TIMEOUT,
        extra_env={"GIT_ALLOW_PROTOCOL": "http:https"},
    )
    if not result.ok:
        shutil.rmtree(target, ignore_errors=True)
        raise _failed(result, "The clone")
