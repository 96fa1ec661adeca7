"""`script-agent operator` argument handling and peering priority (no operator is started)."""

from __future__ import annotations

import argparse

import pytest
from scriptjob_operator.main import liveness_url, peering_priority, run

from script_agent.config import Settings
from script_agent.config.app import OperatorSettings


def args(**kw) -> argparse.Namespace:
    base = {"namespace": [], "all_namespaces": False, "standalone": False, "peering": None, "liveness": None}
    return argparse.Namespace(**{**base, **kw})


@pytest.mark.parametrize(
    "given, message",
    [
        ({}, "give --namespace NS"),
        ({"namespace": ["a"], "standalone": True, "peering": "p"}, "exclude each other"),
    ],
)
def test_bad_scopes_exit_with_usage_errors(given, message, capsys):
    assert run(args(**given), Settings()) == 2
    assert message in capsys.readouterr().err


def test_priority_comes_from_the_flag_then_the_setting_else_random():
    pinned = Settings(operator=OperatorSettings(peering_priority=7))
    assert peering_priority(args(priority=3), pinned) == 3
    assert peering_priority(args(), pinned) == 7
    drawn = {
        peering_priority(args(), Settings(operator=OperatorSettings(peering_priority=None)))
        for _ in range(20)
    }
    assert len(drawn) > 1 and all(1 <= p <= 10_000 for p in drawn)


def test_liveness_defaults_to_the_settings_port_and_can_be_disabled():
    assert liveness_url(args(liveness="http://0.0.0.0:9/healthz"), Settings()) == "http://0.0.0.0:9/healthz"
    on = Settings(operator=OperatorSettings(bind_host="127.0.0.1", liveness_port=8081))
    assert liveness_url(args(), on) == "http://127.0.0.1:8081/healthz"
    assert liveness_url(args(), Settings(operator=OperatorSettings(liveness_port=0))) is None
