"""The `dagster-designer` command."""

from __future__ import annotations

import argparse
import copy
import json
import os
import socket
import sys
import threading
import webbrowser
from pathlib import Path
from typing import Any

from . import __version__
from .project_files.files import atomic_write
from .settings import TOKEN_VARIABLE, Settings


def _port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _private_state_dir(settings: Settings) -> None:
    """The designer's folder in the workspace: ours, and writable by nobody else (it holds the
    server file, which scripts trust to find the server and its token)."""
    state = settings.state_dir
    state.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = state.stat()
    if info.st_uid != os.getuid():
        raise SystemExit(f"{state} belongs to another user; the designer will not use it.")
    if info.st_mode & 0o022:
        state.chmod(info.st_mode & 0o755)


def _write_server_info(settings: Settings, url: str) -> None:
    """Like Jupyter's runtime file: lets scripts find the running server. Owner-only from the
    moment it exists."""
    _private_state_dir(settings)
    payload = {"url": settings.url, "token": settings.token, "pid": os.getpid(), "open": url}
    atomic_write(settings.state_dir / "server.json", json.dumps(payload, indent=2) + "\n", 0o600)


def _log_config(settings: Settings, level: str) -> dict[str, Any]:
    """uvicorn's logging, with the app's loggers added and the token hidden from every line."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {
        "secrets": {
            "()": "dagster_designer.server.security.HideSecrets",
            "values": [settings.token],
        }
    }
    for handler in config["handlers"].values():
        handler["filters"] = ["secrets"]
    config["loggers"]["dagster_designer"] = {
        "handlers": ["default"],
        "level": level.upper(),
        "propagate": False,
    }
    config["root"] = {"handlers": ["default"], "level": "WARNING"}
    return config


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .server.app import create_app
    from .server.connections import MAX_CONNECTIONS, GuardedHttpProtocol

    workspace = Path(args.workspace).expanduser().resolve()
    settings = Settings(
        workspace=workspace,
        host=args.host,
        port=args.port,
        extra_hosts=tuple(args.allow_host or ()),
        load_timeout=args.load_timeout,
        worker_memory_mb=args.worker_memory_mb,
        max_active_runs=args.max_active_runs,
        max_terminals_per_project=args.max_terminals_per_project,
        max_terminals=args.max_terminals,
        max_dagster_uis=args.max_dagster_uis,
        dagster_ui_idle_minutes=args.dagster_ui_idle_minutes,
        worker_idle_minutes=args.worker_idle_minutes,
        terminal_idle_minutes=args.terminal_idle_minutes,
    )
    if not _port_free(settings.host, settings.port):
        print(
            f"Port {settings.port} on {settings.host} is in use: pass --port to choose another.",
            file=sys.stderr,
        )
        return 2
    if settings.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"Warning: listening on {settings.host}, not only this machine. The designer runs "
            "code and terminals for whoever holds the token.",
            file=sys.stderr,
        )
    workspace.mkdir(parents=True, exist_ok=True)
    url = f"{settings.url}/?token={settings.token}"
    _write_server_info(settings, url)
    print(f"Dagster Designer {__version__}, workspace {workspace}", flush=True)
    if os.environ.get(TOKEN_VARIABLE):  # the user knows it: it stays out of the output
        print(f"Open {settings.url}/ with the token from ${TOKEN_VARIABLE}", flush=True)
    else:
        print(f"Open {url}", flush=True)
    if not args.no_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level=args.log_level,
        log_config=_log_config(settings, args.log_level),
        timeout_graceful_shutdown=5,
        http=GuardedHttpProtocol,
        limit_concurrency=MAX_CONNECTIONS,
    )
    return 0


def check(args: argparse.Namespace) -> int:
    """`dagster-designer check PATH`: the project review, headless; 1 when a finding is an
    error, 2 when the folder is no project or does not answer."""
    import asyncio

    from .processes.supervisor import WorkerError
    from .project_files.config import NotAProjectError
    from .services.review import review_folder

    root = Path(args.path).expanduser().resolve()
    try:
        findings = asyncio.run(review_folder(root, args.load_timeout, args.worker_memory_mb))
    except (NotAProjectError, WorkerError) as exc:
        print(f"{root}: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"findings": findings}, indent=2))
    else:
        for f in findings:
            where = f"{f['file']}:{f['line']}" if f["line"] else (f["file"] or "project")
            print(f"{where}: {f['severity']} [{f['rule']}] {f['message']}")
        counts = {
            s: sum(f["severity"] == s for f in findings) for s in ("error", "warning", "info")
        }
        print(", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items()))
    return 1 if any(f["severity"] == "error" for f in findings) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dagster-designer", description=__doc__)
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="start the designer")
    serve_parser.add_argument(
        "--workspace",
        default="workspace",
        help="folder for new projects and the list of opened ones (default: ./workspace)",
    )
    serve_parser.add_argument("--host", default="127.0.0.1")
    serve_parser.add_argument("--port", type=int, default=3333)
    serve_parser.add_argument("--no-browser", action="store_true")
    serve_parser.add_argument(
        "--allow-host",
        action="append",
        metavar="HOST",
        help="also accept this Host header (repeatable), e.g. behind a proxy",
    )
    serve_parser.add_argument(
        "--load-timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="stop loading a project's definitions after this long (default: 60)",
    )
    serve_parser.add_argument(
        "--worker-memory-mb",
        type=int,
        default=4096,
        metavar="MB",
        help="address-space limit of every process that runs a project's code: its worker, "
        "`dg check defs`, the registry and completion processes (default: 4096; 0: none)",
    )
    serve_parser.add_argument(
        "--max-active-runs",
        type=int,
        default=10,
        metavar="N",
        help="runs in progress at once in one project; more are refused until one ends "
        "(default: 10)",
    )
    serve_parser.add_argument(
        "--max-terminals-per-project",
        type=int,
        default=8,
        metavar="N",
        help="terminals open at once in one project; more are refused (default: 8)",
    )
    serve_parser.add_argument(
        "--max-terminals",
        type=int,
        default=24,
        metavar="N",
        help="terminals open at once in all projects; more are refused (default: 24)",
    )
    serve_parser.add_argument(
        "--max-dagster-uis",
        type=int,
        default=2,
        metavar="N",
        help="projects whose Dagster UI (`dg dev`) runs at once; starting one more stops the "
        "least recently used (default: 2)",
    )
    serve_parser.add_argument(
        "--dagster-ui-idle-minutes",
        type=float,
        default=30.0,
        metavar="MIN",
        help="stop a Dagster UI nobody has used for this long; the next click starts it again "
        "(default: 30; 0: never)",
    )
    serve_parser.add_argument(
        "--worker-idle-minutes",
        type=float,
        default=30.0,
        metavar="MIN",
        help="stop a project's worker when its project had no open page and no request for "
        "this long; the next request starts it again (default: 30; 0: never)",
    )
    serve_parser.add_argument(
        "--terminal-idle-minutes",
        type=float,
        default=15.0,
        metavar="MIN",
        help="close a terminal no page has been attached to for this long (default: 15)",
    )
    serve_parser.add_argument(
        "--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"]
    )
    serve_parser.set_defaults(handler=serve)
    check_parser = commands.add_parser(
        "check", help="review a project without a server; exit 1 when a finding is an error"
    )
    check_parser.add_argument("path", help="the dg project's folder")
    check_parser.add_argument("--json", action="store_true", help="print the review as JSON")
    check_parser.add_argument(
        "--load-timeout",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="stop loading the definitions after this long (default: 300)",
    )
    check_parser.add_argument(
        "--worker-memory-mb",
        type=int,
        default=4096,
        metavar="MB",
        help="address-space limit of the process that loads the project (default: 4096)",
    )
    check_parser.set_defaults(handler=check)
    args = parser.parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
