"""The live channel's deltas: applied to the old definitions they give the new ones exactly."""

from __future__ import annotations

import copy
import json
import random
from typing import Any

from dagster_designer.worker.definitions_delta import apply, delta


def _asset(key: str, rng: random.Random) -> dict[str, Any]:
    return {
        "key": key,
        "deps": sorted(rng.sample(["a", "b", "c", "d"], rng.randint(0, 2))),
        "group": rng.choice(["default", "sales", None]),
        "description": rng.choice([None, "x", "y"]),
    }


def _component(path: str, index: int | None) -> dict[str, Any]:
    return {"defs_path": path, "defs_index": index, "class": "dagster.PythonScriptComponent"}


def _edit(definitions: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    new = copy.deepcopy(definitions)
    assets = new["assets"]
    choice = rng.randrange(9)
    if choice == 0 or not assets:  # an asset added anywhere
        key = f"asset_{rng.randrange(10_000)}"
        if key not in {a["key"] for a in assets}:
            assets.insert(rng.randint(0, len(assets)), _asset(key, rng))
    elif choice == 1:  # removed
        assets.pop(rng.randrange(len(assets)))
    elif choice == 2:  # changed in place
        rng.choice(assets)["description"] = f"d{rng.randrange(100)}"
    elif choice == 3:  # reordered
        rng.shuffle(assets)
    elif choice == 4:  # a component added or removed; identity of two fields, one may be None
        components = new["components"]
        if components and rng.random() < 0.5:
            components.pop(rng.randrange(len(components)))
        else:
            components.append(
                _component(f"c{rng.randrange(50)}/defs.yaml", rng.choice([None, 0, 1]))
            )
        new["components"] = list(
            {(c["defs_path"], c["defs_index"]): c for c in components}.values()
        )
    elif choice == 5:  # a broken load: duplicate keys
        if assets:
            assets.append(copy.deepcopy(assets[0]))
    elif choice == 6:  # errors and scalars
        new["errors"] = [{"message": f"e{rng.randrange(3)}"}] if rng.random() < 0.5 else []
        new["mode"] = rng.choice(["full", "incremental"])
    elif choice == 7:  # a field gone, or back
        if "reason" in new:
            del new["reason"]
        else:
            new["reason"] = "pyproject.toml changed"
    else:  # jobs replaced wholesale
        new["jobs"] = [{"name": f"job_{i}", "asset_keys": []} for i in range(rng.randrange(4))]
    if choice != 5:  # a later edit repairs the duplicates
        new["assets"] = list({a["key"]: a for a in new["assets"]}.values())
    return new


def test_two_hundred_random_edits_each_delta_gives_the_new_definitions() -> None:
    rng = random.Random(20261130)
    definitions: dict[str, Any] = {
        "assets": [_asset(f"asset_{i}", rng) for i in range(30)],
        "asset_checks": [],
        "jobs": [],
        "schedules": [],
        "sensors": [],
        "resources": [],
        "components": [_component("a/defs.yaml", None)],
        "errors": [],
        "warnings": [],
        "mode": "full",
    }
    for _ in range(200):
        new = _edit(definitions, rng)
        sent = json.loads(json.dumps(delta(definitions, new)))  # as it travels
        assert apply(json.loads(json.dumps(definitions)), sent) == new
        definitions = new


def test_an_unchanged_load_is_an_empty_delta() -> None:
    definitions = {"assets": [{"key": "a"}], "errors": []}
    assert delta(definitions, copy.deepcopy(definitions)) == {"changes": {}, "drop": []}


def test_a_delta_names_only_what_changed() -> None:
    old = {"assets": [{"key": f"k{i}", "group": "g"} for i in range(1000)], "errors": []}
    new = copy.deepcopy(old)
    new["assets"][500]["group"] = "h"
    change = delta(old, new)
    assert change == {
        "changes": {"assets": {"upsert": [{"key": "k500", "group": "h"}], "remove": []}},
        "drop": [],
    }


def test_an_item_added_in_the_middle_sends_the_order() -> None:
    old = {"assets": [{"key": "a"}, {"key": "c"}]}
    new = {"assets": [{"key": "a"}, {"key": "b"}, {"key": "c"}]}
    change = delta(old, new)
    assert change["changes"]["assets"]["order"] == ["a", "b", "c"]
    assert apply(old, change) == new


def test_the_worker_sends_a_change_only_against_the_version_the_server_holds() -> None:
    from dagster_designer.worker.sent_definitions import SentDefinitions

    rng = random.Random(7)
    first = {"assets": [_asset(k, rng) for k in "abc"], "errors": []}
    second = {**first, "assets": [*first["assets"][:2], {**first["assets"][2], "group": "new"}]}
    sent = SentDefinitions()
    whole = sent.answer(first, None)
    assert whole["definitions"] is first
    changed = sent.answer(second, whole["version"])
    assert changed["base"] == whole["version"] and "definitions" not in changed
    assert apply(first, changed["delta"]) == second
    assert changed["delta"]["changes"]["assets"]["upsert"] == [second["assets"][2]]
    # a base that is not the last version sent (or a restarted worker's) gets the whole
    assert sent.answer(first, whole["version"])["definitions"] is first
    assert SentDefinitions().answer(second, changed["version"])["definitions"] is second
