"""What a selling point is about, read from its words, and the lines that prove and land it.

Why aspects: a benefit line must follow from the point's meaning (持久 → lasts through the day,
续航 → no charger in the bag), not be glued to a random usage scene. Each aspect holds
demonstration lines (what the host shows or does on camera) and benefit lines (what the viewer
gains). Lines state nothing the product data does not: no numbers, certifications or ingredients.
`{n}` is the product's short name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Aspect:
    id: str
    keywords: tuple[str, ...]
    demos: tuple[str, ...]
    benefits: tuple[str, ...]


ASPECTS: tuple[Aspect, ...] = (
    Aspect(
        "lasting",
        ("持久", "持妆", "不脱色", "不掉色", "不沾杯", "留香", "长效"),
        (
            "我早上涂的，到现在都播了两个小时了，大家凑近看看镜头",
            "我拿纸巾轻轻按一下，大家看纸上几乎没怎么沾",
        ),
        ("出门前弄好，中午不用躲进洗手间补", "一整天忙起来也不用总惦记着它"),
    ),
    Aspect(
        "moisture",
        ("保湿", "滋润", "水润", "不拔干", "不干", "润"),
        ("我在手背上薄薄抹开，大家看这个光泽是润润的", "抿一下再张开，没有那种干巴巴的纹路"),
        ("秋冬干燥的时候用也不会绷着难受", "用完是舒服的，不是闷着的"),
    ),
    Aspect(
        "texture",
        ("质地", "轻薄", "丝绒", "雾面", "细腻", "顺滑", "好推开", "好上手"),
        ("我挖一点在手背上，推一下就开了", "大家看镜头，这个质地上手是很细腻的"),
        ("手残党也能一次弄好，不用反复返工", "早上赶时间几下就能搞定"),
    ),
    Aspect(
        "color",
        ("色", "显白", "颜色", "色号", "豆沙", "玫瑰"),
        ("我直接上嘴给大家看，自然光下是这个颜色", "我在手臂上画一道，大家对比一下肤色"),
        ("素颜涂也不突兀，化了妆也压得住", "通勤约会都能用，不挑场合"),
    ),
    Aspect(
        "multi_use",
        ("一支", "两用", "多用", "也能", "一物多用", "还能当"),
        ("我先用在这里，再换个地方用，大家看同一支的效果", "两种用法我都现场给大家演示一遍"),
        ("出门包里少带一样东西", "一份钱办两件事，很实在"),
    ),
    Aspect(
        "warmth",
        ("保暖", "暖", "绒", "充绒", "鸭绒", "鹅绒", "抗寒"),
        ("我把它拿起来给大家掂一掂，大家看它有多轻", "大家看我这样一捏，松开它马上又蓬回来了"),
        ("冬天出门不用里三层外三层地裹", "早晚温差大的时候，穿上就安心"),
    ),
    Aspect(
        "fit",
        ("版型", "显高", "显瘦", "腿长", "短款", "修身", "宽松", "廓形"),
        ("我直接上身给大家看，侧面转一圈", "大家看镜头，这个长度正好落在腰线上"),
        ("小个子穿也不会被压住，比例一下就出来了", "日常随便搭条裤子就很利落"),
    ),
    Aspect(
        "weather",
        ("防泼水", "防水", "防风", "雨", "雪", "防污"),
        ("我现场往上面洒一点水，大家看水珠直接滚下去了", "我拿湿纸巾擦一下，大家看表面"),
        ("路上碰到小雨小雪不用慌", "通勤路上天气变了也不狼狈"),
    ),
    Aspect(
        "comfort",
        ("舒服", "透气", "柔软", "亲肤", "不闷", "舒适", "软"),
        ("我摸给大家看，这个手感是软软的", "我拉一下给大家看它的弹性"),
        ("一整天穿着也不会想赶紧脱掉", "在家在外都穿得住"),
    ),
    Aspect(
        "portion",
        ("一天一袋", "独立", "小包装", "小袋", "一袋", "分装", "每袋"),
        ("我拆一袋给大家看，一袋就是这么一小把", "大家看，每一袋都是单独封好的"),
        ("放包里、放抽屉都方便，吃多少拆多少", "不用担心一大包打开放软了"),
    ),
    Aspect(
        "variety",
        ("种", "搭配", "混合", "多种", "口味", "丰富"),
        ("我倒出来给大家看，里面有好几样", "我一样一样拿起来给大家看"),
        ("每天吃都不容易腻", "一袋里就有好几种口感"),
    ),
    Aspect(
        "fresh",
        ("保鲜", "新鲜", "氮气", "锁鲜", "酥脆", "脆"),
        ("我现场拆开，大家听这个声音，脆的", "大家看我掰开的这个切面"),
        ("每次拆开都是刚好的状态", "放一阵子再吃也不担心受潮"),
    ),
    Aspect(
        "taste",
        ("好吃", "香", "味", "甜", "咸", "鲜", "嚼劲", "口感"),
        ("我现场吃一个给大家听听", "我拿起来给大家看看它的样子"),
        ("下午饿了来一点就很满足", "追剧的时候手边有它就够了"),
    ),
    Aspect(
        "battery",
        ("电池", "续航", "一天一充", "mAh", "待机"),
        ("我打开设置给大家看电池这一栏", "我把它和我平时用的放在一起给大家比一比"),
        ("出门一天不用到处找插座", "包里可以少带一个充电宝"),
    ),
    Aspect(
        "charging",
        ("快充", "充电", "充到", "W"),
        ("我现场插上给大家看充电的界面", "大家看屏幕上显示的充电状态"),
        ("早上洗漱的工夫就能补上不少电", "出门前临时想起来充一下也来得及"),
    ),
    Aspect(
        "screen",
        ("屏", "高刷", "刷新", "跟手", "显示", "OLED"),
        ("我现场滑给大家看，大家注意看滚动的时候", "我把亮度调高给大家看画面"),
        ("刷视频、看文档眼睛看着舒服", "打游戏、滑页面都顺"),
    ),
    Aspect(
        "camera",
        ("像素", "拍照", "镜头", "影像", "主摄"),
        ("我现场拍一张给大家看", "我把刚拍的照片放大给大家看细节"),
        ("出去玩随手一拍就能发", "拍娃拍风景都不用反复重来"),
    ),
    Aspect(
        "easy",
        ("简单", "方便", "上手", "省心", "省力", "一键", "轻松"),
        ("我现场从头操作一遍给大家看", "大家看，就这么一下就好了"),
        ("新手拿到也不用研究半天", "每天用起来不费劲"),
    ),
    Aspect(
        "clean",
        ("好打理", "易清洗", "不粘", "好清洁", "免洗", "可水洗"),
        ("我现场用水冲一下给大家看", "大家看我用完直接一擦"),
        ("用完收拾起来不费时间", "下班回家不用对着它发愁"),
    ),
    Aspect(
        "capacity",
        ("收纳", "容量", "大容量", "能装", "空间"),
        ("我把东西一样一样放进去给大家看", "大家看，这么多放进去还有空"),
        ("家里桌面一下就清爽了", "东西放哪儿都有数"),
    ),
    Aspect(
        "safety",
        ("安全", "放心", "材质", "无味", "温和", "细节"),
        ("我把它的细节部分拿近给大家看", "大家看边角这里的处理"),
        ("家里有老人小孩也用得安心", "每天接触的东西，用着踏实"),
    ),
    Aspect(
        "looks",
        ("颜值", "外观", "设计", "好看", "精致", "送礼", "简约"),
        ("我把它转一圈给大家看看外观", "放在桌上给大家看整体的样子"),
        ("自己用开心，送人也拿得出手", "摆在家里、拿在手上都好看"),
    ),
    Aspect(
        "versatile",
        ("百搭", "通勤", "日常", "都适用", "场合"),
        ("我换两种搭配给大家看", "大家看，配这个和配那个都可以"),
        ("上班周末都能用上，不会买回来闲置", "一件能顶好几件的用处"),
    ),
)

GENERIC = Aspect(
    "generic",
    (),
    ("我拿近一点给大家看看", "我现场给大家演示一下"),
    ("日常用起来就能感受到", "买回去是真的会经常用到的"),
)


def aspect_of(point: str) -> Aspect:
    """The aspect whose keyword ends latest in the point (ties: the longer keyword).

    Why latest: a Chinese claim usually names the feature first and the benefit last (丝绒雾面
    不拔干 is about moisture, 90%白鸭绒轻薄又保暖 about warmth), and the benefit is what to prove."""
    best: tuple[int, int, Aspect] | None = None
    for aspect in ASPECTS:
        for kw in aspect.keywords:
            pos = point.rfind(kw)
            if pos >= 0 and (best is None or (pos + len(kw), len(kw)) > (best[0], best[1])):
                best = (pos + len(kw), len(kw), aspect)
    return best[2] if best else GENERIC
