"""Retry delays: exponential backoff with full jitter, and an upstream's Retry-After honoured but capped.

Full jitter (a uniform draw in [0, base * 2**attempt]) spreads synchronized retries from many callers,
which is what stops a recovering upstream from being knocked over again by a thundering herd.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Backoff:
    base_s: float
    max_s: float
    retry_after_max_s: float
    rng: random.Random = field(default_factory=random.Random, compare=False)

    def delay(self, attempt: int, retry_after: float | None = None) -> float | None:
        """Seconds to wait before retry number `attempt + 1`, or None when retrying here is pointless.

        An upstream that asks for a longer pause than we are willing to wait will only answer 429 again,
        so the layer gives up at once and the caller falls back instead of burning its deadline.
        """
        if retry_after is not None:
            if retry_after > self.retry_after_max_s:
                return None
            return retry_after
        ceiling = min(self.max_s, self.base_s * (2**attempt))
        return self.rng.uniform(0.0, ceiling)
