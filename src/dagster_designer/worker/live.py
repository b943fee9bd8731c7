"""Incremental reloads: only what changed is loaded again.

The worker keeps the project's `ComponentTree` between loads (Dagster's `load_from_defs_folder`
gets the kept tree instead of a new one), so a reload re-imports the changed modules and
rebuilds only the changed component locations and their ancestors; everything else comes from
the tree's own cache. Anything the plan cannot place precisely (a Python module outside the defs
folder, the project's configuration) falls back to a full reload.

State-backed components (dbt) refresh their state only when it is missing or when the files it
is built from changed, never on every load, unlike `dg` in dev mode which re-parses every time.

All of this reaches into Dagster's internals, so it is used only on the Dagster versions it was
written and tested for (`TESTED_DAGSTER`) and when every attribute it replaces or calls exists.
Anywhere else, and whenever an internal turns out to be missing at a reload, every load is a
plain full load, as `dg` does it: slower, never wrong.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from . import local_state, protocol, warm_dbt
from .project import ProjectInfo

# The Dagster versions the hooks below were written for and tested with: from, up to (not
# including). Outside them every load is a full load.
TESTED_DAGSTER = ("1.13.0", "1.14.0")
# Makes the worker take Dagster for this version: how the fallback is tested.
ASSUMED_VERSION_VARIABLE = "DAGSTER_DESIGNER_ASSUME_DAGSTER_VERSION"
# What the hooks replace or call (module, attribute path); one missing means no hooks at all.
HOOK_TARGETS = (
    ("dagster.components.core.component_tree", "ComponentTree.for_project"),
    ("dagster.components.core.component_tree", "ComponentTree.state_tracker"),
    ("dagster.components.core.component_tree_state", "ComponentTreeStateTracker.invalidate_loc"),
    ("dagster.components.core.component_tree_state", "ComponentTreeStateTracker.invalidate_path"),
    (
        "dagster.components.core.component_tree_state",
        "ComponentTreeStateTracker.invalidate_by_defs_state_key",
    ),
    ("dagster.components.core.component_tree_state", "ComponentTreeStateTracker.get_cache_data"),
    ("dagster.components.core.defs_module", "ComponentRootLoc"),
    ("dagster.components.component.state_backed_component", "StateBackedComponent.build_defs"),
    (
        "dagster.components.component.state_backed_component",
        "StateBackedComponent.write_state_to_path",
    ),
    ("dagster.components.utils.project_paths", "get_local_state_path"),
    ("dagster.components.utils.project_paths", "get_local_state_dir"),
    ("dagster._core.storage.defs_state.base", "DefsStateStorage.get"),
    ("dagster_shared.serdes.objects.models.defs_state_info", "LOCAL_STATE_VERSION"),
    ("dagster._core.definitions.definitions_load_context", "DefinitionsLoadContext.get"),
    ("dagster_shared.serdes.objects.models.defs_state_info", "DefsStateManagementType"),
    ("dagster.components.core.decl", "parse_yamls_with_source_position"),
    ("dagster.components.core.load_defs", "get_library_json_enriched_defs"),
    (
        "dagster._core.definitions.assets.definition.assets_definition",
        "AssetsDefinition.with_resources",
    ),
)

CONFIG_FILES = {"pyproject.toml", "dg.toml"}


@dataclass
class ReloadPlan:
    full: bool = False
    reason: str = ""
    paths: set[Path] = field(default_factory=set)  # inside the defs folder
    modules: set[str] = field(default_factory=set)  # to import again
    stale_state: set[str] = field(default_factory=set)  # state keys whose sources changed
    all_components: bool = False  # a non-Python file outside the defs folder


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _nested(inner: str, outer: str) -> bool:
    return inner == outer or inner.startswith(outer.rstrip("/") + "/")


def _newest_mtime(folder: Path) -> float:
    newest = 0.0
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not protocol.inert_dir(d) and not d.startswith(".")]
        for name in filenames:
            try:
                newest = max(newest, (Path(dirpath) / name).stat().st_mtime)
            except OSError:
                continue
    return newest


def state_sources(component: Any) -> list[Path]:
    """Folders a state-backed component builds its state from (a dbt project's folder)."""
    manager = getattr(component, "_project_manager", None)
    candidates = [
        getattr(getattr(manager, "args", None), "project_dir", None),
        getattr(getattr(manager, "project", None), "project_dir", None),
    ]
    return [Path(c).resolve() for c in candidates if c]


def _version(text: str) -> tuple[int, ...] | None:
    parts = text.split(".")[:3]
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else None


def _has(module_name: str, path: str) -> bool:
    try:
        target: Any = importlib.import_module(module_name)
    except ImportError:
        return False
    for name in path.split("."):
        if not hasattr(target, name):
            return False
        target = getattr(target, name)
    return True


def why_full_loads_only() -> str | None:
    """Why incremental reloads cannot be used with this Dagster, or None when they can."""
    import dagster

    version = os.environ.get(ASSUMED_VERSION_VARIABLE) or dagster.__version__
    found, low, high = _version(version), _version(TESTED_DAGSTER[0]), _version(TESTED_DAGSTER[1])
    if found is None or low is None or high is None or not low <= found < high:
        return (
            f"Dagster {version} is not a version the designer's incremental reloads were tested "
            f"with ({TESTED_DAGSTER[0]} up to {TESTED_DAGSTER[1]}): every load is a full load"
        )
    for module_name, path in HOOK_TARGETS:
        if not _has(module_name, path):
            return f"Dagster {version} has no `{module_name}.{path}`: every load is a full load"
    return None


class LiveTree:
    """The kept ComponentTree and the bookkeeping that decides what a change invalidates."""

    def __init__(self, project: ProjectInfo) -> None:
        self.project = project
        self.root = project.root.resolve()
        self.defs = project.defs_root.resolve()
        self.tree: Any = None
        self.sources: dict[str, list[Path]] = {}  # state key -> source folders
        # project-relative folder of a state's copy of its sources ("x/") -> the folder copied:
        # dbt loads its models from a copy
        self.copies: dict[str, Path] = {}
        self.stale: set[str] = set()
        self.bound = _Generations()
        # set: every load is a plain full load, and this says why
        self.full_loads_only = why_full_loads_only()
        if self.full_loads_only is None:
            self._install_hooks()

    # ----------------------------------------------------------------------------------------
    # hooks into Dagster

    def _install_hooks(self) -> None:
        from dagster.components.component.state_backed_component import StateBackedComponent
        from dagster.components.core.component_tree import ComponentTree

        live = self
        for_project = ComponentTree.for_project.__func__  # type: ignore[attr-defined]

        def kept_for_project(cls: type, path_within_project: Path) -> Any:
            if not _inside(Path(path_within_project).resolve(), live.root):
                return for_project(cls, path_within_project)
            if live.tree is None:
                live.tree = for_project(cls, path_within_project)
            return live.tree

        ComponentTree.for_project = classmethod(kept_for_project)  # type: ignore[method-assign]

        build_defs = StateBackedComponent.build_defs

        def build_with_fresh_state(component: Any, context: Any) -> Any:
            live.refresh_if_needed(component, context)
            return build_defs(component, context)

        StateBackedComponent.build_defs = build_with_fresh_state  # type: ignore[method-assign]
        _memoize_yaml_parsing()
        _memoize_library_metadata()
        _memoize_resource_binding(self.bound)

    def own_source(self, source: str) -> str:
        """`source` (`path[:line]`, project-relative) with a file of a state's copy of its
        sources replaced by the user's own file, which is what they edit; as it is otherwise."""
        for copy, folder in self.copies.items():
            if source.startswith(copy):
                rel, sep, line = source[len(copy) :].rpartition(":")
                if not sep or not line.isdigit():
                    rel, line = source[len(copy) :], ""
                own = self.project.relative(folder / rel)
                if own is not None and (self.root / own).exists():
                    return f"{own}:{line}" if line else own
        return source

    def refresh_if_needed(self, component: Any, context: Any) -> None:
        from dagster._core.definitions.definitions_load_context import DefinitionsLoadContext
        from dagster.components.utils.project_paths import get_local_state_path
        from dagster_shared.serdes.objects.models.defs_state_info import DefsStateManagementType

        config = component.defs_state_config
        if config.management_type != DefsStateManagementType.LOCAL_FILESYSTEM:
            return
        key = config.key
        sources = state_sources(component)
        self.sources[key] = sources
        state = get_local_state_path(key, context.project_root)
        copy = self.project.relative(state.parent / "project")
        if copy is not None and len(sources) == 1:  # dagster-dbt's copy, beside the state file
            self.copies[copy + "/"] = sources[0]
        outdated = not state.exists() or key in self.stale
        if not outdated and sources:
            built = state.stat().st_mtime
            outdated = any(_newest_mtime(folder) > built for folder in sources if folder.is_dir())
        if outdated:
            warm_dbt.install()
            version = local_state.refresh(component, key, context.project_root)
            DefinitionsLoadContext.get().add_defs_state_info(key, version)
            _forget_parsed_state()
        self.stale.discard(key)

    # ----------------------------------------------------------------------------------------
    # planning and applying a reload

    def module_name(self, path: Path) -> str | None:
        package_root = self.defs
        for _ in self.project.defs_module.split("."):
            package_root = package_root.parent
        try:
            rel = path.with_suffix("").relative_to(package_root)
        except ValueError:
            return None
        parts = list(rel.parts)
        if parts and parts[-1] == "__init__":
            parts.pop()
        return ".".join(parts) or None

    def plan(self, changed: Iterable[str] | None) -> ReloadPlan:
        if self.full_loads_only is not None:
            return ReloadPlan(full=True, reason=self.full_loads_only)
        if changed is None or self.tree is None:
            return ReloadPlan(full=True, reason="first load" if self.tree is None else "requested")
        plan = ReloadPlan()
        for raw in changed:
            path = Path(raw).resolve()
            inside = path.relative_to(self.root).parts if _inside(path, self.root) else ()
            if any(protocol.inert_dir(part) for part in inside):
                continue
            stale = {
                k for k, folders in self.sources.items() if any(_inside(path, f) for f in folders)
            }
            if stale:
                plan.stale_state |= stale
            elif path.name in CONFIG_FILES and path.parent == self.root:
                return ReloadPlan(full=True, reason=f"{path.name} changed")
            elif _inside(path, self.defs):
                plan.paths.add(path)
                if path.suffix == ".py" and (name := self.module_name(path)):
                    plan.modules.add(name)
            elif path.suffix == ".py":
                return ReloadPlan(full=True, reason=f"{path.name} is outside the defs folder")
            elif _inside(path, self.root) and path.name not in protocol.UNLOADED_FILES:
                plan.all_components = True
        return plan

    def _dependent_modules(self, changed: set[str]) -> set[str]:
        """Project modules that hold references into a changed module (they imported it)."""
        from .loader import project_modules

        found = set(changed)
        modules = list(project_modules(self.project))
        grew = True
        while grew:
            grew = False
            for name, module in modules:
                if name in found:
                    continue
                if _refers_to(module, found):
                    found.add(name)
                    grew = True
        return found

    def apply(self, plan: ReloadPlan) -> None:
        """Forget what the plan says changed: modules, cached locations, stale state. When an
        internal it relies on is missing, the plan becomes a full load, and so do all later."""
        try:
            self._apply(plan)
        except (AttributeError, TypeError, ImportError) as exc:
            self.full_loads_only = f"Dagster's internals differ ({exc}): every load is a full load"
            plan.full, plan.reason = True, self.full_loads_only

    def _apply(self, plan: ReloadPlan) -> None:
        from dagster.components.core.defs_module import ComponentRootLoc

        modules = self._dependent_modules(plan.modules) if plan.modules else set()
        for name in modules:
            module = sys.modules.pop(name, None)
            file = getattr(module, "__file__", None)
            if file and _inside(Path(file).resolve(), self.defs):
                plan.paths.add(Path(file).resolve())
        tracker = self.tree.state_tracker
        for key in plan.stale_state:
            self.stale.add(key)
            tracker.invalidate_by_defs_state_key(key)
        changed = [str(path) for path in plan.paths]
        cached = list(tracker._cache)  # the tracker has no public listing of its locations
        for loc in cached:
            loc_path = getattr(loc, "file_path_posix", None)
            if loc_path is None:
                continue
            hit = plan.all_components and not loc_path.endswith(".py")
            hit = hit or any(_nested(path, loc_path) or _nested(loc_path, path) for path in changed)
            if hit:
                tracker.invalidate_loc(loc)
        for path in plan.paths:
            for folder in [path, *path.parents]:
                if not _inside(folder, self.defs):
                    break
                tracker.invalidate_path(folder)
        # the defs folder's declaration tree is rebuilt (cheaply: unchanged files keep their
        # parse) so that new, deleted and edited files are all seen
        tracker.invalidate_path(self.defs)
        tracker.invalidate_loc(ComponentRootLoc())

    def reset(self) -> None:
        self.tree = None


def _forget_parsed_state() -> None:
    """Integrations cache what they read from their state by path (dagster-dbt keeps each
    manifest.json forever); a long-lived process must drop that when the state is rebuilt."""
    manifest = sys.modules.get("dagster_dbt.dbt_manifest")
    reader = getattr(manifest, "read_manifest_path", None)
    if reader is not None and hasattr(reader, "cache_clear"):
        reader.cache_clear()


def _memoize_yaml_parsing() -> None:
    """Component files are parsed again whenever the defs folder's declaration tree is
    rebuilt; an unchanged file (same text) gets its previous parse."""
    from dagster.components.core import decl

    parse = decl.parse_yamls_with_source_position
    parsed: dict[str, tuple[str, Any]] = {}

    def parse_once(src: str, filename: str = "<string>", *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:
            return parse(src, filename, *args, **kwargs)
        known = parsed.get(filename)
        if known is not None and known[0] == src:
            return known[1]
        result = parse(src, filename)
        parsed[filename] = (src, result)
        return result

    decl.parse_yamls_with_source_position = parse_once


def _memoize_library_metadata() -> None:
    """The root component attaches the JSON of every installed component type to each load;
    it only changes with the environment, and the worker restarts when that changes."""
    from dagster import Definitions
    from dagster.components.core import load_defs

    enriched = load_defs.get_library_json_enriched_defs
    metadata: dict[str, Any] = {}

    def enriched_once(tree: Any) -> Any:
        if not metadata:
            metadata.update(enriched(tree).metadata)
        return Definitions(metadata=metadata, component_tree=tree)

    load_defs.get_library_json_enriched_defs = enriched_once


class _Generations:
    """A cache that keeps only what the last build used: entries not used again are dropped."""

    def __init__(self) -> None:
        self.previous: dict[int, tuple[Any, Any, Any]] = {}
        self.current: dict[int, tuple[Any, Any, Any]] = {}

    def next_build(self) -> None:
        self.previous, self.current = self.current, {}


def _memoize_resource_binding(cache: _Generations) -> None:
    """Building the repository binds resources to every asset, a copy each; an asset kept
    from the last load (same object, same resources) gets the same copy again."""
    from dagster._core.definitions.assets.definition.assets_definition import AssetsDefinition

    bind = AssetsDefinition.with_resources

    def bind_once(asset: Any, resource_defs: Any) -> Any:
        key = tuple(sorted((name, id(value)) for name, value in resource_defs.items()))
        known = cache.current.get(id(asset)) or cache.previous.get(id(asset))
        if known is not None and known[0] is asset and known[1] == key:
            cache.current[id(asset)] = known
            return known[2]
        bound = bind(asset, resource_defs)
        cache.current[id(asset)] = (asset, key, bound)
        return bound

    AssetsDefinition.with_resources = bind_once  # type: ignore[method-assign]


def _refers_to(module: ModuleType, names: set[str]) -> bool:
    for value in list(vars(module).values()):
        if isinstance(value, ModuleType):
            if value.__name__ in names:
                return True
        elif getattr(value, "__module__", None) in names:
            return True
    return False
