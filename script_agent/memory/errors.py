"""Errors raised inside the memory adapters (the service turns them into metrics and a False/[] result)."""

from __future__ import annotations


class MemoryStoreError(Exception):
    """The backing store failed or is unreachable."""


class MemoryCapacityError(MemoryStoreError):
    """The store reached LONGTERM_MEMORY_MAX_ITEMS; new items are refused rather than evicting old ones."""
