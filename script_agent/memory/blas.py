"""Run a matrix-vector product on one BLAS thread.

A top-k search is one memory-bound matrix-vector product per query: extra BLAS threads barely help it,
and on a busy 2-core pod they hurt badly — measured here under load, a 10k x 512 product took p50 20 ms
with OpenBLAS's default threads vs 0.9 ms on one thread, because OpenBLAS workers spin against the other
work on the machine. Concurrency comes from concurrent requests instead. Uses threadpoolctl when
installed (the controller is built once; entering the limit costs ~25 us); otherwise a no-op, and
OPENBLAS_NUM_THREADS=1 in the environment gives the same effect.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

_lock = threading.Lock()
_controller: Any = None
_unavailable = False


def _get_controller() -> Any:
    global _controller, _unavailable
    if _controller is None and not _unavailable:
        with _lock:
            if _controller is None and not _unavailable:
                try:
                    from threadpoolctl import ThreadpoolController

                    _controller = ThreadpoolController()
                except ImportError:
                    _unavailable = True
    return _controller


@contextlib.contextmanager
def single_blas_thread() -> Iterator[None]:
    controller = _get_controller()
    if controller is None:
        yield
        return
    with controller.limit(limits=1, user_api="blas"):
        yield
