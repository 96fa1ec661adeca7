"""The deterministic template writer: the last-resort LLM backend and the embedded default.

Why it exists: a laptop run with no model server, and the final fallback layer when every model is
down, must still produce a usable script. It reads the structured ScriptBrief (not the prompt), so it
can guarantee what a model only tries to do: every selling point verbatim, the influencer's
catchphrase, prices and offers only from the data, advertising-law-clean wording (checked with the
same lexicon as the quality agent). Output is a pure function of the brief; `brief.variant` picks
other phrasings so 再来一段 reads differently.
"""

from __future__ import annotations

import asyncio
import math
import zlib
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

from script_agent.domain import knowledge
from script_agent.domain.brief import ScriptBrief
from script_agent.domain.compliance import sanitize
from script_agent.domain.intent import IntentKind
from script_agent.domain.models import Scene, TokenUsage
from script_agent.ports.health import ComponentHealth, FailMode, HealthStatus
from script_agent.ports.llm import (
    ErrorClass,
    LLMDelta,
    LLMDone,
    LLMError,
    LLMRequest,
    LLMResult,
    LLMStreamItem,
)

NAME = "template"
MODEL = "template-v1"


def estimate_tokens(text: str) -> int:
    """Rough: about 1.5 Chinese characters per token for Qwen-style tokenizers."""
    return math.ceil(len(text) / 1.5) if text else 0


@dataclass(frozen=True)
class Voice:
    address: str  # how the room is addressed: 宝子们 / 家人们 / 各位朋友
    catchphrase: str | None  # said once when it is not already the address
    bang: str  # sentence end for lively lines: ！ or 。
    lively: bool
    formal: bool
    humorous: bool
    interactive: bool
    length: str


def _voice(brief: ScriptBrief) -> Voice:
    style = brief.influencer.style
    hint = f"{brief.style_hint or ''}{brief.modification or ''}"
    feedback = "".join(brief.feedback)
    formal = style.formality >= 0.65 or "正式" in hint or "专业" in hint
    chatty = style.humor_level >= 0.5 or style.interaction_frequency >= 0.6
    lively = ("活泼" in hint or chatty) and "正式" not in hint
    phrases = [p for p in style.catchphrases if p.strip()]
    address = next((p for p in phrases if p.endswith("们")), "各位朋友" if formal else "大家")
    catchphrase = next((p for p in phrases if p != address), None) if phrases else None
    length = brief.length
    if "短" in hint or "精简" in hint:
        length = "short"
    elif "长" in hint or "详细" in hint or "太短" in feedback:
        length = "long"
    return Voice(
        address=address,
        catchphrase=catchphrase,
        bang="！" if lively or not formal else "。",
        lively=lively,
        formal=formal,
        humorous=style.humor_level >= 0.6 or "幽默" in hint,
        interactive=style.interaction_frequency >= 0.5 or "互动" in feedback or "活泼" in hint,
        length=length,
    )


class _Picker:
    """Stable choice among phrasings: the same brief always picks the same, another variant another."""

    def __init__(self, brief: ScriptBrief) -> None:
        key = f"{brief.product.product.name}|{brief.scene}|{brief.influencer.id}"
        self._seed = zlib.crc32(key.encode("utf-8"))
        self._variant = brief.variant + (
            1 if brief.intent is IntentKind.CONTINUE and brief.previous_script else 0
        )

    def index(self, n: int, slot: int) -> int:
        return (self._seed + slot * 31 + self._variant) % n

    def __call__(self, options: Sequence[str], slot: int) -> str:
        return options[self.index(len(options), slot)]


class _Facts:
    """Only what the brief states: every sentence that mentions a price or offer is built from here."""

    def __init__(self, brief: ScriptBrief) -> None:
        p = brief.product.product
        self.display = p.name if not p.brand or p.brand in p.name else f"{p.brand}{p.name}"
        self.points = [sp.text.strip().rstrip("。，,.!！;；") for sp in brief.product.selling_points]
        self.point_list = "、".join(self.points)
        self.price = f"{p.price:g}元" if p.price is not None else None
        self.promotion = p.promotion.strip().rstrip("。") if p.promotion else None
        self.features = [f.strip().rstrip("。") for f in p.features if f.strip()]
        self.audience = p.target_audience
        self.category = brief.product.category
        self.event = brief.event
        self.scenes = knowledge.usage_scenes(self.category)
        self.usage = knowledge.usage_hint(self.category)


GREETINGS = ("{a}，晚上好{b}欢迎来到直播间", "哈喽{a}{b}欢迎刚进直播间的朋友", "{a}好{b}我们的直播开始啦")
FORMAL_GREETINGS = ("{a}，大家好，欢迎来到直播间", "欢迎{a}来到今天的直播间")
HOOKS = (
    "今天给大家带来一款我自己很喜欢的好物",
    "今天这一款，我真的想了很久要怎么好好介绍给大家",
    "先给大家看一个好东西",
)
ASKS = (
    "想要的{w}在公屏扣1，让我看看有多少人",
    "有没有{w}已经在等这一款了？在评论区告诉我",
    "刚来的{w}点个关注，想要的扣个1",
)
CONNECTORS = ("先说", "再来看", "还有", "另外", "再说说", "接着是", "以及")
BENEFITS = ("这一点真的很加分", "体验一下子就不一样了", "这就是实实在在的好处", "你会发现它很贴心")
JOKES = (
    "别光看我说，我说得再热闹也不如你们自己用一次",
    "我今天嗓子都要说冒烟了，你们可得给我点个赞",
    "助理在旁边已经点头点了三次了",
)
CTAS = (
    "喜欢的{w}直接点击下方购物车链接下单",
    "想要的{w}现在就可以点开小黄车下单",
    "心动的{w}点开购物车链接，就可以拍下",
)
THANKS = ("谢谢{a}今天的陪伴", "感谢{a}一直陪着我", "今天辛苦{a}陪我到现在")
PREVIEWS = (
    "下一场还有更多好物，记得点个关注，我们下次见",
    "接下来还有新的好物，别走开",
    "下次直播再给大家带新品，记得点关注",
)


OPTIONAL = "\x00"  # marks a line that short scripts leave out


def optional(line: str) -> str:
    return OPTIONAL + line


class _Composer:
    def __init__(self, brief: ScriptBrief) -> None:
        self.brief = brief
        self.v = _voice(brief)
        self.f = _Facts(brief)
        self.pick = _Picker(brief)

    def fmt(self, template: str) -> str:
        # 想要的家人们 reads well, 想要的大家 does not: plain addresses become 朋友们 after a modifier.
        who = self.v.address if self.v.address.endswith("们") else "朋友们"
        return template.format(a=self.v.address, b=self.v.bang, w=who)

    def greeting(self) -> list[str]:
        options = FORMAL_GREETINGS if self.v.formal else GREETINGS
        lines = [self.fmt(self.pick(options, 1)) + self.v.bang]
        if self.v.catchphrase:
            line = f"{self.v.catchphrase}{self.v.bang}"
            # A second catchphrase is optional when the address already is one.
            said = self.v.address in self.brief.influencer.style.catchphrases
            lines.append(optional(line) if said else line)
        return lines

    def ask(self) -> str:
        return self.fmt(self.pick(ASKS, 2)) + ("？" if self.pick(ASKS, 2).endswith("？") else "。")

    def offer(self) -> list[str]:
        """The real offer, only from the data; with none, say where to look instead of inventing one."""
        lines = []
        if self.f.price:
            prefix = f"{self.f.event}期间，" if self.f.event else ""
            lines.append(f"{prefix}这款在直播间的价格是{self.f.price}。")
        if self.f.promotion:
            lines.append(f"今天的优惠是：{self.f.promotion}。")
        if not lines:
            lines.append("具体价格和优惠，以直播间购物车页面显示的为准。")
        return lines

    def opening(self) -> list[str]:
        lines = self.greeting()
        if self.f.event:
            lines.append(f"{self.f.event}活动来了，今天的好物大家一定要看完{self.v.bang}")
        lines.append(optional(self.pick(HOOKS, 3) + "。"))
        lines.append(f"就是这款{self.f.display}：{self.f.point_list}，待会儿一个一个讲给大家听。")
        if self.f.promotion:
            lines.append(f"今天的福利是：{self.f.promotion}，先别走开{self.v.bang}")
        if self.v.length != "short" and self.v.humorous:
            lines.append(self.pick(JOKES, 4) + "。")
        lines.append(self.ask())
        return lines

    def product_intro(self) -> list[str]:
        lines = self.greeting()[1:]  # no second welcome mid-stream, but keep the catchphrase
        lines.insert(0, f"{self.v.address}，来，给大家仔细介绍一下这款{self.f.display}。")
        if self.f.features and self.v.length != "short":
            lines.append("先说说它的基本情况：" + "，".join(self.f.features) + "。")
        if self.f.audience:
            lines.append(f"它特别适合{self.f.audience}。")
        else:
            lines.append(f"{self.f.scenes[0]}、{self.f.scenes[1]}都用得上。")
        lines.append(f"它的亮点主要是{self.f.point_list}。")
        lines.append(f"用法也很简单，{self.f.usage}。")
        if self.v.interactive:
            lines.append(f"还有什么想了解的，{self.v.address}直接打在公屏上，我一个一个回答。")
        return lines

    def selling_points(self) -> list[str]:
        lines = [f"{self.v.address}，这款{self.f.display}到底好在哪，我给大家一个一个说{self.v.bang}"]
        lines += self.greeting()[1:]
        for i, point in enumerate(self.f.points):
            connector = CONNECTORS[i % len(CONNECTORS)]
            moment = self.f.scenes[(i + self.pick.index(len(self.f.scenes), 5)) % len(self.f.scenes)]
            if self.v.length == "short":
                lines.append(f"{connector}{point}，{self.pick(BENEFITS, 6 + i)}。")
            else:
                lines.append(f"{connector}{point}，{moment}你就能体会到，{self.pick(BENEFITS, 6 + i)}。")
        lines.append(optional(f"这几点加在一起，就是我推荐它的理由{self.v.bang}"))
        if self.v.interactive:
            lines.append(self.ask())
        return lines

    def promotion(self) -> list[str]:
        head = f"{self.f.event}福利来了" if self.f.event else "重点来了"
        lines = [f"{self.v.address}，{head}{self.v.bang}", *self.greeting()[1:]]
        lines.append(f"这款{self.f.display}，{self.f.point_list}，刚刚都给大家讲过了。")
        lines += self.offer()
        lines.append(self.fmt(self.pick(CTAS, 7)) + self.v.bang)
        if self.v.interactive:
            lines.append(optional("拍下的在公屏扣个“已拍”，我看一下。"))
        lines.append(optional("按自己的需要买就好，理性消费。"))
        return lines

    def closing(self) -> list[str]:
        lines = [f"{self.v.address}，今天的直播快要接近尾声了。", *self.greeting()[1:]]
        lines.append(f"再帮大家回顾一下这款{self.f.display}：{self.f.point_list}。")
        if self.f.price or self.f.promotion:
            lines.append(optional("还没下单又需要的朋友，可以去购物车链接再看看。"))
        if self.v.interactive:
            lines.append(optional("还想看哪些商品，打在公屏上告诉我。"))
        lines.append(self.fmt(self.pick(THANKS, 8)) + self.v.bang)
        lines.append(self.pick(PREVIEWS, 9) + self.v.bang)
        return lines

    def compose(self) -> str:
        builders = {
            Scene.OPENING: self.opening,
            Scene.PRODUCT_INTRO: self.product_intro,
            Scene.SELLING_POINTS: self.selling_points,
            Scene.PROMOTION: self.promotion,
            Scene.CLOSING: self.closing,
        }
        lines = builders[self.brief.scene]()
        if self.v.length == "long" and self.brief.scene is not Scene.SELLING_POINTS:
            # Right after the selling points are named, so the extra benefit reads as part of them.
            at = next((i + 1 for i, line in enumerate(lines) if self.f.point_list in line), len(lines) - 1)
            lines.insert(at, f"{self.f.scenes[-1]}，它也能派上用场，{self.pick(BENEFITS, 10)}。")
        if self.v.catchphrase is None and self.v.address not in "".join(lines):
            lines.insert(0, f"{self.v.address}{self.v.bang}")
        short = self.v.length == "short"
        return "".join(line.lstrip(OPTIONAL) for line in lines if not (short and line.startswith(OPTIONAL)))


def write_script(brief: ScriptBrief) -> str:
    """The script for `brief`; differs from `brief.previous_script` whenever one is given."""
    p = brief.product.product
    known = [x for x in (p.price, p.original_price) if x is not None]
    text = sanitize(_Composer(brief).compose(), known_prices=known)
    if brief.previous_script and text == brief.previous_script.strip():
        bumped = brief.model_copy(update={"variant": brief.variant + 1, "previous_script": None})
        text = sanitize(_Composer(bumped).compose(), known_prices=known)
    return text


class TemplateBackend:
    """Implements LLMPort. Cannot fail on a valid brief, so it is the layer of last resort."""

    name = NAME

    def __init__(self, *, chunk_chars: int = 12) -> None:
        self._chunk_chars = max(1, chunk_chars)

    @staticmethod
    def _brief(request: LLMRequest) -> ScriptBrief:
        brief = request.brief
        if isinstance(brief, dict):
            brief = ScriptBrief.model_validate(brief)
        if not isinstance(brief, ScriptBrief):
            raise LLMError("the template backend needs request.brief", ErrorClass.FATAL, reason="no_brief")
        return brief

    async def generate(self, request: LLMRequest) -> LLMResult:
        text = write_script(self._brief(request))
        prompt_chars = sum(len(m.content) for m in request.messages)
        usage = TokenUsage(
            prompt_tokens=math.ceil(prompt_chars / 1.5), completion_tokens=estimate_tokens(text)
        )
        return LLMResult(
            text=text,
            backend=NAME,
            layer=NAME,
            model=MODEL,
            usage=usage,
            degraded=False,
            finish_reason="stop",
        )

    async def stream(self, request: LLMRequest) -> AsyncIterator[LLMStreamItem]:
        result = await self.generate(request)
        text = result.text
        for start in range(0, len(text), self._chunk_chars):
            yield LLMDelta(text[start : start + self._chunk_chars])
            await asyncio.sleep(0)  # let other tasks (and the consumer) run between chunks
        yield LLMDone(result)

    async def health(self) -> list[ComponentHealth]:
        return [
            ComponentHealth(
                name=f"llm:{NAME}",
                status=HealthStatus.OK,
                fail_mode=FailMode.NONE,
                required=False,
                detail={"backend": NAME, "layer": NAME},
            )
        ]

    async def aclose(self) -> None:
        return None
