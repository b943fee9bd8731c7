"""The distributions installed in an environment and what they provide, read from their metadata
and source files without importing them (the server never imports a project's packages).

What a library provides is read from its public modules' syntax: the names a package's
`__init__.py` files export (`__all__`, or what they define and re-export) that end in
`Component`, `IOManager` or `Resource`, plus the modules it registers with dg (the entry point
group `dagster_dg_cli.registry_modules`, where dg finds component types).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

# Where dg finds a library's component types (the second and third are older spellings).
REGISTRY_GROUPS = ("dagster_dg_cli.registry_modules", "dagster_dg.plugin", "dagster_dg.library")
_KINDS = (("components", "Component"), ("io_managers", "IOManager"), ("resources", "Resource"))
# Public modules looked at below a package's top: deep enough for `dagster_aws.s3`.
_DEPTH = 2
_SEPARATORS = re.compile(r"[-_.]+")


def normalized(name: str) -> str:
    """A distribution name as PEP 503 compares it."""
    return _SEPARATORS.sub("-", name).lower()


@dataclass
class Provides:
    components: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    io_managers: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, list[str]]:
        return {
            "components": self.components,
            "resources": self.resources,
            "io_managers": self.io_managers,
        }


@dataclass(frozen=True)
class Installed:
    package: str  # normalized
    version: str
    summary: str
    registry_modules: tuple[str, ...]
    distribution: metadata.Distribution

    def provides(self) -> Provides:
        return provides(self.distribution, self.registry_modules)


def site_packages(environment: Path) -> list[Path]:
    """The site-packages folders of a virtual environment."""
    return sorted(environment.glob("lib/python*/site-packages"))


def installed(folders: list[Path]) -> dict[str, Installed]:
    """Every distribution in `folders`, by normalized name (the first found wins, as on
    sys.path)."""
    found: dict[str, Installed] = {}
    for dist in metadata.distributions(path=[str(folder) for folder in folders]):
        name = dist.metadata["Name"]
        if not name or normalized(name) in found:
            continue
        modules = tuple(
            entry.value.split(":")[0].strip()
            for entry in dist.entry_points
            if entry.group in REGISTRY_GROUPS
        )
        found[normalized(name)] = Installed(
            normalized(name), dist.version, dist.metadata["Summary"] or "", modules, dist
        )
    return found


def provides(dist: metadata.Distribution, registry_modules: tuple[str, ...] = ()) -> Provides:
    """The components, resources and IO managers a distribution's public modules export, as
    `module.Name` (components as dg keys them: the registry module and the class)."""
    out = Provides()
    seen: set[str] = set()  # a class re-exported higher up is named by its shortest path
    inits = sorted(_public_inits(dist), key=lambda item: (item[0].count("."), item[0]))
    for module, source in inits:
        for name in sorted(_exported(source, module.split(".")[0]) - seen):
            for kind, suffix in _KINDS:
                if name.endswith(suffix) and name != suffix and not name.startswith("_"):
                    if kind == "components" and registry_modules and module not in registry_modules:
                        continue  # dg keys a component by the module that registers it
                    getattr(out, kind).append(f"{module}.{name}")
                    seen.add(name)
                    break
    return out


def _public_inits(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """(module, source) of the distribution's public package `__init__.py` files."""
    found = []
    for file in dist.files or []:
        parts = file.parts
        if parts[-1] != "__init__.py" or len(parts) - 1 > _DEPTH:
            continue
        if any(part.startswith("_") or "." in part for part in parts[:-1]):
            continue  # private modules, dist-info folders
        if parts[0] in ("tests", "test") or "tests" in parts:
            continue
        try:
            source = Path(str(dist.locate_file(file))).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        found.append((".".join(parts[:-1]), source))
    return found


def _exported(source: str, top: str) -> set[str]:
    """The names a module exports (its `__all__` when it lists one, else every name it
    defines or imports at its top level), less what it imports from other distributions
    (`dagster.ConfigurableResource` is not the library's) and test doubles (`Fake...`)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names: set[str] = set()
    foreign: set[str] = set()
    listed: set[str] | None = None
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                listed = _strings(node.value) if listed is None else listed
        if isinstance(node, ast.ImportFrom):
            imported = {alias.asname or alias.name for alias in node.names}
            names |= imported
            if not node.level and (node.module or "").split(".")[0] != top:
                foreign |= imported
        elif isinstance(node, ast.ClassDef):
            names.add(node.name)
    exported = names if listed is None else listed
    return {name for name in exported - foreign if not name.startswith("Fake")}


def _strings(node: ast.expr | None) -> set[str] | None:
    if isinstance(node, ast.List | ast.Tuple):
        values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
        return {v for v in values if isinstance(v, str)}
    return None
