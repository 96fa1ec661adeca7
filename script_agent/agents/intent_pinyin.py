"""Pinyin typed when the input method broke (bang wo xie ge kaichang / duan yidian / 20 miao), read
back into the characters the tables know, before any table.

Why a step of its own, like intent_register's English: a host whose input method fails keeps typing
the same requests by sound, toneless and often unspaced. Words of the tables are looked up by their
syllables (longest first, so yiduan is 一段 before duan is 短); the rest are left as typed (a quoted
claim, "yongbu tuose", is asked about, not read). Only a message whose every Latin word is pinyin is
read so: English (太formal了 / product intro) keeps its own reading, and a lone ending or long that
happens to spell syllables is never taken for pinyin without another table word beside it.
"""

from __future__ import annotations

import re

# Table words by their toneless syllables, written joined; the input may space them or not.
WORDS: dict[str, str] = {
    "nihao": "你好", "bangwo": "帮我", "bang": "帮", "wo": "我", "ni": "你", "xie": "写", "xieyige": "写一个",
    "yige": "一个", "ge": "个", "yiduan": "一段", "duan": "短", "yiban": "一版", "ban": "版", "yixia": "一下",
    "kaichang": "开场", "maidian": "卖点", "cuxiao": "促销", "shouwei": "收尾", "jieshao": "介绍",
    "chanpin": "产品", "huopo": "活泼", "yidian": "一点", "dian": "点", "ye": "也", "zai": "再", "lai": "来",
    "xianzai": "现在", "zhege": "这个", "zhe": "这", "na": "那", "neng": "能", "shuo": "说", "ma": "吗",
    "bie": "别", "tai": "太", "zhengshi": "正式", "le": "了", "kouyu": "口语", "kouyuhua": "口语化",
    "chang": "长", "miao": "秒", "fenzhong": "分钟", "youmo": "幽默", "gaoxiao": "搞笑", "wennuan": "温暖",
    "qinqie": "亲切", "hudong": "互动", "jiage": "价格", "buyao": "不要", "yao": "要", "gai": "改",
    "qudiao": "去掉", "jiang": "讲", "zhongdian": "重点", "duo": "多", "shao": "少", "ba": "吧",
    "hao": "好", "xing": "行", "rexie": "热血", "wenrou": "温柔", "jianduan": "简短", "jiachang": "加长",
    "zaixie": "再写", "zailai": "再来",
}  # fmt: skip
_INITIAL = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = (
    "(?:iang|iong|uang|ang|eng|ing|ong|uai|ian|iao|uan|van|ai|ei|ao|ou|an|en|er|ia|ie|in|iu|ua|uo|ui|un"
    "|ue|ve|a|o|e|i|u|v)"
)
_SYLLABLES = re.compile(f"(?:{_INITIAL}{_FINAL})+")
_TOKEN = re.compile("[A-Za-z]+")
_LONGEST = max(len(k) for k in WORDS)


def _hanzi(word: str) -> str | None:
    """A run of syllables (spaces removed) in table words, or None if any part is no table word."""
    out, at = [], 0
    while at < len(word):
        for end in range(min(len(word), at + _LONGEST), at, -1):
            if word[at:end] in WORDS:
                out.append(WORDS[word[at:end]])
                at = end
                break
        else:
            return None
    return "".join(out)


def _is_pinyin(token: str) -> bool:
    return token.islower() and _SYLLABLES.fullmatch(token) is not None


_RUN = re.compile("[a-z]+(?: [a-z]+)*")
_QUOTED = re.compile('["“「『][^"”」』]*["”」』]')


def characters(text: str) -> str:
    """The text with its pinyin read as characters; unchanged unless every Latin word is pinyin and
    table words are read from at least two of them."""
    tokens = _TOKEN.findall(text)
    if len(tokens) < 2 or not all(_is_pinyin(t) for t in tokens):
        return text
    spans = [m.span() for m in _QUOTED.finditer(text)]
    read_words = 0

    def run(m: re.Match[str]) -> str:
        nonlocal read_words
        if any(a <= m.start() < b for a, b in spans):
            return m.group(0)  # a quoted claim is asked about as typed
        read = _hanzi(m.group(0).replace(" ", ""))
        if read is None:
            return m.group(0)
        read_words += m.group(0).count(" ") + 1
        return read

    out = _RUN.sub(run, text)
    if read_words < 2:
        return text
    # a space between the characters read, or before a unit (30 miao), is no clause break
    return re.sub('(?<=[\u4e00-\u9fff0-9"”」』])\\s+(?=[\u4e00-\u9fff"“「『])', "", out)
