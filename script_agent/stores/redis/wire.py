"""Count what a RedisConnection puts on the wire: round trips (socket writes; a pipeline is one) and
the commands inside them, by name.

For the round-trip benchmark and the test that pins a generate's round trips: counting is exact and
deterministic, unlike timing. It wraps the pool's connection class, so it sees every command the
stores send, including the ones redis-py adds (connection set-up, health-check PINGs, SCRIPT LOAD
after NOSCRIPT). Standalone mode only (the pool is ours there).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from script_agent.stores.redis.connection import RedisConnection

TWO_WORD = {"SCRIPT", "CLIENT", "CONFIG", "CLUSTER"}


class WireCounter:
    """round_trips / commands: what the stores sent; setup_*: what opening a connection sent
    (HELLO, CLIENT SETINFO, ...), kept apart because it is paid per connection, not per call."""

    def __init__(self) -> None:
        self.round_trips = 0
        self.commands: Counter[str] = Counter()
        self.setup_round_trips = 0
        self.setup_commands: Counter[str] = Counter()
        self.connecting = 0

    def reset(self) -> None:
        self.round_trips = self.setup_round_trips = 0
        self.commands.clear()
        self.setup_commands.clear()

    def snapshot(self) -> tuple[int, Counter[str]]:
        return self.round_trips, Counter(self.commands)

    def _name(self, args: tuple[Any, ...]) -> str:
        words = [a.decode() if isinstance(a, bytes) else str(a) for a in args[:2]]
        words = " ".join(words).split()  # redis-py accepts "SCRIPT LOAD" as one argument
        name = words[0].upper()
        return f"{name} {words[1].upper()}" if name in TWO_WORD and len(words) > 1 else name


def count_wire(conn: RedisConnection) -> WireCounter:
    """Make every connection the pool creates from now on count into the returned counter: call it
    before the connection's first use (connections already open would escape the count)."""
    if conn.pool is None:
        raise ValueError("wire counting needs REDIS_MODE=standalone")
    counter = WireCounter()
    base = conn.pool.connection_class

    class Counting(base):  # type: ignore[misc, valid-type]
        async def on_connect_check_health(self, check_health: bool = True) -> None:
            counter.connecting += 1
            try:
                await super().on_connect_check_health(check_health=check_health)
            finally:
                counter.connecting -= 1

        def pack_command(self, *args: Any) -> Any:
            names = counter.setup_commands if counter.connecting else counter.commands
            names[counter._name(args)] += 1
            return super().pack_command(*args)

        async def send_packed_command(self, command: Any, check_health: bool = True) -> None:
            if counter.connecting:
                counter.setup_round_trips += 1
            else:
                counter.round_trips += 1
            await super().send_packed_command(command, check_health)

    conn.pool.connection_class = Counting
    return counter
