"""Turn exceptions raised while loading user code into errors a user can act on.

Each error is a plain dict: ``message`` (one paragraph), ``kind``, ``file`` and ``line`` (project
relative, where they can be found), ``field`` (dotted attribute path of a component's YAML),
``defs_path`` and ``defs_index`` (the component instance it belongs to), ``hint`` (a fix, where one
is known), ``causes`` and ``detail`` (the full traceback text).

An error inside a component's YAML lands on the node it is about: Dagster resolves attributes
with a context that knows the path it is at, so the deepest such context in the traceback, and
the value the message quotes, give the field and its line. An error of the whole repository
(a key defined twice, a job that does not build) lands on the definitions it names, found in the
component tree.
"""

from __future__ import annotations

import ast
import json
import os
import re
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import hints, positions
from .project import ProjectInfo
from .sites import Site, Sites, component_file

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


def _hint_for(root: BaseException, project: ProjectInfo) -> hints.Hint | None:
    if isinstance(root, ModuleNotFoundError) and root.name:
        top = root.name.split(".")[0]
        if top == project.root_module:
            return hints.Hint(
                f"`{root.name}` is not a module of this project: check the import path, "
                "or run `uv sync` in the project if the project package is not installed.",
                ["A typo in an import", "A file that was moved or deleted"],
            )
        dist = distribution_for_module(root.name)
        return hints.Hint(
            f"Install `{dist}` into the project's environment: run `uv add {dist}` in the "
            "project folder.",
            [
                f"The package that provides `{top}` is not installed in the project's .venv",
                "A typo in the import",
            ],
        )
    if isinstance(root, SyntaxError):
        return hints.for_syntax(root)
    if isinstance(root, SystemExit):
        return hints.Hint(
            "Remove the call to sys.exit()/exit() from module level: Dagster imports this file "
            "to load definitions.",
            ["Code that exits the process while being imported"],
        )
    if isinstance(root, RecursionError):
        return hints.Hint(
            "A function calls itself without end: give the recursion a base case, or stop "
            "computing it at import time.",
            ["Unbounded recursion at import time"],
        )
    if isinstance(root, MemoryError):
        return hints.Hint(
            "Reduce what the module computes at import time: the project's worker has a "
            "memory limit (`--worker-memory-mb`).",
            ["Code that allocates without bound while being imported"],
        )
    symbol = _unresolved_symbol(root)
    if symbol is not None:
        return type_not_found_hint(symbol if "." in symbol else f"{symbol}.Component")
    return hints.for_message(str(root))


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
    for path in sorted(project.defs_root.rglob("*.y*ml")):
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


def type_not_found_hint(typename: str) -> hints.Hint:
    """The fix for a `type:` that does not resolve: install its package, or correct the name."""
    namespace, _, name = typename.rpartition(".")
    if not namespace or namespace.startswith(".") or namespace.split(".")[0] == "dagster":
        near = _near_dagster_type(name) if namespace == "dagster" else None
        return hints.Hint(
            f"`{typename}` is not a Dagster type: did you mean `dagster.{near}`?"
            if near
            else "Check the `type:`: the palette lists every type this project can use.",
            ["A typo in `type:`"],
        )
    dist = distribution_for_module(namespace)
    return hints.Hint(
        f"Install `{dist}` into the project's environment (`uv add {dist}` in the project "
        "folder), or fix the `type:`.",
        ["The component type's package is not installed", "A typo in `type:`"],
    )


def _near_dagster_type(name: str) -> str | None:
    import difflib

    import dagster

    types = [n for n in dir(dagster) if n.endswith("Component")]
    found = difflib.get_close_matches(name, types, n=1, cutoff=0.75)
    return found[0] if found else None


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
        elif field and str(entry.get("file") or "").endswith((".yaml", ".yml")):
            doc = positions.document(project.root / entry["file"], entry.get("defs_index"))
            path = ["attributes", *(p for p in loc if not (isinstance(p, str) and p[:1].isupper()))]
            entry["line"] = positions.line_at(doc, path) if doc is not None else None
        if err.get("type") == "is_instance_of":
            expected = (err.get("ctx") or {}).get("class", "object")
            entry["hint"] = (
                f"`{field}` takes a Dagster object ({expected}), not text: write "
                "`{{ context.load_component('<defs path>') }}` naming a component that provides "
                f"one{_EXAMPLE_PROVIDER.get(expected, '')}."
            )
        out.append(entry)
    return out


# Where Dagster 1.13 ships a component implementing an interface components take.
_EXAMPLE_PROVIDER = {"SQLClient": ", e.g. a `dagster_snowflake.SnowflakeConnectionComponent`"}


def _has_source_positions(exc: BaseException) -> bool:
    if type(exc).__name__ != "ValidationError" or not hasattr(exc, "errors"):
        return False
    try:
        return any("source_position" in (e.get("ctx") or {}) for e in exc.errors())
    except Exception:
        return False


def describe(exc: BaseException, project: ProjectInfo, tree: Any = None) -> list[dict[str, Any]]:
    """The errors an exception stands for; `tree` (the component tree, when the defs loaded)
    places errors of the whole repository on the definitions they name."""
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
        file = component_file(project, path)
        base["file"] = project.relative(file) if file is not None else None
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
    in_target = base["file"] is None or base["file"].endswith(target_file)
    if in_target:
        symbol = _unresolved_symbol(root) or (
            root.name if isinstance(root, ModuleNotFoundError) else None
        )
        declared = _component_file_declaring(project, symbol) if symbol else None
        if declared is not None:
            base["file"], base["line"] = declared
            in_target = False
    hint = _hint_for(root, project)
    base["hint"] = hint.text if hint else None
    base["causes"] = hint.causes if hint else []
    if base["kind"] == "validation":
        errors = _pydantic_errors(chain, project, base)
        if errors:
            return errors
    if component and base["kind"] in ("component", "error"):
        try:
            _place_in_yaml(base, chain, project, hint)
        except Exception:  # never let placing an error hide it: it keeps its file
            traceback.print_exc()
    elif in_target and tree is not None:
        placed = _place_in_tree(base, chain, project, tree)
        if placed:
            return placed
    return [base]


# --------------------------------------------------------------------------------------------
# Placing an error on the YAML node it is about


def _resolution_site(chain: list[BaseException]) -> tuple[str, list[Any]] | None:
    """(file, document path) of the deepest attribute Dagster was resolving when it failed."""
    best: tuple[str, list[Any]] | None = None
    for exc in chain:
        tb = exc.__traceback__
        while tb is not None:
            context = tb.tb_frame.f_locals.get("context")
            tb = tb.tb_next
            if type(context).__name__ != "ResolutionContext":
                continue
            tree, path = context.source_position_tree, context.path
            if tree is not None and (best is None or len(path) > len(best[1])):
                best = (str(tree.position.filename), list(path))
    return best


_QUOTED = re.compile(r"\"([^\"\n]{1,200})\"|'([^'\n]{1,200})'|`([^`\n]{1,200})`")


def _quoted(text: str) -> list[str]:
    return [next(g for g in groups if g) for groups in _QUOTED.findall(text)]


def _node_about(
    doc: Any, under: list[Any], values: list[str], attribute: str | None
) -> positions.Node | None:
    """The node below `under` that holds a value the message quotes, or the attribute named."""
    candidates = list(positions.nodes(doc, under))
    exact = [n for n in candidates if str(n.value) in values]
    if exact:
        at_attribute = [n for n in exact if attribute is not None and attribute in n.path]
        return (at_attribute or exact)[0]
    scalars = [n for n in candidates if not n.is_key and isinstance(n.value, str)]
    holding = [n for n in scalars if any(len(v) >= 3 and v in n.value for v in values)]
    if holding:
        return holding[0]
    held = [n for n in scalars if len(n.value) >= 3 and any(n.value in v for v in values)]
    if held:
        return max(held, key=lambda n: len(n.value))
    named = [n for n in candidates if n.is_key and attribute is not None and n.value == attribute]
    return named[0] if named else None


_ENV_READ = re.compile(r"\benv(?:\.(\w+)|\(\s*['\"](\w+)['\"])")


def _unset_variable(doc: Any, under: list[Any]) -> tuple[positions.Node, str] | None:
    """A template below `under` that reads an environment variable that is not set."""
    for node in positions.nodes(doc, under):
        if node.is_key or not isinstance(node.value, str) or "{{" not in node.value:
            continue
        for match in _ENV_READ.finditer(node.value):
            name = match.group(1) or match.group(2)
            if name not in os.environ:
                return node, name
    return None


def _place_in_yaml(
    base: dict[str, Any],
    chain: list[BaseException],
    project: ProjectInfo,
    hint: hints.Hint | None,
) -> None:
    """Field and line of an error raised while Dagster loaded a YAML component."""
    site = _resolution_site(chain)
    if site is not None:
        file, path = Path(site[0]), list(site[1])
    elif base["file"] is not None and base["file"].endswith((".yaml", ".yml")):
        file, path = project.root / base["file"], ["attributes"]
    else:
        return
    doc = positions.document(file, base.get("defs_index"))
    if doc is None:
        return
    values = [hint.value] if hint is not None and hint.value else _quoted(str(chain[-1]))
    node = _node_about(doc, path, values, hint.attribute if hint else None)
    unset = _unset_variable(doc, path) if node is None else None
    if unset is not None:
        # `{{ env.NAME }}` of a variable that is not set is empty: the likely cause
        node, name = unset
        if base["hint"] is None:
            base["hint"] = hints.environment_variable(name).text
    if node is not None:
        path = list(node.path)
        written = node.value if isinstance(node.value, str) else ""
        if hint and hint.value and written and written != hint.value and written in hint.value:
            # the message quotes a name made from what is written (`<asset>_<check>`): the fix
            # is for what is written
            better = hints.for_message(str(chain[-1]).replace(hint.value, written))
            base["hint"] = better.text if better else base["hint"]
    base["file"] = project.relative(file) or base["file"]
    base["line"] = positions.line_at(doc, path)
    base["field"] = positions.field_of(path)


# --------------------------------------------------------------------------------------------
# Placing an error of the whole repository on the definitions it names

_DUPLICATE_KEY = re.compile(r"Duplicate asset key: AssetKey\((?P<parts>\[.*?\])\)")
_MISSING_INPUT = re.compile(r'Input asset "(?P<parts>\[.*?\])" is not produced')
_SAME_OP = re.compile(r'conflicting node definitions with the same name "(?P<name>[^"]+)"')
_JOB = re.compile(r"Failed to resolve asset job (?P<name>\w+)")


def _job_being_built(chain: list[BaseException]) -> str | None:
    """The job Dagster was building when it failed (its repository's lazy index names it)."""
    for exc in chain:
        match = _JOB.search(str(exc))
        if match:
            return match.group("name")
    for exc in reversed(chain):
        tb = exc.__traceback__
        while tb is not None:
            name = tb.tb_frame.f_locals.get("definition_name")
            if isinstance(name, str) and not name.startswith("__"):
                return name
            tb = tb.tb_next
    return None


def _subject_sites(chain: list[BaseException], project: ProjectInfo, tree: Any) -> list[Site]:
    from dagster import AssetKey

    sites = Sites(project, tree)
    text = "\n".join(str(e) for e in chain)
    if match := _DUPLICATE_KEY.search(text):
        return sites.of_asset(AssetKey(ast.literal_eval(match.group("parts"))))
    if match := _MISSING_INPUT.search(text):
        parts = json.loads(match.group("parts"))
        return sites.taking_input(AssetKey(parts))
    if match := _SAME_OP.search(text):
        return sites.of_op(match.group("name"))
    job = _job_being_built(chain)
    return sites.of_job(job) if job else []


def _place_in_tree(
    base: dict[str, Any], chain: list[BaseException], project: ProjectInfo, tree: Any
) -> list[dict[str, Any]]:
    try:
        found = _subject_sites(chain, project, tree)
    except Exception:  # never let locating an error hide it
        traceback.print_exc()
        return []
    entries = []
    for site in found:
        entry = {**base, **site.fields()}
        others = [s.where() for s in found if s is not site]
        if others:
            also = ", ".join(f"`{o}`" for o in others)
            entry["message"] = f"{base['message']} (also at {also})"
        entries.append(entry)
    return entries


def error(message: str, kind: str = "error", **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"message": message, "kind": kind, "file": None, "line": None}
    out.update(extra)
    return out
