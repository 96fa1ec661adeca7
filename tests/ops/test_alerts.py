"""The chart's alerts as the PrometheusRule renders them: `promtool check rules` and `promtool test
rules` (tests/ops/alerts.test.yaml: input series per alert, firing and quiet cases)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.k8s.chart_tools import CHART, PROMETHEUS_OPERATOR_API, by_kind, installable, manifests

from .promtool import promtool

HERE = Path(__file__).resolve().parent


def rendered_rule(values: dict[str, Any] | None = None) -> dict[str, Any]:
    enabled = {"metrics": {"prometheusRule": {"enabled": True} | (values or {})}}
    (rule,) = by_kind(
        manifests(installable(enabled), api_versions=(PROMETHEUS_OPERATOR_API,)), "PrometheusRule"
    )
    return rule


def write_rules(tmp_path: Path) -> tuple[Path, dict[str, dict[str, Any]]]:
    spec = rendered_rule()["spec"]
    path = tmp_path / "rendered.rules.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    alerts = {r["alert"]: r for group in spec["groups"] for r in group["rules"] if "alert" in r}
    return path, alerts


def test_rendered_rules_pass_promtool_check(tmp_path: Path):
    path, alerts = write_rules(tmp_path)
    assert f"SUCCESS: {len(alerts)} rules found" in promtool("check", "rules", path)
    source = yaml.safe_load((CHART / "alerts" / "script-agent.rules.yaml").read_text(encoding="utf-8"))
    assert rendered_rule()["spec"] == source, "the template embeds the checked source unchanged"


def test_every_alert_is_unit_tested_and_passes_promtool_test(tmp_path: Path):
    rules_file, alerts = write_rules(tmp_path)
    suite = yaml.safe_load((HERE / "alerts.test.yaml").read_text(encoding="utf-8"))
    suite["rule_files"] = [str(rules_file)]
    tested: dict[str, set[bool]] = {}
    for case in suite["tests"]:
        for check in case["alert_rule_test"]:
            tested.setdefault(check["alertname"], set()).add(bool(check["exp_alerts"]))
            annotations = alerts[check["alertname"]]["annotations"]
            for alert in check["exp_alerts"]:
                given = alert.setdefault("exp_annotations", {})
                for key, text in annotations.items():
                    if key not in given:
                        assert "{{" not in text, f"{check['alertname']}: give the templated {key}"
                        given[key] = text
    assert tested == {name: {True, False} for name in alerts}, "each alert: a firing and a quiet case"
    path = tmp_path / "alerts.test.yaml"
    path.write_text(yaml.safe_dump(suite, allow_unicode=True), encoding="utf-8")
    assert "SUCCESS" in promtool("test", "rules", path)


def test_alert_labels_are_added_without_overriding_severity():
    rule = rendered_rule({"alertLabels": {"team": "live-commerce", "severity": "page"}, "labels": {"r": "x"}})
    assert rule["metadata"]["labels"]["r"] == "x"
    for group in rule["spec"]["groups"]:
        for alert in group["rules"]:
            assert alert["labels"]["team"] == "live-commerce"
            assert alert["labels"]["severity"] in {"warning", "critical"}


def test_prometheus_rule_is_optional_and_needs_the_api_unless_told():
    enabled = installable({"metrics": {"prometheusRule": {"enabled": True}}})
    assert by_kind(manifests(installable(), api_versions=(PROMETHEUS_OPERATOR_API,)), "PrometheusRule") == []
    assert by_kind(manifests(enabled), "PrometheusRule") == []
    forced = installable({"metrics": {"prometheusRule": {"enabled": True, "requireApi": False}}})
    assert len(by_kind(manifests(forced), "PrometheusRule")) == 1
