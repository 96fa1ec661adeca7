"""What a host reads out: the scene's beats in order, the target duration, points with proof."""

from __future__ import annotations

import re

import pytest

from script_agent.domain.models import Scene
from script_agent.domain.writing.aspects import aspect_of
from script_agent.domain.writing.beats import beats_for
from script_agent.domain.writing.compose import compose
from script_agent.domain.writing.timing import spoken_chars, target_seconds
from tests.writing.support import PRODUCTS, brief, off_target


def _is_subsequence(found: list[str], order: list[str]) -> bool:
    it = iter(order)
    return all(any(beat == o for o in it) for beat in dict.fromkeys(found))


@pytest.mark.parametrize("scene", list(Scene))
def test_paragraphs_follow_the_scene_beats_in_order(scene: Scene) -> None:
    order = [b.id for b in beats_for(scene)]
    for product in PRODUCTS:
        composed = compose(brief(product, "laowang", scene))
        assert _is_subsequence(composed.beats, order), (product, composed.beats)
        assert composed.text.count("\n") == len(composed.beats) - 1  # one paragraph per beat
        assert composed.beats[0] == order[0] and composed.beats[-1] == order[-1]


@pytest.mark.parametrize("seconds", [30, 45, 60, 90])
def test_duration_within_20_percent_of_the_target(seconds: int) -> None:
    assert not off_target(seconds)


def test_presets_scale_per_scene_and_an_explicit_duration_wins() -> None:
    assert target_seconds("opening", "short") < target_seconds("opening") < target_seconds("opening", "long")
    assert target_seconds("selling_points") > target_seconds("opening")
    assert target_seconds("closing", "long", duration_s=45) == 45
    short = compose(brief("nuts", "laowang", Scene.PROMOTION, length="short")).text
    long = compose(brief("nuts", "laowang", Scene.PROMOTION, length="long")).text
    assert spoken_chars(long) > 2 * spoken_chars(short)


def test_each_selling_point_is_proved_and_landed_by_its_meaning() -> None:
    for product in PRODUCTS:
        b = brief(product, "xiaomei", Scene.SELLING_POINTS)
        paragraphs = compose(b).text.split("\n")
        for sp in b.product.selling_points:
            body = next(p for p in paragraphs if sp.text in p and not p.startswith("刚进来"))
            aspect = aspect_of(sp.text)
            assert any(line in body for line in aspect.benefits), (sp.text, body)
            assert any(line in body for line in aspect.demos), (sp.text, body)


def test_every_given_point_is_said_in_every_scene() -> None:
    for product in PRODUCTS:
        for scene in Scene:
            b = brief(product, "ajie", scene)
            text = compose(b).text
            assert all(sp.text in text for sp in b.product.selling_points), (product, scene)


def test_catchphrases_sit_at_greetings_and_transitions() -> None:
    for scene in Scene:
        paragraphs = compose(brief("nuts", "laowang", scene)).text.split("\n")
        for p in paragraphs:
            for sentence in re.split("(?<=[。！？])", p):
                if "咱就是说" in sentence:
                    lead = sentence.removeprefix("家人们，")
                    assert lead.startswith("咱就是说"), sentence  # a lead-in, not a stray line
        text = compose(brief("lipstick", "xiaomei", scene)).text
        for i, p in enumerate(text.split("\n")):
            if "姐妹们冲" in p:
                assert i == 0 or "下单" in p, p  # at the greeting or with the call to action


def test_formal_hosts_use_catchphrases_sparingly() -> None:
    text = compose(brief("phone", "ajie", Scene.SELLING_POINTS)).text
    assert text.count("话不多说") <= 1


def test_no_invented_back_references_or_filler() -> None:
    banned = ("刚刚都给大家讲过了", "刚才说过", "助理", "点头", "咱就是说！", "下一款")
    for product in PRODUCTS:
        for scene in Scene:
            text = compose(brief(product, "laowang", scene)).text
            assert not [w for w in banned if w in text], (product, scene, text)


def test_stage_cues_only_when_enabled_and_never_timed() -> None:
    plain = compose(brief("phone", "ajie", Scene.PROMOTION)).text
    cued = compose(brief("phone", "ajie", Scene.PROMOTION, stage_cues=True)).text
    assert "[" not in plain and "[上链接]" in cued
    assert spoken_chars(plain) == spoken_chars(cued)


def test_prices_and_offers_only_from_the_data() -> None:
    b = brief("down-jacket", "xiaomei", Scene.PROMOTION)  # no promotion in the data
    text = compose(b).text
    assert "399元" in text and "优惠是" not in text
    numbers = {float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)}
    data = " ".join([*b.product.product.features, *b.product.product.selling_points, "399"])
    assert numbers <= {float(n) for n in re.findall(r"\d+(?:\.\d+)?", data)}
