"""An httpx2 transport that sends lightkube's requests through aiohttp (kube.py's client).

Why: lightkube stays the API client (typed errors, request building, auth flows, retries above
it all unchanged), but its default transport (httpcore2 over anyio) costs about 1.1 ms of CPU per
call on loopback where aiohttp costs 0.3, and its pool scans every queued request whenever a
connection frees: with hundreds of jobs writing `Pending` at once that scan is quadratic. aiohttp
is in the process anyway (kopf's own API calls and Events go through it), its connector queues
waiters in order at O(1) each, and its pool is bounded the same way (`limit`).

What it keeps of httpx2's transport: the TLS context lightkube built (CA, client certificate),
the per-request timeouts httpx2 passes (connect, read), response bytes undecoded (httpx2 decodes
Content-Encoding itself), and failures as httpx2 transport errors, so kube.py maps them as before.
"""

from __future__ import annotations

import ssl
from typing import Any

import aiohttp
import httpx2


class AiohttpTransport(httpx2.AsyncBaseTransport):
    """One aiohttp session, opened on first use in the running loop (kopf's), closed by `aclose`."""

    def __init__(self, *, ssl_context: ssl.SSLContext | bool, limit: int) -> None:
        self._ssl = ssl_context
        self._limit = limit
        self._session: aiohttp.ClientSession | None = None

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        session = self._open()
        body = await request.aread()
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw]
        try:
            async with session.request(
                request.method,
                str(request.url),
                headers=headers,
                data=body or None,
                ssl=self._ssl,
                timeout=_timeout(request.extensions.get("timeout") or {}),
                allow_redirects=False,  # httpx2 follows redirects itself, if asked to
            ) as response:
                content = await response.read()
                raw_headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.raw_headers]
                status = response.status
        except aiohttp.ConnectionTimeoutError as exc:
            raise httpx2.ConnectTimeout(str(exc) or "connect timeout", request=request) from exc
        except (TimeoutError, aiohttp.ServerTimeoutError) as exc:
            raise httpx2.ReadTimeout(str(exc) or "read timeout", request=request) from exc
        except aiohttp.ClientConnectorError as exc:
            raise httpx2.ConnectError(str(exc), request=request) from exc
        except aiohttp.ClientError as exc:
            raise httpx2.NetworkError(f"{type(exc).__name__}: {exc}", request=request) from exc
        return httpx2.Response(status, headers=raw_headers, content=content, request=request)

    async def aclose(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._limit, limit_per_host=self._limit)
            self._session = aiohttp.ClientSession(
                connector=connector,
                auto_decompress=False,  # httpx2 decodes by the Content-Encoding header it is given
                skip_auto_headers=("User-Agent", "Accept-Encoding"),  # httpx2 sent its own, or none
                cookie_jar=aiohttp.DummyCookieJar(),  # httpx2 keeps the cookies, if any
            )
        return self._session


def _timeout(given: dict[str, Any]) -> aiohttp.ClientTimeout:
    """httpx2's per-request timeouts (connect, read, write, pool) as aiohttp's."""
    connect, read, pool = given.get("connect"), given.get("read"), given.get("pool")
    waiting = None if connect is None and pool is None else (connect or 0.0) + (pool or 0.0)
    return aiohttp.ClientTimeout(total=None, connect=waiting, sock_connect=connect, sock_read=read)
