"""Build the redis-py client for REDIS_MODE: one server, a Cluster, or a Sentinel-managed master.

All three come from redis-py itself (Redis + BlockingConnectionPool, RedisCluster, Sentinel), with
the same timeouts and no client-side retries (see connection.py for why). The URL's host part may
list several comma-separated seeds in cluster and sentinel mode: a seed that is down at start-up
must not stop the process from finding the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.cluster import ClusterNode, RedisCluster
from redis.asyncio.retry import Retry
from redis.asyncio.sentinel import Sentinel
from redis.backoff import NoBackoff

from script_agent.config.state import RedisSettings

DEFAULT_PORTS = {"standalone": 6379, "cluster": 6379, "sentinel": 26379}


@dataclass(frozen=True)
class Seeds:
    """The parts of a (possibly multi-host) Redis URL."""

    hosts: list[tuple[str, int]]
    username: str | None
    password: str | None
    db: int
    tls: bool


def parse_seeds(url: str, default_port: int) -> Seeds:
    """`redis[s]://[user:pass@]h1:p1,h2:p2[/db]`; urllib refuses the comma list, so split it here."""
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss"):
        raise ValueError(f"REDIS_URL scheme must be redis:// or rediss://, not {parts.scheme}://")
    userinfo, _, hostlist = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    hosts = [_host_port(item, default_port) for item in hostlist.split(",") if item]
    if not hosts:
        raise ValueError("REDIS_URL names no host")
    path = parts.path.strip("/")
    return Seeds(
        hosts=hosts,
        username=unquote(user) or None,
        password=unquote(password) or None,
        db=int(path) if path else 0,
        tls=parts.scheme == "rediss",
    )


def _host_port(item: str, default_port: int) -> tuple[str, int]:
    """`host`, `host:port`, `[v6]` or `[v6]:port`."""
    if item.endswith("]") or ":" not in item:
        return item.strip("[]"), default_port
    host, _, port = item.rpartition(":")
    return host.strip("[]"), int(port)


def _common(settings: RedisSettings) -> dict[str, Any]:
    return {
        "socket_connect_timeout": settings.connect_timeout_s,
        "socket_timeout": settings.socket_timeout_s,
        "health_check_interval": settings.health_check_interval_s,
    }


def build_client(settings: RedisSettings) -> tuple[Redis | RedisCluster, BlockingConnectionPool | None]:
    """The client for settings.mode, and the pool to disconnect on close (standalone only)."""
    assert settings.url is not None
    url = settings.url.get_secret_value()
    no_retry = Retry(NoBackoff(), 0)
    if settings.mode == "standalone":
        pool = BlockingConnectionPool.from_url(
            url,
            max_connections=settings.max_connections,
            timeout=settings.pool_timeout_s,
            retry=no_retry,
            **_common(settings),
        )
        return Redis(connection_pool=pool), pool
    seeds = parse_seeds(url, DEFAULT_PORTS[settings.mode])
    if settings.mode == "cluster":
        if seeds.db:
            raise ValueError("REDIS_MODE=cluster: Redis Cluster has only db 0")
        # retry=0: a failed node marks the slot map stale and the *next* call re-discovers the
        # topology (after a failover that is the promoted replica); no hidden loop multiplies timeouts
        client = RedisCluster(
            startup_nodes=[ClusterNode(h, p) for h, p in seeds.hosts],
            max_connections=settings.max_connections,
            retry=no_retry,
            ssl=seeds.tls,
            username=seeds.username,
            password=seeds.password,
            **_common(settings),
        )
        return client, None
    sentinel = Sentinel(  # type: ignore[no-untyped-call]  # redis-py leaves __init__ unannotated
        seeds.hosts,
        sentinel_kwargs={
            "socket_connect_timeout": settings.connect_timeout_s,
            "socket_timeout": settings.socket_timeout_s,
            "retry": no_retry,
        },
        **_common(settings),
    )
    master = sentinel.master_for(
        settings.sentinel_master,
        db=seeds.db,
        max_connections=settings.max_connections,
        retry=no_retry,
        ssl=seeds.tls,
        username=seeds.username,
        password=seeds.password,
    )
    return master, None
