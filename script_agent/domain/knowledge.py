"""Per-category domain knowledge: the facts-free defaults the agents fall back on.

Everything here is deliberately generic and compliant: it fills gaps (a product with fewer than three
selling points, an unknown influencer, a query that only names a kind of product) without inventing
specifics such as prices, certifications or ingredients. Agents mark what they take from here as
inferred so the writer and the quality check treat it as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from script_agent.domain.models import InfluencerStyle

GENERIC_CATEGORY = "通用"

# Query keyword -> category. Longer keywords are matched first (see `category_from_text`), so
# 口红 wins over 红 and 笔记本电脑 over 电脑. Words that are also everyday slang (宝宝, 包邮) are left out.
CATEGORY_KEYWORDS: dict[str, tuple[str, ...]] = {
    "美妆": (
        "口红",
        "唇釉",
        "唇膏",
        "唇泥",
        "粉底",
        "气垫",
        "面膜",
        "精华",
        "眼影",
        "眼霜",
        "防晒",
        "香水",
        "护肤",
        "化妆",
        "彩妆",
        "乳液",
        "面霜",
        "卸妆",
        "腮红",
        "睫毛膏",
        "洗面奶",
        "爽肤水",
        "美妆",
        "化妆品",
    ),
    "食品": (
        "零食",
        "坚果",
        "牛肉干",
        "饼干",
        "辣条",
        "螺蛳粉",
        "咖啡",
        "巧克力",
        "面包",
        "薯片",
        "自热火锅",
        "果干",
        "肉脯",
        "蛋糕",
        "牛奶",
        "酸奶",
        "茶叶",
        "食品",
        "吃的",
        "月饼",
        "粽子",
        "核桃",
        "咸鸭蛋",
        "榴莲",
    ),
    "服饰": (
        "衣服",
        "外套",
        "卫衣",
        "连衣裙",
        "裙子",
        "半身裙",
        "裤子",
        "牛仔裤",
        "T恤",
        "羽绒服",
        "大衣",
        "衬衫",
        "毛衣",
        "鞋子",
        "运动鞋",
        "包包",
        "双肩包",
        "服饰",
        "服装",
        "穿搭",
    ),
    "数码": (
        "手机",
        "耳机",
        "平板",
        "笔记本电脑",
        "电脑",
        "充电宝",
        "相机",
        "智能手表",
        "手表",
        "键盘",
        "鼠标",
        "音箱",
        "喇叭",
        "数码",
        "充电器",
    ),
    "家居": (
        "四件套",
        "枕头",
        "收纳",
        "炒锅",
        "不粘锅",
        "拖把",
        "床垫",
        "毛巾",
        "被子",
        "家居",
        "家具",
        "台灯",
        "扫地机",
    ),
    "母婴": ("纸尿裤", "尿不湿", "奶粉", "奶瓶", "婴儿", "儿童", "辅食", "湿巾", "母婴", "孕妇", "童装"),
}

CATEGORY_ALIASES: dict[str, str] = {
    "彩妆": "美妆", "护肤": "美妆", "化妆品": "美妆", "beauty": "美妆",
    "零食": "食品", "食物": "食品", "饮料": "食品", "food": "食品",
    "服装": "服饰", "鞋包": "服饰", "fashion": "服饰",
    "3c": "数码", "电子": "数码", "电子产品": "数码", "digital": "数码",
    "家具": "家居", "家电": "家居", "home": "家居",
    "baby": "母婴",
}  # fmt: skip

# Generic benefits per category: true of any decent product of the kind, never a specific claim.
DEFAULT_SELLING_POINTS: dict[str, tuple[str, ...]] = {
    "美妆": ("质地轻薄好上手", "日常通勤妆容都适用", "颜值在线适合送礼"),
    "食品": ("独立小包装方便携带", "办公室追剧都能来一口", "口味丰富不容易吃腻"),
    "服饰": ("版型简约百搭", "日常通勤休闲都好穿", "多种尺码可选"),
    "数码": ("操作简单上手快", "日常使用流畅不折腾", "外观简洁耐看"),
    "家居": ("实用性强日常都用得上", "好打理省心省力", "简约设计百搭各种家装"),
    "母婴": ("贴心设计照顾宝宝日常", "使用方便新手爸妈也能轻松上手", "细节用心让家长更放心"),
    GENERIC_CATEGORY: ("日常实用", "使用方便", "颜值在线"),
}

# How the product is typically used, for product_intro scenes without usage facts.
USAGE_HINTS: dict[str, str] = {
    "美妆": "按日常步骤上妆，先少量试用，找到适合自己的用量",
    "食品": "开袋即食，放在包里、办公桌上随时来一点",
    "服饰": "日常搭配基础款单品就很出效果",
    "数码": "开箱按提示设置好，日常打开就能用",
    "家居": "放在家里常用的位置，日常顺手就能用上",
    "母婴": "按说明使用，细节多留心，照顾宝宝更安心",
    GENERIC_CATEGORY: "按说明使用，日常随手就能用上",
}

# A concrete moment per category, used to turn a selling point into a benefit.
USAGE_SCENES: dict[str, tuple[str, ...]] = {
    "美妆": ("早上赶着出门的时候", "约会见朋友之前", "上班开会一整天"),
    "食品": ("下午犯困的时候", "周末追剧的时候", "出门旅行的路上"),
    "服饰": ("周末出门逛街", "上班通勤路上", "和朋友聚会的时候"),
    "数码": ("通勤路上刷视频", "出差开会的时候", "周末出去拍照"),
    "家居": ("下班回到家", "周末大扫除的时候", "家里来客人的时候"),
    "母婴": ("夜里照顾宝宝的时候", "带宝宝出门的时候", "宝宝午睡前后"),
    GENERIC_CATEGORY: ("日常生活里", "上班通勤时", "周末在家时"),
}


@dataclass(frozen=True)
class GenericPersona:
    name: str
    style: InfluencerStyle


GENERIC_PERSONAS: dict[str, GenericPersona] = {
    "美妆": GenericPersona(
        "美妆主播",
        InfluencerStyle(tone="亲切活泼", formality=0.2, catchphrases=["姐妹们"], sentence_length="short",
                        humor_level=0.4, interaction_frequency=0.7),
    ),
    "食品": GenericPersona(
        "美食主播",
        InfluencerStyle(tone="热情接地气", formality=0.2, catchphrases=["家人们"], sentence_length="short",
                        humor_level=0.5, interaction_frequency=0.7),
    ),
    "服饰": GenericPersona(
        "穿搭主播",
        InfluencerStyle(tone="轻松时髦", formality=0.3, catchphrases=["宝子们"], sentence_length="medium",
                        humor_level=0.3, interaction_frequency=0.6),
    ),
    "数码": GenericPersona(
        "数码主播",
        InfluencerStyle(tone="专业清晰", formality=0.6, catchphrases=["朋友们"], sentence_length="medium",
                        humor_level=0.2, interaction_frequency=0.4),
    ),
    "家居": GenericPersona(
        "家居主播",
        InfluencerStyle(tone="温和实在", formality=0.4, catchphrases=["家人们"], sentence_length="medium",
                        humor_level=0.3, interaction_frequency=0.5),
    ),
    "母婴": GenericPersona(
        "母婴主播",
        InfluencerStyle(tone="温柔细致", formality=0.4, catchphrases=["宝妈们"], sentence_length="medium",
                        humor_level=0.2, interaction_frequency=0.5),
    ),
    GENERIC_CATEGORY: GenericPersona(
        "带货主播",
        InfluencerStyle(tone="亲切", formality=0.3, catchphrases=["家人们"], sentence_length="medium",
                        humor_level=0.3, interaction_frequency=0.5),
    ),
}  # fmt: skip

_KEYWORD_INDEX: tuple[tuple[str, str], ...] = tuple(
    sorted(
        ((kw, cat) for cat, kws in CATEGORY_KEYWORDS.items() for kw in kws),
        key=lambda kv: len(kv[0]),
        reverse=True,
    )
)


def normalize_category(category: str | None) -> str | None:
    """Map aliases (化妆品, 零食, 3C …) onto the canonical category names; unknown names pass through."""
    if category is None:
        return None
    name = category.strip()
    if not name:
        return None
    return CATEGORY_ALIASES.get(name.lower(), CATEGORY_ALIASES.get(name, name))


# One alternation, longest keyword first: a search finds the earliest keyword, and at that position
# the longest one (笔记本电脑 over 电脑), in one pass instead of one find per keyword.
_KEYWORD_CATEGORY: dict[str, tuple[str, str]] = {
    kw.lower(): (kw, cat) for kw, cat in reversed(_KEYWORD_INDEX)
}
_KEYWORD_RE = re.compile("|".join(re.escape(kw) for kw, _ in _KEYWORD_INDEX), re.IGNORECASE)


def keyword_in_text(text: str) -> tuple[str, str] | None:
    """The first (longest) product keyword in `text` and its category, e.g. ('口红', '美妆')."""
    m = _KEYWORD_RE.search(text)
    return _KEYWORD_CATEGORY[m.group(0).lower()] if m else None


def category_from_text(text: str) -> str | None:
    found = keyword_in_text(text)
    return found[1] if found else None


def default_selling_points(category: str | None) -> tuple[str, ...]:
    return DEFAULT_SELLING_POINTS.get(
        normalize_category(category) or "", DEFAULT_SELLING_POINTS[GENERIC_CATEGORY]
    )


def usage_hint(category: str | None) -> str:
    return USAGE_HINTS.get(normalize_category(category) or "", USAGE_HINTS[GENERIC_CATEGORY])


def usage_scenes(category: str | None) -> tuple[str, ...]:
    return USAGE_SCENES.get(normalize_category(category) or "", USAGE_SCENES[GENERIC_CATEGORY])


def generic_persona(category: str | None) -> GenericPersona:
    return GENERIC_PERSONAS.get(normalize_category(category) or "", GENERIC_PERSONAS[GENERIC_CATEGORY])
