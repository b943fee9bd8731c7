"""Turn exceptions raised while loading user code into errors a user can act on.

Each error is a plain dict: ``message`` (one paragraph), ``kind``, ``file`` and ``line`` (project
relative, where they can be found), ``field`` (dotted attribute path of a component's YAML),
``defs_path`` and ``defs_index`` (the component instance it belongs to), ``hint`` (a fix, where one
is known), ``causes`` and ``detail`` (the full traceback text).
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .project import ProjectInfo

# Import names whose distribution is called something else on PyPI.
_DISTRIBUTION_FOR_MODULE = {
    "attr": "attrs",
    "bs4": "beautifulsoup4",
    "cv2": "opencv-python",
    "dateutil": "python-dateutil",
    "dotenv": "python-dotenv",
    "jwt": "pyjwt",
    "MySQLdb": "mysqlclient",
    "PIL": "pillow",
    "psycopg2": "psycopg2-binary",
    "sklearn": "scikit-learn",
    "yaml": "pyyaml",
    "snowflake": "snowflake-connector-python",
    "googleapiclient": "google-api-python-client",
}

_COMPONENT_IN_MESSAGE = re.compile(
    r"Error while (?:loading component|building definitions for) "
    r"(?P<path>.+?)(?:\[(?P<index>\d+)\])?:"
)
_FILE_LINE_IN_TEXT = re.compile(r"(?P<file>/[^\s:'\"]+):(?P<line>\d+)")
# Union members Dagster adds so that any field may hold a template string instead.
_TEMPLATE_BRANCHES = re.compile(r"^(str|int|float|bool|none|list\[.*\]|dict\[.*\])$")


def distribution_for_module(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "google" and len(parts) > 2 and parts[1] == "cloud":
        return f"google-cloud-{parts[2]}"
    top = parts[0]
    return _DISTRIBUTION_FOR_MODULE.get(top, top.replace("_", "-"))


def exception_chain(exc: BaseException) -> list[BaseException]:
    """The exception and its causes, outermost first.

    Suppressed contexts are followed too: Dagster re-raises pydantic errors with source
    positions `from None`, and the plain original carries the clean attribute path.
    """
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _frames(exc: BaseException) -> Iterator[traceback.FrameSummary]:
    yield from traceback.extract_tb(exc.__traceback__)


def _innermost_project_frame(
    chain: list[BaseException], project: ProjectInfo
) -> tuple[str, int] | None:
    for exc in reversed(chain):
        frames = [f for f in _frames(exc) if project.relative(f.filename)]
        if frames:
            frame = frames[-1]
            return project.relative(frame.filename) or "", frame.lineno or 0
    return None


def _component_of(chain: list[BaseException]) -> tuple[str, int | None] | None:
    for exc in chain:
        match = _COMPONENT_IN_MESSAGE.search(str(exc))
        if match:
            index = match.group("index")
            return match.group("path"), int(index) if index is not None else None
    return None


def _headline(exc: BaseException) -> str:
    text = str(exc).strip()
    if isinstance(exc, SyntaxError):
        text = exc.msg
    name = type(exc).__name__
    first = text.split("\n\n")[0].strip() if text else ""
    if len(first) > 1500:
        first = first[:1500] + "…"
    return f"{name}: {first}" if first else name


def _hint_for(root: BaseException, project: ProjectInfo) -> tuple[str | None, list[str]]:
    if isinstance(root, ModuleNotFoundError) and root.name:
        top = root.name.split(".")[0]
        if top == project.root_module:
            return (
                f"`{root.name}` is not a module of this project: check the import path, "
                "or run `uv sync` in the project if the project package is not installed.",
                ["A typo in an import", "A file that was moved or deleted"],
            )
        dist = distribution_for_module(root.name)
        return (
            f"Install `{dist}` into the project's environment: run `uv add {dist}` in the "
            "project folder.",
            [
                f"The package that provides `{top}` is not installed in the project's .venv",
                "A typo in the import",
            ],
        )
    if isinstance(root, SyntaxError):
        return "Fix the syntax at the line shown.", ["Invalid Python syntax"]
    if isinstance(root, SystemExit):
        return (
            "Remove the call to sys.exit()/exit() from module level: Dagster imports this file "
            "to load definitions.",
            ["Code that exits the process while being imported"],
        )
    if isinstance(root, RecursionError):
        return None, ["Unbounded recursion at import time"]
    if isinstance(root, MemoryError):
        return (
            "Reduce what the module computes at import time: the project's worker has a "
            "memory limit (`--worker-memory-mb`).",
            ["Code that allocates without bound while being imported"],
        )
    if "conflicting node definitions with the same name" in str(root):
        return (
            "Two definitions compile to ops of the same name. For PythonScriptComponents, give "
            "their scripts different file names or set a distinct `execution.name`.",
            ["Two script components whose scripts share a file name"],
        )
    symbol = _unresolved_symbol(root)
    if symbol is not None:
        return type_not_found_hint(symbol if "." in symbol else f"{symbol}.Component")
    return None, []


def _unresolved_symbol(root: BaseException) -> str | None:
    """The type name or module a component file asked for that Dagster could not import."""
    text = str(root)
    if type(root).__name__ == "DagsterUnresolvableSymbolError":
        match = re.search(r"Module `([\w.]+)` has no attribute `(\w+)`", text)
        if match:
            return f"{match.group(1)}.{match.group(2)}"
        match = re.search(r"Module `([\w.]+)` not found", text)
        if match:
            return match.group(1)
    return None


def _component_file_declaring(project: ProjectInfo, symbol: str) -> tuple[str, int] | None:
    """The component file whose `type:` is this type name or a type of this module."""
    type_line = re.compile(r"^type:\s*['\"]?([\w.]+)")
    for path in sorted(project.defs_path.rglob("*.y*ml")):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, 1):
            match = type_line.match(line)
            if match and (match.group(1) == symbol or match.group(1).startswith(symbol + ".")):
                rel = project.relative(path)
                if rel is not None:
                    return rel, number
    return None


def type_not_found_hint(typename: str) -> tuple[str | None, list[str]]:
    """The fix for a `type:` that does not resolve: install its package, or correct the name."""
    namespace = typename.rpartition(".")[0]
    if not namespace or namespace.startswith(".") or namespace.split(".")[0] == "dagster":
        return (
            "Check the `type:`: the palette lists every type this project can use.",
            ["A typo in `type:`"],
        )
    dist = distribution_for_module(namespace)
    return (
        f"Install `{dist}` into the project's environment (`uv add {dist}` in the project "
        "folder), or fix the `type:`.",
        ["The component type's package is not installed", "A typo in `type:`"],
    )


def _kind_of(root: BaseException, chain: list[BaseException]) -> str:
    names = {type(e).__name__ for e in chain}
    if isinstance(root, SyntaxError):
        return "syntax"
    if isinstance(root, ImportError):
        return "import"
    if isinstance(root, SystemExit):
        return "exit"
    if isinstance(root, MemoryError):
        return "memory"
    if any(
        n in names for n in ("ParserError", "ScannerError", "ComposerError", "ConstructorError")
    ):
        return "yaml"
    if "ValidationError" in names:
        return "validation"
    if any(n == "ComponentTreeException" for n in names):
        return "component"
    return "error"


def _yaml_mark(chain: list[BaseException]) -> tuple[int, str] | None:
    for exc in chain:
        mark = getattr(exc, "problem_mark", None)
        if mark is not None and getattr(mark, "line", None) is not None:
            return mark.line + 1, str(getattr(mark, "name", ""))
    return None


def _pydantic_errors(
    chain: list[BaseException], project: ProjectInfo, base: dict[str, Any]
) -> list[dict[str, Any]]:
    """One error per pydantic problem, at the source positions Dagster attaches when it has."""
    found = [e for e in chain if type(e).__name__ == "ValidationError" and hasattr(e, "errors")]
    if not found:
        return []
    located = next((e for e in found if _has_source_positions(e)), None)
    plain = next((e for e in found if e is not located), located)
    plain_errors = plain.errors()  # type: ignore[attr-defined]
    located_errors = located.errors() if located is not None else []  # type: ignore[attr-defined]
    out: list[dict[str, Any]] = []
    for i, err in enumerate(plain_errors):
        loc = err.get("loc", ())
        if len(plain_errors) > 1 and any(
            isinstance(p, str) and _TEMPLATE_BRANCHES.match(p) for p in loc
        ):
            continue  # the "or a template string" alternative of a union: noise
        field = ".".join(str(p) for p in loc if not (isinstance(p, str) and p[:1].isupper()))
        entry = dict(base)
        entry.update(
            message=f"{field}: {err.get('msg', '')}" if field else str(err.get("msg", "")),
            field=field or None,
            kind="validation",
        )
        position = (
            (located_errors[i].get("ctx") or {}).get("source_position")
            if i < len(located_errors)
            else None
        )
        if position is not None:
            entry["file"] = project.relative(position.filename) or entry.get("file")
            entry["line"] = position.start.line
        out.append(entry)
    return out


def _has_source_positions(exc: BaseException) -> bool:
    if type(exc).__name__ != "ValidationError" or not hasattr(exc, "errors"):
        return False
    try:
        return any("source_position" in (e.get("ctx") or {}) for e in exc.errors())
    except Exception:
        return False


def describe(exc: BaseException, project: ProjectInfo) -> list[dict[str, Any]]:
    chain = exception_chain(exc)
    root = chain[-1]
    detail = "".join(traceback.format_exception(exc))
    base: dict[str, Any] = {
        "message": _headline(root),
        "kind": _kind_of(root, chain),
        "file": None,
        "line": None,
        "detail": detail[-20000:],
    }
    component = _component_of(chain)
    if component:
        path, index = component
        base["defs_path"] = path
        base["defs_index"] = index
        candidate = project.defs_path / path
        if candidate.is_dir():
            for name in ("defs.yaml", "defs.yml", "component.yaml", "component.py"):
                if (candidate / name).exists():
                    base["file"] = project.relative(candidate / name)
                    break
        elif candidate.exists():
            base["file"] = project.relative(candidate)
    if isinstance(root, SyntaxError) and root.filename:
        base["file"] = project.relative(root.filename) or base["file"]
        base["line"] = root.lineno
    elif (mark := _yaml_mark(chain)) is not None:
        line, name = mark
        base["line"] = line
        if name and project.relative(name):
            base["file"] = project.relative(name)
    else:
        frame = _innermost_project_frame(chain, project)
        if frame and (base["file"] is None or frame[0] == base["file"]):
            base["file"], base["line"] = frame
        elif base["file"] is None:
            for text in (str(e) for e in chain):
                match = _FILE_LINE_IN_TEXT.search(text)
                if match and project.relative(match.group("file")):
                    base["file"] = project.relative(match.group("file"))
                    base["line"] = int(match.group("line"))
                    break
    target_file = Path(*project.target_module.split(".")).with_suffix(".py").as_posix()
    if base["file"] is None or base["file"].endswith(target_file):
        symbol = _unresolved_symbol(root) or (
            root.name if isinstance(root, ModuleNotFoundError) else None
        )
        declared = _component_file_declaring(project, symbol) if symbol else None
        if declared is not None:
            base["file"], base["line"] = declared
    hint, causes = _hint_for(root, project)
    base["hint"] = hint
    base["causes"] = causes
    if base["kind"] == "validation":
        errors = _pydantic_errors(chain, project, base)
        if errors:
            return errors
    return [base]


def error(message: str, kind: str = "error", **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"message": message, "kind": kind, "file": None, "line": None}
    out.update(extra)
    return out
