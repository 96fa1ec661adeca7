"""Which script a turn refers to: by number, by order, by scene, by product, or by what it talks about.

Kept apart from the agent so the kind and slot logic stays about the sentence, and this module about
the session's scripts. A reference is resolved against what was really written: the stored scripts,
and the requests that wrote them (a script's request is the user turn answered under its trace).
"""

from __future__ import annotations

import re

from script_agent.agents import intent_reference_rules as refs
from script_agent.agents import intent_rules as rules
from script_agent.agents.intent_category import product_in_text
from script_agent.domain import knowledge
from script_agent.domain.intent import IntentKind
from script_agent.domain.models import Scene
from script_agent.domain.session import Session, StoredScript

ASK_NO_SCRIPT = (
    "这个会话里还没有生成过话术，请先告诉我要为哪款商品写哪种话术（开场、产品介绍、卖点、促销或收尾）。"
)


def refers_to_script(query: str) -> bool:
    """第二段 / 刚才那段 / 最开始那版 / 上上段 / 收尾那段: the query points at a script written."""
    patterns = (refs.NTH, refs.BACKWARD, refs.PREVIOUS, refs.FIRST, refs.BEFORE_PREVIOUS, refs.SCENE_THAT)
    return any(p.search(query) for p in patterns)


def _unwritten_scene(query: str, session: Session) -> bool:
    """产品介绍那段也来一个 before any intro is written: a request for one, not a reference."""
    that = refs.SCENE_THAT.search(query)
    if that is None:
        return False
    scene = rules.first_match((*rules.SCENE_KEYWORDS, *rules.SCENE_WEAK), that.group(1))
    return not any(s.scene is scene for s in session.scripts)


def refers_to_written(query: str, session: Session) -> bool:
    """refers_to_script, but a scene's 那段 with none of that scene written refers to nothing."""
    if not refers_to_script(query):
        return False
    if not _unwritten_scene(query, session):
        return True
    return any(p.search(query) for p in (refs.NTH, refs.BACKWARD, refs.FIRST, refs.BEFORE_PREVIOUS))


def _mentions(query: str, name: str) -> bool:
    """Whether the query names this product: whole, by its listed keyword, or by a tail of two or
    more characters (水壶 for 电热水壶: a Chinese product name is head-final)."""
    listed = knowledge.keyword_in_text(name)
    if name in query or (listed is not None and listed[0] in query):
        return True
    tail = re.search("[\u4e00-\u9fff]+$", name)
    word = tail.group(0) if tail else ""
    return any(word[i:] in query for i in range(len(word) - 1))


def product_pool(query: str, session: Session) -> list[StoredScript]:
    """The scripts of the product a query names when the session wrote for several (水壶的第一段
    counts among the kettle's scripts, 音箱那段 is the speaker's last); else every script."""
    names = {s.product_name for s in session.scripts}
    named = {n for n in names if _mentions(query, n)} if len(names) > 1 else set()
    pool = [s for s in session.scripts if s.product_name in named]
    return pool if pool and len(named) < len(names) else list(session.scripts)


def request_of(script: StoredScript, session: Session) -> str:
    """The user turn the script was written for (the turn before the reply under its trace)."""
    if script.trace_id is None:
        return ""
    for i, turn in enumerate(session.turns):
        if i and turn.role == "assistant" and turn.intent == f"trace:{script.trace_id}":
            before = session.turns[i - 1]
            return before.text if before.role == "user" else ""
    return ""


def _by_topic(query: str, pool: list[StoredScript], session: Session) -> int | None:
    """说高刷的那段 / 续航那个: the latest script whose request talked about the topic named before
    那段. A product named there (面霜那个) is the product pool's to resolve, not a topic."""
    m = refs.TOPIC_THAT.search(query)
    if m is None:
        return None
    topic = refs.TOPIC_LEAD.sub("", m.group(1))
    products = {s.product_name for s in session.scripts} | (
        {session.product.name} if session.product else set()
    )
    for i in range(len(topic) - 1):  # the longest tail of two or more characters first
        word = topic[i:]
        if refs.NOT_TOPIC.search(word) or product_in_text(word) or any(word in p for p in products):
            continue
        said = [s for s in pool if word in request_of(s, session)]
        if said:
            return said[-1].index
    return None


def _scene_that(query: str, pool: list[StoredScript]) -> int | None:
    """促销那段 / 开场那版: the last script of the scene named."""
    that = refs.SCENE_THAT.search(query)
    if that is None:
        return None
    scene = rules.first_match((*rules.SCENE_KEYWORDS, *rules.SCENE_WEAK), that.group(1))
    of_that = [s for s in pool if s.scene is scene]
    return of_that[-1].index if of_that else None


def _nth_of_scene(query: str, pool: list[StoredScript]) -> int | None:
    """第一版促销: the first of the promotions written, not the session's first script."""
    m = refs.NTH_OF_SCENE.search(query)
    if m is None:
        return None
    number, word = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    heading = {"优惠": "促销", "福利": "促销"}.get(word, word)
    scene = rules.first_match((*rules.SCENE_KEYWORDS, *rules.SCENE_WEAK), heading)
    index = rules.cn_number(number)
    of_that = [s for s in pool if s.scene is scene]
    return of_that[index - 1].index if index is not None and 1 <= index <= len(of_that) else None


def _nth(
    nth: re.Match[str], pool: list[StoredScript], session: Session, scoped: bool
) -> tuple[int | None, str | None]:
    """第二段: counted among the named product's scripts when a product narrows the pool."""
    index = rules.cn_number(nth.group(1))
    if scoped and index is not None and 1 <= index <= len(pool):
        return pool[index - 1].index, None
    if index is not None and session.script_by_index(index) is not None:
        return index, None
    have = "、".join(f"第{s.index}段" for s in session.scripts) or "还没有任何一段"
    return None, f"没有找到第{nth.group(1)}段话术（当前会话里{have}），想修改哪一段呢？"


def resolve(
    kind: IntentKind, query: str, session: Session, named: Scene | None
) -> tuple[int | None, str | None]:
    """The 1-based index of the script referred to, or a question when it cannot be found;
    named: a scene the query names (an edit of 开场白 refers to the last opening). A product
    named with it narrows the count to that product's scripts (纸尿裤第一版)."""
    pool = product_pool(query, session)
    scoped = len(pool) < len(session.scripts)
    if (of_scene_nth := _nth_of_scene(query, pool)) is not None:
        return of_scene_nth, None
    if nth := refs.NTH.search(query):
        return _nth(nth, pool, session, scoped)
    needs_previous = kind in (IntentKind.CONTINUE, IntentKind.MODIFY)
    if not session.scripts:
        return None, ASK_NO_SCRIPT if needs_previous else None
    if back := refs.BACKWARD.search(query):  # 倒数第二个: counted back from the latest
        steps = rules.cn_number(back.group(1))
        if steps is not None and 1 <= steps <= len(pool):
            return pool[-steps].index, None
        return None, f"当前会话里只有{len(pool)}段话术，没有倒数第{back.group(1)}段，想修改哪一段呢？"
    if refs.BEFORE_PREVIOUS.search(query) and len(pool) >= 2:
        return pool[-2].index, None
    if refs.FIRST.search(query):  # 头一个开场那段: the first of the scene named
        return next((s for s in pool if s.scene is named), pool[0]).index, None
    found = _scene_that(query, pool) or (None if scoped else _by_topic(query, pool, session))
    if found is not None:
        return found, None
    of_scene = [s for s in pool if s.scene is named]
    target = refs.INTO_SCENE.search(query)  # 改成收尾: the scene is what it becomes, not which one
    # 那段 is the latest, unless a product names whose (面膜那段开场 is the mask's opening)
    previous = refs.PREVIOUS.search(query) is not None and not _unwritten_scene(query, session)
    this_one = previous and not scoped
    if needs_previous and named is not None and of_scene and not (this_one or target):
        return of_scene[-1].index, None
    if needs_previous or previous:
        return pool[-1].index, None
    return None, None
