"""The rule tables the intent agent reads: patterns for kinds, scenes, events, directives and references.

Kept apart from the agent so the vocabulary can grow without touching the resolution logic, and so
tests can reason about one table at a time.
"""

from __future__ import annotations

import re

from script_agent.domain.intent import DirectiveKind as K
from script_agent.domain.models import Scene
from script_agent.domain.numerals import small_number

# Another one, by structure rather than by phrase: (1) 再 + a giving verb + a measure word (再给我一个
# 版本, 再整一个, 再来个差不多的); (2) another / a new version (另一版, 别的版本); (3) the same
# meaning in other words or from another angle (换套词, 换一批说法, 换个角度, 换个思路); (4) several
# or an alternative (多给几个版本, 给个备选), but not of the things inside a script (来几个段子 asks
# for jokes in it); (5) going on, by 续 or by 往下 (续写, 再续一段, 顺着刚才的往下写).
CONTINUE = re.compile(
    "再(?:(?:帮我|给我|帮忙)(?:给|来|写|出|整|做|弄|续)?|给|来|写|出|整|做|弄|续)(?:一|1)?(?:个|段|版|条|篇|遍|份)|再生成"
    "|(?:另外|另|别的|其他|其它|新的|不一样的)(?:一)?(?:个|种)?(?:版本|版|写法|说法|讲法|表达)"
    "|(?:给|来|出|写)(?:几|两|三)(?:个|段|版|条)(?!段子|笑|梗|金句|彩蛋|互动|问题|例子|比喻|句)|备选(?!那|这)|备用(?!那|这)"
    "|换(?:一)?(?:个|种|套|批|些)?(?:说法|写法|讲法|表达|措辞|用词|词|角度|思路|方式|路子)"
    "|继续写|接着写|续写|(?:再|往下|接着)续|往下(?:写|接|讲|说)|(?:接着|顺着|跟着)[^，,。；;！!？?]{0,5}?往下"
)
# A rewrite with no direction (把第一段重写) is one more version of it; with one it is an edit.
REWRITE = re.compile("重写|重新(?:写|来|出|弄|整|做)|重来")
MODIFY = re.compile(
    "改(?:短|长|得|成|一下|一改|为)|修改|调整|润色|精简|缩短|加长|扩写|重写|重新写|换个风格|换种风格|换一种风格"
    "|优化|弄得|调一调|(?<![个种的])调调|调下|动一动|动动|弄一下|弄弄|琢磨|打磨|完善|改改|再改"
)
# Said of a script already written (so only counted when there is one): dissatisfaction wants an
# edit without saying which; order and wording edits want one the writer may not offer.
RESHAPE = re.compile(
    "不满意|不太满意|不对劲|(?:感觉|味道|调性)不(?:太)?对|不够好|不太好|一般般|差点意思|不太行"
    "|(?:换|调|改|打乱)(?:一下|个)?顺序|顺序(?:换|调|改|反)|合成一段|合并|调换|挪到|放到最后|放到前面"
    "|把[“\"「'].{1,12}?[”\"」'](?:换成|改成)"
)
# 重点换成B moves the focus, not the product; 介绍下产品 is 介绍一下产品 (V下 for V一下), not the next one.
SWITCH = re.compile(
    "(?<!重点|重心|主角|核心)(?:换成|换到)(?![“\"「'])|切换到|换(?:商品|产品)"
    # 换个实在的说法 / 想换个工具: 换个 naming a wording or a tool is no other product
    "|换(?:一|1)?(?:个|款)(?![^，,。]{0,6}?(?:说法|写法|讲法|表达|措辞|用词|角度|思路|方式|路子|工具|软件|风格|语气))"
    "(?:商品|产品|货)?"
    "|下一?(?:个|款|件)(?:商品|产品|品|链接|宝贝)|(?<![绍讲说聊写整弄看推带])下(?:商品|产品|品|链接|宝贝)|后面这个品"
    "|(?:另一|另外一|别的|其他|其它)(?:款|个|件)?(?:商品|产品|宝贝|品)|另一款|另外一款"
    # 换回面霜 / 切回保温杯 go back to a product; 换回来 / 换回之前的说法 go back to wording
    "|(?:换|切)回(?!来|去|之前|以前|原来|刚才|刚刚|第|上一|前面|那|最初|最开始|一开始)"
)
# 换个说法 / 换个风格 contain 换个 but are continue / modify, checked before SWITCH.
# 写得活泼一点 describes how it is written (an edit), it does not ask for a new script.
# 多写几句 / 少写点 asks for more or less of the same script, not for a new one.
# 刚写好的 / 写完的 / 写到价格 / 写错 / 写了“X” point at what is written, they do not ask to write.
# 介绍下产品 asks for the product to be introduced (多介绍一下X is more of X in the script).
GENERATE_VERB = re.compile(
    '(?<![多少补刚])写(?![得的好完过到错精]|了[“"「『])|来一段|(?:整|弄|搞)一(?:段|个|条|版)|生成|出一段|出个|做一段|准备一段'
    "|(?<![多再少])介绍(?:一)?下(?:产品|商品|这款|它)"
)
# 写长点 on its own says how to write what is there; 开场写长一点 names what to write anew.
WRITE_HOW = re.compile("^(?:再|就)?写(?:长|短|简|细)")
# A question about the script itself (how many characters, how long it reads): asked of the latest one.
SCRIPT_QUESTION = re.compile(
    "多少(?:个)?字|几个字|字数(?:是|有)?多少"
    "|(?:念|读|说|播)(?:完|下来|一遍)?(?:大概|大约|要|得|需要|能)*(?:多久|多长时间|几分钟|几秒|多少秒|多少分钟)"
    "|(?:这|那)(?:一)?段(?:有|大概)?多长"
)
# 有没有 / 提没提 / 是不是: a question by its verb said twice; asked of a script only when one is
# referred to (那段里有没有违规的说法), since 有没有四件套的开场 asks for one to be written.
A_NOT_A = re.compile("([\u4e00-\u9fff])[没不]\\1")
QUERY = re.compile(
    "多少钱|什么价|价格是|价位|怎么用|如何使用|怎么吃|怎么穿|适合(?:什么|谁|哪些)|是什么|有什么(?:卖点|优点|特点|亮点)"
    "|哪里好|好不好|怎么样|咋样|能不能|可以吗|吗[？?]?$|[？?]\\s*$"
    # typed fast, a question has no question mark: 充绒量多少来着 / 一袋几克 / 含量是多少 / 保质期多久
    "|来着|是多少|有多少|多少(?=$|\\s|啊|呀|呢)|保质期|(?:什么|啥)(?:材质|面料|成分|料子)"
    "|(?:几|多少)(?:克|斤|两|寸|英寸|毫升|毫安|瓦|种|款|个色|袋|包)(?=$|\\s|[，,]|啊|呀|呢|来着)"
    # 刚出来那个 多长 / 电池多大，…: a measure asked, closing its clause
    "|多(?:大|重|高|宽|厚|久|长)(?=$|\\s|[，,]|啊|呀|呢|来着)|" + SCRIPT_QUESTION.pattern
)
# Whether a phrase may be said on stream (能说“X”吗 / 算不算违规 / 没毛病吧): asked of what is being
# written, so it is a question in the scene in force, and the quoted phrase fills no slot. 能说说 /
# 能讲讲 ask for a telling, and 可以说是 is a figure of speech: neither counts.
SAY_ON_STREAM = re.compile(
    "违规|违禁|违法|违反|广告法|合规|极限词|敏感词|夸大|虚假宣传|被罚|限流"
    "|(?:能|能不能|可以|可不可以)(?:在直播间?里?)?(?:这么|这样)?(?:说|讲|提|宣传)(?![说讲是成得出一下个段])(?!提(?![高升]))|能不能用"
    # 说“全网最低价”可以吗 / 讲“X”行不行: the leave asked after the quoted words
    '|[”"」』](?:这种话|这句话|这种说法|这么说|这样说)?(?:可以吗|可以不|可不可以|行吗|行不行|能说吗|OK吗|ok吗)'
    "|没(?:毛病|问题)(?:吧|吗|嘛|不)|有没有问题|有问题(?:吗|没|不)|算不算|妥不妥|行不行"
    # “X”这样说 (its 可以吗 read as politeness, intent_jargon) / 能说成防水吗: the wording asked about
    '|[”"」』](?:这么|这样)说\\s*$|(?:能|可以)(?:说|讲|写)(?:成|是)[^，,。？?]{1,10}吗'
)
QUOTED = re.compile('[“"「『][^”"」』]*[”"」』]')
# 可以帮我想一下…吗 / 能帮我弄一段…吗: a request put as a question asks for the writing, not an answer.
# 能帮我查下保质期吗 stays a question: only a verb of writing or thinking up follows.
POLITE_ASK = re.compile(
    "^(?:请问)?(?:你)?(?:可以|能|能不能|可不可以|麻烦(?:你)?)(?:帮我|帮忙|给我|替我)(?:再)?"
    "(?:想|写|弄|整|出|做|来|编|准备|琢磨|搞|设计)"
)
# 通用开场 / 不针对哪个产品: a script for no product in particular, so none is asked for.
NO_PRODUCT = re.compile("通用|不针对(?:哪个|哪款|任何|具体)?(?:产品|商品)|不限(?:产品|商品)|不带(?:产品|货)")
# A verdict on a scene already written (开场可以，再写个卖点 / 促销挺好的 下面写收尾): that scene
# is judged, not asked for. 开场可以再短一点 is an edit: only a writing verb after 再 ends the verdict.
VERDICT = re.compile(
    "(?:这段|那段|这个|那个|这版|那版|的|写得|部分)?(?:还|挺|很|蛮|真|就|算|也)?"
    "(?:可以|不错|挺好|好了|还行|OK|ok|Ok|没问题|没毛病|满意|这样|定了|过了|蛮好|很好|挺棒|很棒|行了)"
    "(?:了|的|啊|吧|呀|哈|哦)*(?=$|[，,。！!；;\\s]|再(?:写|整|出|做|弄|来)|接着|然后|下面|接下来|现在|那就)"
)

# Scene names first; the weak words (讲讲, 介绍, 优惠 …) decide only when no scene is named, so
# 讲讲它的卖点 is a selling-points request although 讲讲 comes first.
SCENE_KEYWORDS: tuple[tuple[re.Pattern[str], Scene], ...] = (
    # 每个卖点都要讲到 counts the points inside a script; it does not ask for the selling-points scene.
    (
        re.compile(
            "(?<!每个|各个|所有|几个|这些|那些|两个|三个|每一)卖点|亮点|优势|好在哪"
            "|(?<![多少再去来要想得])买点(?=$|[，,。！!？?\\s]|那|这|的|吧|也|来|介绍|话术|部分)"
        ),
        Scene.SELLING_POINTS,
    ),
    (re.compile("开场|开个场|开播|暖场"), Scene.OPENING),
    (re.compile("促销|促消|逼单|催单|促单|秒杀|憋单|福袋口播"), Scene.PROMOTION),
    (re.compile("收尾|收个尾|收口|下播|结尾|谢幕"), Scene.CLOSING),
    # 四件套介绍 / 写个介绍 name the scene as a noun; 介绍一下 / 多介绍 / 给我介绍 are verbs
    (
        re.compile(
            "产品介绍|商品介绍|(?<=[\u4e00-\u9fff])(?<![多少再来去要想给帮你我])介绍(?=$|\\s|[，,。！!]|话术|部分)"
            # 再整个介绍四件套的: an intro named by its verb and object, as a noun
            "|(?<![多少再来去要想给帮你我])介绍(?=[\u4e00-\u9fff]{1,8}的(?:$|[，,。！!\\s]|撒|吧|嘛))"
        ),
        Scene.PRODUCT_INTRO,
    ),
)
SCENE_WEAK: tuple[tuple[re.Pattern[str], Scene], ...] = (
    (re.compile("欢迎"), Scene.OPENING),
    (re.compile("优惠|活动|下单|福利|价格|多少钱|什么价"), Scene.PROMOTION),
    (re.compile("结束|总结"), Scene.CLOSING),
    (re.compile("介绍|讲解|讲讲|怎么用|是什么|适合"), Scene.PRODUCT_INTRO),
)

# The event is read out in the script (双十一期间…): one spelling per name (双11 and 双十一 are the
# same words), but a festival called by another name keeps it (女神节 / 女王节 / 妇女节 are what
# the host says, not 38节).
EVENTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("双十一|双11|(?<![0-9.])11\\.11(?![0-9])"), "双十一"),
    (re.compile("双十二|双12|(?<![0-9.])12\\.12(?![0-9])"), "双十二"),
    (re.compile("618|六一八"), "618"),
    (re.compile("年货节"), "年货节"),
    (re.compile("38节|三八节"), "38节"),
    (re.compile("女神节"), "女神节"),
    (re.compile("女王节"), "女王节"),
    (re.compile("妇女节"), "妇女节"),
    (re.compile("520"), "520"),
    (re.compile("七夕"), "七夕"),
    (re.compile("情人节"), "情人节"),
    (re.compile("春节|过年"), "春节"),
    (re.compile("中秋"), "中秋"),
    (re.compile("国庆"), "国庆"),
    (re.compile("开学季"), "开学季"),
    (re.compile("黑五|黑色星期五"), "黑五"),
    (re.compile("周年庆"), "周年庆"),
)

# (pattern, (kind, direction)): direction True means "more of it"; the scope reader decides whether
# the mention is asked for or refused (不要太正式 -> FORMAL, refused -> less formal).
DIRECTIVES: tuple[tuple[re.Pattern[str], object], ...] = (
    (
        re.compile(
            "长一点|长一些|长点|长些|偏短|详细|加长|扩写|改长|丰富一点|丰富些|多说点|多讲点|展开讲|展开说|展开细讲|细讲"
            # 忒 is 太 (忒长了); 太久 complains of the time it reads, as 太长 of its length
            "|(?<=[太忒])长|(?<=[太忒])细|(?<=[那这]么)细|(?<=有点)长|(?<=[那这]么)长|(?<=[太忒])久|(?<=有点)久"
            # a bare fragment after a script: 再长 / 更长 / 长 两分钟
            "|(?:^|(?<=[\\s，,。！!]))(?:再|更|还要|还得|能再)?长(?=$|[\\s，,。！!呀啊吧嘛])"
            # lengthened to a time: 拉长到两分钟 / 延长到90秒
            "|(?:拉长|延长|扩|拉)(?:到|至)(?=\\s*[0-9一二两三四五六七八九十半])"
            # more of the same words: 多写几句 / 多补几句细节 / 补点细节 / 具体一点
            "|多(?:写|补|加|来|说)(?:几句|一些细节|点细节|些细节|点内容|些内容)|多写(?:一)?点|(?:补|加)(?:几句|点细节|些细节)"
            "|具体一点|具体些|写细|讲细|(?:内容|字数|篇幅|文字)(?:再)?(?:多(?!少)|丰富|充实)"
        ),
        (K.LENGTH, True),
    ),
    (
        re.compile(
            "短一点|短一些|短点|短些|简短|精简|精炼|凝练|简练|缩短|改短|简洁|(?<=[太忒])短|(?<=有点)短|压缩|减半"
            # a bare fragment after a script: 再短 / 更短 / 短 一分钟 (短款 / 短袖 are products)
            "|(?:^|(?<=[\\s，,。！!]))(?:再|更|还要|还得|能再)?短(?=$|[\\s，,。！!呀啊吧嘛])"
            # cut to a time by a verb of cutting (缩成半分钟 / 从两分钟砍到一分钟); setting one
            # (压到一分钟 / 控制在40秒 / 改成20秒) says only the time, in the duration slot
            "|(?:缩|砍|减|删)(?:短)?(?:到|成|至)(?=\\s*[0-9一二两三四五六七八九十半])"
            # cutting the amount: 篇幅砍掉一半 / 字数再压一压 / 减掉三分之一 / 删几句
            "|(?:篇幅|字数|长度|内容|文字)(?:再|都|给我|稍微)?(?:砍|减|缩|压|删)|(?:砍掉|减掉|删掉|删去)(?:一半|[一二三四两]?(?:分之|成)|几句|一些|点)"
            # a cutting verb on its own, doubled or with 一下 (再砍一砍 / 压一压 / 缩一下), or tightness
            "|砍一?砍|缩一?缩|压一?压|删一?删|(?:砍|缩|压)(?:一下|一点|点)(?!价)|删减|紧凑|收紧"
            # 砍一半 / 删一半 / 短一丢丢: the amount cut said plainly or by a child's word
            "|(?:砍|删|减|缩)(?:个)?一半|短一丢丢?"
            # 与其写长，不如写精: written tight
            "|(?:写|弄|改|讲)(?:得)?精(?![华致准彩细品选])|精悍"
            # 再来个短的产品介绍: the short one asked for (那个短的 names one already written)
            "|(?<=[来写要出整]个)短的"
        ),
        (K.LENGTH, False),
    ),
    # a complaint: shorter, however it is said (别拖拖拉拉 / 话太多 / 别整那老些词儿 / 偏长)
    (
        re.compile(
            "啰嗦|啰唆|拖沓|冗长|废话|拖拖拉拉|拖泥带水|偏长"
            "|(?:话|字|词|字数|信息|内容|话术)(?:儿)?(?:也|都)?(?:太多|过多|偏多|有点多|塞太多|老多)"
            "|(?:那么多|这么多|那老些|老些|一大堆)(?:的)?(?:话术|废话|字|词)"
        ),
        (K.LENGTH, None),
    ),
    # Register words name the thing itself (正经, 端着, 学术腔, 念稿), so 太X / 别那么X read as less of it.
    (
        re.compile("正式|专业|严谨|稳重|官方|书面|严肃|正经|端着|学术|念稿|播音腔|官腔|打官腔"),
        (K.FORMAL, True),
    ),
    # Stiffness is a complaint: less formal, unless a remedy of tone says the way out (太硬了 走心点).
    # A likeness is a complaint too: 跟念稿子似的 / 像在念稿 (a register named, 念稿, is asked for less).
    (
        re.compile("(?:像|跟|和)(?:在)?念稿(?:子)?(?:似的|一样)?|念稿(?:子)?(?:似的|一样)"),
        (K.FORMAL, "complaint-"),
    ),
    (
        re.compile("生硬|僵硬|硬邦邦|(?<=[太忒])硬|(?<=[那这]么)硬|(?<=有点)硬|机械|(?<!扫地)机器人|AI味"),
        (K.FORMAL, "complaint-"),
    ),
    (
        re.compile(
            "口语|随意|随便|接地气|像真人|像人话|轻松一点|轻松些|轻松点|随性|说人话|大白话|白话|通俗|放松|自然一点|自然些|像聊天|唠嗑"
        ),
        (K.FORMAL, False),
    ),
    # Energy named by the feeling or the room: 情绪再高一点 / 气氛再热一点 / 燃 / 闹腾 / 亢奋.
    (
        re.compile(
            "活泼|热情|嗨|激情|感叹号|有感染力|带劲|有活力|燃|热闹|闹腾|亢奋|激动|夸张|(?<!热)闹|吵"
            "|(?:情绪|气氛|状态|能量|场子)(?:再|更|稍微)?(?:搞|弄|整|炒|带)?(?:得)?(?:高|饱满|足|热|火|嗨|起来|上来|拉满)"
            "|生动|鲜活|灵动|有画面感|热烈|炒热|有点活力|活力|(?:有)?精神(?:点|一点|些)|(?<=再)冲(?:一点|点)"
            "|冲劲|活泛"
            # slang for the same energy: 炸 (not 炸鸡), 躁, 咋呼, 打鸡血
            "|炸(?!鸡|串|薯|酱|弹|药|锅)|躁|咋呼|鸡血"
        ),
        (K.LIVELY, True),
    ),
    (re.compile("平静|冷静|克制|收着点|收敛|沉稳|安静|平和|稳一点|稳一些|稳点|稳当"), (K.LIVELY, False)),
    # A complaint of flatness asks for more energy, however it is said (太平淡了 / 有点干巴).
    # 太干了 / 有点干 complain of dryness in the telling; 不拔干 (a lipstick's point) is not one.
    (
        re.compile(
            "平淡|干巴|单调|没劲|无聊|冷清|沉闷|睡着|犯困|催眠|念经|(?<=[太忒])平|(?<=有点)平|死板|呆板|刻板|枯燥|干瘪|死气沉沉"
            "|(?<=[太忒])干(?!净)|(?<=有点)干(?!净)|(?<=[那这]么)干(?!净)"
        ),
        (K.LIVELY, "complaint+"),
    ),
    (re.compile("幽默|搞笑|有趣|好玩|俏皮|段子|逗(?!号)|笑点|笑料|好笑|风趣|诙谐|梗|乐子"), (K.HUMOR, True)),
    # 暖 alone is warmth of tone (暖一点); 保暖 / 轻暖 / 暖和 describe a jacket, 暖场 is the opening.
    (
        re.compile(
            "温柔|亲切|走心|温暖|暖心|煽情|肉麻|亲和|有温度|贴心|温馨|亲近|人情味|体贴|(?<![保轻])暖(?!场|和|暖场)"
            # warmth by degree: 温度再高点 / 温度拉满
            "|温度(?:再|更|稍微)?(?:高|足|拉满|上来)"
            # 写甜一点 / 甜甜的: sweet said of a script is its warmth (甜不甜 of the product is asked)
            "|(?<=写)(?:得)?甜|(?<![不太])甜(?=一点|点|些|甜的)"
        ),
        (K.WARM, True),
    ),
    # Coldness is a complaint: warmer, however it is said (有点冷冰冰的 / 太高冷 / 有距离感).
    (re.compile("冷冰冰|冰冷|冷淡|高冷|距离感|没(?:有)?温度|没(?:有)?人情味|疏远"), (K.WARM, "complaint+")),
    (
        re.compile(
            "互动|扣1|扣个1|提问|问问题|问大家|问观众|带动气氛|评论|公屏|打字|弹幕|留言|扣字|点关注|关注主播|加关注"
            # 多一点跟观众聊天，问问他们的肤色: talking with the room is interaction
            "|多(?:一点|一些|点|些)?(?:跟|和|与)(?:观众|粉丝|大家|家人们)(?:说话|聊天|聊)|问(?:问)?(?:他们|她们)"
            "|让(?:观众|大家|粉丝|他们)[^，,。]{0,3}(?:回复|回话|接话)"
        ),
        (K.INTERACTION, True),
    ),
    # Price words are every money part of the offer: the price itself, what comes free with it
    # (赠品 / 送的), and the discount mechanics (满减, 折扣, 券, 免息), so 赠品别提了 drops the offer too.
    (
        re.compile(
            "价格|价钱|多少钱|报价|优惠券|优惠|价位|几块钱|到手价|活动价|赠品|赠送|送的|满减|立减|折扣|打折|领券|免息|分期"
            "|促销信息|促销内容|谈钱|提钱|钱的事|福利|(?<=提)价"
        ),
        (K.PRICE, True),
    ),
)
# 加段子那段 / 讲快充的那个: a directive word naming the script referred to, not asking anything.
NAMES_A_SCRIPT = re.compile("(?:的)?(?:那|这)(?:一)?(?:段|个|版|条|篇|支)(?![子话])")
STYLE_KINDS = (K.LENGTH, K.FORMAL, K.LIVELY, K.HUMOR, K.WARM, K.INTERACTION)

# A focus is said with a verb of talking (只讲 / 着重说), of choosing (只挑 / 就选), or of placing
# the weight (重点放在…上 / 侧重于 / 重点是 / 重点在于), or by a bare 重点 before a noun (重点高刷):
# each is followed by what to focus on.
FOCUS = re.compile(
    # 那就写个开场 writes a script: 写 names a focus only when a topic, not a measure word, follows
    "(?:只|就|单独|重点|专门|主要|着重|侧重|集中)(?:讲讲|说说|聊聊|唠唠|讲|说|提|突出|聊|唠|介绍|强调|打(?![折卡开个一])|写(?![个一段篇条份]))(?!完)(?:一下)?"
    # a wish or a core: 很想强调保暖 / 核心就是夜景 / 核心卖点就一个：持妆
    "|想(?:要)?(?:强调|突出)|核心(?:卖点)?(?:就|都|只)?(?:是|在于|一个|放在)[:：]?"
    "|多(?:讲讲|说说|聊聊|唠唠|讲|说|聊|唠)"
    "|(?:只|就|单|专)(?:挑|拣|选)(?:出)?|(?:重点|重心|笔墨|篇幅|精力)(?:都)?(?:放在|放到|落在|集中在)|重点(?:就|都)?是"
    "|侧重(?:于|在)?|着重(?:于|在)?|集中(?:在|于)|主打|主讲(?:一下)?|突出一下|突出|聚焦(?:在|于)?"
    "|(?:只|就)(?:保留|留)(?:下)?|(?:主要|重点|就|只)?围绕(?:着)?|(?:就|只|重点|主要)抓(?:住)?|(?:重点|重心|主角|核心)(?:换成|改成|改为|变成)"
    "|重点在于|重点[:：]|重点(?![讲说聊提突介强写放落集是不别换改变来在都就也要])|重点放(?!在|到)"
    "|^(?:再)?强调(?:一下)?"
)
# 讲讲X after a scene is named in another clause (写个收尾，说说防泼水): X is what to dwell on.
# A bare 讲 too (讲不用油), but not 讲一段 / 讲个 / 讲详细 / 讲产品, which ask for a script or a length.
PLAIN_TALK = re.compile(
    "^(?:讲讲|说说|聊聊|讲一下|说一下|聊一下|讲下(?![一次回])"
    "|讲(?!一下|一段|一个|一遍|一版|[讲下个段点得话详细清楚仔明透到完产]))"
)
# X那块多讲两句 / X这部分重点说说: the topic stands before the focus verb, which has only an amount
# (两句, 几句) or nothing after it.
TOPIC_FRONT = re.compile(
    "(.{1,12}?)(?:这块|那块|这一块|那一块|这部分|那部分|这方面|那方面|方面|这一点|那一点|这个点)(?:再|就|也|要|得)?$"
)
AMOUNT_ONLY = re.compile("^(?:[一两几三]?(?:句|点|些|下)|一些|一点|几句话)?$")
# 讲讲轻薄这一点就够了: one point named as enough.
FOCUS_ENOUGH = re.compile(
    "(?:讲讲|说说|聊聊|讲|说|聊)(.{1,16}?)(?:这一点|这个点|这一个|这块|这个卖点)(?:就够了|就行|就好|就可以|即可)"
)
# 往保暖上带 / 往一天一袋上靠: the focus is the direction the telling leans.
FOCUS_TOWARD = re.compile("往(.{1,10}?)(?:上面|上|方向|那边)(?:带|靠|走|写|讲|偏|引)")
# 围绕它 / 就讲这个: a pronoun points back at the focus said before, it names none.
FOCUS_PRONOUN = re.compile("^(?:它|这个|那个|这点|这一点|其)")
# 卖点 快充: typed one-handed, a bare scene word and a bare topic after it are the scene and its focus.
BARE_SCENE = re.compile(
    "^(?:上|来)?(?:卖点|开场|开场白|产品介绍|介绍|促销|促单|收尾|收口|结尾)(?:的话|部分)?$"
)  # 上卖点 电池: a 场控's order, the scene put on
NOT_FRAGMENT = re.compile(
    "来|写|整|出|做|弄|要|再|换|带|个|段|版|哈|嘿|呵|嘻|捂脸|笑|急|快点|快些|赶紧|吧|呢|吗|啊|呀|好|行|可以"
)
# 把快充讲透: the focus stands between 把 and a verb of explaining thoroughly.
FOCUS_BA = re.compile("把(.{1,16}?)(?:讲透|说透|讲清楚|说清楚|讲明白|说明白|讲细|好好讲|好好说|重点讲)")
# A focus turned down (重点不是A / 重心不在A / 不说A了 / 别讲A): the next clause may name the focus
# that replaces it, led by a contrast or a placing verb (…，而是B / …，要放在B上 / …，改成说B).
FOCUS_REFUSED = re.compile(
    "(?:重点|重心|主角|核心|笔墨|精力)(?:都|就)?(?:不是|不在|别|不要|不用|别再)"
    "|(?:不是|不要|别|不再|不用|不)(?:再)?(?:讲|说|聊|突出|强调|主打)"
)
FOCUS_CONTRAST = re.compile(
    "^(?:而是|改成|换成|改为|是|要|就|只)+(?:重点)?(?:放在|放到|落在|在|讲|说|聊|突出|强调)?"
    "|^(?:重点)?(?:放在|放到|落在|讲|说|聊|突出|强调)"
)
# After the focused words: the verb or locative that closes the phrase (只挑快充讲, 放在不拔干上).
FOCUS_TAIL = re.compile(
    "(?:这块|这一块|方面|上面|上头|上)?(?:展开|来讲|来说|来写|讲讲|说说|讲|说|聊|写|介绍)?(?:讲|说|写)?$"
)
FOCUS_NTH = re.compile(
    "第\\s*([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\\s*(?:个|条|点)?\\s*卖点|卖点\\s*([0-9])"
)
# 别提价格，就说很划算: how the offer is put, not a selling point to dwell on.
OFFER_WORDS = re.compile("划算|实惠|超值|便宜|性价比|省钱|不贵|很值|值得买|捡漏|优惠|价")
FOCUS_FILLER = re.compile("这个卖点|这一点|这个点|卖点|这一个|一下|就好|就行|就可以|吧|了|的部分|方面")
# 就说明晚八点见 / 就说下周还有: a message to read out, not a selling point to dwell on.
MESSAGE = re.compile(
    "^(?:明天|明晚|今天|今晚|后天|下周|下次|下回|下个?月|周[一二三四五六日末]|待会|一会|马上|稍后"
    "|还有|我们|咱们|大家|欢迎|感谢|谢谢|记得|别忘)"
)
# X多讲讲 / X多说点 with no 这块: the topic is the clause's opening words, once these are set aside.
FRONT_FILLER = re.compile("^(?:然后|就是|那个|这个|你|再|也|还|就|给我|帮我)+|的$")
WORD = re.compile("[\u4e00-\u9fffA-Za-z0-9%]+")
CJK_WORD = re.compile("[\u4e00-\u9fff]+")
NOT_FRONT = re.compile("段|第|刚|上一|这|那|写|改|内容|字数|篇幅|文字|细节|东西|话|它")

GENERIC_REWRITE = re.compile("改一下|改改|改一改|重写|润色|优化|换个说法|换种说法|调整一下|修改一下")
AMBIGUOUS_CHANGE = re.compile("^(?:换一下|换个|换一个|换换|换掉|换了吧|换吧)[。！!]?$")

DURATION_S = re.compile("([0-9]{1,3}|[一二两三四五六七八九十]{1,3})\\s*(?:秒|s(?![a-zA-Z]))")
# 一分半 / 两分半 are spoken minutes-and-a-half without 钟; 三分之一 is a fraction, not a duration.
DURATION_MIN = re.compile(
    "([0-9]{1,2}|[一二两三四五六七八九十半]{1,3})\\s*"
    "(?:分钟|分种|分中(?=$|的|左右|以内|以下|内|上下|[，,。！!？?\\s])|分半(?:钟|种)?|min)"
)
# The duration a correction asks for (两分钟太长了 改成一分半 / 从两分钟砍到一分钟): the one after a
# verb of setting it; the ones complained of, refused or cut from are what it was.
DURATION_TARGET = re.compile(
    "(?:改|压|缩|砍|减|降|调|变|加长|拉长|延长|控制)(?:成|到|为|至|在)\\s*$"
    # 四十秒，不是，三十秒 / 两分钟，说错了，一分钟: the one said after the correction
    "|(?:不是|不对|打错了|说错了)[，,]\\s*(?:是)?\\s*$|(?:打错了|说错了)(?:是)?\\s*$"
)
# 压到二十秒: compressing to a time (a cut when under the scene's usual length, see the agent).
COMPRESS_TO = re.compile("压(?:到|成|至|在)|压缩(?:到|成|至)")
DURATION_WAS = re.compile("(?:从|别|不要|不是|不用)(?:再)?\\s*$")
DURATION_COMPLAINED = re.compile(
    "(?:的)?(?:也|还是|实在)?(?:太|忒|有点|有些)(?:长|短|久|拖)|(?:的)?(?:长|短)了|出头"
)

cn_number = small_number  # re-exported: the intent slots read numbers through this module


def first_match(table: tuple[tuple[re.Pattern[str], object], ...], text: str) -> object | None:
    """The value of the pattern matching earliest in `text` (ties: table order)."""
    best: tuple[int, int, object] | None = None
    for order, (pattern, value) in enumerate(table):
        m = pattern.search(text)
        if m and (best is None or (m.start(), order) < best[:2]):
            best = (m.start(), order, value)
    return best[2] if best else None
