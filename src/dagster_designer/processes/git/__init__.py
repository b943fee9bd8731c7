"""git, run as a command line in the project's folder: the one place the designer runs it
(``runner``), reading a repository (``read``) and changing one (``write``)."""

from .read import branches, diff, log, status
from .runner import GitRefused, GitUnavailable
from .write import (
    GitInputError,
    NoSuchBranch,
    abort,
    checkout,
    clone,
    commit,
    create_branch,
    discard,
    has_identity,
    init,
    pull,
    push,
    stage,
    unstage,
)

__all__ = [
    "GitInputError",
    "GitRefused",
    "GitUnavailable",
    "NoSuchBranch",
    "abort",
    "branches",
    "checkout",
    "clone",
    "commit",
    "create_branch",
    "diff",
    "discard",
    "has_identity",
    "init",
    "log",
    "pull",
    "push",
    "stage",
    "status",
    "unstage",
]
