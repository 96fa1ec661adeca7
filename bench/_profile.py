"""Profile summaries for bench/gateway.py: py-spy's collapsed stacks, or a cProfile dump."""

from __future__ import annotations

import collections
from pathlib import Path

KEY_FRAMES = ("RequestResponseCycle.run_asgi", "AsyncClient.send", "run_endpoint_function")


def profile_shares(raw_path: Path, top: int = 30) -> list[tuple[str, float]]:
    """Inclusive share of all samples (every thread) for the project's functions, plus a few landmarks,
    from py-spy's collapsed stacks. Time inside uvloop's C code shows only as the loop's caller."""
    inclusive: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw_path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        n = int(count)
        total += n
        names = set()
        for frame in stack.split(";"):
            func, _, where = frame.partition(" (")
            if (
                "script_agent/" in where and "cli/" not in where and "server.py" not in where
            ) or func in KEY_FRAMES:
                names.add(f"{func} ({where.split('script_agent/')[-1].split('/')[-1].split(':')[0]})")
        for name in names:
            inclusive[name] += n
    if not total:
        return []
    return [(name, count / total * 100) for name, count in inclusive.most_common(top)]


IDLE = ("{method 'poll' of 'select.epoll' objects}", "{method 'select' of 'select.epoll' objects}")


def cprofile_shares(path: Path, top: int = 40) -> list[tuple[str, float]]:
    """Cumulative time of the project's functions (and the idle poll left out of the total) as a share
    of the busy time. cProfile inflates pure-Python code relative to C: read shares as a ranking."""
    import pstats

    if not path.exists():
        return []
    stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    total = sum(tt for (_, _, name), (_, _, tt, _, _) in stats.items() if name not in IDLE)
    rows = [
        (f"{name} ({Path(file).name}:{line})", ct)
        for (file, line, name), (_, _, _, ct, _) in stats.items()
        if "script_agent/" in file and "/cli/" not in file
    ]
    rows.sort(key=lambda r: -r[1])
    return [(name, ct / total * 100) for name, ct in rows[:top]] if total else []
