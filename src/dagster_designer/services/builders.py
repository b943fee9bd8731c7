"""The builders on a project: a form's parameters checked against what Dagster loads, written
where `dg scaffold defs` puts a definition (`<defs>/<folder>/<name>.py`), reopened in the form,
rewritten in place and removed, leaving the rest of its file as it was."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..builders import cron, module_text, sql_asset
from ..builders.catalog import BUILDERS, Builder
from ..builders.params import (
    AssetCheckParams,
    AssetParams,
    JobParams,
    Named,
    ScheduleParams,
    SensorParams,
    SqlAssetParams,
    Target,
)
from ..processes.code_tools import format_source
from ..project_files.files import create_text
from ..project_files.paths import confine
from ..project_files.source_files import SourceFile, read_source
from ..worker.top_level import Definition, definition_named, definitions
from .creation import CreationFailed, add_packages, installed
from .session import ProjectSession

INSTALL_TIMEOUT = 600.0
# a module named so is the package's, never removed even when a deletion leaves it empty
_KEPT_MODULES = {"__init__.py", "definitions.py"}


class BuilderError(ValueError):
    """Parameters that cannot be written, or a definition the builder cannot change; the
    message says why. Nothing was written."""


class NotBuilt(LookupError):
    """No such definition, or one the form cannot reopen (edit it in the code editor)."""


class StillUsed(ValueError):
    """The definition is referenced elsewhere: deleting it would break those."""


def builder_of(kind: str) -> Builder:
    try:
        return BUILDERS[kind]
    except KeyError:
        raise NotBuilt(
            f"There is no builder `{kind}`: use one of {', '.join(sorted(BUILDERS))}."
        ) from None


def listing() -> list[dict[str, Any]]:
    return [
        {"kind": b.kind, "title": b.title, "schema": b.params.model_json_schema()}
        for b in BUILDERS.values()
    ]


def parse_params(builder: Builder, raw: dict[str, Any]) -> Named:
    try:
        return builder.params.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"])
            message = str(error["msg"]).removeprefix("Value error, ")
            problems.append(f"{where}: {message}" if where else message)
        raise BuilderError("; ".join(problems)) from None


# --------------------------------------------------------------------------------------------
# checks against the loaded definitions


def _key(builder: Builder, entry: dict[str, Any]) -> str:
    return entry["key"] if builder.listing in ("assets", "asset_checks") else entry["name"]


def _entry(builder: Builder, loaded: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The definition of that key, or of that bare name when only one has it (a check's name
    is unique per asset only)."""
    entries = loaded[builder.listing]
    for entry in entries:
        if _key(builder, entry) == name:
            return entry
    named = [entry for entry in entries if entry.get("name") == name]
    if len(named) > 1:
        keys = ", ".join(f"`{_key(builder, entry)}`" for entry in named)
        raise BuilderError(f"`{name}` names {len(named)} definitions ({keys}): name one of them.")
    return named[0] if named else None


def _identity(params: Named) -> str:
    """How the loaded definitions name what the params define."""
    if isinstance(params, AssetCheckParams):
        return f"{params.asset}:{params.name}"
    return params.name


def _article(title: str) -> str:
    what = title.lower()
    return f"{'an' if what[0] in 'aeiou' else 'a'} {what}"


class _Checks:
    """The checks of one set of params; `warnings` collects what does not stop the write."""

    def __init__(self, session: ProjectSession, loaded: dict[str, Any]) -> None:
        self.session = session
        self.loaded = loaded
        # when the project does not load, what it defines is unknown: only static checks run
        self.known = not loaded["errors"]
        self.warnings: list[str] = []

    def _names(self, listing: str) -> set[str]:
        field = "key" if listing in ("assets", "asset_checks") else "name"
        return {entry[field] for entry in self.loaded[listing]}

    def unique(self, builder: Builder, params: Named, replacing: str | None) -> None:
        identity = _identity(params)
        if self.known and identity != replacing and identity in self._names(builder.listing):
            raise BuilderError(
                f"`{params.name}` is taken: there is already {_article(builder.title)} of that "
                "name. Pick another name."
            )

    def asset(self, key: str, role: str) -> None:
        if self.known and key not in self._names("assets"):
            raise BuilderError(f"There is no asset `{key}` ({role}).")

    def job(self, name: str, role: str) -> None:
        if self.known and name not in self._names("jobs"):
            raise BuilderError(f"There is no job `{name}` ({role}).")

    def resource(self, key: str) -> None:
        """A DuckDB resource the code runs through: `duckdb` is made when missing."""
        if self.known and key != sql_asset.DEFAULT_RESOURCE and key not in self._names("resources"):
            raise BuilderError(
                f"There is no resource `{key}`: pick one the project defines, or `duckdb` to "
                "have the designer make it."
            )

    async def selection(self, text: str) -> None:
        if not self.known:
            return
        found = await self.session.select(text)
        if found["error"]:
            raise BuilderError(f"The selection `{text}` is not valid: {found['error']}")
        if not found["keys"]:
            self.warnings.append(f"The selection `{text}` matches no asset now.")

    async def target(self, target: Target | None) -> None:
        if target is None:
            return
        if target.job is not None:
            self.job(target.job, "the target")
        elif target.selection is not None:
            await self.selection(target.selection)

    @staticmethod
    def cron(expression: str, zone: str = "UTC") -> None:
        try:
            cron.check(expression)
            cron.timezone(zone)
        except cron.InvalidCron as exc:
            raise BuilderError(str(exc)) from None


async def _check(
    session: ProjectSession, builder: Builder, params: Named, replacing: str | None
) -> list[str]:
    checks = _Checks(session, await session.definitions())
    checks.unique(builder, params, replacing)
    if isinstance(params, AssetParams):
        for dep in params.deps:
            checks.asset(dep, "in deps")
        if params.automation and params.automation.cron:
            checks.cron(params.automation.cron)
    elif isinstance(params, ScheduleParams):
        checks.cron(params.cron, params.timezone)
        await checks.target(params.target)
    elif isinstance(params, JobParams):
        await checks.selection(params.selection)
    elif isinstance(params, SensorParams):
        await checks.target(params.target)
        for name in params.monitored_jobs:
            checks.job(name, "watched")
        if params.sensor_type == "asset" and params.asset:
            checks.asset(params.asset, "watched")
    elif isinstance(params, AssetCheckParams):
        checks.asset(params.asset, "the checked asset")
    resource = _resource(params)
    if resource is not None:
        checks.resource(resource)
    return checks.warnings


# --------------------------------------------------------------------------------------------
# writing


async def _statement(
    session: ProjectSession,
    relative: str,
    builder: Builder,
    params: Named,
    existing: tuple[str, Definition] | None = None,
) -> str:
    """The definition's text, checked as Python, and formatted by ruff (with the project's
    settings) unless it carries code the user wrote, which is written as typed."""
    source, found = existing if existing else (None, None)
    statement = builder.statement(params, source, found)
    try:
        ast.parse(statement)
    except SyntaxError as exc:
        line = f" (line {exc.lineno} of the definition)" if exc.lineno else ""
        raise BuilderError(f"The code is not valid Python{line}: {exc.msg}.") from None
    users_code = getattr(params, "body", None) is not None or (
        existing is not None and builder.keeps_function
    )
    if users_code:
        return statement
    return await format_source(session.config, relative, statement)


async def _outcome(
    session: ProjectSession, builder: Builder, params: Named, files: list[str], warnings: list[str]
) -> dict[str, Any]:
    loaded = await session.definitions()
    present = _entry(builder, loaded, _identity(params)) is not None
    return {
        "name": params.name,
        "files": files,
        "ok": present and not loaded["errors"],
        "errors": loaded["errors"],
        "warnings": warnings,
    }


async def _install(session: ProjectSession, builder: Builder, params: Named) -> None:
    """Add the packages the code needs that the project's environment lacks."""
    missing = [
        package
        for module, package in builder.requires(params)
        if not installed(session.config, module)
    ]
    if missing:
        try:
            await add_packages(
                session.config,
                missing,
                linked_bin=session.settings.linked_bin,
                timeout=INSTALL_TIMEOUT,
            )
        except CreationFailed as exc:
            raise BuilderError(f"{exc} Its last output:\n{exc.output}") from None


def _resource(params: Named) -> str | None:
    """The DuckDB resource the written code runs through, if any."""
    if isinstance(params, SqlAssetParams):
        return params.connection
    if isinstance(params, AssetCheckParams) and params.check_type in ("not_null", "unique"):
        return params.connection
    return None


async def _make_resource(session: ProjectSession, params: Named) -> list[str]:
    """Write the resource `duckdb` (a file in the project) when the code needs it and the
    project has none; the files written."""
    if _resource(params) != sql_asset.DEFAULT_RESOURCE:
        return []
    loaded = await session.definitions()
    if sql_asset.DEFAULT_RESOURCE in {r["name"] for r in loaded["resources"]}:
        return []
    config = session.config
    file = confine(config.defs_root, "resources.py", follow=False)
    relative = file.relative_to(config.root).as_posix()
    module = await format_source(config, relative, sql_asset.resource_module())
    async with session.write_lock:
        database = confine(config.root, sql_asset.DEFAULT_DATABASE, follow=False)
        database.parent.mkdir(parents=True, exist_ok=True)
        if not file.exists():
            create_text(config.root, relative, module)
            return [relative]
        source = read_source(file, config.root)
        if definition_named(source.text, "duckdb_resource") is not None:
            return []
        tree = ast.parse(module)
        imports = tuple(
            ast.unparse(node) for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)
        )
        function = definition_named(module, "duckdb_resource")
        assert function is not None
        source.write(module_text.add_definition(source.text, imports, function.text(module)))
    return [relative]


async def create(session: ProjectSession, kind: str, raw: dict[str, Any]) -> dict[str, Any]:
    builder = builder_of(kind)
    params = parse_params(builder, raw)
    warnings = await _check(session, builder, params, None)
    config = session.config
    folder = confine(config.defs_root, builder.folder, follow=False)
    relative = (folder / f"{params.name}.py").relative_to(config.root).as_posix()
    statement = await _statement(session, relative, builder, params)
    text = module_text.new_module(builder.imports(params), statement)
    if (config.root / relative).exists():
        raise BuilderError(f"`{relative}` already exists: pick another name.")
    await _install(session, builder, params)
    made = await _make_resource(session, params)
    async with session.write_lock:
        folder.mkdir(parents=True, exist_ok=True)
        create_text(config.root, relative, text)
    return await _outcome(session, builder, params, [relative, *made], warnings)


@dataclass(frozen=True)
class _Located:
    entry: dict[str, Any]  # as the loaded definitions list it
    source: SourceFile
    found: Definition
    relative: str  # the file, relative to the project


def _locate(
    session: ProjectSession, builder: Builder, loaded: dict[str, Any], name: str
) -> _Located:
    entry = _entry(builder, loaded, name)
    if entry is None:
        raise NotBuilt(f"There is no {builder.title.lower()} `{name}` in the loaded definitions.")
    defs_path = entry.get("defs_path")
    file = session.instance_dir(defs_path) if defs_path else None
    if file is None or file.suffix != ".py" or not file.is_file():
        where = f"`{defs_path}`" if defs_path else "outside the defs folder"
        raise NotBuilt(f"`{name}` is defined in {where}, not in a Python module: edit it there.")
    source = read_source(file, session.config.root)
    found = _find(source.text, entry, file, session.config.root)
    if found is None:
        raise NotBuilt(f"`{name}` is not a top-level definition of `{defs_path}`.")
    return _Located(entry, source, found, file.relative_to(session.config.root).as_posix())


def _find(text: str, entry: dict[str, Any], file: Path, root: Path) -> Definition | None:
    """The statement that defines a loaded definition: the one at its source line when Dagster
    recorded one, else the one of its name."""
    where = entry.get("source") or ""
    path, _, line = where.rpartition(":")
    if path == file.relative_to(root).as_posix() and line.isdigit():
        for found in definitions(text):
            if found.start <= int(line) <= found.end:
                return found
    name = entry.get("name") or entry["key"].rpartition("/")[2]
    return definition_named(text, name)


async def reopen(session: ProjectSession, kind: str, name: str) -> dict[str, Any]:
    builder = builder_of(kind)
    located = _locate(session, builder, await session.definitions(), name)
    params = builder.reopen(located.source.text, located.found)
    if params is None:
        raise NotBuilt(
            f"`{name}` in `{located.relative}` is not in a form the {builder.title.lower()} "
            "builder writes: edit it in the code editor."
        )
    return {"params": params.model_dump(mode="json", exclude_none=True)}


async def update(
    session: ProjectSession, kind: str, name: str, raw: dict[str, Any]
) -> dict[str, Any]:
    builder = builder_of(kind)
    located = _locate(session, builder, await session.definitions(), name)
    current = builder.reopen(located.source.text, located.found)
    if current is None:
        raise NotBuilt(f"`{name}` is not in a form the builder writes: edit it in the code editor.")
    if "body" in builder.params.model_fields and raw.get("body") is None:
        raw = {**raw, "body": getattr(current, "body", None)}
    params = parse_params(builder, raw)
    warnings = await _check(session, builder, params, _identity(current))
    existing = (located.source.text, located.found)
    statement = await _statement(session, located.relative, builder, params, existing)
    await _install(session, builder, params)
    made = await _make_resource(session, params)
    imports = builder.imports(params)
    async with session.write_lock:
        source = read_source(located.source.path, session.config.root)
        if source.data != located.source.data:
            raise BuilderError(f"`{located.relative}` changed while saving: reopen and try again.")
        source.write(module_text.replace_definition(source.text, located.found, imports, statement))
    return await _outcome(session, builder, params, [located.relative, *made], warnings)


def _users(loaded: dict[str, Any], builder: Builder, identity: str) -> list[str]:
    """What refers to a definition and would break without it."""
    if builder.listing == "jobs":
        return [
            *(f"schedule `{s['name']}`" for s in loaded["schedules"] if s["job_name"] == identity),
            *(f"sensor `{s['name']}`" for s in loaded["sensors"] if identity in s["job_names"]),
        ]
    if builder.listing == "assets":
        return [
            *(f"asset `{a['key']}`" for a in loaded["assets"] if identity in a["deps"]),
            *(f"check `{c['key']}`" for c in loaded["asset_checks"] if c["asset_key"] == identity),
        ]
    return []


async def delete(session: ProjectSession, kind: str, name: str, force: bool) -> None:
    builder = builder_of(kind)
    loaded = await session.definitions()
    located = _locate(session, builder, loaded, name)
    users = _users(loaded, builder, _key(builder, located.entry))
    if users and not force:
        raise StillUsed(
            f"`{name}` is used by {', '.join(users)}: deleting it breaks them. Delete anyway to "
            "remove it all the same."
        )
    async with session.write_lock:
        source = read_source(located.source.path, session.config.root)
        if source.data != located.source.data:
            raise BuilderError(f"`{located.relative}` changed while deleting: try again.")
        remaining = module_text.remove_definition(source.text, located.found)
        if module_text.only_imports(remaining) and source.path.name not in _KEPT_MODULES:
            source.path.unlink()
        else:
            source.write(remaining)
    await session.definitions()
