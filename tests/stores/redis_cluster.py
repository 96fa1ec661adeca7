"""Real Redis topologies on loopback for the tests: a 3-master / 3-replica Cluster and a Sentinel
group (1 master, 1 replica, 1 sentinel), from Debian's redis-server and redis-cli.

Every process is started through util-linux's `setpriv --pdeathsig KILL`, so it dies with the test
process even when pytest is killed (no preexec_fn: that is unsafe in a process with threads);
close() kills them and removes the temp dir in any case, atexit too. Every wait has a deadline.
"""

from __future__ import annotations

import abc
import atexit
import random
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import redis

P = TypeVar("P", bound="Processes")
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
REDIS_CLI = shutil.which("redis-cli") or "/usr/bin/redis-cli"
NODE_TIMEOUT_MS = 1000  # failure detection within ~1 s, so a failover fits in a few seconds
SHARED_NODE_TIMEOUT_MS = 5000  # the contract suites' cluster: no spurious failover on a busy box
START_TIMEOUT_S = 30.0


SETPRIV = shutil.which("setpriv")
DIE_WITH_PARENT = [SETPRIV, "--pdeathsig", "KILL", "--"] if SETPRIV else []


def _is_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_ports(n: int, *, bus: bool) -> list[int]:
    """n free ports; with bus, port + 10000 (the cluster bus) must be free too."""
    ports: list[int] = []
    while len(ports) < n:
        port = random.randint(20000, 45000)
        if port not in ports and _is_free(port) and (not bus or _is_free(port + 10000)):
            ports.append(port)
    return ports


def wait_until(check: object, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if check():  # type: ignore[operator]
                return
        except (redis.RedisError, OSError):
            pass
        time.sleep(0.05)
    raise TimeoutError(f"timed out after {timeout_s:.0f} s waiting for {what}")


def _replica_online(master: redis.Redis) -> bool:
    """One replica attached and past its initial sync (state=online, not wait_bgsave)."""
    info = master.info("replication")
    replica = info.get("slave0")
    return info.get("connected_slaves") == 1 and isinstance(replica, dict) and replica["state"] == "online"


def replica_caught_up(master: redis.Redis) -> bool:
    """The replica has acknowledged everything the master wrote. Not WAIT from a fresh connection:
    WAIT only covers that connection's own writes, and a new one has made none, so it returns at
    once whatever the replica has seen."""
    info = master.info("replication")
    replica = info.get("slave0")
    return isinstance(replica, dict) and int(replica["offset"]) >= int(info["master_repl_offset"])


class Processes(abc.ABC):
    def __init__(self, tag: str) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix=f"redis-{tag}-"))
        self.procs: dict[int, subprocess.Popen[bytes]] = {}
        self._clients: dict[int, redis.Redis] = {}

    @abc.abstractmethod
    def start(self: P) -> P:
        """Spawn the servers and wait until the topology is ready."""

    def spawn(self, port: int, *extra: str) -> None:
        args = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1"]
        args += ["--save", "", "--appendonly", "no", "--dir", str(self.dir)]
        args += ["--logfile", str(self.dir / f"{port}.log"), *extra]
        args += ["--repl-diskless-sync-delay", "0"]  # replicas sync at once, not after 5 s
        self.procs[port] = subprocess.Popen(
            [*DIE_WITH_PARENT, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    def client(self, port: int) -> redis.Redis:
        """One (sync, admin) client per port, kept for the topology's life."""
        if port not in self._clients:
            self._clients[port] = redis.Redis(
                port=port, socket_timeout=2, socket_connect_timeout=1, decode_responses=True
            )
        return self._clients[port]

    def ping_all(self) -> None:
        for port in self.procs:
            wait_until(lambda p=port: self.client(p).ping(), 10, f"redis-server on {port}")

    def kill(self, port: int) -> None:
        proc = self.procs.pop(port)
        proc.kill()
        proc.wait(timeout=5)
        client = self._clients.pop(port, None)
        if client is not None:
            client.close()

    def close(self) -> None:
        for port in list(self.procs):
            self.kill(port)
        shutil.rmtree(self.dir, ignore_errors=True)


class LocalCluster(Processes):
    """Six cluster-enabled redis-servers joined by `redis-cli --cluster create --cluster-replicas 1`."""

    def __init__(self, node_timeout_ms: int = NODE_TIMEOUT_MS) -> None:
        super().__init__("cluster")
        self.ports = free_ports(6, bus=True)
        self.node_timeout_ms = node_timeout_ms

    @property
    def url(self) -> str:
        """Every node as a seed, as an operator would configure REDIS_URL."""
        return "redis://" + ",".join(f"127.0.0.1:{p}" for p in self.ports)

    def start(self) -> LocalCluster:
        try:
            for port in self.ports:
                self.spawn(
                    port,
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    str(self.dir / f"nodes-{port}.conf"),
                    "--cluster-node-timeout",
                    str(self.node_timeout_ms),
                    "--cluster-replica-validity-factor",
                    "0",
                )
            self.ping_all()
            nodes = [f"127.0.0.1:{p}" for p in self.ports]
            create = [REDIS_CLI, "--cluster", "create", *nodes, "--cluster-replicas", "1", "--cluster-yes"]
            subprocess.run(create, check=True, capture_output=True, timeout=START_TIMEOUT_S)
            wait_until(self._healthy, START_TIMEOUT_S, "cluster_state:ok with a synced replica per master")
        except BaseException:
            self.close()
            raise
        return self

    def _healthy(self) -> bool:
        if not all(self.client(p).cluster("info")["cluster_state"] == "ok" for p in self.procs):
            return False
        masters = self.masters()
        if len(masters) != 3:
            return False
        # a failover needs a replica that has the data: every master sees one online replica
        return all(_replica_online(self.client(p)) for p in masters)

    def masters(self) -> list[int]:
        alive = next(iter(self.procs))
        nodes = self.client(alive).cluster("nodes")
        return sorted(
            int(addr.split("@")[0].rsplit(":", 1)[1])
            for addr, node in nodes.items()
            if "master" in node["flags"] and "fail" not in node["flags"] and node["connected"]
        )

    def master_of(self, key: str) -> int:
        """The port of the master serving key's slot, as the surviving nodes see it now."""
        client = self.client(next(iter(self.procs)))
        slot = int(client.cluster("keyslot", key))
        for start, end, primary, *_ in client.cluster("slots"):
            if int(start) <= slot <= int(end):
                return int(primary[1])
        raise LookupError(key)


class LocalSentinel(Processes):
    """A master, its replica and one sentinel (quorum 1) watching it as `mymaster`."""

    def __init__(self) -> None:
        super().__init__("sentinel")
        self.master, self.replica, self.sentinel = free_ports(3, bus=False)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.sentinel}/0"

    def start(self) -> LocalSentinel:
        try:
            self.spawn(self.master)
            self.spawn(self.replica, "--replicaof", "127.0.0.1", str(self.master))
            self.ping_all()
            synced = lambda: _replica_online(self.client(self.master))  # noqa: E731
            # the sentinel learns replicas from the master's INFO, polled every 10 s: start it only
            # once the replica is attached, so its first poll already lists it
            wait_until(synced, START_TIMEOUT_S, "the replica to sync")
            conf = self.dir / "sentinel.conf"
            conf.write_text(
                f"port {self.sentinel}\nbind 127.0.0.1\n"
                f"sentinel monitor mymaster 127.0.0.1 {self.master} 1\n"
                "sentinel down-after-milliseconds mymaster 500\n"
                "sentinel failover-timeout mymaster 5000\n",
                encoding="utf-8",
            )
            sentinel = [REDIS_SERVER, str(conf), "--sentinel", "--logfile", str(self.dir / "sentinel.log")]
            self.procs[self.sentinel] = subprocess.Popen(
                [*DIE_WITH_PARENT, *sentinel], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            self.ping_all()
            wait_until(lambda: self.replicas_known() == 1, START_TIMEOUT_S, "the sentinel to see the replica")
        except BaseException:
            self.close()
            raise
        return self

    def replicas_known(self) -> int:
        return len(self.client(self.sentinel).sentinel_slaves("mymaster"))

    def current_master(self) -> int:
        address = self.client(self.sentinel).sentinel_get_master_addr_by_name("mymaster")
        assert isinstance(address, tuple | list), address
        return int(address[1])


def started(factory: Callable[[], P], attempts: int = 2) -> P:
    """Start a topology; a free port taken by someone else between the check and the bind makes
    redis-server exit, so one retry on fresh ports (each attempt is bounded)."""
    for attempt in range(attempts):
        try:
            return factory().start()
        except (TimeoutError, subprocess.SubprocessError):
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


_SHARED: LocalCluster | None = None


def shared_cluster() -> LocalCluster:
    """One cluster for the contract suites, started on first use (stop_shared_cluster at exit)."""
    global _SHARED
    if _SHARED is None:
        _SHARED = started(lambda: LocalCluster(SHARED_NODE_TIMEOUT_MS))
        atexit.register(stop_shared_cluster)
    return _SHARED


def stop_shared_cluster() -> None:
    global _SHARED
    if _SHARED is not None:
        _SHARED.close()
        _SHARED = None


def delete_prefixed(cluster: LocalCluster, prefix: str) -> None:
    """Test cleanup: SCAN each master for the prefix, UNLINK key by key (keys span slots)."""
    for port in cluster.masters():
        client = cluster.client(port)
        keys = list(client.scan_iter(match=f"{prefix}:*", count=500))
        with client.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.unlink(key)
            pipe.execute()
