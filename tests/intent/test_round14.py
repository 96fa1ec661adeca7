"""Round-14 families, on sentences in no labelled part: words struck from a written script with no
edit verb, another stream's or client's product named as a switch, what may be said and where a line
belongs asked of the scene in force, 场控 scene jargon, the tool asked about mid-session, a point to
dwell on named before its verb, spoken compound durations, regional praise and energy words, a
product put right keeping who it is for, and a flatness complaint answered by a cut."""

from __future__ import annotations

import pytest

from script_agent.agents.intent import IntentAgent
from script_agent.domain.intent import DirectiveKind as K
from script_agent.domain.intent import IntentKind, IntentResult
from script_agent.domain.models import Product, Scene, ScriptRequest
from script_agent.domain.session import Session, Turn
from script_agent.testing.intent_dataset import PARTS, evaluate, failures, load
from script_agent.testing.intent_first_measurements import DEV15_FIRST
from tests.intent.disagreed import DISAGREED
from tests.intent.sessions import written_session

KETTLE = Product(
    name="电热水壶", category="家居", selling_points=["一键保温", "1.7升大容量", "304不锈钢内胆"]
)
WRITTEN = (("写个开场", Scene.OPENING), ("写卖点", Scene.SELLING_POINTS))


def _session(written: tuple[tuple[str, Scene], ...] = WRITTEN) -> Session:
    return written_session(KETTLE, written)


async def _said(query: str, session: Session | None = None, sent: Product | None = KETTLE) -> IntentResult:
    return await IntentAgent().recognize(ScriptRequest(query=query, product=sent), session or _session())


def _dirs(r: IntentResult) -> set[tuple[K, bool]]:
    return {(d.kind, d.positive) for d in r.directives if d.kind is not K.FOCUS}


def _focus(r: IntentResult) -> list[str]:
    return [d.value or "" for d in r.directives if d.kind is K.FOCUS]


@pytest.mark.parametrize(
    ("query", "ref"),
    [
        ("开头别喊宝子们了，正常打个招呼", 1),
        ("卖点里“烧水最快”绝对不能出现", 2),
        ("“秒杀同价位”也不行，换个不那么满的说法", 2),
        ("嫑说成“永不生锈”，没测过", 2),
        ("“全球第一壶”这句不能这么说吧，改了", 2),
        ("“家人们”我不太敢喊，可以换个叫法吗？", 2),
    ],
)
async def test_words_struck_from_a_written_script_are_an_edit_of_it(query: str, ref: int) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.MODIFY and r.reference_index == ref and not r.needs_clarification, r


async def test_a_caution_before_a_new_scene_is_no_edit() -> None:
    r = await _said("收尾写一个，别喊“最后一波”了")
    assert r.kind is IntentKind.GENERATE and r.scene is Scene.CLOSING, r


async def test_a_line_put_in_politely_is_an_edit() -> None:
    r = await _said("那可以麻烦你把“我家天天用”加进卖点吗？")
    assert r.kind is IntentKind.MODIFY and r.reference_index == 2, r


@pytest.mark.parametrize(
    "query",
    [
        "后面那场是小熊的空气炸锅，先把开场备上",
        "第二家，婴儿湿巾，写个促销",
        "另外我们还有款电动牙刷，也帮写一段卖点",
        "扫地机器人那家要产品介绍",
        "羊毛围巾写个促销",
    ],
)
async def test_another_streams_or_clients_product_is_a_switch(query: str) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.SWITCH_PRODUCT and r.product_name != KETTLE.name, r


async def test_the_product_in_play_named_so_goes_on_with_it() -> None:
    r = await _said("电热水壶写个促销")
    assert r.kind is IntentKind.GENERATE and r.scene is Scene.PROMOTION, r


@pytest.mark.parametrize(
    "query",
    [
        "能喊“烧水界天花板”吗",
        "原稿里有“十秒沸腾”，这个能保留吗？",
        "卖点里能用“首创”吗？",
        "“行业标杆”呢，我估计悬",
    ],
)
async def test_what_may_be_said_is_asked_of_the_scene_in_force(query: str) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.QUERY and r.scene is Scene.SELLING_POINTS and not r.directives, r


async def test_where_a_line_belongs_is_asked_of_the_scene_in_force() -> None:
    r = await _said("防烫提示那句，放开场还是收尾好？")
    assert r.kind is IntentKind.QUERY and r.scene is Scene.SELLING_POINTS, r


async def test_a_fact_of_the_product_stays_the_intros() -> None:
    r = await _said("这个壶宝宝房里能用吗？")
    assert r.kind is IntentKind.QUERY and r.scene is Scene.PRODUCT_INTRO, r


@pytest.mark.parametrize(
    ("query", "scene"),
    [
        ("讲品，一分钟", Scene.PRODUCT_INTRO),
        ("塑品，讲保温", Scene.SELLING_POINTS),
        ("开价，到手就是活动价", Scene.PROMOTION),
        ("收，逼单，倒数三个数", Scene.CLOSING),
    ],
)
async def test_changkong_scene_jargon(query: str, scene: Scene) -> None:
    r = await _said(query, Session(tenant="t", id="s"))
    assert r.kind is IntentKind.GENERATE and r.scene is scene, r


async def test_the_intro_named_by_its_jargon_is_edited() -> None:
    session = _session((("讲品", Scene.PRODUCT_INTRO), ("写个开场", Scene.OPENING)))
    r = await _said("讲品那段，删一半", session)
    assert r.kind is IntentKind.MODIFY and r.reference_index == 1 and r.scene is Scene.PRODUCT_INTRO, r


@pytest.mark.parametrize(
    "query",
    [
        "我改了好几次，之前的版本还在吗？",
        "你能直接给我配个音不？",
        "能不能帮我看看我自己写的稿子？",
        "收尾一般需要写吗？",
    ],
)
async def test_the_tool_asked_about_mid_session(query: str) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.QUERY and not r.directives, r


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("卖点写一段，一键保温那条多说两句", "一键保温"),
        ("再来段产品介绍，304不锈钢内胆一定要讲", "304不锈钢内胆"),
        ("开场也要，卖点是一键保温", "一键保温"),
    ],
)
async def test_a_point_named_before_its_verb_is_the_focus(query: str, point: str) -> None:
    r = await _said(query, _session(WRITTEN[:1]))
    assert any(point in f for f in _focus(r)), r


async def test_a_point_added_to_a_named_script_is_an_edit_with_that_focus() -> None:
    r = await _said("卖点那个再加点大容量的")
    assert r.kind is IntentKind.MODIFY and r.reference_index == 2 and any("大容量" in f for f in _focus(r)), r
    also = await _said("开场那段别光讲保温，容量也讲讲")
    assert also.kind is IntentKind.MODIFY and any("容量" in f for f in _focus(also)), also


@pytest.mark.parametrize("query", ["促销写一段，价格先不要讲", "促销写一段，免息和赠品都要讲"])
async def test_no_point_when_refused_or_the_offer_listed(query: str) -> None:
    r = await _said(query)
    assert not _focus(r), r


@pytest.mark.parametrize(
    ("query", "seconds"),
    [
        ("促销来一段，一分一十五秒", 75),
        ("卖点，一分钟二十秒", 80),
        ("一百二十秒的收尾", 120),
        ("介绍，三分来钟", 180),
    ],
)
async def test_spoken_compound_durations(query: str, seconds: int) -> None:
    r = await _said(query)
    assert r.duration_s == seconds, r


@pytest.mark.parametrize(
    ("query", "direction"),
    [
        ("收尾也弄一个，攒劲些", (K.LIVELY, True)),
        ("促销段给额写得嘹咋咧", (K.LIVELY, True)),
        ("您给来段开场，倍儿精神的那种", (K.LIVELY, True)),
        ("收尾，温和一点", (K.WARM, True)),
    ],
)
async def test_regional_energy_and_a_gentle_tone(query: str, direction: tuple[K, bool]) -> None:
    r = await _said(query)
    assert direction in _dirs(r), r


async def test_regional_questions_and_asks() -> None:
    size = await _said("容量是哪样的？有没得两升的")
    assert size.kind is IntentKind.QUERY, size
    edit = await _said("得不得写热闹点咯")
    assert edit.kind is IntentKind.MODIFY and (K.LIVELY, True) in _dirs(edit), edit


async def test_a_product_put_right_keeps_who_it_is_for() -> None:
    cup = Product(name="儿童保温杯", category="母婴")
    session = written_session(cup, (("写卖点", Scene.SELLING_POINTS),))
    r = await _said("不是保温杯，是吸管杯，我看错了，重写一段卖点", session, sent=None)
    assert r.kind is IntentKind.SWITCH_PRODUCT and r.category == "母婴", r


async def test_a_flatness_complaint_answered_by_a_cut_is_only_shorter() -> None:
    r = await _said("卖点的太干了，改短点")
    assert r.kind is IntentKind.MODIFY and _dirs(r) == {(K.LENGTH, False)}, r


async def test_a_robot_vacuum_is_no_stiff_tone() -> None:
    r = await _said("下一个品是扫地机器人，写个卖点")
    assert r.kind is IntentKind.SWITCH_PRODUCT and not _dirs(r), r


@pytest.mark.parametrize(
    ("query", "direction"),
    [
        ("促销那段别说价儿", (K.PRICE, False)),
        ("开场那段甭说那么多客套话", (K.LENGTH, False)),
        ("卖点节奏再快点", (K.LIVELY, True)),
    ],
)
async def test_tianjin_price_padding_and_pace(query: str, direction: tuple[K, bool]) -> None:
    r = await _said(query)
    assert r.kind is IntentKind.MODIFY and direction in _dirs(r), r


async def test_a_flat_verdict_then_again_is_another_take() -> None:
    r = await _said("没情绪，再来")
    assert r.kind is IntentKind.CONTINUE and r.reference_index == 2 and (K.LIVELY, True) in _dirs(r), r


async def test_a_script_asked_for_by_its_generic_name_asks_which_then_keeps_the_product() -> None:
    asked = await _said("帮我写个话术，我这边有点急", Session(tenant="t", id="s"))
    assert asked.kind is IntentKind.GENERATE and asked.needs_clarification, asked
    first = "您好，能帮我写口红的话术吗？"
    session = Session(
        tenant="t",
        id="s",
        turns=[
            Turn(role="user", text=first, intent="generate"),
            Turn(role="assistant", text="…", intent="trace:t1"),
        ],
    )
    r = await _said("开场的", session, sent=None)
    assert r.scene is Scene.OPENING and r.category == "美妆" and not r.needs_clarification, r


def test_dev15_exercises_the_round_14_families_in_its_own_words() -> None:
    dev15 = [t for d in load("dev15") for t in d.turns]
    others = {t.query for part in PARTS if part != "dev15" for d in load(part) for t in d.turns}
    assert len(dev15) >= 60
    assert not {t.query for t in dev15} & others
    assert sum(t.expect["kind"] == "query" for t in dev15) >= 10  # may it be said, the tool
    assert sum(t.expect["kind"] == "switch_product" for t in dev15) >= 6  # by stream, client, kind
    assert sum(t.expect["kind"] == "modify" and "dir" not in t.expect for t in dev15) >= 10  # struck
    assert sum(any(w in t.query for w in ("讲品", "塑品", "开价", "逼单")) for t in dev15) >= 6  # 场控


async def test_dev15_was_measured_before_its_fixes_and_is_right_now() -> None:
    # measured with the round-13 rules and model (DEV15_FIRST, 29 of 61 turns); every turn right now
    # but the one answered otherwise on purpose (DISAGREED: a price the product data contradicts)
    scores = await evaluate("dev15")
    wrong = [f for f in await failures("dev15") if f.split(" ", 1)[0] not in DISAGREED]
    assert not wrong, wrong
    for slot, (correct, total) in DEV15_FIRST.items():
        assert scores[slot][1] == total and scores[slot][0] >= correct, (slot, scores[slot])
