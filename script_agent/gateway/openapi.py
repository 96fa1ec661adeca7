"""What the served OpenAPI document says beyond what FastAPI derives from the route signatures.

- Error responses are `application/problem+json` with the `Problem` schema (FastAPI would document
  them as `application/json`, which is not what the server sends).
- The SSE route documents `text/event-stream` with one schema per event (`state`, `delta`, `reset`,
  `done`, `error`): OpenAPI 3.1 has `schema` of a stream media type describe one event, whose `data` is a
  JSON string (`contentMediaType` + `contentSchema`).
- Headers a client relies on (`Location`, `Retry-After`, `WWW-Authenticate`, rate-limit headers).

Routes build their `responses=` from the helpers here; `install_openapi` adds the component schemas
those helpers reference, so the document is complete even when no route returns the model itself.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from script_agent.gateway.problems import PROBLEM_MEDIA_TYPE, status_phrase
from script_agent.gateway.schemas import DeltaEventData, Problem, ResetEventData, StateEventData
from script_agent.orchestrator.events import RunOutcome

Responses = dict[int | str, dict[str, Any]]
_REF = "#/components/schemas/{model}"
EVENT_ID_PATTERN = r"^[0-9]+(\.[0-9]+|\.done|\.error|\.reset)?$"
_STRING = {"schema": {"type": "string"}}
_RETRY_AFTER = {"description": "seconds until a retry may succeed", **_STRING}
_RATE_HEADERS = {
    f"x-ratelimit-{what}-{dim}": {"description": f"{what} ({dim})", **_STRING}
    for what in ("limit", "remaining", "reset")
    for dim in ("requests", "tokens")
}
_HEADERS: dict[int, dict[str, Any]] = {
    401: {"WWW-Authenticate": {"description": "the accepted scheme (Bearer)", **_STRING}},
    405: {"Allow": {"description": "every method the path supports", "required": True, **_STRING}},
    409: {"Retry-After": _RETRY_AFTER},
    429: {"Retry-After": {**_RETRY_AFTER, "required": True}, **_RATE_HEADERS},
    503: {"Retry-After": _RETRY_AFTER},
}
_WHY: dict[int, str] = {
    400: "the body is not JSON (or not UTF-8)",
    415: "the body is not application/json",
}


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": _REF.format(model=model.__name__)}


def problem_responses(*statuses: int) -> Responses:
    """`responses=` entries for error statuses: problem+json, with the headers each one carries."""
    out: Responses = {}
    for status in statuses:
        entry: dict[str, Any] = {
            "description": _WHY.get(status, status_phrase(status)),
            "content": {PROBLEM_MEDIA_TYPE: {"schema": _ref(Problem)}},
        }
        if status in _HEADERS:
            entry["headers"] = _HEADERS[status]
        out[status] = entry
    return out


def created_response(description: str) -> Responses:
    location = {"description": "URL of the created resource", "required": True, **_STRING}
    return {201: {"description": description, "headers": {"Location": location}}}


def _event(name: str, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "title": f"{name} event",
        "required": ["event", "data", "id"],
        "properties": {
            "event": {"const": name},
            "id": {"type": "string", "pattern": EVENT_ID_PATTERN},
            "data": {"type": "string", "contentMediaType": "application/json", "contentSchema": data},
        },
    }


def sse_response() -> Responses:
    """One event per schema branch. `done` ends a run that produced an answer, `error` one that
    failed; exactly one of them ends every stream."""
    events = [
        _event("state", _ref(StateEventData)),
        _event("delta", _ref(DeltaEventData)),
        _event("reset", _ref(ResetEventData)),
        _event("done", _ref(RunOutcome)),
        _event("error", _ref(Problem)),
    ]
    description = (
        "Server-Sent Events: `state` per checkpoint, `delta` per content chunk, `reset` when a stream "
        "broke after text went out (discard the text since the last `state`; the run regenerates), "
        "then exactly one `done` (the /generate body) or `error` (a problem). Ids let a client resume: send "
        "Last-Event-ID with the same request."
    )
    return {
        200: {
            "description": description,
            "headers": _RATE_HEADERS,
            "content": {"text/event-stream": {"schema": {"oneOf": events}}},
        }
    }


def _component_schemas(models: list[type[BaseModel]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for model in models:
        schema = model.model_json_schema(ref_template=_REF, mode="serialization")
        out.update(schema.pop("$defs", {}))
        out[model.__name__] = schema
    return out


def _event_streams_as_documented(spec: dict[str, Any]) -> None:
    """FastAPI merges `{"type": "string"}` (its schema for a non-JSON response class) into the event
    schema; the events are objects, so that keyword would make every event invalid."""
    for item in spec.get("paths", {}).values():
        for operation in item.values():
            for response in operation.get("responses", {}).values():
                media = response.get("content", {}).get("text/event-stream", {})
                schema = media.get("schema", {})
                if "oneOf" in schema:
                    schema.pop("type", None)


def _body_errors_documented(spec: dict[str, Any]) -> None:
    """What the app answers for any route that takes a body, and FastAPI's own 422 (documented as
    `HTTPValidationError` JSON, which the handlers never send) as the problem it really is."""
    default_422 = "#/components/schemas/HTTPValidationError"
    for item in spec.get("paths", {}).values():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            schema = responses.get("422", {}).get("content", {}).get("application/json", {}).get("schema", {})
            if schema.get("$ref") == default_422:
                responses["422"] = problem_responses(422)[422]
            if "requestBody" in operation:
                for status, entry in problem_responses(400, 413, 415, 422).items():
                    responses.setdefault(str(status), entry)


def install_openapi(app: FastAPI) -> None:
    """Generate once, on first request of /openapi.json, then serve the cached document."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(
                title=app.title,
                version=app.version,
                openapi_version=app.openapi_version,
                description=app.description,
                routes=app.routes,
            )
            schemas = spec.setdefault("components", {}).setdefault("schemas", {})
            for name, schema in _component_schemas(
                [Problem, StateEventData, DeltaEventData, ResetEventData, RunOutcome]
            ).items():
                schemas.setdefault(name, schema)
            _event_streams_as_documented(spec)
            _body_errors_documented(spec)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
