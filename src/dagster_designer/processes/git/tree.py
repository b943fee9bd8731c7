"""A commit of the project's repository: which commit a ref names, and its files in a folder.

Every call is a read of `runner` (no hooks, no file-system monitor, the repository's filter
drivers turned off), so reading an old commit runs nothing the repository chose.
"""

from __future__ import annotations

import asyncio
import tarfile
from pathlib import Path

from ...project_files.config import ProjectConfig
from .runner import GitUnavailable, Result, filters_off, run

# Writing a commit's files takes longer than a status for a large project.
ARCHIVE_TIMEOUT = 120.0


class NotARepository(Exception):
    """The project is not inside a git repository (or git is not installed)."""


class UnknownRef(Exception):
    """The ref names no commit of the repository."""


class CommitUnreadable(Exception):
    """git could not write a commit's files."""


async def _run(
    config: ProjectConfig,
    *args: str,
    timeout: float = 30.0,
    extra: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Result:
    try:
        return await run(cwd or config.root, *args, config=extra, timeout=timeout)
    except GitUnavailable as exc:
        raise NotARepository(str(exc)) from exc


async def _place(config: ProjectConfig) -> tuple[Path, str]:
    """The repository's top folder and the project's folder inside it (`""` at the top), or
    NotARepository."""
    found = await _run(config, "rev-parse", "--show-toplevel", "--show-prefix")
    if found.timed_out or found.returncode != 0:
        raise NotARepository(
            f"{config.root} is not in a git repository: there is no commit to compare with."
        )
    top, _, prefix = found.stdout.decode("utf-8", "surrogateescape").partition("\n")
    return Path(top), prefix.strip()


async def resolve(config: ProjectConfig, ref: str) -> str | None:
    """The commit `ref` names; None for HEAD in a repository with no commit yet. Raises
    NotARepository, or UnknownRef when the ref names no commit."""
    await _place(config)
    found = await _run(
        config, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
    )
    if found.returncode == 0 and not found.timed_out:
        return found.stdout.decode().strip()
    if ref == "HEAD":
        unborn = await _run(config, "symbolic-ref", "--quiet", "HEAD")
        if unborn.returncode == 0:  # HEAD names a branch that has no commit yet
            return None
    raise UnknownRef(f"`{ref}` names no commit of the project's repository.")


async def materialise(config: ProjectConfig, commit: str, into: Path) -> Path | None:
    """The project's folder as it is in `commit`, written under `into` (which must exist and be
    empty) in a folder named like the project's: the path of the written folder; None when the
    commit has no such folder (the project was added to its repository later)."""
    top, prefix = await _place(config)
    archive = into / "commit.tar"
    tree = f"{commit}:{prefix}" if prefix else commit
    present = await _run(config, "rev-parse", "--verify", "--quiet", "--end-of-options", tree)
    if present.returncode != 0 and not present.timed_out:
        return None
    written = await _run(
        config,
        *("archive", "--format=tar", f"--output={archive}", "--end-of-options", tree),
        timeout=ARCHIVE_TIMEOUT,
        extra=await filters_off(config.root),
        cwd=top,  # from a folder inside, git would take the tree's paths from that folder
    )
    if written.timed_out:
        raise CommitUnreadable(
            f"Reading the files of {commit[:12]} did not finish in {ARCHIVE_TIMEOUT:g} s."
        )
    if written.returncode != 0:
        detail = written.output.strip().splitlines()[-1:] or ["no output"]
        raise CommitUnreadable(f"The files of {commit[:12]} cannot be read: {detail[0]}")
    folder = into / config.root.name
    folder.mkdir()
    await asyncio.to_thread(_extract, archive, folder)
    archive.unlink()
    return folder


def _extract(archive: Path, folder: Path) -> None:
    with tarfile.open(archive) as tar:
        # the "data" filter refuses links out of the folder, absolute paths and devices
        tar.extractall(folder, filter="data")
