// The studio page: sign-in, the brief, a streamed run, compliance marks, follow-ups, history, export.
// Every call goes to the public API (see api.js); nothing here knows the server's internals.
import * as api from "./api.js";
import { copyText, download, sceneName, toMarkdown, toPlainText } from "./exporter.js";
import { findingsOf, renderList, renderMarked } from "./highlight.js";
import { RunView } from "./run.js";
import { errorText } from "./texts.js";

const $ = (id) => document.getElementById(id);
const state = {
  features: null, session: null, outcome: null, text: "", edited: false, findings: [], busy: null, view: null,
  facts: {}, // the product the last run was about, so a check knows what its claims may say
};

function show(el, text) {
  el.textContent = text;
  el.hidden = !text;
}

// --- sign-in -----------------------------------------------------------------------------------
async function signIn(value) {
  await api.getJson("/api/v1/sessions?limit=1", { auth: value });
  api.remember(value);
  $("who").textContent = value ? "已登录" : "开发模式（无需凭证）";
  $("sign-out").hidden = !value;
  $("signin").hidden = true;
  $("workspace").hidden = false;
  await Promise.all([loadCatalogue(), listSessions()]);
}

async function start() {
  state.features = await api.features();
  state.view = new RunView();
  try {
    await signIn(api.credential());
  } catch (err) {
    if (api.credential()) api.remember("");
    $("who").textContent = "未登录";
    $("signin").hidden = false;
    if (err.code !== "unauthenticated") show($("signin-error"), errorText(err));
    $("credential").focus();
  }
}

async function onSignIn(event) {
  event.preventDefault();
  show($("signin-error"), "");
  try {
    await signIn($("credential").value.trim());
    $("credential").value = "";
    $("query").focus();
  } catch (err) {
    show($("signin-error"), errorText(err));
  }
}

// --- catalogue and history ---------------------------------------------------------------------
function fill(select, items, label) {
  const options = items.map((item) => new Option(label(item), item.id));
  select.replaceChildren(select.options[0], ...options);
}

async function loadCatalogue() {
  const [people, products] = await Promise.all([
    api.getJson("/api/v1/catalogue/influencers?limit=200"),
    api.getJson("/api/v1/catalogue/products?limit=200"),
  ]);
  fill($("influencer"), people.items, (p) => `${p.name}${p.category ? `（${p.category}）` : ""}`);
  fill($("product"), products.items, (p) => `${p.name}${p.price != null ? ` · ¥${p.price}` : ""}`);
}

function button(text, onClick) {
  const el = document.createElement("button");
  el.type = "button";
  el.className = "link";
  el.textContent = text;
  el.addEventListener("click", onClick);
  return el;
}

const when = (iso) =>
  new Date(iso).toLocaleString("zh-CN", { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });

function showSession(id) {
  state.session = id;
  const label = $("session-id");
  label.textContent = id ? `会话 ${id.length > 16 ? `${id.slice(0, 14)}…` : id}` : "新会话";
  label.title = id || "";
  label.dataset.session = id || "";
}

async function listSessions() {
  const page = await api.getJson("/api/v1/sessions?limit=20");
  const useful = page.items.filter((s) => s.scripts > 0 || s.id === state.session); // skip empty ones
  $("sessions").replaceChildren(
    ...useful.slice(0, 10).map((s) => {
      const li = document.createElement("li");
      const open = button(`${when(s.updated_at)} · ${s.scripts} 段`, () => openSession(s.id));
      open.dataset.session = s.id;
      li.append(open);
      return li;
    }),
  );
}

async function openSession(id) {
  if (state.busy) return; // a run is writing into the current session
  const session = await api.getJson(`/api/v1/sessions/${encodeURIComponent(id)}`);
  showSession(session.id);
  $("followup-send").disabled = false;
  $("history").replaceChildren(
    ...session.scripts.map((s) => {
      const li = document.createElement("li");
      const preview = `第 ${s.index} 段 · ${sceneName(s.scene)} · ${s.product_name}`;
      li.append(button(preview, () => showStored(s)));
      return li;
    }),
  );
}

async function showStored(script) {
  Object.assign(state, { text: script.text, edited: false, stored: script, findings: [] });
  renderList($("findings"), []);
  $("status").textContent = `会话中的第 ${script.index} 段`;
  await checkCompliance(script.text);
}

// --- a run -------------------------------------------------------------------------------------
function brief() {
  const body = { query: $("query").value.trim(), scene: $("scene").value };
  const pasted = $("product-json").value.trim();
  if (pasted) body.product = JSON.parse(pasted); // a SyntaxError is reported by the caller
  else if ($("product").value) body.product_id = $("product").value;
  if ($("influencer").value) body.influencer_id = $("influencer").value;
  if ($("event").value.trim()) body.event = $("event").value.trim();
  const seconds = Number($("duration").value);
  if (state.features.durationField) body.duration_s = seconds;
  else body.length = seconds <= 30 ? "short" : seconds >= 120 ? "long" : "medium";
  return body;
}

async function ensureSession() {
  if (!state.session) {
    const created = await api.postJson("/api/v1/sessions", {});
    showSession(created.id);
  }
  return state.session;
}

function setBusy(controller) {
  state.busy = controller;
  for (const id of ["generate", "followup-send", "new-session"]) $(id).disabled = Boolean(controller);
  $("stop").hidden = !controller;
  const none = Boolean(controller) || !state.outcome?.result;
  for (const id of ["edit", "copy", "export-md", "export-txt"]) $(id).disabled = none;
}

function onEvent(frame) {
  const view = state.view;
  if (frame.event === "state") view.onState(frame.data);
  else if (frame.event === "delta") view.onDelta(frame.data);
  else if (frame.event === "reset") view.onReset();
  else if (frame.event === "done") state.outcome = frame.data;
  else if (frame.event === "error") throw streamError(frame.data);
}

// An in-stream `error` event: a problem object, or the older {code, message, detail} shape.
function streamError(data) {
  const message = typeof data.detail === "string" ? data.detail : data.message || "";
  const err = new api.ApiError(data.status || 0, data.code || "internal", message, data.trace_id || "");
  err.terminal = true; // the run's own answer: never resumed
  return err;
}

async function run(body) {
  const controller = new AbortController();
  Object.assign(state, { outcome: null, text: "", edited: false, stored: null, findings: [] });
  state.facts = body.product ? { product: body.product } : body.product_id ? { product_id: body.product_id } : {};
  renderList($("findings"), []);
  editing(false);
  state.view.begin();
  setBusy(controller);
  try {
    body.session_id = await ensureSession();
    await streamWithResume(body, controller.signal);
    state.view.finish(state.outcome);
    state.text = state.outcome.result ? state.outcome.result.text : "";
    if (state.text) await checkCompliance(state.text);
  } catch (err) {
    if (err.name === "AbortError") state.view.fail({ code: "cancelled", message: "" });
    else state.view.fail(err);
  } finally {
    setBusy(null);
    if (state.session) await Promise.allSettled([openSession(state.session), listSessions()]);
    document.body.dataset.runs = String(Number(document.body.dataset.runs || 0) + 1);
  }
}

const RESUME_DELAYS_MS = [500, 1500, 4000];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A dropped connection (network error, or a stream that ends without done/error) is resumed with
// Last-Event-ID: the gateway replays what was missed from its checkpoints and continues the run.
async function streamWithResume(body, signal) {
  const resume = { key: api.newKey(), lastEventId: null };
  for (let attempt = 0; ; attempt += 1) {
    let lost;
    try {
      await api.stream("/api/v1/generate/stream", body, onEvent, signal, resume);
      if (state.outcome) return;
      lost = new api.ApiError(0, "network", "连接在结果到达前中断");
    } catch (err) {
      if (err instanceof api.ApiError && (err.status || err.terminal)) throw err; // an answer, not a drop
      if (err.name === "AbortError") throw err;
      lost = err instanceof api.ApiError ? err : new api.ApiError(0, "network", "连接中断");
    }
    if (attempt >= RESUME_DELAYS_MS.length || !resume.lastEventId) throw lost;
    state.view.say("连接中断，正在续接…", true);
    await sleep(RESUME_DELAYS_MS[attempt]);
  }
}

async function checkCompliance(text) {
  $("output").textContent = text;
  if (!state.features.check) return;
  try {
    const payload = await api.postJson("/api/v1/check", { text, ...state.facts });
    state.findings = findingsOf(payload, text);
    renderMarked($("output"), text, state.findings);
    renderList($("findings"), state.findings);
  } catch (err) {
    if (err.status === 404 || err.status === 405) state.features.check = false;
    else show($("run-error"), `合规检查没有完成：${errorText(err)}`);
  }
}

// Operators touch up a script by hand; the edited text is checked again before it is copied or exported.
function editing(on) {
  for (const id of ["editor", "recheck"]) $(id).hidden = !on;
  for (const id of ["output", "edit"]) $(id).hidden = on;
}

function onEdit() {
  $("editor").value = state.text;
  editing(true);
  $("editor").focus();
}

async function onRecheck() {
  state.text = $("editor").value.trim();
  state.edited = true;
  editing(false);
  await checkCompliance(state.text);
  $("status").textContent = `已按修改后的文字重新检查：${state.findings.length} 处提示`;
  $("meta").textContent = `已人工修改（质量分只针对原稿）· ${state.text.length} 字`;
  document.body.dataset.checks = String(Number(document.body.dataset.checks || 0) + 1);
}

function onGenerate(event) {
  event.preventDefault();
  show($("form-error"), "");
  let body;
  try {
    body = brief();
  } catch {
    show($("form-error"), "商品 JSON 格式不对，请检查括号和引号");
    return;
  }
  run(body);
}

function onFollowUp(event) {
  event.preventDefault();
  const text = $("followup-text").value.trim();
  if (!text || !state.session) return;
  let body;
  try {
    body = brief();
  } catch {
    show($("form-error"), "商品 JSON 格式不对，请检查括号和引号");
    return;
  }
  // The follow-up's own words (改短一点, 换成促销话术) decide scene and length; the session keeps the rest.
  for (const key of ["scene", "duration_s", "length"]) delete body[key];
  body.query = text;
  $("followup-text").value = "";
  run(body);
}

// --- export ------------------------------------------------------------------------------------
function fileName(ext) {
  const r = current();
  return `${r.product_name}-${sceneName(r.scene)}.${ext}`.replace(/[\\/:*?"<>|\s]+/g, "_");
}

// The script on screen: the run's result, an earlier one of the session, or either after an edit.
function current() {
  const stored = state.stored ? { scene: state.stored.scene, product_name: state.stored.product_name } : {};
  return { ...state.outcome.result, ...stored, text: state.text, edited: state.edited };
}

async function onCopy() {
  await copyText(toPlainText(current()));
  $("status").textContent = "已复制到剪贴板";
}

function wire() {
  $("signin-form").addEventListener("submit", onSignIn);
  $("sign-out").addEventListener("click", () => {
    api.remember("");
    location.reload();
  });
  $("brief").addEventListener("submit", onGenerate);
  $("query").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) $("brief").requestSubmit();
  });
  $("followup").addEventListener("submit", onFollowUp);
  $("stop").addEventListener("click", () => state.busy && state.busy.abort());
  $("new-session").addEventListener("click", () => {
    showSession(null);
    $("history").replaceChildren();
    $("followup-send").disabled = true;
  });
  $("copy").addEventListener("click", onCopy);
  $("export-md").addEventListener("click", () =>
    download(fileName("md"), toMarkdown(current(), state.outcome, state.findings), "text/markdown"));
  $("export-txt").addEventListener("click", () =>
    download(fileName("txt"), toPlainText(current()), "text/plain"));
  $("edit").addEventListener("click", onEdit);
  $("recheck").addEventListener("click", onRecheck);
}

wire();
start();
