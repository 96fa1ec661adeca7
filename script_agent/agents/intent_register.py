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

# English said for a scene or a tone (case ignored, whole words only: 'formal' inside 'informal' is
# the informal entry). Each maps to the table word it means.
ENGLISH: tuple[tuple[str, str], ...] = (
    ("next (?:item|product)", "下一个产品"),
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


def _mandarin(m: re.Match[str]) -> str:
    word = m.group(0)
    return "来" if word.startswith("嚟") else _CANTONESE_WORD[word]


def normalized(text: str) -> str:
    """The utterance in the table's words: English tone and scene words in Chinese, fillers as
    spaces, 在 read as 再 where it opens a request; whitespace collapsed."""
    if _LATIN.search(text):  # most turns carry no English word: skip the table
        for pattern, chinese in _ENGLISH:
            text = pattern.sub(chinese, text)
    for pattern, word in REGIONAL:
        text = pattern.sub(word, text)
    text = CANTONESE.sub(_mandarin, text)
    text = FILLER.sub(" ", text)
    text = SOUNDALIKE_ZAI.sub("再", text)
    return " ".join(text.split())
