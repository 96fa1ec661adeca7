// One generation as the operator sees it: the workflow state, the text as it streams, and the
// honest account of a regeneration — when the quality check sends the writer back, the rejected
// draft is removed from the page and a note says which attempt is now being written.
import { STATE_NAMES, STEPS, degradedText, errorParts } from "./texts.js";

const $ = (id) => document.getElementById(id);

export class RunView {
  constructor() {
    this.steps = $("steps");
    this.status = $("status");
    this.output = $("output");
    this.degraded = $("degraded");
    this.error = $("run-error");
    this.meta = $("meta");
    this.steps.replaceChildren(
      ...STEPS.map(([state, name]) => {
        const li = document.createElement("li");
        li.dataset.state = state;
        li.textContent = name;
        return li;
      }),
    );
  }

  begin() {
    this.text = "";
    this.attempt = 0;
    this.lastState = null;
    this.lastStep = null;
    this.output.replaceChildren();
    this.output.setAttribute("aria-busy", "true");
    this.output.classList.remove("empty");
    for (const el of [this.degraded, this.error]) el.hidden = true;
    this.meta.textContent = "";
    this.mark(null);
    this.say("已提交，等待网关…");
    if (matchMedia("(max-width: 720px)").matches) this.output.scrollIntoView({ block: "center" });
  }

  say(text, notice = false) {
    this.status.textContent = text;
    this.status.classList.toggle("notice", notice);
  }

  mark(state, failed = false) {
    const order = STEPS.map(([s]) => s);
    const at = order.indexOf(state);
    for (const li of this.steps.children) {
      const i = order.indexOf(li.dataset.state);
      li.className = i < at || state === "COMPLETED" || state === "DEGRADED" ? "done" : i === at ? "current" : "";
      if (failed && i === at) li.className = "failed";
      li.toggleAttribute("aria-current", i === at);
    }
  }

  // Deltas follow a SCRIPT_GENERATING state, so that state always starts the text afresh: after a
  // failed quality check (a higher attempt) and after a resumed stream re-generates a cut-off attempt.
  onState({ state, attempt }) {
    const again = state === "SCRIPT_GENERATING" && (attempt > Math.max(this.attempt, 1) ||
      (attempt === undefined && this.lastState === "QUALITY_CHECKING"));
    if (again) this.restart(attempt || this.attempt + 1);
    else if (attempt) this.attempt = Math.max(this.attempt, attempt);
    if (state === "SCRIPT_GENERATING" && !again) this.clearText();
    this.lastState = state;
    if (STEPS.some(([s]) => s === state)) this.lastStep = state;
    if (state === "FAILED") return; // the error event that follows says why
    this.mark(state);
    const suffix = this.attempt > 1 ? `（第 ${this.attempt} 稿）` : "";
    if (!again) this.say(`${STATE_NAMES[state] || state}${suffix}…`);
  }

  clearText() {
    this.text = "";
    this.output.replaceChildren();
  }

  restart(attempt) {
    this.attempt = attempt;
    this.clearText();
    this.say(`第 ${attempt - 1} 稿没有通过质量检查，已撤下，正在写第 ${attempt} 稿…`, true);
  }

  onReset() {
    this.restart(this.attempt + 1);
  }

  onDelta({ text }) {
    this.text += text;
    this.output.append(text);
  }

  finish(outcome) {
    this.output.setAttribute("aria-busy", "false");
    this.mark(outcome.state);
    const result = outcome.result;
    if (!result) {
      this.say(outcome.clarification ? "需要补充信息" : STATE_NAMES[outcome.state] || outcome.state);
      if (outcome.clarification) this.output.textContent = outcome.clarification;
      return;
    }
    this.output.textContent = result.text; // the stored result is the authority, not the deltas
    this.text = result.text;
    if (result.degraded) {
      this.degraded.textContent = `降级结果：${degradedText(result.degraded_reason)}`;
      this.degraded.hidden = false;
    }
    const redo = result.attempts > 1 ? `，重写 ${result.attempts - 1} 次` : "";
    this.say(`${STATE_NAMES[outcome.state]}${redo}`);
    const score = result.quality ? `质量 ${Math.round(result.quality.score)} 分 · ` : "";
    this.meta.textContent = `${score}${result.backend} / ${result.layer} · ${result.text.length} 字`;
  }

  fail(err) {
    this.output.setAttribute("aria-busy", "false");
    this.mark(this.lastStep, true);
    this.say(STATE_NAMES.FAILED);
    this.output.textContent = this.text ? "（这次没有可用的话术，未完成的草稿已撤下）" : "（这次没有生成话术）";
    const [head, detail] = errorParts(err);
    const strong = document.createElement("strong");
    strong.textContent = head;
    const small = document.createElement("small");
    small.textContent = detail;
    this.error.replaceChildren(strong, small);
    this.error.hidden = false;
  }
}
