// The gateway's public HTTP API, as any client program would call it: credentials in headers,
// errors read from RFC 9457 problem+json (or the older {"error": {code, message}} body).
import { readEvents } from "./sse.js";

const KEY = "script-agent.credential";
const TIMEOUT_MS = 15000;

export class ApiError extends Error {
  constructor(status, code, message, traceId, facts = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.traceId = traceId;
    this.facts = facts;
  }
}

// A JWT is three base64url segments; anything else is sent as an API key.
const looksLikeJwt = (value) => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(value);

export function credential() {
  return sessionStorage.getItem(KEY) || "";
}

export function remember(value) {
  if (value) sessionStorage.setItem(KEY, value);
  else sessionStorage.removeItem(KEY);
}

function authHeaders(value = credential()) {
  if (!value) return {};
  return looksLikeJwt(value) ? { Authorization: `Bearer ${value}` } : { "X-API-Key": value };
}

export async function problemOf(response) {
  const traceId = response.headers.get("x-request-id") || "";
  let body = {};
  try {
    body = (await response.json()) || {};
  } catch {
    /* not JSON: fall through with the status alone */
  }
  let err;
  if (typeof body.code === "string") {
    const { type, title, status, detail, instance, code, trace_id, ...facts } = body;
    err = new ApiError(response.status, code, detail || title || "", trace_id || traceId, facts);
  } else {
    const legacy = body.error || {};
    const code = legacy.code || `http_${response.status}`;
    err = new ApiError(response.status, code, legacy.message || response.statusText,
      body.trace_id || traceId, legacy.detail || {});
  }
  err.retryAfter = response.headers.get("retry-after");
  return err;
}

async function send(method, path, { body, headers = {}, signal, auth } = {}) {
  const init = { method, headers: { Accept: "application/json", ...authHeaders(auth), ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers["Content-Type"] = "application/json";
  }
  init.signal = signal || AbortSignal.timeout(TIMEOUT_MS);
  let response;
  try {
    response = await fetch(path, init);
  } catch (err) {
    if (err.name === "AbortError") throw err;
    const timedOut = err.name === "TimeoutError";
    throw new ApiError(0, timedOut ? "timeout" : "network", timedOut ? "网关响应超时" : "无法连接网关", "");
  }
  if (!response.ok) throw await problemOf(response);
  return response;
}

export async function getJson(path, options) {
  const response = await send("GET", path, options);
  return response.json();
}

export async function postJson(path, body, options = {}) {
  const response = await send("POST", path, { ...options, body });
  return response.status === 204 ? null : response.json();
}

// A stream has no overall timeout (a long script legitimately streams for minutes) but an idle one:
// the gateway sends a keep-alive comment every GATEWAY_SSE_PING_S (15 s), so silence this long means
// a dead connection. The stop button aborts through `signal`. `resume` carries the Idempotency-Key and
// the last event id seen, so a reconnect continues the same run instead of starting another.
const STREAM_IDLE_MS = 45000;

export async function stream(path, body, onEvent, signal, resume) {
  const headers = { Accept: "text/event-stream", "Idempotency-Key": resume.key };
  if (resume.lastEventId) headers["Last-Event-ID"] = resume.lastEventId;
  const idle = new AbortController();
  let timer;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => idle.abort(new DOMException("stream idle", "TimeoutError")), STREAM_IDLE_MS);
  };
  arm();
  try {
    const response = await send("POST", path, { body, headers, signal: AbortSignal.any([signal, idle.signal]) });
    await readEvents(response.body, (frame) => {
      if (frame.id) resume.lastEventId = frame.id;
      onEvent(frame);
    }, arm);
  } finally {
    clearTimeout(timer);
  }
}

export function newKey() {
  return crypto.randomUUID();
}

// The API's own description of itself: which optional endpoints and fields this gateway has.
export async function features() {
  try {
    const spec = await getJson("/openapi.json");
    const schemas = (spec.components && spec.components.schemas) || {};
    const body = schemas.GenerateBody || {};
    return {
      check: Boolean(spec.paths && spec.paths["/api/v1/check"]),
      durationField: Boolean(body.properties && body.properties.duration_s),
      known: true,
    };
  } catch {
    return { check: true, durationField: false, known: false }; // docs off: try, and learn from a 404
  }
}
