"""Source control: the project's repository status, diffs, staging, commits, branches, the
log, pull and push. Git's own refusals are 409 with a message (and a `reason` where the client
can offer the next step); a token given for a pull or push is used for that call only."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from ...processes import git
from ...services import git as source_control
from ..deps import SessionDep
from ..models import Answer

router = APIRouter(prefix="/projects/{project_id}/git", tags=["git"])

FileStatus = Literal["modified", "added", "untracked", "deleted", "renamed", "conflicted"]


class Change(Answer):
    path: str
    staged: FileStatus | None
    unstaged: FileStatus | None


class GitStatus(Answer):
    repository: bool
    branch: str | None
    upstream: str | None
    ahead: int
    behind: int
    files: dict[str, FileStatus]
    changes: list[Change]
    operation: Literal["merge", "rebase"] | None
    conflicts: list[str]


class FileDiff(Answer):
    path: str
    diff: str
    original: str | None
    modified: str | None
    binary: bool


class Paths(BaseModel):
    model_config = ConfigDict(extra="forbid")
    paths: list[str] = Field(min_length=1, max_length=10_000)


class CommitRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    message: str = Field(max_length=100_000)
    paths: list[str] | None = Field(default=None, max_length=10_000)
    allow_secrets: bool = False


class Committed(Answer):
    sha: str


class Branch(Answer):
    name: str
    current: bool
    upstream: str | None


class Branches(Answer):
    current: str | None
    branches: list[Branch]
    remotes: list[str]


class NewBranch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=255)
    switch: bool = False


class Checkout(BaseModel):
    model_config = ConfigDict(extra="forbid")
    branch: str = Field(min_length=1, max_length=255)


class Commit(Answer):
    sha: str
    short: str
    subject: str
    author: str
    date: str


class Log(Answer):
    commits: list[Commit]


class Sync(BaseModel):
    model_config = ConfigDict(extra="forbid")
    remote: str | None = Field(default=None, max_length=255)
    branch: str | None = Field(default=None, max_length=255)
    token: str | None = Field(default=None, min_length=1, max_length=4096)


class Synced(Answer):
    ok: bool
    output: str


class SecretFinding(Answer):
    path: str
    line: int
    reason: str


class GitRefusal(Answer):
    detail: str
    reason: Literal["conflict", "rejected", "auth", "no-remote"] | None = None
    secrets: list[SecretFinding] | None = None


REFUSED = {409: {"model": GitRefusal, "description": "git refused the action"}}


@router.get("", response_model=GitStatus)
async def git_status(session: SessionDep) -> dict:
    """The branch, its upstream and how far apart they are, the changed files (staged and not),
    and a merge or rebase in progress with its conflicted files."""
    return await git.status(session.config)


@router.get("/diff", response_model=FileDiff, responses=REFUSED)
async def file_diff(
    session: SessionDep, path: str = Query(min_length=1), staged: bool = False
) -> dict:
    """One file's changes: not staged (the index against the working file) or staged (HEAD
    against the index), as a unified diff and both texts."""
    return await git.diff(session.config, path, staged)


@router.post("/stage", response_model=GitStatus, responses=REFUSED)
async def stage(body: Paths, session: SessionDep) -> dict:
    await git.stage(session.config.root, body.paths)
    return await git.status(session.config)


@router.post("/unstage", response_model=GitStatus, responses=REFUSED)
async def unstage(body: Paths, session: SessionDep) -> dict:
    await git.unstage(session.config.root, body.paths)
    return await git.status(session.config)


@router.post("/discard", response_model=GitStatus, responses=REFUSED)
async def discard(body: Paths, session: SessionDep) -> dict:
    """The working files as staged (or as committed when nothing is staged); untracked files
    are deleted."""
    await git.discard(session.config.root, body.paths)
    return await git.status(session.config)


@router.post("/commit", response_model=Committed, responses=REFUSED)
async def commit(body: CommitRequest, session: SessionDep) -> dict:
    """Commit what is staged (`paths` staged first); staged lines that look like secrets stop
    it unless `allow_secrets`. The repository's hooks run."""
    sha = await source_control.commit(session.config, body.message, body.paths, body.allow_secrets)
    return {"sha": sha}


@router.get("/branches", response_model=Branches, responses=REFUSED)
async def branches(session: SessionDep) -> dict:
    return await git.branches(session.config)


@router.post("/branches", response_model=GitStatus, responses=REFUSED)
async def create_branch(body: NewBranch, session: SessionDep) -> dict:
    await git.create_branch(session.config.root, body.name, body.switch)
    return await git.status(session.config)


@router.post("/checkout", response_model=GitStatus, responses=REFUSED)
async def checkout(body: Checkout, session: SessionDep) -> dict:
    """Switch to an existing branch; refused when local changes would be overwritten."""
    await git.checkout(session.config.root, body.branch)
    return await git.status(session.config)


@router.get("/log", response_model=Log, responses=REFUSED)
async def log(session: SessionDep, limit: int = Query(default=50, ge=1, le=1000)) -> dict:
    return await git.log(session.config, limit)


@router.post("/pull", response_model=Synced, responses=REFUSED)
async def pull(body: Sync, session: SessionDep) -> dict:
    """Fetch and merge; conflicts stop it with the merge in progress (abort is offered)."""
    output = await git.pull(session.config.root, body.remote, body.branch, body.token)
    return {"ok": True, "output": output}


@router.post("/push", response_model=Synced, responses=REFUSED)
async def push(body: Sync, session: SessionDep) -> dict:
    output = await git.push(session.config.root, body.remote, body.branch, body.token)
    return {"ok": True, "output": output}


@router.post("/abort", response_model=GitStatus, responses=REFUSED)
async def abort(session: SessionDep) -> dict:
    """Abort the merge (or rebase) in progress."""
    await git.abort(session.config.root)
    return await git.status(session.config)
