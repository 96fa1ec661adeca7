"""One builder per scene, one paragraph per beat (see beats.py), each line tagged with a level.

Level 0 lines make the beat; higher levels (demonstrations, second benefits, extra prompts) are
added by `fit` while the target duration allows. Nothing refers back to what was not said in this
script, and every line is something a host would actually say on camera.
"""

from __future__ import annotations

from script_agent.domain.brief import ScriptBrief
from script_agent.domain.models import Scene
from script_agent.domain.writing import banks as b
from script_agent.domain.writing.aspects import aspect_of
from script_agent.domain.writing.depth import depth_of
from script_agent.domain.writing.material import CUE_ASK, CUE_LINK, CUE_SHOW, Facts, Line, Paragraph, Picker
from script_agent.domain.writing.qa import viewer_questions
from script_agent.domain.writing.voice import Voice, voice_of

MAX_CATCHES = 2
DETAIL_LEADS = ("就说{p}这一点：", "再比如{p}，", "还有{p}，")
SCENE_LEADS = ("还有一种情况：", "换个场景：", "平时也常遇到：")
CHECKS = ("大家可以在详情页核对", "详情页上也写着", "以详情页为准")
TIP_LEADS = ("给大家一个建议：", "教大家一个挑的方法：", "顺便说一句怎么挑：")
HONEST_LEADS = ("说句实在的，", "也跟大家说实话，", "当然也要说清楚，")
QA_LEVEL = 8  # viewer questions come once the points' own proof is said


def _lead_in(phrase: str) -> bool:
    """话不多说 / 咱就是说 lead into a sentence; 姐妹们冲 / 冲冲冲 stand alone as an exclamation."""
    return phrase.endswith(("说", "来", "看", "讲"))


class SceneWriter:
    def __init__(self, brief: ScriptBrief) -> None:
        self.brief = brief
        self.v: Voice = voice_of(brief)
        self.pick = Picker(brief)
        self.f = Facts(brief, self.pick)
        self._transitions = 0
        self._catches = 0

    # --- shared pieces -------------------------------------------------------------------------
    def catch(self, slot: str, *, always: bool = False) -> str:
        """A catchphrase lead-in at a transition, as often as the voice says; '' otherwise."""
        leads = [p for p in self.v.catchphrases if _lead_in(p)]
        if not leads:
            return ""
        self._transitions += 1
        every = self.v.catch_every
        due = always or (every and self._transitions % max(every, 2) == 0)
        if due and self._catches < MAX_CATCHES:  # a catchphrase said at every turn becomes a tic
            self._catches += 1
            return self.pick(leads, f"catch:{slot}") + "，"
        return ""

    def exclamations(self) -> list[str]:
        return [p for p in self.v.catchphrases if not _lead_in(p)]

    def greeting(self) -> Paragraph:
        options = b.FORMAL_GREETINGS if self.v.formal else b.GREETINGS
        lines = [Line(f"{self.v.address}，{self.pick(options, 'greet')}{self.v.bang}")]
        for phrase in self.exclamations()[:1]:
            lines.append(Line(f"{phrase}{self.v.bang}", level=0 if self.v.lively else 2, soft=True, keep=0))
        return Paragraph("greeting", lines)

    def ask(self, slot: str, *, level: int = 0, more: bool = False) -> Line:
        options = b.MORE_ASKS if more else b.ASKS
        text = self.pick(options, f"ask:{slot}")
        keep = 1 if more else 4  # the second prompt goes early, the first one last
        return Line(
            text + ("" if text.endswith("？") else "。"), level=level, cue=CUE_ASK, soft=True, keep=keep
        )

    def interaction(self, slot: str) -> Paragraph | None:
        if self.v.interaction == 0:
            return None
        lines = [self.ask(slot, level=0 if self.v.interaction >= 2 else 1)]
        if self.v.interaction >= 3:
            lines.append(self.ask(slot + "+", level=0, more=True))
        return Paragraph("interaction", lines)

    def offer_lines(self) -> list[Line]:
        """The real offer, only from the data; with none (or when asked to leave it out), no numbers."""
        f, lines = self.f, []
        if f.price:
            prefix = f"{f.event}期间，" if f.event else ""
            lines.append(Line(f"{prefix}这款在直播间的价格是{f.price}。"))
        if f.promotion:
            lines.append(Line(f"今天的优惠是：{f.promotion}。"))
        if not lines:
            lines.append(Line("具体价格和优惠，以直播间购物车页面显示的为准。"))
        return lines

    def details(self, base: int) -> list[Paragraph]:
        """Each point worked through, for long targets in scenes that only name the points."""
        return [self.point_paragraph(i, p, base=base) for i, p in enumerate(self.f.points)]

    def again(self, level: int) -> Paragraph:
        """For long pushes: the offer once more for viewers who just came in, as hosts do."""
        lines = [Line("刚进来的朋友，我再给大家说一遍。", level=level)]
        lines += [Line(line.text, level=level) for line in self.offer_lines()]
        lines.append(Line(self.pick(b.CTAS, "cta-again") + self.v.bang, level=level, cue=CUE_LINK))
        return Paragraph("offer", lines)

    def point_paragraph(self, i: int, point: str, *, base: int = 0) -> Paragraph:
        aspect = aspect_of(point)
        leads = b.FORMAL_LEADS if self.v.formal else b.POINT_LEADS
        lead = leads[min(i, len(leads) - 1)] if len(self.f.points) > 1 else "重点说一下"
        if i == len(self.f.points) - 1 and len(self.f.points) > 2:
            lead = leads[-1]
        demos = self.pick.order(aspect.demos, f"demo:{i}") or list(aspect.demos)
        benefits = self.pick.order(aspect.benefits, f"benefit:{i}") or list(aspect.benefits)
        deep = 0 if self.f.focused else 1
        claim = f"{self.catch(f'point{i}')}{lead}，{point}{self.v.bang}"
        if base:  # a worked-through point in another scene never stands as a bare claim
            opener = DETAIL_LEADS[min(i, len(DETAIL_LEADS) - 1)].format(p=point)
            claim = f"{opener}对你来说，就是{benefits[0]}{self.v.bang}"
        lines = [
            Line(claim),
            Line(demos[0] + "。", level=deep, cue=CUE_SHOW),
            *([] if base else [Line(f"对你来说，就是{benefits[0]}。", level=deep)]),
            Line(demos[1] + "。", level=deep + 1, cue=CUE_SHOW),
            Line(f"而且{benefits[1]}。", level=deep + 2),
        ]
        for feature in self.f.features_for(point)[:1]:
            lines.append(Line(f"资料里写的是{feature}，{CHECKS[i % len(CHECKS)]}。", level=deep + 3))
        lines += self.depth_lines(i, point, deep)
        for line in lines:
            line.level += base
        return Paragraph("point", lines)

    def depth_lines(self, i: int, point: str, deep: int) -> list[Line]:
        """For long targets: where in a day the point matters, and how to judge such a claim."""
        depth = depth_of(aspect_of(point).id)
        scenes = self.pick.order(depth.scenes, f"scene:{i}") or list(depth.scenes)
        lines = [
            Line(f"{scenes[0]}。", level=deep + 4),
            Line(f"{self.catch(f'tip{i}')}{TIP_LEADS[i % len(TIP_LEADS)]}{depth.tip}。", level=deep + 5),
            Line(f"{SCENE_LEADS[i % len(SCENE_LEADS)]}{scenes[1]}。", level=deep + 6),
            Line(f"{HONEST_LEADS[i % len(HONEST_LEADS)]}{depth.not_for}。", level=deep + 7),
        ]
        if self.v.interaction >= 1 and depth.poll:
            lines.insert(1, Line(f"{depth.poll}。", level=deep + 6, cue=CUE_ASK, soft=True, keep=1))
        return lines

    def questions(self) -> Paragraph:
        return viewer_questions(self.f, self.v, self.pick, self.brief.scene, level=QA_LEVEL)

    # --- scenes ----------------------------------------------------------------------------------
    def opening(self) -> list[Paragraph]:
        f, v = self.f, self.v
        hook_line = Line(self.catch("hook", always=True) + self.pick(f.bank.hooks, "hook"), soft=True, keep=2)
        hook = Paragraph("hook", [hook_line])
        hook.lines.append(Line("如果你也有这个困扰，接下来这几分钟可以听我说完。", level=2))
        tease = Paragraph("product_tease", [Line(self.pick(b.TEASES, "tease").format(n=f.display) + "。")])
        if f.points:
            tease.lines.append(Line(f"我先说一个让我决定带它的理由：{f.points[0]}{v.bang}"))
        if len(f.all_points) > 1:
            rest = "、".join(f.all_points[1:])
            tease.lines.append(Line(f"还有{rest}，待会儿一个一个给大家讲。"))
        tease.lines.append(Line(self.pick(f.bank.intro_demos, "intro") + "。", level=3, cue=CUE_SHOW))
        paragraphs = [self.greeting(), hook, tease, *self.details(base=4), self.questions()]
        offer = Paragraph("offer_tease")
        if f.event:
            offer.lines.append(
                Line(f"{f.event}活动也来了，今天的福利大家一定要看完{v.bang}", soft=True, keep=1)
            )
        if f.promotion:
            offer.lines.append(
                Line(f"今天直播间的福利是：{f.promotion}，先别走开{v.bang}", soft=True, keep=3)
            )
        elif f.price:
            offer.lines.append(Line("今天直播间的价格，待会儿讲完就给大家上链接。", level=1))
        if offer.lines:
            paragraphs.append(offer)
        return [*paragraphs, *filter(None, [self.interaction("open")])]

    def product_intro(self) -> list[Paragraph]:
        f = self.f
        lead = self.catch("intro", always=True)
        intro = self.pick(b.TRANSITIONS, "trans").format(n=f.display)
        transition = Paragraph("transition", [Line(f"{self.v.address}，{lead}{intro}{self.v.bang}")])
        what = Paragraph("what_it_is", [Line(f"它的亮点主要是{f.point_list()}{self.v.bang}")])
        if f.features:
            what.lines.insert(0, Line("先说它的基本情况：" + "，".join(f.features) + "。", level=1))
        what.lines.append(Line(self.pick(f.bank.intro_demos, "intro") + "。", level=1, cue=CUE_SHOW))
        who = Paragraph("who_for")
        if f.audience:
            who.lines.append(Line(f"它特别适合{f.audience}。"))
        moments = self.pick.order(f.bank.moments, "moments")
        who.lines.append(Line(f"{moments[0]}、{moments[1]}，都用得上。", level=0 if not f.audience else 2))
        how = Paragraph("how_to_use", [Line(f"用法也很简单，{f.usage}。")])
        demo = aspect_of(f.points[0]).demos if f.points else ()
        if demo:
            how.lines.append(Line(self.pick(demo, "how-demo") + "。", level=2, cue=CUE_SHOW))
        tail = [who, how, self.questions(), *filter(None, [self.interaction("intro")])]
        return [transition, what, *self.details(base=4), *tail]

    def selling_points(self) -> list[Paragraph]:
        f, v = self.f, self.v
        head = f"这款{f.display}到底好在哪，我给大家一个一个说{v.bang}"
        if f.focused:
            howmany = {1: "一点", 2: "两点"}.get(len(f.points), "这几点")
            head = f"这款{f.display}，今天我只重点讲{howmany}，讲透{v.bang}"
        paragraphs = [Paragraph("transition", [Line(f"{v.address}，{head}")])]
        for phrase in self.exclamations()[:1] if v.lively else []:
            paragraphs[0].lines.append(Line(f"{phrase}{v.bang}", soft=True))
        others = [p for p in f.all_points if p not in f.points]
        if others:  # named once, so nothing given is dropped, but not dwelt on
            paragraphs[0].lines.append(Line(f"{'、'.join(others)}这几点大家看详情页，今天先不展开。"))
        paragraphs += [self.point_paragraph(i, p) for i, p in enumerate(f.points)]
        paragraphs.append(self.questions())
        if len(f.points) > 1:
            why = Line(f"这几点加在一起，就是我推荐它的理由{v.bang}", level=1)
            paragraphs.append(Paragraph("recap", [why]))
        paragraphs.append(self.recap_again(level=6))
        return [*paragraphs, *filter(None, [self.interaction("points")])]

    def recap_again(self, level: int) -> Paragraph:
        """For long explanations: the points once more, briefly, for viewers who just came in."""
        text = f"刚进来的朋友，我再快速过一遍：这款{self.f.display}，{self.f.point_list()}。"
        if self.f.price or self.f.promotion:
            text += "价格和福利，待会儿给大家说清楚。"
        return Paragraph("recap", [Line(text, level=level)])

    def promotion(self) -> list[Paragraph]:
        f, v = self.f, self.v
        head = f"{f.event}的福利来了" if f.event and f.show_price else "重点来了"
        recap = Paragraph("recap", [Line(f"{v.address}，{head}{v.bang}")])
        recap.lines.append(Line(f"简单说一下这款{f.display}：{f.point_list()}。"))
        offer = Paragraph("offer", self.offer_lines())
        offer.lines.append(Line(b.AFTER_SALE[0] + "。", level=2))
        buy = Paragraph("how_to_buy", [Line(self.pick(b.CTAS, "cta") + v.bang, cue=CUE_LINK)])
        buy.lines.append(Line(self.pick(b.HOW_TO_BUY, "how-buy") + "。", level=1))
        for phrase in self.exclamations()[:1]:
            buy.lines.append(Line(f"{phrase}{v.bang}", level=1))
        if v.interaction >= 2:
            buy.lines.append(Line("拍下的在公屏扣个“已拍”，我看一下。", level=1, cue=CUE_ASK))
        rational = Paragraph("rational", [Line(self.pick(b.RATIONAL, "rational") + "。")])
        rational.lines.append(Line(b.NO_PRESSURE[0] + "。", level=2))
        return [recap, *self.details(base=4), self.questions(), offer, buy, self.again(level=7), rational]

    def closing(self) -> list[Paragraph]:
        f, v = self.f, self.v
        recap = Paragraph("recap", [Line(f"{v.address}，今天的直播快要接近尾声了。")])
        recap.lines.append(Line(f"再帮大家回顾一下这款{f.display}：{f.point_list()}。"))
        if f.price or f.promotion:
            recap.lines.append(Line("还没下单又需要的朋友，可以去购物车链接再看看。", level=1, cue=CUE_LINK))
        thanks = Paragraph("thanks", [Line(self.pick(b.THANKS, "thanks") + v.bang)])
        if v.interaction >= 1:
            thanks.lines.append(Line("还想看哪些商品，打在公屏上告诉我。", level=1, cue=CUE_ASK))
        preview = Paragraph("next_preview", [Line(self.pick(f.bank.next_items, "next") + "，")])
        preview.lines[0].text += self.pick(b.FOLLOW, "follow") + v.bang
        return [recap, *self.details(base=4), self.questions(), thanks, preview]

    def paragraphs(self) -> list[Paragraph]:
        builders = {
            Scene.OPENING: self.opening,
            Scene.PRODUCT_INTRO: self.product_intro,
            Scene.SELLING_POINTS: self.selling_points,
            Scene.PROMOTION: self.promotion,
            Scene.CLOSING: self.closing,
        }
        return builders[self.brief.scene]()
