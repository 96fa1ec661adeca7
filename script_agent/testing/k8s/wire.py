"""The emulator's HTTP wire: parsing requests into kmock's `Request`, JSON responses, watch streams.

Why not kmock's own rendering for the object endpoints: per request it parses the body twice
(text, then stdlib json, then form data when that fails), resolves every reaction callable with
`inspect.signature`, and encodes with the stdlib json; per watch event it encodes once per watcher.
Under a benchmark the emulator stands in for a Go API server, whose CPU is not what is measured, so
the same answers are produced here more cheaply: one orjson parse per request, one orjson encoding
per response, and one per watch event however many watchers receive it (`store.WatchEvent.encoded`).
What a client sees is unchanged: status codes, headers that matter (Content-Type), bodies, and
kmock's request log, which keeps recording every request for the tests' introspection.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp.web
import orjson
from kmock._internal import enums, parsing, references, rendering  # pinned kmock==0.8

JsonDict = dict[str, Any]


def encode(obj: Any) -> bytes:
    return orjson.dumps(obj)


def json_response(obj: Any, status: int = 200) -> aiohttp.web.Response:
    """What aiohttp's `json_response` sends (application/json; charset=utf-8), encoded by orjson."""
    body = encode(obj)
    return aiohttp.web.Response(body=body, status=status, content_type="application/json", charset="utf-8")


async def parse_request(raw: aiohttp.web.BaseRequest, *, id: int) -> rendering.Request:
    """kmock's `Request._parse`, with the body read and JSON-decoded once (no form-data fallback:
    nothing posts forms to an API server, and kmock's fallback yields None for them anyway)."""
    body = await raw.read()
    data: Any = None
    if body:
        try:
            data = orjson.loads(body)
        except orjson.JSONDecodeError:
            data = None
    k8s = parsing.parse_path(raw.path)
    resource = (
        None
        if k8s is None or k8s.group is None
        else references.resource(group=k8s.group, version=k8s.version, plural=k8s.plural)
    )
    query = dict(raw.query)
    method = enums.method(raw.method)
    return rendering.Request(
        id=id,
        raw_request=raw,
        url=raw.url,
        method=raw.method,
        params=query,
        headers=dict(raw.headers),
        cookies=dict(raw.cookies) if "Cookie" in raw.headers else {},
        data=data,
        body=body,
        text=body.decode(raw.charset or "utf-8", "replace"),
        action=parsing.guess_k8s(k8s, method, query),
        resource=resource,
        namespace=k8s.namespace,
        name=k8s.name,
        subresource=k8s.subresource,
    )


async def stream_response(
    request: rendering.Request, chunks: AsyncIterator[bytes]
) -> aiohttp.web.StreamResponse:
    """A streamed answer the way kmock streams one: the response starts with the first chunk (so a
    failure before it is a plain error response), and a failure after it is wrapped in kmock's
    `StreamingError`, which its handler turns into an error line at the end of the open stream."""
    assert request._raw_request is not None  # None only for requests built by hand in tests
    response = aiohttp.web.StreamResponse()
    first = await anext(chunks)
    try:
        await response.prepare(request._raw_request)
        await response.write(first)
        async for chunk in chunks:
            await response.write(chunk)
        await response.write_eof()
    except ConnectionError:
        pass  # the client went away (kopf closes watches it no longer needs)
    except Exception as exc:
        raise rendering.StreamingError(response) from exc
    return response
