"""A tiny kopf handler module that proves the harness; it mimics the shape of the real operator.

- create: posts an Event, then (unless SAMPLE_BLOCK_CREATE=1, used to simulate a crash mid-handler)
  writes status through kopf's patch (kopf sends it to /status because the CRD declares the
  subresource) and records which process handled it (in `traceId`: the emulator prunes fields the
  CRD does not declare, like a real API server, so only declared status fields are used);
- resume: on operator start, for objects that already exist and are not being deleted;
- delete: kopf adds its finalizer because this handler exists; the Event proves it ran.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

import kopf

SCRIPTJOBS = ("scriptagent.dev", "v1alpha1", "scriptjobs")


@kopf.on.startup()
def configure(settings: kopf.OperatorSettings, **_: Any) -> None:
    # The chart's least-privilege RBAC grants no CRD/namespace watching: run kopf without scanning.
    settings.scanning.disabled = True
    settings.posting.level = 20  # logging.INFO: kopf.info() events are posted
    settings.watching.connect_timeout = 5
    settings.networking.request_timeout = 10


@kopf.on.create(*SCRIPTJOBS)
async def on_create(body: kopf.Body, patch: kopf.Patch, meta: kopf.Meta, **_: Any) -> None:
    kopf.info(body, reason="Accepted", message=f"handling in pid {os.getpid()}")
    if os.environ.get("SAMPLE_BLOCK_CREATE") == "1":
        await asyncio.sleep(3600)  # the test SIGKILLs the process while we are here
    patch.status["phase"] = "Succeeded"
    patch.status["state"] = "COMPLETED"
    patch.status["observedGeneration"] = meta.get("generation")
    patch.status["traceId"] = f"pid-{os.getpid()}"


@kopf.on.resume(*SCRIPTJOBS)
def on_resume(body: kopf.Body, patch: kopf.Patch, **_: Any) -> None:
    kopf.info(body, reason="Resumed", message=f"resumed in pid {os.getpid()}")
    patch.status["message"] = f"resumed by pid-{os.getpid()}"


@kopf.on.delete(*SCRIPTJOBS)
def on_delete(body: kopf.Body, **_: Any) -> None:
    kopf.info(body, reason="Deleting", message="cleaning up what the job owns")
