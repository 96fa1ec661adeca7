"""The labelled multi-turn set: per-slot accuracy floors, and the set's own shape (the per-round
measured-part tests are in test_rounds_measured.py, the turns answered otherwise on purpose in
disagreed.py).

dev, dev2 and dev3 are what the rules were tuned on (dev2 and dev3 began as held-out parts and were
measured once before their failures were fixed; their headers keep those first figures); heldout was
written before any measurement (a few rule bugs were later fixed on failures it shares with the dev
parts, so it is only nearly clean); heldout4 was written after the round-1 rule change, measured
once clean (kind 93.1%, directives 88.5%, reference 92.3%) and then tuned on in round 2.

heldout5 was written by someone who never saw the rules or the other parts and measured once clean
after round 2 (59.6% of turns fully right; the keyword baseline 47.4%). In round 3 it moved into
tuning: its misses were fixed as families (continuation paraphrases by structure, contrast edits,
vague edits asked back, products read by their head noun), each first written as new turns in dev4
(in other words: its first 50 turns were measured before the change, 12% fully right; two probe
dialogues of everyday phrasings followed, each measured before its own fixes) and then fixed. So
heldout5 and dev4 are tuned parts now, held at what was measured after round 3 (100% per slot);
HELDOUT5_FIRST keeps the clean figure for the record. No part here is evidence of generalization any
more: that takes a part written after round 3 and measured once.

heldout6 was that part: 90 turns by another author who read neither the rules nor the other parts,
written while round 3 was being tuned and measured once after it (81.1% of turns fully right; 73.3%
with the round-2 rules, 58.9% for the keyword baseline); HELDOUT6_FIRST keeps that figure. In round 4
it moved into tuning: its misses were fixed as families (tone words the tables lacked, an answer to
a clarifying question completing the request asked back, festival names kept as said, edits naming
the scene of the script they edit, questions about the script itself, an edit whose one direction is
an event), each first written as new turns in dev5 (44 turns, none shared with heldout6, measured
before the change: 11 of 44 fully right, DEV5_FIRST) and then fixed. heldout6 and dev5 are tuned
parts now, held at 100% per slot.

heldout7 is the part written after that: 79 turns by a fourth author who read neither the rules nor
any part, written during round 4 and measured once after it: 83.5% of turns fully right (kind 96.2%,
directives 89.5%, reference 96.1%; the round-3 rules on the same turns 81.0%, the keyword baseline
65.8%); HELDOUT7_FIRST keeps that figure. In round 5 it moved into tuning: its misses were fixed as
families (a tone complaint with its remedy, cutting verbs, energy slang, a part refused by its
sentences, 少让人X, a topic fronted before the focus verb or after a bare 重点, 讲讲X after a named
scene, going on by 续 / 往下, 介绍下产品 as no switch, questions about what a script contains, a
script referred to by its product), each first written as new turns in dev6 (68 turns, none shared
with heldout7, measured before the change: 12 of 68 fully right, DEV6_FIRST) and then fixed; one
heldout7 label was corrected (a product question, 一袋多少克, is product_intro like every other
part's). heldout7 and dev6 are tuned parts now, held at 100% per slot.

heldout8 is the part written meanwhile: 153 turns by a fifth author who read neither the rules nor any
part, measured once after round 5: 82.4% of turns fully right (kind 95.4%, clarify 96.1%, scene 94.3%,
directives 94.3%, reference 95.0%, duration 98.7%; the round-4 rules on the same turns 81.7%). It is
the clean figure of that round; HELDOUT8_FIRST keeps it.

In round 6 heldout8 moved into tuning: its misses were fixed as families (whether a phrase may be
said on stream, 能说X吗 / 算不算违规, is a question in the scene in force with the quoted words read
as no slot; 换个产品 naming none asks which, also while the client sends the current product; 换回 X
switches back; a verdict on a scene already written, 开场可以，再写个卖点, names no scene; a duration
corrected is the new one; cutting to a time is shorter; what is said not to be the issue, 不是X不X的
问题 / 与其X不如Y / X不用动, is no directive; 少说点X refuses X; 就说很划算 is no selling point; a
script referred to by what it talks about, 讲快充那段; 热烈 / 安静点; typos 买点, 促消, 一分中, 忒),
each first written as new turns in dev7 (68 turns, none shared with heldout8, with the next author's
likely typos and dictation; measured before the change: 19 of 68 fully right, DEV7_FIRST) and then
fixed. No heldout8 label was corrected. Three heldout8 turns stay as labelled and disagree with the
rules on purpose (DISAGREED): the author, who never saw the product data, asked for a focus the
product lacks (持妆 on the lipstick, 口感 on the nuts) and expected it written; the agent asks back
with the real selling points instead of inventing a claim (tests/writing/test_modifications.py), and
the turn after the first one refers to the script that question left unwritten. dev7 and heldout8
are tuned parts now: every other turn right.

heldout9 is the part written meanwhile: 156 turns by a sixth author who read neither the rules nor any
part, in registers the earlier parts had little of (an assistant typing fast, a host dictating by
voice with no punctuation and 嗯, one-word fragments, English mixed in). Measured once after round 6:
77.6% of turns fully right (kind 92.3%, clarify 96.2%, scene 97.2%, directives 89.0%, reference 91.7%;
the round-5 rules on the same turns 72.4%). It was then the only evidence here of how the rules
generalize; HELDOUT9_FIRST keeps that figure.

In round 7 heldout9 moved into tuning: its misses were fixed as families of the registers it was
written in (intent_register reads English tone and scene words, 嗯 and 在 for 再 into the tables'
words; a space ends a clause unless a cue before it waits for its word, so a negation no longer
reaches across it, nor a focus; in one unpunctuated run a negation covers the word it names first,
and a later ask with a fresh start or X一点 is asked anew; bare fragments 再短 / 短 一分钟 / 别这么长;
a product said as a switch, in answer to which product, after a bare 换, or named first with 一样;
a question with no question mark, 多少来着; 倒数第N个; X多讲讲 with the topic fronted bare; X介绍 as
the scene named; warmth by degree; a stiffness complaint answered by the remedy after it; 就说 + a
message is no selling point; 压到 a time under the scene's usual length is shorter), each first
written as new turns in dev8 (73 turns, none shared with any other part, with the next author's
likely typos, English and dictation; measured before the change: 27 of 73 fully right, DEV8_FIRST)
and then fixed. No heldout9 label was corrected. Eight heldout9 turns stay as labelled and disagree
with the rules on purpose (DISAGREED), of heldout8's kind: a focus the product lacks (持妆 and 不沾杯
on the lipstick, 拍照 on the phone) is asked back with the real selling points, and the turns after
two of them refer to the script that question left unwritten. dev8 and heldout9 are tuned parts
now: every other turn right. The first figures of every part live in
testing/intent_first_measurements.py.

heldout10 is the part written meanwhile: 160 turns by a seventh author who read neither the rules nor
any part, as several kinds of users (an agency 运营 numbering scripts 1号 / 2号 and asking for several
things in one turn, a hesitant new host, trade jargon such as 憋单 / 过款 / 福袋, an older host selling
the village's produce, self-corrections 哦不对 / 算了还是). Measured once after round 7: 52.5% of turns
fully right (kind 90.0%, clarify 88.8%, scene 79.7%, directives 87.2%, reference 77.0%; the round-6
rules on the same turns 48.1%); HELDOUT10_FIRST keeps that figure.

In round 8 heldout10 moved into tuning: its misses were fixed as families (intent_jargon reads N号 at
a clause's start as 第N段; 憋单 as a promotion, 扣“X” as interaction with the quoted word no tone;
plain scene names 打招呼 / 讲好处 / 道别; 过款 / 下一个 naming none as a switch asked back, 下一款 +
a product and X也想一块卖 as a switch to it; a closing 可以吗 / 想要一个 as a polite request; 与其 +
the offer as price refused; 不是X，是Y as a contrast; 文绉绉 / 急吼吼 / 慢慢说; X为主 / 卖点讲X /
单独拎出来 as a focus; the last said winning slot by slot after 哦不对 / 算了还是 / 不对不对), each
first written as new turns in dev9 (62 turns, none shared with any other part, with the next
author's likely typos and dictation; measured before the change: 23 of 62 fully right, DEV9_FIRST)
and then fixed. No heldout10 label was corrected. Its focus-the-product-lacks turns are DISAGREED as
in rounds 6 and 7, with the numbered references after them that count one script fewer. Round 8 ran
out of its time box before dev9 and heldout10 were fully right: both are held above their first
figures (ROUND8_OPEN), not yet at 100%; their remaining misses are what round 9 starts from.

heldout11 is the part written meanwhile: 162 turns by an eighth author who read neither the rules nor
any part (a brand's marketing manager, a team lead sending drafts back, one-handed phone typing,
Taiwanese and Singaporean Mandarin, scripts referred to by when they were written). Measured once
after round 8: 64.2% of turns fully right (kind 88.9%, clarify 96.3%, scene 90.7%, directives 90.0%,
reference 85.3%, category 85.2%). The round-7 rules on the same turns: 66.0% — round 8's changes,
which lifted heldout10 from 52.5% to 72.5%, did not carry over to this author (three turns fewer).
HELDOUT11_FIRST keeps that figure.

In round 9 heldout11 moved into tuning: its misses were fixed as families (a switch said by the selling
verb, 换卖X / 换去播X / 改卖X / 再换，推X, its product read after the switch word, not the one done
with before it; after a switch the client no longer sends the old product, and the new one's points
are not asked about; 促单 / 收口 as scene names; a focus as a wish or a core, 很想强调X / 核心就是X /
主要唠唠X / 往X上带, a bare topic after a bare scene word, 围绕它 naming none; length complaints,
拖拖拉拉 / 话太多 / 讯息太多 / 偏长, 偏短 as a wish for more, 写精; 不是要你X as the proposal turned
down; 头一个 / 那支 as order and measure, the first of the scene named, a scene's 那段 with none of it
written asking for one; measures asked with no question mark, 多长 / 多大， / 多少克; 可以帮我…吗 as a
request; 说“X”可以吗 / 能在直播间讲X吗 as may-this-be-said; 莫 for 别, 讯息 / 影片, 介少, lively, 赶 as
rushed; 限时限量 as a tactic, not a stock figure; 喇叭 / 核桃 / 咸鸭蛋 in the tables), each first written
as new turns in dev10 (99 turns, none shared with any other part, measured before the change: 16 of
99 fully right, DEV10_FIRST) and then fixed. The same round finished dev9 and heldout10 (round 8's
open misses: a complaint by likeness, 跟念稿子似的; a refused money word asking nothing, 别提多少钱;
我对比一下 as the host weighing versions; the phone as the medium, 在手机上说; a generic script for no
product; a directive word naming the script referred to, 加段子那段; a draft of the host's own,
我自己写的太干了, as the reason, not a direction; a compression measured against the length the
script's request asked; 介绍X的 as the intro named). One dev9 label was corrected (:28 counted the
scripts one short); no heldout label was. Fourteen heldout11 turns and ten more heldout10 turns stay
as labelled and disagree on purpose (DISAGREED): focuses the product lacks (持妆, 影像, 夜景, 口感),
the turns after them that count or edit the scripts those questions left unwritten, and one tone the
rules read that the label leaves out. Every tuned part is now fully right but for those turns.
No part here is evidence of generalization any more: that takes heldout12, written meanwhile.

heldout12 is that part: 187 turns by a ninth author who read neither the rules nor any part (an 运营's
one-message checklist, a new host unsure of the jargon, voice-input transcripts with fillers and 的地得
slips, self-corrections mid-message, pinyin abbreviations, English product words, references by quoted
words, by content and counted backwards). Measured once after round 9: 62.6% of turns fully right (kind
80.7%, clarify 95.7%, scene 91.7%, directives 93.9%, reference 81.7%, category 94.2%). The round-8
rules on the same turns: 63.1% — like round 8, round 9 lifted its own parts (heldout11 64.2% -> 91.4%)
and did not carry over to the next author. HELDOUT12_FIRST keeps that figure.

In round 10 (a 40-minute box) heldout12 moved into tuning: its misses were fixed as families (an edit
of one line, 加一句X / “X”那句去掉 / 里面的“X”换个词 / 在第一版上面加, done without asking which
way, the quoted words filling no slot, while a word swapped for a given one stays asked back as dev4
labels it; a running order read out item by item, 第2项：卖点 / 下一环节： / 福利部分： / 优惠，…, each
item a new script of its scene, 福利 the promotion's, its time slots, 前十分钟 / 十分钟到半小时, no
length; the next product named with the script to write, 再来个X，写卖点 / 接着上X / 轮到X / 还带自家
种的X / 【商品】更换：X / next item, a switch with no switch word, and 再换一个，这回从X的角度讲 another
take, not another product; a question that goes on after its mark with why it is asked, …吗，弹幕一直
在问, the reason filling no slot, 能写X吗 as may-this-be-said, a price asked, 要几块钱 / 多少米 / 能再
便宜点吗, a question of the promotion with no edit; Cantonese typed as said, 嚟 / 啲 / 嗰 / 系咪 / 几多
/ 几耐; the value after a correction winning, 四十秒，不是，三十秒 / 双十二，打错了，是双十一 / 开学季改
成618; 茶具 / 腊肠 / 腊肉 / 铁观音 / 肉麻 in the tables), each first written as new turns in dev11 (55
turns, none shared with any other part, measured before the change: 16 of 55 fully right,
DEV11_FIRST) and then fixed. heldout12 went from 62.6% to 86.6% of turns fully right; three of its
labels stay as written and disagree with an earlier part's label for the same words (DISAGREED). The
box ran out before the rest (a focus led by 重点放 / 重点说一下那个X那个点, a script named by a quoted
line it ends on, a single-character head 米粉 sold as baby food, the UNSUPPORTED 数据 in 充电数据要注明
测试条件): heldout12 is held above its first figure (ROUND10_OPEN), not yet at 100%. No part here is
evidence of generalization any more: that takes heldout13, written meanwhile.

heldout13 is that part: 182 turns by a tenth author who read neither the rules nor any part (a 场控's
shorthand orders, brand account managers relaying client feedback, a host rehearsing aloud and fixing
lines, a 千川 ad buyer, Hong Kong and Malaysian Chinese, a sarcastic host, two products alternated,
scripts named by length, tone or festival, platform terms). Measured once after round 10: 50.0% of
turns fully right (kind 80.2%, clarify 92.3%, scene 92.6%, directives 86.9%, reference 74.3%,
category 92.1%); the round-9 rules on the same turns: 49.5%, keywords only 40.7%. HELDOUT13_FIRST
keeps that figure.

In round 11 heldout13 moved into tuning, and most misses turned out to be a few habits, each costing
several turns because a wrong kind shifts every later count. The families: a bare ask (写 / 弄一个 /
搞一下) while the client already sends the product still names no script, so which one is asked
back; another product named while one is in play is a switch even without a switch word (切到X /
回到X / X也要卖点 / 收尾用X的 / 客户加了个X / 接下来卖X / 下一樣係X / 换品 X), but a switch word on a
first turn with nothing in play only starts the show; a focus said after a plain 讲 (讲不用油 / 讲X的
卖点来一段 / X那个用法要讲 / 强调X / 重点放X / “X”那块要重点讲 / 那个X那个点), and a new script
with its own focus is not one more of the last, nor is 下一段; sarcasm carrying its edit (呵呵…睡着 /
念经 / 有点活力, 你是不是觉得越长越好？砍一半); Hong Kong Chinese in traditional characters (寫 / 產品
介紹 / 推介 / 唔好咁 / 收個尾), its focus handed on as typed; a line named by its place or words and
reworded (第二句太绕口 / “X”那句…换成大白话 / 结尾加一句 as a place, 加X说明 / 标明测试条件 as a note,
so 充电数据要注明测试条件 is no invented data); a question with its worry or reason after the mark
(…？我怕太长人跑了 / 审核严), “X”这样说(可以吗) / 能说成X吗 / 能说是X吗; another version of a scene
written earlier (又要一版开场备选), a version counted within its scene (第一版促销), 最后一个， as the
last item of a list, 12.12 / 11.11 as the festivals, 免息 / 分期 asked as the promotion's. Each was
first written as new turns in dev12 (67 turns, none shared with any other part): 34 before any rule
changed and 33 more for the families found while fixing, those measured on the committed round-10
tree; with the round-10 rules 17 of 67 were fully right (DEV12_FIRST), now all are. heldout13 went
from 50.0% to 174 of 182 turns (95.6%). Five turns of heldout12 and heldout13 disagree with an
earlier part's label for the same words and are DISAGREED: a question about a script carries no
reference or event (dev10:56, heldout10:125), and 点关注 is interaction (dev4:163, dev6:76). The box
ran out before four heldout13 turns (改甜一点 as a direction no table has, 搞笑那版 meaning the funny
version rather than the one that toned it down, 别说治病 重写 as an edit, 强调性价比 against the
offer-words rule) and the rest of heldout12 (171 of 187 now: a quoted line a script ends on, 米粉 as
baby food on a switch back, 下一款 inside an interaction instruction, among others): both are held
above their first figures (ROUND10_OPEN, ROUND11_OPEN), not yet at 100%.

heldout14 is the part written meanwhile: 182 turns by an eleventh author who read neither the rules
nor any part (a host 连麦 with a guest and splitting lines, a coach training a new host, emoji-laden
messages, 四川 / 东北 / 上海-tinged typing, reasons first and the ask last, a formal agency email,
one-word replies after a long message, tone by persona, versions compared, merged, split and undone,
asks conditional on the product, numbers as words, questions about the tool itself). Measured once
after round 11: 59.3% of turns fully right (kind 87.9%, clarify 87.4%, scene 93.3%, directives 84.8%,
reference 82.0%); the round-10 rules on the same turns 58.2%, keywords only 51.1%. Round 11 lifted
heldout13 from 50.0% to 95.6% and carried over to this author by two turns. HELDOUT14_FIRST keeps the
figure; it was not tuned on until round 12.

In round 12 heldout14 moved into tuning. The brief asked first to settle a convention the other way:
heldout12, heldout13 and heldout14 give a question about one script (这段念完要多久) that script's
reference. Counting every part rather than the two turns cited showed five earlier blind authors
(heldout6:83/119, heldout7:29, heldout9:125, heldout10:125/137, heldout11:33/84) and five dev parts
(22 turns) labelling none, so the majority of blind authors is the round-11 convention: it stays, dev10:56
keeps its label, and heldout14's five such turns join the round-11 ones in DISAGREED. The families
fixed: regional Mandarin read back before any table (intent_dialect: a particle closing a clause, 卖冲锋衣嘞
/ 老软额, hid the product head and the focus; 摆一哈 / 唠唠 / 整 as telling, 写只 / 来一只 as a script
counted, 忒 / 一眼 / 勿要 / 侬 / 阿拉 / 伐, 板 / 板正 as formal, 热乎 as warm); and round-12 phrasings
in the tables' shapes (intent_phrasing: a reason first and the ask after 所以; a question with no
question word, 一般…多长合适？你跟她说说 / 热量高不高 / 为什么…; the tool asked about, 你一次最多能写多长 /
我能不能让你写英文的; may-it-be-said without 能说, 能不能跟观众说X / 可不可以直接说成X嘛 / X这个词能用不 /
话术里需要说吗; a bare 再来 as one more of the last; a persona as a tone, 像李佳琦那样; content added into a
script, 里面加上X / 再加点X的内容, as more of X; the offer spelled out in a promotion, 把拍两箱减二十讲透,
as no focus; 对比着学 as two versions side by side, not a competitor; 感谢一下品牌方 as no 下品; 另拟 /
篇幅从简 / 短短的就行; a past festival, 去年双十一, as no event); a bare 讲 + topic reads up to six
characters when no 那段 is among them. Each was first written as new turns in dev13 (47 turns, none
shared with any other part; measured with the round-11 rules: 15 of 47 fully right, DEV13_FIRST), now all
right. intent.py's product slots moved to intent_product.py to make room. heldout14 went from 59.3% to
163 of 182 turns (89.6%); nine of its turns are DISAGREED (the five questions above, an offer asked as the
promotion's per dev12:85, a product fact as the intro's per heldout10:124, a focus the jacket lacks and
the count after it). Open (ROUND12_OPEN): versions merged, split and undone (合成一段 / 拆成两段 / 改回去),
一段讲X的那段 references, a focus after a topic clause (讲电池，5000毫安一天一充), two focuses in one turn,
压到七十秒 read as a cut, a line swapped from another version (把这版的开头换成第三版那样的).
heldout13 (174 of 182) and heldout12 (171 of 187) are where round 11 left them: none of round 12's
families reached their open turns.

heldout15 is the part written meanwhile: 182 turns by a twelfth author who read neither the rules nor
any part (shop owners naming unlisted products, 闽南 / 广西 / 河南-tinged typing, teenage slang, a
perfectionist's run of tiny edits, lines pasted back with comments, answers given as questions,
English requests with Chinese product words, a secretary relaying the boss, several asks joined by
然后 / 另外, lengths in characters and reading time, a scene changed twice). Measured once after
round 12: 46.7% of turns fully right (kind 78.6%, clarify 91.2%, scene 89.9%, directives 76.0%,
reference 75.4%, category 90.0%); the round-11 rules on the same turns: the same 85 turns, turn for
turn — round 12 lifted heldout14 by 30 points and carried over to this author by none; keywords only
39.0%. HELDOUT15_FIRST keeps the figure; it is not tuned on.

After round 12 a learned kind model (agents/intent_learned.py, trained on every part but the newest)
may overrule the rules' kind where it is sure; on authors it never saw it fixed a few kinds each
(bench/intent_learned.py). heldout16 is the part written meanwhile: 178 turns by a thirteenth author
who read neither the rules nor any part (an intern's 【场景】【时长】 template, pinyin typed when the
input method broke, a grandmother relayed by a grandchild, versions named A/B/C, emoji bullet lists, a
618 morning countdown, capability questions first, complaints about wrong facts, 湖北 / 山东 / 江西
typing, the same script for a second host, two rejections and then the first version, a section
refused, sarcastic praise, learner Chinese, classical phrasing). Measured once with the model on: 59.0%
of turns fully right (kind 83.7%, clarify 93.8%, scene 84.6%, directives 88.0%, reference 78.9%); the
rules alone 57.9%, keywords only 47.8%. HELDOUT16_FIRST keeps the figure; it was not tuned on, nor
trained on by the model, until round 13.

In round 13 heldout16 moved into tuning, and into the model's training (intent_dataset.UNSEEN is empty
until the next unseen part is named). Its misses were fixed as families, three of them as reading
steps of their own: pinyin typed when the input method broke, read as characters when every Latin word
is pinyin (intent_pinyin: yao huopo yidian / zai lai yi ban / 30 miao); the classical register
(intent_classical: 撰开场之辞 / 宜稍简 / 删其半 / 此段可否言“X” / 另撰一篇 / 结语 / 重在X); versions and takes
(intent_takes: a version named by letter, 记作A / 把A拿出来 / C里…, the N-th of its scene; one more
version for another host, 再给糖糖也写一版; a verdict before another take, 不太行，换一版 / 还是不对味，再来;
a scene settled, 开场定刚改的A了。接着…, and a section dropped, 促销那段不要了，直接收尾, naming no scene
or reference; 讲讲这件 as the intro). And in the tables' shapes: whether a claim goes in, 要不要带测试
条件 / 要不要写“X”？我们没正经测过 / 【要求】想确认：…能直接写吗, as may-it-be-said, asked of the scene in
force even when 什么意思 names the intro; a countdown to going live, 还有五十分钟！/ 四十分钟。, as no
length; the tool asked first, 先问问，你能写开场吗？一般能写多长 / 收尾能写得带点互动不？ with nothing
written, a question with no direction; a wrong fact put right, 电池是5000毫安，不是4500 / 你写成钢化膜了，
改, an edit needing no direction, 别再写错了 no refusal, 换个实在的说法 / 换个工具 no switch, 那句补进卖点里
a line edit; 冲劲 / 活泛 / 甜, 逗劲儿太过了，收一收 as less humour; 主讲X / 重点说它X / 夸夸X这一点 / 就是X
那个 as a focus; 多一些和观众说话 as interaction; 港“X”要得不; 弄到三十秒 as pressed to a time; 618福利那段
as the promotion's; 第一版结尾 as a place in that version; an offer typed bare after 促销 as no focus; a
festival named after a season (快过年了…年货节的) or over (年货节已经过了). Each was first written as new
turns in dev14 (72 turns, none shared with any other part; measured with the round-12 rules and model:
21 of 72 fully right, DEV14_FIRST), now all right. One heldout16 label was corrected (:80 莫写得那么板，
活泛点 adds formal-, as dev13 labels 莫那么板). Five heldout16 turns are DISAGREED (three questions about
one script labelled with its reference, against the round-11 convention; a product fact asked, the
intro's per heldout10:124; sarcasm, 听完都睡着了, read as livelier per heldout13:85), and heldout13:141
(改甜一点, labelled with no direction) joins them now that 甜 reads as warmer, as heldout16:202 labels it.
heldout16 went from 59.0% to 173 of 178 turns (every turn but the five), the rules alone the same.
Retrained with heldout16 and dev14, the model stopped fixing one heldout15 turn (Can you write an
opening…?, which the rules read as a question) and the four after it, so heldout15 fell below its
first figure in clarify and scene: the English table now reads write as 写, and an A-not-A question
about what a script holds stands against the model (intent_learned.explicit; test_round5 asks it).
heldout15 is held at its first figure, not tuned on: with the rules alone round 13 changed only that
turn (write, which lifts it and the clarify of the four after it), with the model 92 of 182 (94 with
round 12's).

heldout17 and heldout18 were written side by side by two authors who read neither rules nor parts (a
host eating between streams, legal reviewers, an agency with three clients, 陕西 / 天津 / 江浙 / 贵州 /
云南 typists, critiques, a beginner asking leave, 场控 cues, a retired teacher). Measured once after
round 13: 67 of 194 and 67 of 200 turns (HELDOUT17_FIRST / HELDOUT18_FIRST, kept as floors). Round 14
tuned on them (UNSEEN is empty until the lead names the next part): words struck with no edit verb
(开头别喊X了 / “X”也不行 / 嫑说成X) as an edit (intent_struck); another stream's or client's product
(后面那场是X / 第三家，X / X那家 / 蓝牙耳机写个促销) as a switch; 能喊 / 能保留 / 放开场还是收尾 / the tool
mid-session asked of the scene in force; 讲品 / 塑品 / 开价 / 收，逼单; X那条多说两句 / X一定要讲 as a focus;
spoken times (一分一十五秒, intent_times); regional energy words. Written first as dev15 (61 turns, own
words; DEV15_FIRST 29 of 61), now all right but one. Labels corrected: 18 heldout17 questions and
heldout18:242 got the scene in force (or the intro with none), heldout18:149 the intro (a product fact),
dev15:37-38 (a switch naming only its product writes the scene in force). DISAGREED: heldout17:229,
heldout18:110 (逼单 is the promotion's), heldout18:172, dev15:54. With the model retrained on them: 117
of 194 and 104 of 200 (ROUND14_OPEN, floors at exactly that); no other part moved down.
"""

from __future__ import annotations

import pytest

from script_agent.testing.intent_dataset import PARTS, SLOTS, failures, load, replay, score
from tests.intent.disagreed import DISAGREED, UNKNOWN_FOCUS

TARGET = 0.95
TUNED = (
    "dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12",
    "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "heldout11",
    "heldout12", "heldout13", "dev13", "heldout14", "dev14", "heldout16", "dev15",
)  # fmt: skip
# Tuned on but not finished in its round: held above its first figure (test_rounds_measured.py).
ROUND10_OPEN = ("heldout12",)
ROUND11_OPEN = ("heldout13",)
ROUND12_OPEN = ("heldout14",)
ROUND14_OPEN = ("heldout17", "heldout18")  # tuned on in round 14, not in TUNED (their floors: ROUND14_OPEN)
HELD_FULL = tuple(part for part in TUNED if part not in (*ROUND10_OPEN, *ROUND11_OPEN, *ROUND12_OPEN))
WITH_DISAGREED = ("heldout8", "heldout9", "heldout10", "heldout11", "heldout16", "dev15")


async def _unexpected_failures(part: str) -> list[str]:
    return [f for f in await failures(part) if f.split(" ", 1)[0] not in DISAGREED]


async def _scores_but_disagreed(part: str) -> dict[str, tuple[int, int]]:
    """slot -> (correct, total) over the turns the rules are meant to get right."""
    totals: dict[str, list[int]] = {s: [0, 0] for s in SLOTS}
    for dialogue in load(part):
        for turn, result in await replay(dialogue):
            if f"{part}:{turn.line}" in DISAGREED:
                continue
            for slot, ok in score(turn, result).items():
                totals[slot][0] += ok
                totals[slot][1] += 1
    return {k: (v[0], v[1]) for k, v in totals.items()}


def test_the_set_has_at_least_150_turns_and_held_out_parts() -> None:
    parts = {part: load(part) for part in PARTS}
    turns = sum(len(d.turns) for ds in parts.values() for d in ds)
    assert turns >= 150
    held = [t for d in parts["heldout"] for t in d.turns]
    tuned = [t for part in TUNED for d in parts[part] for t in d.turns]
    assert len(held) >= 70
    shared = {t.query for t in tuned} & {t.query for t in held}
    # only short commands like 写开场 recur (heldout6's author, who saw no other part, shares five)
    assert len(shared) <= 12 and all(len(q) <= 8 for q in shared)
    everything = tuned + held
    assert sum("dir" in t.expect and "-" in t.expect["dir"] for t in everything) >= 25
    assert sum("clarify" in t.expect for t in everything) >= 15


def test_dev4_exercises_heldout5s_families_in_its_own_words() -> None:
    dev4 = [t for d in load("dev4") for t in d.turns]
    heldout5 = {t.query for d in load("heldout5") for t in d.turns}
    assert len(dev4) >= 40
    assert not {t.query for t in dev4} & heldout5
    assert sum(t.expect["kind"] == "continue" for t in dev4) >= 6  # paraphrased continuations
    assert sum("clarify" in t.expect and t.expect["kind"] == "modify" for t in dev4) >= 5  # vague
    assert sum("focus:" in t.expect.get("dir", "") for t in dev4) >= 5  # incl. contrast focus
    bare = [t for d in load("dev4") if d.product is None for t in d.turns if "cat" in t.expect]
    assert len({t.expect["cat"] for t in bare}) >= 4  # categories read from unlisted names


@pytest.mark.parametrize("part", [*HELD_FULL, "heldout"])
async def test_every_slot_meets_the_target(part: str) -> None:
    # on the turns the rules are meant to get right (heldout10 and heldout11 disagree on many)
    scores = await _scores_but_disagreed(part)
    low = {s: f"{c}/{n}" for s, (c, n) in scores.items() if n and c / n < TARGET}
    assert not low, (low, await failures(part))


async def test_tuned_turns_are_all_right() -> None:
    # rounds 3 to 11 measured 100% of turns on every tuned part (and on heldout), but for the turns
    # the rules answer otherwise on purpose; this holds it there.
    assert [f for part in (*HELD_FULL, "heldout") for f in await _unexpected_failures(part)] == []


async def test_the_disagreed_turns_still_disagree_for_the_reason_given() -> None:
    # if one of them starts passing, the rule it stands for changed: say so and drop it from DISAGREED
    wrong = {f.split(" ", 1)[0]: f for part in WITH_DISAGREED for f in await failures(part)}
    assert set(wrong) == {t for t in DISAGREED if t.split(":")[0] in WITH_DISAGREED}, wrong
    still_open = (*ROUND10_OPEN, *ROUND11_OPEN, *ROUND12_OPEN, *ROUND14_OPEN)
    open_wrong = {f.split(" ", 1)[0] for part in still_open for f in await failures(part)}
    assert {t for t in DISAGREED if t.split(":")[0] in still_open} <= open_wrong
    assert all("wrong=['clarify']" in wrong[turn] for turn in UNKNOWN_FOCUS)
