"""Fixes for the errors Dagster and Python raise, as specific as the message allows.

Each rule reads Dagster's own message (1.13) and says what is wrong and what to write instead,
with a corrected value where one can be made. It also names the value the message is about, so
that the error can be placed on the YAML node that holds it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import near_miss


@dataclass(frozen=True)
class Hint:
    text: str
    causes: list[str]
    # the offending value as written, and the attribute it is usually written in
    value: str | None = None
    attribute: str | None = None


def name_like(value: str, allowed: str = r"A-Za-z0-9_") -> str:
    """`value` with every run of characters outside `allowed` made one underscore."""
    cleaned = re.sub(rf"[^{allowed}]+", "_", value.strip()).strip("_")
    if cleaned and cleaned[0].isdigit() and allowed == r"A-Za-z0-9_":
        cleaned = f"_{cleaned}"
    return cleaned or "name"


def _group(match: re.Match[str]) -> Hint:
    value = match.group("value")
    parts = [name_like(p) for p in value.split("/") if p.strip()]
    return Hint(
        "Group names may contain only letters, digits and underscores (parts may be separated "
        f"by `/`): try `{'/'.join(parts) or 'default'}`.",
        ["Spaces or punctuation in a group name"],
        value,
        "group_name",
    )


def _name(match: re.Match[str]) -> Hint:
    value = match.group("value")
    return Hint(
        f"Names and asset key parts may contain only letters, digits and underscores: try "
        f"`{name_like(value)}`.",
        ["Spaces, dashes or punctuation in a name or key"],
        value,
        None,
    )


def _owner(match: re.Match[str]) -> Hint:
    value = match.group("value")
    suggestion = f"team:{name_like(value)}" if "@" not in value else name_like(value, r"\w.@+-")
    return Hint(
        "An owner is an email address (`alice@example.com`) or a team written `team:<name>`: "
        f"try `{suggestion}`.",
        ["An owner that is neither an email address nor `team:`-prefixed"],
        value,
        "owners",
    )


def _tag_keys(match: re.Match[str]) -> Hint:
    try:
        keys = [str(k) for k in ast.literal_eval(match.group("value"))]
    except (ValueError, SyntaxError):
        keys = []
    first = keys[0] if keys else ""
    return Hint(
        "Tag keys may contain only letters, digits, `_`, `-` and `.`, with an optional "
        "`namespace/` prefix, at most 63 characters per part"
        + (f": try `{name_like(first, r'A-Za-z0-9_.-')[:63]}`." if first else "."),
        ["Spaces or punctuation in a tag key"],
        first or None,
        "tags",
    )


def _tag_value(match: re.Match[str]) -> Hint:
    value = match.group("value")
    return Hint(
        "Tag values may contain only letters, digits, `_`, `-` and `.`, at most 63 characters: "
        f"try `{name_like(value, r'A-Za-z0-9_.-')[:63]}`, or put longer text in `metadata` or "
        "`description`.",
        ["Spaces, punctuation or long text in a tag value"],
        value,
        "tags",
    )


def _cron(match: re.Match[str]) -> Hint:
    value = match.group("value").strip()
    fields = value.split()
    if len(fields) == 6:
        advice = f"Dagster's cron has five fields, without seconds: try `{' '.join(fields[1:])}`."
    else:
        advice = (
            "A cron schedule has five fields, minute hour day-of-month month day-of-week: "
            "e.g. `0 6 * * *` runs at 06:00 every day, `*/15 * * * *` every 15 minutes, or "
            "write `@daily`, `@hourly`."
        )
    return Hint(advice, ["Words or a wrong number of fields in a cron expression"], value, None)


def _environment(match: re.Match[str]) -> Hint:
    return environment_variable(match.group("value"))


def environment_variable(name: str) -> Hint:
    """The fix for a template that reads an environment variable that is not set."""
    return Hint(
        f"Set the environment variable `{name}` before starting the designer, or give the "
        f"template a default: `{{{{ env('{name}', 'a default') }}}}`.",
        ["An environment variable that is not set"],
        name,
        None,
    )


def _date(match: re.Match[str]) -> Hint:
    value, layout = match.group("value"), match.group("format")
    readable = (
        layout.replace("%Y", "YYYY")
        .replace("%m", "MM")
        .replace("%d", "DD")
        .replace("%H", "HH")
        .replace("%M", "MM")
    )
    return Hint(
        f"Write the date as `{readable}`, e.g. `2024-01-01`"
        + (" (the time part too)." if "%H" in layout else "."),
        ["A date in another format, or words instead of a date"],
        value,
        None,
    )


def _missing_input(match: re.Match[str]) -> Hint:
    key = _user_key(match.group("value"))
    return Hint(
        f"Nothing in the project produces `{key}`: define an asset with that key, declare it as "
        f'an external asset (`dg.AssetSpec("{key}")`), or fix the key the asset takes as input.',
        ["A typo in an input's key", "An upstream asset that was renamed or removed"],
        key,
        None,
    )


def _unselected(match: re.Match[str]) -> Hint:
    try:
        keys = [str(k) for k in ast.literal_eval(match.group("value"))]
    except (ValueError, SyntaxError):
        keys = []
    named = ", ".join(f"`{k}`" for k in keys) or "keys"
    return Hint(
        f"The selection names {named}, which no asset produces: fix the key in the job's "
        "selection, or define the asset.",
        ["A typo in a selected key", "An asset that was renamed or removed"],
        keys[0] if keys else None,
        None,
    )


def _duplicate_key(match: re.Match[str]) -> Hint:
    key = _user_key(match.group("value"))
    return Hint(
        f"Asset keys are unique in a code location: rename one of the definitions of `{key}`, "
        "or remove the duplicate.",
        ["A copied file or component", "Two components producing the same key"],
        key,
        "key",
    )


def _check_target(match: re.Match[str]) -> Hint:
    key = _user_key(match.group("value"))
    allowed = _user_keys(match.group("allowed"))
    near = near_miss.candidates(key, allowed, limit=1)
    if near:
        advice = f"try `{near[0][0]}`."
    else:
        advice = "one of " + ", ".join(f"`{k}`" for k in allowed) + "." if allowed else "."
    return Hint(
        "A check written in a component targets one of the assets of the same component: " + advice,
        ["A typo in the check's `asset`", "A check that belongs to another component"],
        key,
        "asset",
    )


def _same_op(_match: re.Match[str]) -> Hint:
    return Hint(
        "Two definitions compile to ops of the same name. For PythonScriptComponents, give "
        "their scripts different file names or set a distinct `execution.name`.",
        ["Two script components whose scripts share a file name"],
    )


def _user_keys(text: str) -> list[str]:
    """Every key of a printed list of `AssetKey([...])`."""
    return [_user_key(m.group(0)) for m in re.finditer(r"AssetKey\(\[.*?\]\)", text)]


def _user_key(text: str) -> str:
    """`AssetKey(['a', 'b'])` or `["a", "b"]` or `a` as Dagster prints keys, as `a/b`."""
    inner = re.search(r"\[(.*)\]", text)
    if inner is None:
        return text.strip("'\"")
    try:
        parts = ast.literal_eval(f"[{inner.group(1)}]")
    except (ValueError, SyntaxError):
        return text
    return "/".join(str(p) for p in parts)


_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], Hint]]] = [
    (re.compile(r'"(?P<value>.*?)" is not a valid asset group name'), _group),
    (re.compile(r'"(?P<value>.*?)" is not a valid name in Dagster'), _name),
    (re.compile(r"Invalid owner '(?P<value>.*?)'"), _owner),
    (re.compile(r"Found invalid tag keys: (?P<value>\[.*?\])"), _tag_keys),
    (re.compile(r"Invalid tag value: (?P<value>.*?), for key: "), _tag_value),
    (re.compile(r"[Ii]nvalid cron schedule:? '?(?P<value>[^']*)"), _cron),
    (re.compile(r"Environment variable (?P<value>\w+) is not set"), _environment),
    (re.compile(r"time data '(?P<value>.*?)' does not match format '(?P<format>.*?)'"), _date),
    (re.compile(r'Input asset "(?P<value>.*?)" is not produced'), _missing_input),
    (re.compile(r"AssetKey\(s\) (?P<value>\[.*?\]) were selected"), _unselected),
    (re.compile(r"Duplicate asset key: (?P<value>AssetKey\(.*?\))"), _duplicate_key),
    (
        re.compile(
            r"Invalid asset key (?P<value>AssetKey\(\[.*?\]\)) in check spec .*? Must be one "
            r"of (?P<allowed>\[.*\])"
        ),
        _check_target,
    ),
    (re.compile(r"conflicting node definitions with the same name"), _same_op),
]


def for_message(text: str) -> Hint | None:
    for pattern, make in _RULES:
        match = pattern.search(text)
        if match:
            return make(match)
    return None


def for_syntax(exc: SyntaxError) -> Hint:
    """What Python could not read, and the usual fix for it."""
    msg, line = exc.msg or "", exc.lineno
    where = f"line {line}" if line else "the line shown"
    text = (exc.text or "").strip()
    if isinstance(exc, IndentationError) or "indent" in msg:
        advice = (
            f"Indent {where} like the other lines of its block (the same number of spaces; "
            "do not mix tabs and spaces), or give the `def`/`if`/`for` above it a body."
        )
    elif match := re.search(r"'(.)' was never closed", msg):
        advice = f"Close the `{match.group(1)}` opened on {where}."
    elif match := re.search(r"unmatched '(.)'", msg):
        advice = f"Remove the `{match.group(1)}` on {where}, or open it before."
    elif "expected ':'" in msg:
        advice = f"End {where} with a colon: `{text.rstrip(':')}:`." if text else "Add `:`."
    elif "forgot a comma" in msg:
        advice = f"Add the missing comma between two items on {where}."
    elif "unterminated" in msg and "string" in msg:
        advice = f"Close the string on {where} with the quote it starts with."
    elif "invalid character" in msg:
        advice = (
            f"Replace the character on {where} with its plain form (a typographic quote or dash "
            "pasted from a document is a common cause)."
        )
    else:
        column = f", column {exc.offset}" if exc.offset else ""
        advice = (
            f"Python cannot read {where}{column}: {msg}. Check that line and the one before it, "
            "where a bracket or quote may be left open."
        )
    return Hint(advice, ["Invalid Python syntax"])
