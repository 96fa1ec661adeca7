"""Whether a turn is a question, by its words: apart from the agent so the kind logic stays one screen.

A question is answered, never written from: 那段里有没有违规的说法 asks about a script, 能写持妆一整天吗
whether a claim may be written, 要几块钱 the price. A request put as a question (可以帮我想一下开场怎么讲吗)
asks for the writing, and a negated question word (别提多少钱) asks nothing.
"""

from __future__ import annotations

from script_agent.agents import intent_lines as lines
from script_agent.agents import intent_rules as rules
from script_agent.agents.intent_phrasing import ADJ_A_NOT_A, TOOL_ASK
from script_agent.agents.intent_reference import refers_to_script
from script_agent.agents.intent_scope import hits
from script_agent.agents.intent_slots import Slots
from script_agent.agents.intent_struck import asked_in_force


def questioned(query: str) -> bool:
    """A question by its words; 那段里有没有违规的说法 asks by 有没有 about a script, while
    有没有四件套的开场 asks for one to be written."""
    if rules.SAY_ON_STREAM.search(query):
        return True
    if rules.QUERY.search(query):  # 可以帮我想一下开场怎么讲吗 asks for the writing
        if rules.POLITE_ASK.match(query) and not rules.SCRIPT_QUESTION.search(query):
            return False
        return any(h.positive for h in hits(query, ((rules.QUERY, True),)))  # 别提多少钱 asks nothing
    return rules.A_NOT_A.search(query) is not None and refers_to_script(query)


def asks_outright(query: str, said: Slots) -> bool:
    """A price asked (要几块钱), whether a claim may be written (能写持妆一整天吗), an A-not-A
    question opening the turn (是不是每包都是独立包装啊): a question, whatever its slots hold."""
    if TOOL_ASK.search(query) or asked_in_force(query):  # 我能不能让你写英文的 / 能喊“X”吗
        return True
    if lines.MAY_WRITE.search(query):
        return not said.directives and not rules.GENERATE_VERB.search(lines.MAY_WRITE.sub("", query))
    if rules.GENERATE_VERB.search(query):
        return False
    if lines.PRICE_ASK.search(query) and any(h.positive for h in hits(query, ((lines.PRICE_ASK, True),))):
        return True
    return lines.OPEN_A_NOT_A.match(query) is not None or ADJ_A_NOT_A.search(query) is not None
