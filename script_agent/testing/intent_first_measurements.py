"""The first measurement of each part, kept for the record: the clean figure of a held-out part
before it was tuned on, and the figure of a development part before the fixes its families stood for.

Apart from the accuracy tests so the record does not grow the test module: each round adds two.
In script_agent.testing so bench/intent_learned.py can print them (the tests package is pytest's alone).
Counts are (correct, total) per slot; heldout4's, from round 1, are fractions.
"""

from __future__ import annotations

# heldout4's clean first measurement (round 1), kept for the record; after round-2 tuning it is
# asserted at 100% per slot (what was measured then), and the 95% target like every other part.
HELDOUT4_FIRST = {"kind": 0.931, "clarify": 1.0, "scene": 1.0, "directives": 0.884, "reference": 0.923}
HELDOUT4_TUNED = {"kind": 1.0, "clarify": 1.0, "scene": 1.0, "directives": 1.0, "reference": 1.0}
# heldout5's one clean measurement (correct, total) per slot, after round 2, kept for the record.
HELDOUT5_FIRST = {
    "kind": (44, 57),
    "clarify": (51, 57),
    "scene": (50, 50),
    "directives": (39, 50),
    "reference": (42, 50),
    "category": (47, 50),
    "event": (57, 57),
    "duration": (56, 57),
    "turn": (34, 57),
}
# heldout6's one clean measurement (correct, total) per slot, after round 3: the honest figure.
HELDOUT6_FIRST = {
    "kind": (81, 90),
    "clarify": (89, 90),
    "scene": (80, 86),
    "directives": (79, 86),
    "reference": (79, 86),
    "category": (37, 37),
    "event": (88, 90),
    "duration": (90, 90),
    "turn": (73, 90),
}
# dev5's measurement before the round-4 change (correct, total): how far off its families were.
DEV5_FIRST = {
    "kind": (26, 44),
    "clarify": (41, 44),
    "scene": (28, 40),
    "directives": (24, 40),
    "reference": (21, 40),
    "category": (40, 40),
    "event": (38, 44),
    "duration": (43, 44),
    "turn": (11, 44),
}
# heldout7's one clean measurement (correct, total) per slot, after round 4: the honest figure.
HELDOUT7_FIRST = {
    "kind": (76, 79),
    "clarify": (78, 79),
    "scene": (73, 76),
    "directives": (68, 76),
    "reference": (73, 76),
    "category": (32, 32),
    "event": (79, 79),
    "duration": (79, 79),
    "turn": (66, 79),
}
# dev6's measurement before the round-5 change (correct, total): how far off its families were.
DEV6_FIRST = {
    "kind": (44, 68),
    "clarify": (66, 68),
    "scene": (56, 68),
    "directives": (31, 68),
    "reference": (47, 68),
    "category": (16, 17),
    "event": (68, 68),
    "duration": (68, 68),
    "turn": (12, 68),
}
# heldout8's one clean measurement (correct, total) per slot, after round 5: the honest figure now.
HELDOUT8_FIRST = {
    "kind": (146, 153),
    "clarify": (147, 153),
    "scene": (133, 141),
    "directives": (133, 141),
    "reference": (134, 141),
    "category": (60, 60),
    "event": (153, 153),
    "duration": (151, 153),
    "turn": (126, 153),
}
# dev7's measurement before the round-6 change (correct, total): how far off its families were.
DEV7_FIRST = {
    "kind": (53, 68),
    "clarify": (63, 68),
    "scene": (44, 63),
    "directives": (43, 63),
    "reference": (48, 63),
    "category": (22, 22),
    "event": (68, 68),
    "duration": (60, 68),
    "turn": (19, 68),
}
# heldout9's one clean measurement (correct, total) per slot, after round 6, kept for the record.
HELDOUT9_FIRST = {
    "kind": (144, 156),
    "clarify": (150, 156),
    "scene": (141, 145),
    "directives": (129, 145),
    "reference": (133, 145),
    "category": (66, 66),
    "event": (156, 156),
    "duration": (156, 156),
    "turn": (121, 156),
}
# dev8's measurement before the round-7 change (correct, total): how far off its families were.
DEV8_FIRST = {
    "kind": (48, 73),
    "clarify": (68, 73),
    "scene": (50, 68),
    "directives": (41, 68),
    "reference": (48, 68),
    "category": (26, 28),
    "event": (73, 73),
    "duration": (73, 73),
    "turn": (27, 73),
}
# heldout10's one clean measurement (correct, total) per slot, after round 7: the honest figure now.
HELDOUT10_FIRST = {
    "kind": (144, 160),
    "clarify": (142, 160),
    "scene": (118, 148),
    "directives": (129, 148),
    "reference": (114, 148),
    "category": (49, 50),
    "event": (158, 160),
    "duration": (159, 160),
    "turn": (84, 160),
}
# dev9's measurement before the round-8 change (correct, total): how far off its families were.
DEV9_FIRST = {
    "kind": (50, 62),
    "clarify": (51, 62),
    "scene": (40, 58),
    "directives": (50, 58),
    "reference": (43, 58),
    "category": (12, 19),
    "event": (61, 62),
    "duration": (61, 62),
    "turn": (23, 62),
}
# heldout11's one clean measurement (correct, total) per slot, after round 8: the honest figure now.
HELDOUT11_FIRST = {
    "kind": (144, 162),
    "clarify": (156, 162),
    "scene": (136, 150),
    "directives": (135, 150),
    "reference": (128, 150),
    "category": (52, 61),
    "event": (162, 162),
    "duration": (162, 162),
    "turn": (104, 162),
}
# dev10's measurement before the round-9 change (correct, total): how far off its families were.
DEV10_FIRST = {
    "kind": (57, 99),
    "clarify": (83, 99),
    "scene": (69, 97),
    "directives": (64, 97),
    "reference": (68, 97),
    "category": (8, 27),
    "event": (99, 99),
    "duration": (99, 99),
    "turn": (16, 99),
}
# heldout12's one clean measurement (correct, total) per slot, after round 9: the honest figure now.
HELDOUT12_FIRST = {
    "kind": (151, 187),
    "clarify": (179, 187),
    "scene": (165, 180),
    "directives": (169, 180),
    "reference": (147, 180),
    "category": (65, 69),
    "event": (183, 187),
    "duration": (183, 187),
    "turn": (117, 187),
}
# dev11's measurement before the round-10 change (correct, total): how far off its families were.
DEV11_FIRST = {
    "kind": (22, 55),
    "clarify": (51, 55),
    "scene": (47, 55),
    "directives": (53, 55),
    "reference": (37, 55),
    "category": (9, 14),
    "event": (55, 55),
    "duration": (55, 55),
    "turn": (16, 55),
}
# heldout13's one clean measurement (correct, total) per slot, after round 10: the honest figure now.
HELDOUT13_FIRST = {
    "kind": (146, 182),
    "clarify": (168, 182),
    "scene": (162, 175),
    "directives": (152, 175),
    "reference": (130, 175),
    "category": (58, 63),
    "event": (179, 182),
    "duration": (181, 182),
    "turn": (91, 182),
}
# dev12's measurement with the round-10 rules, before any round-11 change (correct, total): its first
# 34 turns were measured so before the first fix (9 right); the 33 added mid-round for families found
# while fixing were measured on the committed round-10 tree before being counted (17 of 67 in all).
DEV12_FIRST = {
    "kind": (43, 67),
    "clarify": (52, 67),
    "scene": (52, 63),
    "directives": (45, 63),
    "reference": (45, 63),
    "category": (11, 18),
    "event": (66, 67),
    "duration": (66, 67),
    "turn": (17, 67),
}
# heldout14's one clean measurement (correct, total) per slot, after round 11: the honest figure now
# (the round-10 rules on the same turns: 106 of 182; keywords only 93).
HELDOUT14_FIRST = {
    "kind": (160, 182),
    "clarify": (159, 182),
    "scene": (166, 178),
    "directives": (151, 178),
    "reference": (146, 178),
    "category": (11, 13),
    "event": (180, 182),
    "duration": (182, 182),
    "turn": (108, 182),
}
# dev13's measurement with the round-11 rules, before any round-12 change (correct, total); :23's
# scene was relabelled to the intro afterwards (a fact asked, as heldout10:124), counted so here.
DEV13_FIRST = {
    "kind": (32, 47),
    "clarify": (41, 47),
    "scene": (41, 47),
    "directives": (34, 47),
    "reference": (37, 47),
    "category": (0, 2),
    "event": (47, 47),
    "duration": (47, 47),
    "turn": (15, 47),
}
# heldout15's one clean measurement (correct, total) per slot, after round 12: the honest figure now
# (the round-11 rules on the same turns: the same 85 of 182, turn for turn; keywords only 71).
HELDOUT15_FIRST = {
    "kind": (143, 182),
    "clarify": (166, 182),
    "scene": (161, 179),
    "directives": (136, 179),
    "reference": (135, 179),
    "category": (18, 20),
    "event": (181, 182),
    "duration": (181, 182),
    "turn": (85, 182),
}
# heldout16's one clean measurement (correct, total) per slot, after round 12 and with the learned kind
# model shipped (trained on every part but this one): the honest figure now (rules alone: 103 of 178;
# keywords only 85).
HELDOUT16_FIRST = {
    "kind": (149, 178),
    "clarify": (167, 178),
    "scene": (148, 175),
    "directives": (154, 175),
    "reference": (138, 175),
    "category": (9, 10),
    "event": (176, 178),
    "duration": (173, 178),
    "turn": (105, 178),
}
# dev14's measurement with the round-12 rules and model, before any round-13 change (correct, total).
DEV14_FIRST = {
    "kind": (46, 72),
    "clarify": (62, 72),
    "scene": (52, 72),
    "directives": (57, 72),
    "reference": (50, 72),
    "category": (1, 2),
    "event": (70, 72),
    "duration": (68, 72),
    "turn": (21, 72),
}
# heldout17's and heldout18's one clean measurement (correct, total) per slot, after round 13 with the
# learned kind model shipped (trained on every part but these two): the honest figures now. The
# round-12 rules and model on the same turns: 63 of 194 and 67 of 200; keywords only 58 and 57.
HELDOUT17_FIRST = {
    "kind": (141, 194),
    "clarify": (169, 194),
    "scene": (154, 183),
    "directives": (142, 183),
    "reference": (129, 183),
    "category": (44, 57),
    "event": (193, 194),
    "duration": (183, 194),
    "turn": (67, 194),
}
HELDOUT18_FIRST = {
    "kind": (157, 200),
    "clarify": (168, 200),
    "scene": (134, 189),
    "directives": (145, 189),
    "reference": (133, 189),
    "category": (45, 61),
    "event": (199, 200),
    "duration": (198, 200),
    "turn": (67, 200),
}
# dev15 (round 14, written for heldout17's and heldout18's families before the round-14 fixes): its
# one measurement with the round-13 rules and model (correct, total) per slot, taken again on the same
# code after two of its own labels were put right by the set's conventions (a switch naming only its
# product writes the scene in force; the script after it is a new one, not another switch).
DEV15_FIRST = {
    "kind": (40, 61),
    "clarify": (58, 61),
    "scene": (48, 61),
    "directives": (58, 61),
    "reference": (46, 61),
    "category": (5, 5),
    "event": (61, 61),
    "duration": (61, 61),
    "turn": (29, 61),
}
# Where round 14 left heldout17 and heldout18 open (correct, total) per slot, tuned on and trained on
# by the learned kind model: floors at exactly these figures (test_rounds_measured.py).
ROUND14_OPEN = {
    "heldout17": {
        "kind": (172, 194),
        "clarify": (171, 194),
        "scene": (168, 183),
        "directives": (155, 183),
        "reference": (152, 183),
        "category": (44, 57),
        "event": (193, 194),
        "duration": (188, 194),
        "turn": (117, 194),
    },
    "heldout18": {
        "kind": (173, 200),
        "clarify": (174, 200),
        "scene": (162, 189),
        "directives": (153, 189),
        "reference": (151, 189),
        "category": (45, 61),
        "event": (199, 200),
        "duration": (198, 200),
        "turn": (104, 200),
    },
}
# heldout19's one clean measurement (correct, total) per slot, after round 14 with the learned kind
# model shipped (trained on every part but this one): the honest figure now (the round-13 rules and
# model: 100 of 198; rules alone 98; keywords only 82).
HELDOUT19_FIRST = {
    "kind": (160, 198),
    "clarify": (181, 198),
    "scene": (166, 186),
    "directives": (148, 186),
    "reference": (149, 186),
    "category": (60, 73),
    "event": (197, 198),
    "duration": (196, 198),
    "turn": (102, 198),
}
