"""The project has tests: at least one file pytest collects by its default names."""

from __future__ import annotations

from pathlib import PurePosixPath

from .finding import Finding


def is_test_file(path: str) -> bool:
    """Whether pytest's default `python_files` (`test_*.py`, `*_test.py`) takes the file."""
    name = PurePosixPath(path).name
    return name.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py"))


def review(texts: dict[str, str]) -> list[Finding]:
    """A project with Python code and no test file at all (no texts: nothing is judged)."""
    python = [path for path in texts if path.endswith(".py")]
    if not python or any(map(is_test_file, python)):
        return []
    return [
        Finding(
            "tests-missing",
            "warning",
            "The project has no tests: write some in `tests/` (the review can generate a "
            "first module that materializes the assets you pick) and run them with pytest.",
            None,
            None,
            None,
        )
    ]
