"""The one way the designer runs git: an argument list in the project's folder, a timeout, its
own process group, the repository's config for what it executes, and credentials that live
only in the environment of the call that needs them."""

from __future__ import annotations

import atexit
import functools
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ...project_files.paths import PathRejected
from .. import spawn

ASKPASS = Path(__file__).with_name("askpass.sh")
READ_TIMEOUT = 30.0
WRITE_TIMEOUT = 120.0  # a commit runs the repository's hooks: they get time, not forever
NETWORK_TIMEOUT = 300.0

# Reads must not make the repository run commands it chose: `git status` would run a
# file-system monitor and the filter drivers of files whose times changed (turned off by name
# in `filters_off`); hooks are shut off too. Diffs are asked with --no-ext-diff --no-textconv.
SAFE_CONFIG = {
    "core.fsmonitor": "false",
    "core.untrackedCache": "false",
    "core.hooksPath": os.devnull,
}
_FILTER_COMMAND = re.compile(r"filter\.(.+)\.(?:clean|smudge|process)", re.DOTALL)


class GitRefused(Exception):
    """Git's own refusal (a conflict, a rejected push, failed authentication...): 409 with
    `reason` for the client to offer the next step."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason


class GitUnavailable(GitRefused):
    """No git on the PATH, or the project is not in a repository."""


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: bytes
    output: str  # stderr, with any secret of the call taken out
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8", "replace")


def git_program() -> str:
    git = shutil.which("git")
    if git is None:
        raise GitUnavailable("git is not installed on the machine the designer runs on.")
    return git


def config_environment(config: dict[str, str]) -> dict[str, str]:
    """`config` as git's GIT_CONFIG_COUNT variables: they win over every config file, like `-c`,
    and take any key (a `-c` option cannot name a driver whose name holds `=`)."""
    variables = {"GIT_CONFIG_COUNT": str(len(config))}
    for index, (key, value) in enumerate(config.items()):
        variables[f"GIT_CONFIG_KEY_{index}"] = key
        variables[f"GIT_CONFIG_VALUE_{index}"] = value
    return variables


@functools.cache
def _askpass() -> str:
    """The shipped helper; when the installation lost its executable bit, a copy with it in a
    private folder of this server's (removed at exit)."""
    if os.access(ASKPASS, os.X_OK):
        return str(ASKPASS)
    folder = tempfile.mkdtemp(prefix="dagster-designer-git-")
    atexit.register(shutil.rmtree, folder, True)
    copy = Path(folder) / ASKPASS.name
    copy.write_bytes(ASKPASS.read_bytes())
    copy.chmod(0o700)
    return str(copy)


def scrub(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret else text


async def run(
    cwd: Path,
    *args: str,
    read: bool = True,
    config: dict[str, str] | None = None,
    token: str | None = None,
    timeout: float = READ_TIMEOUT,
    extra_env: dict[str, str] | None = None,
    max_stdout: int = 64 * 1024 * 1024,
    stdin: bytes | None = None,
) -> Result:
    """git `args` in `cwd`. A read runs under `SAFE_CONFIG`; a write runs the repository's own
    hooks and filters, as git on the command line would (they are the repository owner's
    choice), bounded by `timeout`. Git never prompts: a password comes from `token` through
    the askpass helper, or from the user's own credential helpers when there is no token (then
    nothing is stored by them either: `credential.helper` is emptied for a token)."""
    settings = {**(SAFE_CONFIG if read else {}), **(config or {})}
    variables = {
        "GIT_OPTIONAL_LOCKS": "0" if read else "1",
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_LITERAL_PATHSPECS": "1",
        "GIT_ASKPASS": _askpass(),
        "LC_ALL": "C",  # the messages are matched in English
        **(extra_env or {}),
    }
    if token:
        settings["credential.helper"] = ""
        variables["DESIGNER_GIT_PASSWORD"] = token
    env = spawn.child_environment({**variables, **config_environment(settings)})
    for name in ("SSH_ASKPASS", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(name, None)
    result = await spawn.capture(
        [git_program(), *args],
        cwd=cwd,
        env=env,
        timeout=timeout,
        limits=spawn.NO_LIMITS,
        max_stdout=max_stdout,
        input=stdin,
    )
    stdout = result.stdout
    if token:
        stdout = stdout.replace(token.encode(), b"***")
    return Result(
        result.returncode,
        stdout,
        scrub(result.stderr, token),
        timed_out=result.timed_out or result.too_large,
    )


async def filters_off(cwd: Path) -> dict[str, str]:
    """Each filter driver the repository's config defines, turned off: their names are the
    repository's choice, so they are found by reading its config."""
    found = await run(cwd, "config", "-z", "--name-only", "--get-regexp", r"^filter\.")
    keys = found.stdout.decode("utf-8", "surrogateescape").split("\0") if found.ok else []
    names = {match.group(1) for key in keys if (match := _FILTER_COMMAND.fullmatch(key))}
    off: dict[str, str] = {}
    for name in sorted(names):
        off |= {f"filter.{name}.{command}": "" for command in ("clean", "smudge", "process")}
        off[f"filter.{name}.required"] = "false"
    return off


def checked_paths(paths: list[str]) -> list[str]:
    """Paths relative to the project's folder, refused when they leave it or name git's own
    folder; given to git as literal paths (no pathspec magic)."""
    if not paths:
        raise PathRejected("Name at least one path.")
    checked = []
    for path in paths:
        pure = PurePosixPath(path)
        if not path or "\0" in path or pure.is_absolute() or ".." in pure.parts:
            raise PathRejected(f"`{path}` is not a path inside the project.")
        if ".git" in pure.parts:
            raise PathRejected(f"`{path}` is inside git's own folder.")
        checked.append(pure.as_posix())
    return checked
