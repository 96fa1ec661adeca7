"""Clauses and sentences with their offsets, and the scope of negation and disclaimers.

Why clauses: a claim lives in a clause (“用了三天，斑就淡了” is one claim across two clauses of one
sentence, but “不能代替药物，有病请就医” denies it). Matchers run per sentence so a claim verb and its
object may sit in neighbouring clauses; negation is judged inside the clause that holds the match.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

_SENTENCE_END = re.compile("[。！？!?；;\n]+|…{1,2}|～+|~+")
_CLAUSE_END = re.compile("[，,、：:]+")

# A negator shortly before a claim denies it: 不能治疗, 没有美白功效, 并非药品, 我没有说它能治病,
# 我不敢保证, 没法打包票, 没请明星代言; a bare 不/没/别/未 right before the claim too (不承诺效果).
_NEGATOR = re.compile(
    "不能|不可以|不会|不可|没有|没说|没讲|不说|不是|并非|并不|无法|不具有|不具备|不属于|不代表|不等于|不宣称|不承诺"
    "|谈不上|算不上|别指望|不敢|没法|没办法|没请|没找|不请|不找|[不没]+(?:保证|担保|承诺|打包票|敢说|能说|好说)"
    "|不(?:跟|和|同|对)(?:你|您|你们|大家)$"
    # A claim the shop says it does not make: 不宣传增强免疫, 不主打美白, 不标榜天然.
    "|不(?:宣传|主打|标榜|鼓吹)"
    # Round 8: an evaluation the product never had (没做抗皱测试, 没做过祛痘评价) denies the claim it backs.
    "|没做过?|没测过?|未做过?|未经过?"
    # Round 13: 别 of 特别 / 区别 / 级别 is no negator (这玩意儿特别养胃).
    "|[不没未勿]$|(?<![特区分级类个识告])别$|[管治去改除消救帮]不了$|解决不了$"
    # Round 11: 不管 right before the effect is "does not handle it" (这瓶不管防脱); 不管怎么… is not
    # adjacent.
    "|不管$"
)
# Intensifiers built on a negator assert, they do not deny: 不是吹, 不夸张, 不骗你, 不得不说.
_INTENSIFIER = re.compile("不是我?吹|不夸张|不骗你|没骗你|不开玩笑|没开玩笑|不得不说|不吹不黑|不是我说")
NEGATION_WINDOW = 8
# A clause that is itself a disclaimer is compliant whatever claim words it repeats.
DISCLAIMER = re.compile(
    "(?:不能|无法|不可)(?:代替|替代|取代)(?:药物|药品|治疗)|不是药|并非药|非药品|不能治疗|不具有.{0,6}(?:功能|作用|功效)"
    "|(?:没有|无)(?:任何)?.{0,4}(?:治疗|医疗|保健|药用)(?:功效|作用|功能|效果)|遵医嘱|(?:咨询|请教|问问|询问)(?:专业)?(?:的)?医生"
    "|效果因人而异|因人而异|请就医|去(?:看)?医院|看医生"
    # Round 11: the topic handed to a doctor (白头发的事你去问医生, 去看皮肤科).
    "|(?:去|找|请)问(?:你的|专业的?)?医生|(?:去)?看(?:看)?皮肤科"
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def _split(text: str, start: int, end: int, boundary: re.Pattern[str]) -> list[Span]:
    spans: list[Span] = []
    pos = start
    for m in boundary.finditer(text, start, end):
        if m.start() > pos:
            spans.append(_trimmed(text, pos, m.start()))
        pos = m.end()
    if pos < end:
        spans.append(_trimmed(text, pos, end))
    return [s for s in spans if s.text]


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


def sentences(text: str) -> list[Span]:
    return _split(text, 0, len(text), _SENTENCE_END)


def clauses(text: str) -> list[Span]:
    return list(_clauses(text))


@lru_cache(maxsize=64)
def _clauses(text: str) -> tuple[Span, ...]:
    """Cached: every matcher asks for the clause of its match, so one split per text, not per match."""
    out: list[Span] = []
    for sentence in sentences(text):
        out.extend(_split(text, sentence.start, sentence.end, _CLAUSE_END))
    return tuple(out)


@lru_cache(maxsize=64)
def _starts(text: str) -> tuple[int, ...]:
    return tuple(c.start for c in _clauses(text))


def clause_at(text: str, offset: int) -> Span:
    """The clause holding `offset` (the whole text when it has no clause boundary)."""
    found = _clauses(text)
    i = bisect.bisect_right(_starts(text), offset) - 1
    if i >= 0 and found[i].start <= offset < found[i].end:
        return found[i]
    return Span(0, len(text), text)


# A question (能不能治, 会不会过敏) holds its claim in suspense like a negator, unless it is answered yes.
_A_NOT_A = re.compile("能不能|会不会|是不是|有没有|可不可以|行不行|管不管用")


# Round 12: a claim the host says they will not say, then hands over with a wink (我就不说枸杞护肝了啊…你们
# 看看…自己悟; 我不说它是第一啊…懂了吧; 我不说治啊，我就说消失): the refusal is the joke, the claim stands.
_UNSAID = re.compile("(?:不|没|不能|不敢|不让)(?:说|讲|提)[^，。,！？!?]{0,6}$")
_WINK = re.compile(
    "自己悟|自己品|你们品|你品|懂的都懂|你们懂的|你懂的|懂吧|懂了吧|懂我意思|自己想想|你们想想|心照不宣"
    "|我可?什么都没说|我就说|我只说"
)


def wink_after(text: str, end: int) -> bool:
    return _WINK.search(text, end, end + 60) is not None


def winked(text: str, start: int, end: int) -> bool:
    """The term refused as something said (不说…), and a wink after it within 60 characters."""
    clause = clause_at(text, start)
    if _UNSAID.search(text, max(clause.start, start - 10), start) is None:
        return False
    return _WINK.search(text, end, end + 60) is not None


def negated(text: str, start: int) -> bool:
    """True when a negator governs the claim starting at `start` inside its clause."""
    clause = clause_at(text, start)
    before = _INTENSIFIER.sub("·", text[max(clause.start, start - NEGATION_WINDOW) : start])
    if _NEGATOR.search(before) is None:
        return False
    if winked(text, start, start + 1):
        return False
    # Two characters into the match too: the question may straddle its start (能不能消结节 matched from 能).
    around = _INTENSIFIER.sub(
        "·", text[max(clause.start, start - NEGATION_WINDOW) : min(clause.end, start + 2)]
    )
    questioned = _A_NOT_A.search(around) is not None and _NEGATOR.search(_A_NOT_A.sub("·", around)) is None
    return not (questioned and (_ANSWER_YES.match(text, clause.end) is not None or _hinted(text, clause.end)))


# Round 8: a question answered with a hint instead of a yes (能不能降血压？我邻居喝了半年，血压计上的数你们
# 自己品): the host leaves the viewer to draw the claim, which is still the host's claim.
_HINT = re.compile("自己品|你们品|自己看|自己琢磨|自己体会|懂的都懂|你懂的|都懂|不用我多说|不言而喻|说明一切")


def _hinted(text: str, start: int) -> bool:
    stop = len(text)
    for c in "。！!\n":
        found = text.find(c, start)
        stop = min(stop, found) if found >= 0 else stop
    stop = min(stop, start + 40)
    hint = _HINT.search(text, start, stop)
    return hint is not None and _ANSWER_NO.search(text, start, hint.start()) is None


# A term named only to be disowned is not claimed: 我不敢说它是最好的, 不搞什么倒计时, 不是什么最后一单,
# 我就不替它说什么零添加了 (before it); 好评返现这种我们不做, “专家推荐”这四个字多留个心眼 (after it).
_DISOWN_BEFORE = re.compile(
    "(?:不|没)(?:敢|会|想|能|要)?(?:乱|瞎|胡|随便)?(?:跟[你您]们?|替它|给[你您]们?|和[你您]们?)?(?:说|讲|搞|玩|整|提)(?:它是|这是)?"
    "(?:什么[\u4e00-\u9fff]{0,3})?$|(?:不是|并非|也不是|并不是|哪有|哪来)什么[\u4e00-\u9fff]{0,3}$|也不是$|并不是$"
)
_DISOWN_AFTER = re.compile(
    "[”\"」’']?(?:这|那)一?(?:种|类|样|套|四个字|几个字|两个字|个词|些)的?(?:话|事|说法|词|套路|操作|字)?"
    "[^。！？!?]{0,10}?(?:不|没|别|少|留个?心眼|小心|警惕|当心|骗|忽悠|唬|坑)"
    # Round 12: whoever says it, be wary (说医生推荐的你们多长个心眼).
    "|的?[，,]?[^。！？!?，,]{0,4}?多?(?:留个?心眼|长个?心眼|当心|警惕)"
)


# A viewer's question reported and then answered with a refusal or a deferral (有人问能不能好评返现，不能;
# 问是不是零添加，这得看配料表; 误食了会不会没事？这个真不好说): asked about, not claimed. An answer that
# affirms (当然, 必须, 放心) keeps the claim.
_ASKED_BEFORE = re.compile(
    "问(?!题)(?:一下|问|我|过|到)?[^，。,！？!?]{0,10}$|(?:是不是|是否|有没有|能不能|会不会|可不可以|算不算|好不好)[^，。,！？!?]{0,4}$"
)
_ASKED_IN = re.compile("是不是|是否|有没有|能不能|会不会|可不可以|可以.{0,2}吗|能.{0,2}吗")
_ANSWER_NO = re.compile(
    "不能|不可以|不行|不做|不搞|不会(?:按|给|帮|这么|这样)|不敢|乱说|不好说|说不准|说不好|得看|要看|为准|因人而异"
    "|不一定|不支持|不允许|不送|不返|没这(?:回事|个)|不是[，。,！!的]|不存在|不现实|不可能"
    "|[治管帮去消]不了|做不到|没法|没办法|不知道|不清楚|不了解|没做|没有做|没测|未做"
)
# Round 13: yes in dialect too (得行的, 行，…, 莫问题).
_ANSWER_YES = re.compile(
    r"[，。,！？!?\s]*(?:当然|必须|肯定|绝对|放心|是的|没错|对的|那必须|得行|行的|行[，,！!]|能的|可以的|莫问题|没问题)"
)


_QUESTION_END = re.compile("[^，。,！？!?]{0,4}?[吗嘛][？?]")
_ANY_QUESTION = re.compile("问|是不是|是否|有没有|能不能|会不会|可不可以|算不算|好不好|吗")


@lru_cache(maxsize=64)
def _has_question(text: str) -> bool:
    """Once per text: most scripts ask nothing, and then no finding needs the checks below."""
    return _ANY_QUESTION.search(text) is not None


def _asked(text: str, start: int, end: int) -> bool:
    """Comment replies quote the viewer's question before answering it: the term is theirs, not a claim,
    unless the answer affirms it; a refusal or a deferral within the next 30 characters is required."""
    if not _has_question(text):
        return False
    clause = clause_at(text, start)
    asked = (
        _ASKED_BEFORE.search(text, max(clause.start, start - 12), start) is not None
        # a yes/no question that ends right after the term (这枕头能治颈椎病吗？不能)
        or _QUESTION_END.match(text, end) is not None
        # from one character early: the question may straddle the term (有没有副作用, 会不会过敏)
        or _ASKED_IN.search(text, max(clause.start, start - 1), min(clause.end, end + 3)) is not None
    )
    if not asked or _ANSWER_YES.match(text, clause.end):
        return False
    return _ANSWER_NO.search(text, end, end + 30) is not None


# Round 7: a term the viewer is told not to believe (别信那种几天见效的), one the product cannot deliver
# (白头发它管不了), one called irrelevant (冠军用不用跟你没关系), one denied its purpose (倒计时不是催你们),
# and one echoed as a question and refused (零添加？我们做不到).
_DISBELIEVE_BEFORE = re.compile(
    "(?:别|不要|千万别|别再|不能)(?:轻易|随便)?(?:相?信|轻信|听信|被|听(?:人|别人|人家|网上)?说)[^，。,！？!?]{0,6}$"
)
_DENIED_AFTER = re.compile(
    "(?:这事|这个|这块|这方面)?(?:它|这款|这个|我们)?(?:管|治|去|改|解决|帮|消|做)不了"
    "|[^，。,！？!?]{0,8}?(?:跟|和|与)(?:你|您|你们|大家)[^，。,！？!?]{0,4}?(?:没|无)(?:啥|什么|多大)?关系"
    "|[^，。,！？!?]{0,6}?(?:不重要|无所谓|不是重点)"
    "|[^，。,！？!?]{0,2}?(?:不是|并不是|可不是)(?:为了|要|在)?(?:催|逼|吓|忽悠|唬)"
    "|[”\"」’']?[？?]+[^。！!]{0,4}?(?:做不到|不敢|达不到|不可能|哪有)"
    # Round 8: the term said to do nothing (对孩子长个子没有作用).
    "|[^，。,！？!?]{0,2}?(?:没有|没|无)(?:任何|什么|啥)?(?:作用|效果|帮助|功效)"
)

# Every _DENIED_AFTER alternative needs one of these soon after the term: one scan decides most hits.
_DENIED_HINT = re.compile("不了|关系|不重要|无所谓|重点|不是|[？?]|作用|效果|帮助|功效")


def disowned(text: str, start: int, end: int) -> bool:
    """True when the matched term is quoted, named only to be refused, or asked about and refused."""
    clause = clause_at(text, start)
    if _DISOWN_BEFORE.search(text, max(clause.start, start - 10), start):
        return not winked(text, start, end)
    before = text[max(clause.start, start - 10) : start]
    if ("信" in before or "被" in before or "听" in before) and _DISBELIEVE_BEFORE.search(before):
        return True
    if _quoted_refused(text, start, end) or _hearsay_refuted(text, start, end):
        return True
    if _DISOWN_AFTER.match(text, end) is not None:
        return True
    if _DENIED_HINT.search(text, end, end + 16) and _DENIED_AFTER.match(text, end) is not None:
        return True
    return _asked(text, start, end)


# Round 13: a term quoted from the brief or the screen and refused (稿子里写着“顶级工艺”，这四个字我不念;
# 场控你把'抗皱'两个字删了; “医生推荐”，品牌方拿不出证明，这句我删了): the quotation is struck, not said.
_OPEN_QUOTE = re.compile("[“\"「‘'][^”\"」’'。！？!?]{0,16}$")
_CLOSE_QUOTE = re.compile("[^”\"」’'。！？!?]{0,16}?[”\"」’']")
_STRUCK = re.compile(
    "[^。！？!?]{0,20}?(?:不念|不读|不说|不讲|不提|不会照着念|删了|删掉|删去|划掉|划了|撤下|撤掉|拿掉|违规"
    "|不能(?:说|讲|写|用|这么|那么)|不合规)"
)


def _quoted_refused(text: str, start: int, end: int) -> bool:
    if _OPEN_QUOTE.search(text, max(0, start - 16), start) is None:
        return False
    close = _CLOSE_QUOTE.match(text, end)
    return close is not None and _STRUCK.match(text, close.end()) is not None


# Round 13: a claim reported from others and refuted (网上那些说芦荟治咽炎的视频你们别信; 评论区说穿了能治增生
# 的，不是我们说的; 有人说喝蜂蜜水能治咽炎，没有这个说法): hearsay the host corrects, not the shop's claim.
_HEARSAY = re.compile(
    "(?:有人|网上|评论区?里?|弹幕里?|别人|人家|视频里?|好多人|很多人)[^。！？!?]{0,10}?(?:说|讲|传|问)[^。！？!?]{0,14}$"
)
_REFUTED = re.compile(
    "[^。！？!?]{0,24}?(?:别信|不要信|不能信|没这回事|没有这回事|没(?:有)?这(?:个|种)说法|是扯|瞎说|胡说|谣言|瞎传|谣传"
    "|不是我们说的|从来没这么|从来不这么|别乱传|别传了|不存在的|没(?:有)?(?:跟|和)任何[^。！？!?]{0,4}?合作)"
)


def _hearsay_refuted(text: str, start: int, end: int) -> bool:
    sentence_start = max(text.rfind(c, 0, start) for c in "。！？!?\n") + 1
    if _HEARSAY.search(text, max(sentence_start, start - 24), start) is None:
        return False
    return _REFUTED.match(text, end) is not None


# A term the viewer is told not to look for or believe (别在评论区问偏方, 不要轻信网上流传的祖传秘方,
# 想找偏方的不要在这问): the host refuses the thing, it does not offer it.
_SEEK = "(?:问|信|听|找|求|搜|打听|要)"
_SEEK_BEFORE = re.compile(
    f"(?:别|不要|千万别|少|不用|别再)(?:再|轻易|轻|随便|乱)?(?:在[\u4e00-\u9fff]{{1,5}})?(?:去)?{_SEEK}"
    "[^，。,！？!?]{0,8}$"
)
_SEEK_AFTER = re.compile(
    f"[^，。,！？!?]{{0,6}}?(?:别|不要|千万别|不用)(?:在这里?|在直播间|在评论区|在弹幕里?|来这里?)?{_SEEK}"
)


def sought_refused(text: str, start: int, end: int) -> bool:
    """True when the viewer is told not to ask for or believe the term (a cure the host refuses)."""
    clause = clause_at(text, start)
    if _SEEK_BEFORE.search(text, max(clause.start, start - 14), start):
        return True
    return _SEEK_AFTER.match(text, end) is not None


# A visit to the doctor made needless (省得天天去医院, 不用再去医院) is a claim, not the advice to go.
_NEEDLESS = re.compile("(?:不用|不必|省得|免得|用不着|不需要)[^，。,]{0,3}$")


def in_disclaimer(text: str, start: int) -> bool:
    clause = clause_at(text, start)
    return any(
        not ("医" in m.group() and _NEEDLESS.search(clause.text, 0, m.start()))
        for m in DISCLAIMER.finditer(clause.text)
    )
