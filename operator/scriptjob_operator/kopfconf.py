"""kopf's settings for this operator, applied in an `on.startup` handler (so every way of running
kopf — the CLI, the test harness's thread, the benchmark — gets the same ones).

Progress storage: ANNOTATIONS, explicitly. kopf's default "smart" storage also writes handler
progress into `status.kopf`, which fails here twice: the CRD's status is a structural schema
without that field (a real API server prunes it, so progress would silently vanish), and status
is the user-facing record that `kubectl get sj` summarises — kopf's bookkeeping does not belong
there. The job's own progress of record is not in kopf at all: it is the Redis checkpoint history
plus `status.attempts`/`status.checkpointVersion`, which survive any restart.
"""

from __future__ import annotations

import logging

import kopf

from script_agent.config.app import OperatorSettings
from scriptjob_operator.resource import FINALIZER, KOPF_PREFIX

TRACKER_ID = "track-phase"


class _QuietTracker(logging.Filter):
    """kopf logs every successful handler call at INFO; for the phase tracker, which runs on every
    watch event of every job, that is pure noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return f"'{TRACKER_ID}' succeeded" not in record.getMessage()


def quiet_logs() -> None:
    logger = logging.getLogger("kopf.objects")
    if not any(isinstance(f, _QuietTracker) for f in logger.filters):
        logger.addFilter(_QuietTracker())


def configure(settings: kopf.OperatorSettings, operator: OperatorSettings) -> None:
    quiet_logs()
    settings.persistence.finalizer = FINALIZER
    settings.persistence.progress_storage = kopf.AnnotationsProgressStorage(prefix=KOPF_PREFIX)
    settings.persistence.diffbase_storage = kopf.AnnotationsDiffBaseStorage(
        prefix=KOPF_PREFIX, key="last-handled-configuration"
    )
    # Least-privilege RBAC has no CRD/namespace watching: resources are discovered once, at start.
    settings.scanning.disabled = True
    # Only explicit kopf.info/warn calls become Events (kopf's own log lines stay in the log).
    settings.posting.enabled = True
    settings.posting.loggers = False
    settings.posting.level = logging.INFO
    settings.posting.reporting_component = "script-agent-operator"
    # Bounded API calls: watches are re-opened every few minutes, requests time out.
    settings.watching.server_timeout = 300
    settings.watching.client_timeout = 330
    settings.watching.connect_timeout = 5
    settings.networking.connect_timeout = 5
    settings.networking.request_timeout = max(30.0, operator.kube_timeout_s)
    # A stopped daemon usually exits within milliseconds (it releases its lock); wait that long
    # before falling back to kopf's re-check delay, so a deleted job disappears promptly.
    settings.background.instant_exit_timeout = 0.2
