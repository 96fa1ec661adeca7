"""The viewer Q&A beat of a long script: the questions a room asks about this product, answered honestly.

Why a beat of its own: in a long segment hosts stop presenting and answer the screen. The questions
come from what the points are about (depth.py) and from the product data (who it suits, how to use
it, what the specs say); answers use only the data and send the viewer to the detail page for the
rest. Nothing here pretends a specific viewer just typed something: the lead says people often ask.
"""

from __future__ import annotations

from script_agent.domain.models import Scene
from script_agent.domain.writing.aspects import aspect_of
from script_agent.domain.writing.depth import depth_of
from script_agent.domain.writing.material import CUE_ASK, Facts, Line, Paragraph, Picker
from script_agent.domain.writing.voice import Voice

# Leads per round, indexed by the point, so no lead is said twice in a script of up to three points.
LEADS = (
    ("说到{p}，经常有朋友问：", "关于{p}，也有朋友会问：", "{p}这一点，常被问到的是："),
    ("另外也有人问：", "还有朋友关心：", "另一个常见的问题："),
    ("再有一个：", "被问到的还有：", "还有一个问题："),
)
FORMAL_LEADS = (
    ("关于{p}，常见的问题是：", "就{p}而言，大家关心的是：", "{p}方面，常有人问："),
    ("另外：", "此外：", "还有："),
    ("其次：", "再者：", "同时："),
)


def _ask(lead: str, question: str, answer: str) -> str:
    return f"{lead}“{question}”{answer}。"


def _point_questions(f: Facts, v: Voice, pick: Picker, level: int) -> list[Line]:
    """Each point's questions together; the first of each is said sooner than the second and third."""
    leads = FORMAL_LEADS if v.formal else LEADS
    lines: list[Line] = []
    for i, point in enumerate(f.points):
        questions = depth_of(aspect_of(point).id).questions
        order = pick.order([str(n) for n in range(len(questions))], f"qa:{i}")
        for round_, n in enumerate(order[: len(leads)]):
            question, answer = questions[int(n)]
            lead = leads[round_][i % len(leads[round_])].format(p=point)
            lines.append(Line(_ask(lead, question, answer), level=level + round_ * 2 + min(i, 1)))
    return lines


def _data_questions(f: Facts, scene: Scene, level: int) -> list[Line]:
    """Questions the product data answers; skipped where the scene already said the same fact."""
    lines: list[Line] = []
    if scene is Scene.PRODUCT_INTRO:  # it has just said who it suits, how to use it and the specs
        return lines
    if f.audience:
        suits = f"这款主要适合{f.audience}，大家对照一下自己"
        lines.append(Line(_ask("还有朋友问：", "适不适合我？", suits), level))
    lines.append(Line(_ask("也有人问：", "怎么用？", f"其实很简单，{f.usage}"), level + 1))
    tied = {x for p in f.all_points for x in f.features_for(p)}
    if specs := [x for x in f.features if x not in tied]:
        said = f"资料里写的是{'，'.join(specs)}"
        lines.append(Line(_ask("问规格的朋友会说：", "具体是什么规格？", said), level + 2))
    return lines


def viewer_questions(f: Facts, v: Voice, pick: Picker, scene: Scene, *, level: int) -> Paragraph:
    lines = [*_point_questions(f, v, pick, level), *_data_questions(f, scene, level + 1)]
    if v.interaction >= 1:
        lines.append(Line("大家还有什么想问的，直接打在公屏上。", level=level + 3, cue=CUE_ASK, soft=True))
    return Paragraph("viewer_qa", lines)
