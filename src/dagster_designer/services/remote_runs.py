"""Runs of one project on a remote Dagster deployment, through its GraphQL API: the same
methods and the same answers as `RunService`, so the routes do not know where runs go.

A request is checked against the local definitions first (the worker, as for a local run), so a
bad one is a 400 that launches nothing; a selection is sent as the asset and check keys it
selects here. The remote is asked for the code location of the target, repository
`__repository__`, as `dg dev` and Dagster+ serve a project. An event cursor is the number of
the run's events read so far (Dagster's offset cursor), so reading on never repeats or skips.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any, NoReturn

from ..processes.supervisor import Supervisor
from .live_definitions import LiveDefinitions
from .remote_graphql import RemoteClient, RemoteUnavailable
from .runs import RunEnded, RunNotFound

READ_TIMEOUT = 60.0
LIVE_STATUSES = {"QUEUED", "NOT_STARTED", "STARTING", "STARTED", "CANCELING", "MANAGED"}
EVENTS_PAGE = 1000
RUNS_PAGE = 200
# Runs looked through for the runs of one asset (the remote cannot filter by asset).
MAX_SCANNED = 10_000
ASSET_JOB = "__ASSET_JOB"
REPOSITORY = "__repository__"
# The remote's answers that mean the request is wrong, not that the remote failed.
REFUSALS = {
    "InvalidSubsetError",
    "PipelineNotFoundError",
    "RunConfigValidationInvalid",
    "PresetNotFoundError",
    "ConflictingExecutionParamsError",
    "NoModeProvidedError",
    "InvalidStepError",
    "InvalidOutputError",
    "RunConflict",
    "InvalidPipelineRunsFilterError",
}

ERROR = "fragment E on PythonError { message stack errorChain { error { message stack } } }"
RUN = "fragment R on Run { runId status jobName assetSelection { path } startTime endTime }"
LAUNCH = """mutation ($params: ExecutionParams!) {
  launchRun(executionParams: $params) {
    __typename
    ... on LaunchRunSuccess { run { runId status } }
    ... on RunConfigValidationInvalid { errors { message } }
    ... on Error { message }
  }
}"""
RUNS = (
    """query ($filter: RunsFilter, $cursor: String, $limit: Int) {
  runsOrError(filter: $filter, cursor: $cursor, limit: $limit) {
    __typename
    ... on Runs { results { ...R } }
    ... on Error { message }
  }
}"""
    + RUN
)
ONE_RUN = (
    """query ($runId: ID!) {
  runOrError(runId: $runId) { __typename ... on Run { ...R } ... on Error { message } }
}"""
    + RUN
)
EVENTS = (
    """query ($runId: ID!, $after: String, $limit: Int) {
  logsForRun(runId: $runId, afterCursor: $after, limit: $limit) {
    __typename
    ... on EventConnection {
      cursor
      hasMore
      events {
        __typename
        ... on MessageEvent { message timestamp level stepKey eventType }
        ... on MaterializationEvent { assetKey { path } }
        ... on ObservationEvent { assetKey { path } }
        ... on FailedToMaterializeEvent { assetKey { path } }
        ... on AssetMaterializationPlannedEvent { plannedKey: assetKey { path } }
        ... on AssetCheckEvaluationPlannedEvent { plannedCheckKey: assetKey { path } }
        ... on AssetCheckEvaluationEvent { evaluation { assetKey { path } } }
        ... on ExecutionStepFailureEvent { error { ...E } }
        ... on RunFailureEvent { error { ...E } }
      }
    }
    ... on Error { message }
  }
}"""
    + ERROR
)
TERMINATE = """mutation ($runId: String!) {
  terminateRun(runId: $runId) {
    __typename
    ... on TerminateRunFailure { message }
    ... on Error { message }
  }
}"""
ASSET_NODES = """query {
  assetNodes {
    assetKey { path }
    isMaterializable
    repository { name location { name } }
    assetChecksOrError {
      __typename
      ... on AssetChecks {
        checks { name executionForLatestMaterialization { evaluation { success severity } } }
      }
    }
  }
}"""
LATEST = """query ($keys: [AssetKeyInput!]!) {
  assetsLatestInfo(assetKeys: $keys) {
    assetKey { path }
    latestMaterialization { runId timestamp }
    latestRun { runId status }
  }
}"""


class RemoteRefused(ValueError):
    """The remote refused the request as it is: the message says why."""


def offset_cursor(offset: int) -> str:
    """Dagster's event log cursor at `offset` events into a run."""
    raw = json.dumps({"type": "OFFSET", "value": offset})
    return base64.b64encode(raw.encode()).decode()


def key_text(key: dict[str, Any] | None) -> str | None:
    return "/".join(key["path"]) if key else None


def key_input(text: str) -> dict[str, list[str]]:
    return {"path": text.split("/")}


def error_text(error: dict[str, Any]) -> tuple[str, str]:
    """The root cause's message and the whole error, as Dagster prints it."""
    chain = [error, *(link["error"] for link in error.get("errorChain") or [])]
    parts = [
        e["message"] + ("\nStack Trace:\n" + "".join(e["stack"]) if e["stack"] else "")
        for e in chain
    ]
    cause = "\nThe above exception was caused by the following exception:\n"
    return chain[-1]["message"].strip(), cause.join(parts)


class RemoteRuns:
    def __init__(
        self,
        client: RemoteClient,
        supervisor: Supervisor,
        live: LiveDefinitions,
        publish: Callable[[str, str | None], None],
    ) -> None:
        self.client = client
        self.supervisor = supervisor
        self.live = live
        self._publish = publish

    @property
    def location(self) -> str:
        return self.client.target.location

    # ----------------------------------------------------------------------------------------
    # launch and cancel

    async def launch(self, request: dict[str, Any]) -> dict[str, Any]:
        await self.live.refresh()  # checked against the files as they are now
        await self._worker("check_run", {"request": request})
        selector: dict[str, Any] = {
            "repositoryLocationName": self.location,
            "repositoryName": REPOSITORY,
        }
        if request.get("job"):
            selector["jobName"] = request["job"]
        else:
            selector.update(await self._selection(request["selection"], request))
        tags = dict(request.get("tags") or {})
        if request.get("partition") is not None:
            tags["dagster/partition"] = request["partition"]
        params: dict[str, Any] = {
            "selector": selector,
            "executionMetadata": {"tags": [{"key": k, "value": v} for k, v in tags.items()]},
        }
        if request.get("config"):
            params["runConfigData"] = request["config"]
        answer = await self.client.query(LAUNCH, "launchRun", params=params)
        if answer["__typename"] != "LaunchRunSuccess":
            self._refused(answer, "launch the run")
        run = answer["run"]
        self._publish(run["runId"], run["status"])
        return {"run_id": run["runId"], "status": run["status"]}

    async def _selection(self, text: str, request: dict[str, Any]) -> dict[str, Any]:
        """The implicit asset job of the selection's executable assets, their checks too."""
        selected = await self._worker("select", {"selection": text})
        definitions = await self.live.current()
        executable = {a["key"] for a in definitions["assets"] if a.get("is_executable")}
        keys = [k for k in selected["keys"] if k in executable]
        checks = []
        for check in selected["checks"]:
            asset, _, name = check.rpartition(":")
            if asset in keys:
                checks.append({"assetKey": key_input(asset), "name": name})
        return {
            "jobName": ASSET_JOB,
            "assetSelection": [] if request.get("checks_only") else [key_input(k) for k in keys],
            "assetCheckSelection": checks,
        }

    async def cancel(self, run_id: str) -> dict[str, Any]:
        run = await self._summary(run_id)
        if run["status"] not in LIVE_STATUSES:
            raise RunEnded(f"Run `{run_id}` is {run['status']}: there is nothing to cancel.")
        answer = await self.client.query(TERMINATE, "terminateRun", runId=run_id)
        if answer["__typename"] == "TerminateRunFailure":
            raise RunEnded(f"{self.client.name} cannot cancel run `{run_id}`: {answer['message']}")
        if answer["__typename"] != "TerminateRunSuccess":
            self._refused(answer, f"cancel run `{run_id}`")
        self._publish(run_id, "CANCELING")
        return {"run_id": run_id, "status": "CANCELING"}

    # ----------------------------------------------------------------------------------------
    # reading

    async def runs(
        self, status: str | None, job: str | None, asset: str | None, limit: int
    ) -> list[dict[str, Any]]:
        filters: dict[str, Any] = {}
        if status:
            filters["statuses"] = [status]
        if job:
            filters["pipelineName"] = job
        if asset is None:
            return [_run_summary(r) for r in await self._runs_page(filters, None, limit)]
        found: list[dict[str, Any]] = []
        cursor, scanned = None, 0
        while len(found) < limit and scanned < MAX_SCANNED:
            page = await self._runs_page(filters, cursor, RUNS_PAGE)
            for run in page:
                if asset in (key_text(k) for k in run.get("assetSelection") or []):
                    found.append(_run_summary(run))
            if len(page) < RUNS_PAGE:
                break
            cursor, scanned = page[-1]["runId"], scanned + len(page)
        return found[:limit]

    async def _runs_page(
        self, filters: dict[str, Any], cursor: str | None, limit: int
    ) -> list[dict[str, Any]]:
        answer = await self.client.query(
            RUNS, "runsOrError", filter=filters, cursor=cursor, limit=limit
        )
        if answer["__typename"] != "Runs":
            self._refused(answer, "list runs")
        return answer["results"]

    async def run(self, run_id: str) -> dict[str, Any]:
        summary = await self._summary(run_id)
        summary["error"] = await self._error(run_id) if summary["status"] == "FAILURE" else None
        return summary

    async def _summary(self, run_id: str) -> dict[str, Any]:
        answer = await self.client.query(ONE_RUN, "runOrError", runId=run_id)
        if answer["__typename"] == "RunNotFoundError":
            raise RunNotFound(f"No run `{run_id}` on {self.client.name}.")
        if answer["__typename"] != "Run":
            self._refused(answer, f"read run `{run_id}`")
        return _run_summary(answer)

    async def _error(self, run_id: str) -> dict[str, str] | None:
        """The first step failure of a run, or else why the run itself failed."""
        offset, run_failure = 0, None
        while True:
            page = await self._events_page(run_id, offset)
            for event in page["events"]:
                kind = event["__typename"]
                if kind == "ExecutionStepFailureEvent" and event.get("error"):
                    message, stack = error_text(event["error"])
                    return {"message": message, "stack": stack}
                if kind == "RunFailureEvent" and run_failure is None:
                    if event.get("error"):
                        message, stack = error_text(event["error"])
                        run_failure = {"message": message, "stack": stack}
                    else:
                        run_failure = {"message": event["message"], "stack": ""}
            offset += len(page["events"])
            if not page["hasMore"] or not page["events"]:
                return run_failure

    async def events(self, run_id: str, after: int | None) -> dict[str, Any]:
        run = await self._summary(run_id)  # read first: a run that ended has all its events
        offset = after or 0
        page = await self._events_page(run_id, offset)
        events = [_event(offset + i + 1, e) for i, e in enumerate(page["events"])]
        cursor = offset + len(events) if events else after
        done = run["status"] not in LIVE_STATUSES and not page["hasMore"]
        return {"events": events, "cursor": cursor, "done": done}

    async def _events_page(self, run_id: str, offset: int) -> dict[str, Any]:
        after = offset_cursor(offset) if offset else None
        answer = await self.client.query(
            EVENTS, "logsForRun", runId=run_id, after=after, limit=EVENTS_PAGE
        )
        if answer["__typename"] == "RunNotFoundError":
            raise RunNotFound(f"No run `{run_id}` on {self.client.name}.")
        if answer["__typename"] != "EventConnection":
            self._refused(answer, f"read the events of run `{run_id}`")
        return answer

    async def asset_status(self) -> list[dict[str, Any]]:
        nodes = [
            n
            for n in await self.client.query(ASSET_NODES, "assetNodes")
            if n["isMaterializable"]
            and n["repository"]["location"]["name"] == self.location
            and n["repository"]["name"] == REPOSITORY
        ]
        if not nodes:
            return []
        keys = [n["assetKey"] for n in nodes]
        latest = {
            key_text(info["assetKey"]): info
            for info in await self.client.query(LATEST, "assetsLatestInfo", keys=keys)
        }
        out = []
        for node in sorted(nodes, key=lambda n: n["assetKey"]["path"]):
            key = key_text(node["assetKey"])
            info = latest.get(key) or {}
            materialization, run = info.get("latestMaterialization"), info.get("latestRun")
            checks = node["assetChecksOrError"].get("checks") or []
            out.append(
                {
                    "key": key,
                    "last_materialization": (
                        {
                            "run_id": materialization["runId"],
                            "timestamp": float(materialization["timestamp"]) / 1000,
                        }
                        if materialization
                        else None
                    ),
                    "last_run": {"run_id": run["runId"], "status": run["status"]} if run else None,
                    "checks": [_check(c) for c in sorted(checks, key=lambda c: c["name"])],
                }
            )
        return out

    # ----------------------------------------------------------------------------------------

    async def _worker(self, method: str, params: dict[str, Any]) -> Any:
        return await self.supervisor.call(method, params, timeout=READ_TIMEOUT)

    def _refused(self, answer: dict[str, Any], doing: str) -> NoReturn:
        kind = answer["__typename"]
        if kind == "RunConfigValidationInvalid":
            problems = "; ".join(e["message"] for e in answer.get("errors") or [])
            raise RemoteRefused(f"{self.client.name} refused the run config: {problems}")
        message = answer.get("message") or kind
        if kind == "PipelineNotFoundError":
            raise RemoteRefused(
                f"{self.client.name} has no such job in code location `{self.location}`: "
                f"{message} Is the project deployed there under that name?"
            )
        if kind in REFUSALS:
            raise RemoteRefused(f"{self.client.name} refused to {doing}: {message}")
        raise RemoteUnavailable(f"{self.client.name} could not {doing}: {message}")


def _run_summary(run: dict[str, Any]) -> dict[str, Any]:
    return {
        "run_id": run["runId"],
        "status": run["status"],
        "job_name": run["jobName"],
        "asset_keys": sorted(key_text(k) or "" for k in run.get("assetSelection") or []),
        "start_time": run["startTime"],
        "end_time": run["endTime"],
    }


def _event(cursor: int, event: dict[str, Any]) -> dict[str, Any]:
    key = (
        event.get("assetKey")
        or event.get("plannedKey")
        or event.get("plannedCheckKey")
        or (event.get("evaluation") or {}).get("assetKey")
    )
    message = event.get("message") or ""
    if event["__typename"] == "ExecutionStepFailureEvent" and event.get("error"):
        message = error_text(event["error"])[1]
    return {
        "cursor": cursor,
        "timestamp": float(event.get("timestamp") or 0) / 1000,
        "level": event.get("level") or "INFO",
        "event_type": event.get("eventType") or "LOG",
        "step_key": event.get("stepKey"),
        "asset_key": key_text(key),
        "message": message,
    }


def _check(check: dict[str, Any]) -> dict[str, Any]:
    execution = check.get("executionForLatestMaterialization") or {}
    evaluation = execution.get("evaluation")
    return {
        "name": check["name"],
        "passed": evaluation["success"] if evaluation else None,
        "severity": evaluation["severity"] if evaluation else None,
    }
