"""The fast-typing and dictation register, read back into the words the rules know, before any table.

Why a step of its own: an assistant typing fast and a host dictating by voice say the same requests
with English tone and scene words (太formal了 / product intro来一段 / vibe不对), fillers for pauses
(嗯), and characters typed by sound (在来一段 for 再来一段). Mapping those onto the Chinese the
tables are written in keeps one vocabulary in the tables instead of a second, English copy of each.
A 嗯 is a pause, so it is read as a space: the scope reader takes a space for a comma (intent_scope).
The modification text handed to the writer stays as the user said it; only recognition reads this.
"""

from __future__ import annotations

import re

from script_agent.agents.intent_classical import modern
from script_agent.agents.intent_dialect import mandarin
from script_agent.agents.intent_pinyin import characters
from script_agent.agents.intent_rewrite import rewrite

# English said for a scene or a tone (case ignored, whole words only: 'formal' inside 'informal' is
# the informal entry). Each maps to the table word it means.
ENGLISH: tuple[tuple[str, str], ...] = (
    ("next (?:item|product)", "下一个产品"),
    ("write", "写"),
    ("black friday", "黑五"),
    ("product intro(?:duction)?", "产品介绍"),
    ("selling points?", "卖点"),
    ("opening|opener", "开场"),
    ("closing|ending|outro", "收尾"),
    ("promo(?:tion)?", "促销"),
    ("informal|casual|chill", "口语"),
    ("formal|official", "正式"),
    ("professional", "专业"),
    ("hype|high|energetic", "嗨"),
    ("lively", "活泼"),
    ("warm|warmer", "温暖"),
    ("funny|humou?r", "幽默"),
    ("shorter|short", "短"),
    ("longer|long", "长"),
    ("cta", "互动"),
    ("vibe|feel", "感觉"),
)
_ENGLISH = tuple(
    (re.compile(f"(?<![A-Za-z])(?:{words})(?![A-Za-z])", re.IGNORECASE), chinese)
    for words, chinese in ENGLISH
)
# Fillers of dictation: a pause, read as a space (嗯 is never part of a word).
FILLER = re.compile("[嗯呃]+")
# 在 typed by sound for 再 where a clause opens with it before a verb of writing or editing
# (在来一段 / 在短一点); 现在来一段 and 在直播间 keep theirs.
SOUNDALIKE_ZAI = re.compile(
    "(?:^|(?<=[\\s，,。！!？?；;那就好]))在(?=来|写|整|出一|出个|短|长|改|精简|活泼|热情|正式|口语|弄|做一|简|多加|加点)"
)


# Words of Taiwanese and Singaporean Mandarin, and typing by sound, in the tables' words.
REGIONAL: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("讯息"), "信息"),
    (re.compile("影片"), "视频"),
    (re.compile("介少|介招"), "介绍"),
)
# Cantonese typed as said, in one pass: 嚟 (来), 啲 (点 / 呢啲 these), 嗰 (那), 呢个 (这个), 系咪 (是不是),
# 都系 (都是), 几多 (多少), 几耐 (多久).
CANTONESE = re.compile(
    "嚟多(?=[一1个段版])|嚟|呢啲|啲|嗰|呢(?=个|款|件|段|支)|系咪|(?<=[都就也])系|几多|几耐"
)
_CANTONESE_WORD = {
    "呢啲": "这些",
    "啲": "点",
    "嗰": "那",
    "呢": "这",
    "系咪": "是不是",
    "系": "是",
    "几多": "多少",
    "几耐": "多久",
}
_LATIN = re.compile("[A-Za-z]")
# Hong Kong Chinese is typed in traditional characters (寫個開場 / 產品介紹 / 雙十一優惠): the ones the
# tables' words are made of, read as their simplified forms. A character, never a word, so it stays
# one table pass.
TRADITIONAL = str.maketrans(
    "寫個開場賣緊絨產紹講點樣顯長縮後幫這們說話動還優雙溫鐘飲問觀眾試條時間鬆乾麼嗎來價錢買對應種邊"
    "與為會麵頭題貨寶現實發氣給讓節專業裡裏過從體覺經級線擊號歡適風筒飯煲銷紅膚細嚴並臺灣區燈熱鬧錶輕聲聽鍋蠶絲",
    "写个开场卖紧绒产绍讲点样显长缩后帮这们说话动还优双温钟饮问观众试条时间松干么吗来价钱买对应种边"
    "与为会面头题货宝现实发气给让节专业里里过从体觉经级线击号欢适风筒饭煲销红肤细严并台湾区灯热闹表轻声听锅蚕丝",
)
# Cantonese words the tables say otherwise: 推介 is the selling pitch, 唔好咁X 别这么X, 可唔可以 可不可以,
# 長咗 长了, 佢 它, 咩 啥, 加返 加回, 最尾 最后; each as long as what it reads, so a focus found in the
# reading is found at the same place in what was typed (as_said).
CANTONESE_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("推介"), "卖点"),
    (re.compile("唔好咁"), "别这么"),
    (re.compile("唔好"), "不要"),
    (re.compile("唔"), "不"),
    (re.compile("咗"), "了"),
    (re.compile("佢"), "它"),
    (re.compile("咩"), "啥"),
    (re.compile("(?<=[加讲])返"), "回"),
    (re.compile("最尾"), "最后"),
    (re.compile("(?<=[一这那])樣係|係"), "是"),
)
_CANTONESE_MARK = re.compile("[唔咗佢咩係返尾推]")


def _mandarin(m: re.Match[str]) -> str:
    word = m.group(0)
    return "来" if word.startswith("嚟") else _CANTONESE_WORD[word]


def normalized(text: str) -> str:
    """The utterance in the table's words: pinyin in characters, English tone and scene words in
    Chinese, classical and regional words in Mandarin, fillers as spaces, 在 read as 再 where it opens
    a request; whitespace collapsed."""
    text = characters(text)  # bang wo xie ge kaichang: pinyin typed (intent_pinyin)
    text = rewrite(text, _ENGLISH, _LATIN)  # most turns carry no English word: one search
    text = rewrite(text, REGIONAL).translate(TRADITIONAL)
    text = rewrite(text, CANTONESE_WORDS, _CANTONESE_MARK)
    text = CANTONESE.sub(_mandarin, text)
    text = mandarin(text)  # 摆一哈 / 写只 / 卖围巾额: regional Mandarin (intent_dialect)
    text = modern(text)  # 撰开场之辞 / 宜稍简 / 可否言: the classical register (intent_classical)
    text = FILLER.sub(" ", text)
    text = SOUNDALIKE_ZAI.sub("再", text)
    return " ".join(text.split())


_SAME_LENGTH = {
    "唔": "不",
    "咗": "了",
    "佢": "它",
    "係": "是",
    "返": "回",
    "啲": "点",
    "嗰": "那",
    "呢": "这",
    "嚟": "来",
    "咩": "啥",
}


def as_said(value: str, said: str) -> str:
    """A focus read in simplified Mandarin (它点解不会干), in the characters it was typed in
    (佢點解唔會乾): the writer is handed the host's own words, as for every other focus."""
    if value in said:
        return value
    local = "".join(_SAME_LENGTH.get(c, c) for c in said.translate(TRADITIONAL))
    at = local.find(value)
    return said[at : at + len(value)] if at >= 0 and len(local) == len(said) else value
