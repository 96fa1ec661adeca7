"""Stopping a lease-renewal task safely (shared by the memory and Redis locks)."""

from __future__ import annotations

import asyncio
import contextlib


async def stop_renewal(renewers: dict[str, asyncio.Task[None]], token: str, wait_s: float) -> None:
    """Stop a renewal task without trusting cancellation alone.

    Dropping the token from `renewers` is the real stop signal (the loop checks it); cancel() just
    cuts the sleep short. The wait is bounded: a cancellation swallowed inside a client library
    must never hang release().
    """
    task = renewers.pop(token, None)
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, RuntimeError, ValueError):
        await asyncio.wait({task}, timeout=wait_s)
