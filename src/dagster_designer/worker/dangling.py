"""Warnings: references that Dagster accepts but that point at nothing.

- A dependency or an asset check on a key nothing produces (`raw_order` while `raw_orders` is
  produced): Dagster makes a stub for the key and loads without a word. The warning sits where
  the reference is written, names the produced keys that look alike, and the two fixes: change
  the reference, or rename the producer.
- A Python script component whose script file does not exist: the load succeeds, the run fails.
  The warning names the script's project-relative `path` (null when it lies outside).

Each warning is shaped like an error entry (`message`, `kind`, `file`, `line`, `field`, `hint`,
`defs_path`, `defs_index`) plus `key`, the asset or check key whose node shows it.
"""

from __future__ import annotations

import traceback
from typing import Any

from . import near_miss, positions
from .project import ProjectInfo
from .sites import Site, Sites, component_file, yaml_node

STUB_METADATA = "dagster/auto_created_stub_asset"


def warnings(
    project: ProjectInfo, repo: Any, tree: Any, described: dict[str, Any]
) -> list[dict[str, Any]]:
    sites = Sites(project, tree)
    found: list[dict[str, Any]] = []
    for compute in (_dangling_keys, _missing_scripts):
        try:
            found.extend(compute(repo, sites, described))
        except Exception:  # never let a warning keep the definitions from showing
            traceback.print_exc()
    return found


# --------------------------------------------------------------------------------------------
# keys nothing produces


def _is_stub(node: Any) -> bool:
    value = node.metadata.get(STUB_METADATA)
    return getattr(value, "value", value) is True


def _dangling_keys(repo: Any, sites: Sites, described: dict[str, Any]) -> list[dict[str, Any]]:
    graph = repo.asset_graph
    stubs = {key for key in graph.get_all_asset_keys() if _is_stub(graph.get(key))}
    if not stubs:
        return []
    produced = {a["key"]: a for a in described["assets"]}
    for key in stubs:
        produced.pop(key.to_user_string(), None)
    look_alikes = _index(produced)
    out: list[dict[str, Any]] = []
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        for missing in sorted(graph.get(key).parent_keys & stubs, key=lambda k: k.to_user_string()):
            site = next(iter(sites.of_asset(key)), None)
            out.append(
                _warning(sites, look_alikes, "asset", key.to_user_string(), missing, site, produced)
            )
    for check in sorted(graph.asset_check_keys, key=lambda k: k.to_user_string()):
        if check.asset_key in stubs:
            site = next(iter(sites.of_check(check)), None)
            out.append(
                _warning(
                    sites,
                    look_alikes,
                    "check",
                    check.to_user_string(),
                    check.asset_key,
                    site,
                    produced,
                )
            )
    return out


def _warning(
    sites: Sites,
    look_alikes: near_miss.Index,
    kind: str,
    holder: str,
    missing_key: Any,
    site: Site | None,
    produced: dict[str, Any],
) -> dict[str, Any]:
    missing = missing_key.to_user_string()
    attribute = "asset" if kind == "check" else "deps"
    reference, place = _reference(sites, site, missing, attribute)
    found = look_alikes.candidates(missing)
    best = found[0][0] if found else None
    if kind == "check":
        name = holder.rpartition(":")[2]
        message = f"The check `{name}` targets `{missing}`, which nothing in the project produces"
    else:
        message = f"`{holder}` depends on `{missing}`, which nothing in the project produces"
    if best is not None:
        message += f": did you mean `{best}`?"
        hint = (
            f"Change the reference to `{best}`, or rename `{best}` to `{missing}` where it is "
            "produced."
        )
    else:
        message += "."
        hint = (
            f"Define an asset `{missing}`, fix the reference, or declare it as an external asset "
            f'(`dg.AssetSpec("{missing}")`) if another system produces it.'
        )
    fixes = []
    if best is not None and reference:
        fixes.append(
            {
                "title": f"Change the reference to `{best}`",
                "fix": "reference",
                "missing": missing,
                "candidate": best,
            }
        )
    if best is not None and _renamable(produced[best]):
        fixes.append(
            {
                "title": f"Rename `{best}` to `{missing}` where it is produced",
                "fix": "producer",
                "missing": missing,
                "candidate": best,
            }
        )
    return {
        "message": message,
        "kind": "dangling_key",
        **place,
        "hint": hint,
        "key": holder,
        "missing": missing,
        "candidates": [{"key": k, "score": s} for k, s in found],
        "fixes": fixes,
    }


def _renamable(asset: dict[str, Any]) -> bool:
    """Whether the designer can rename the key where it is produced (a YAML component)."""
    return asset.get("defs_path") is not None and not str(asset["defs_path"]).endswith(".py")


def _reference(
    sites: Sites, site: Site | None, missing: str, attribute: str
) -> tuple[bool, dict[str, Any]]:
    """(whether the key is written literally there, the place fields) of a reference."""
    if site is None:
        return False, {
            "file": None,
            "line": None,
            "field": None,
            "defs_path": None,
            "defs_index": None,
        }
    place = site.fields()
    if site.file is None:
        return False, place
    file = sites.project.root / site.file
    if file.suffix in (".yaml", ".yml"):
        doc = sites.document(file, site.defs_index)
        node = yaml_node(doc, missing, attribute) if doc is not None else None
        if node is None:
            return False, place
        return True, {**place, "line": node.line, "field": positions.field_of(node.path)}
    lines = sites.literal_lines(file, missing)
    function = sites.functions_by_line(file).get(site.line or 0)
    if function is not None:
        # a reference to another asset is written in the decorators (`deps=`, `asset=`)
        first, def_line = positions.decorator_lines(function)
        lines = [line for line in lines if first <= line <= def_line]
    if not lines:
        return False, place
    return True, {**place, "line": lines[0]}


_INDEX: list[tuple[frozenset[str], near_miss.Index]] = []


def _index(produced: dict[str, Any]) -> near_miss.Index:
    """The look-alike index of the produced keys, kept while they stay the same."""
    keys = frozenset(produced)
    if not _INDEX or _INDEX[0][0] != keys:
        _INDEX[:] = [(keys, near_miss.Index(keys))]
    return _INDEX[0][1]


# --------------------------------------------------------------------------------------------
# scripts that do not exist


def _missing_scripts(_repo: Any, sites: Sites, described: dict[str, Any]) -> list[dict[str, Any]]:
    from dagster import PythonScriptComponent

    project = sites.project
    keys_by_instance: dict[tuple[str, int | None], list[str]] = {}
    for asset in described["assets"]:
        keys_by_instance.setdefault((asset["defs_path"], asset["defs_index"]), []).append(
            asset["key"]
        )
    out = []
    for rel, index, _depth, _defs, component in sites.locations:
        if not isinstance(component, PythonScriptComponent):
            continue
        written = str(component.execution.path)
        folder = project.defs_root / rel
        folder = folder if folder.is_dir() else folder.parent
        script = folder / written
        if script.exists():
            continue
        looked = project.relative(script) or str(script)
        place = sites.instance(rel, index).fields()
        file = component_file(project, rel)
        if file is not None and file.suffix in (".yaml", ".yml"):
            doc = positions.document(file, index)
            if doc is not None:
                path = ["attributes", "execution", "path"]
                place = {**place, "line": positions.line_at(doc, path), "field": "execution.path"}
        keys = keys_by_instance.get((rel, index), [])
        out.append(
            {
                "message": f"The script `{written}` does not exist: looked for `{looked}`.",
                "kind": "missing_file",
                **place,
                "hint": f"Create `{looked}`, or point `execution.path` at the script to run "
                "(relative to the component's folder).",
                "key": keys[0] if keys else None,
                # what to create, when it lies inside the project
                "path": project.relative(script),
            }
        )
    return out
