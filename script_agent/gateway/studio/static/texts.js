// The page's Chinese wording for the API's stable names (workflow states, error codes).

export const STEPS = [
  ["CONTEXT_LOADING", "加载上下文"],
  ["INTENT_RECOGNIZING", "理解需求"],
  ["PROFILE_FETCHING", "达人画像"],
  ["PRODUCT_FETCHING", "商品信息"],
  ["SCRIPT_GENERATING", "撰写话术"],
  ["QUALITY_CHECKING", "质量检查"],
];

export const STATE_NAMES = {
  ...Object.fromEntries(STEPS),
  INTENT_CLARIFYING: "需要补充信息",
  COMPLETED: "已完成",
  DEGRADED: "降级完成",
  FAILED: "失败",
};

const ERRORS = {
  unauthenticated: "凭证无效或已过期，请重新登录",
  forbidden: "当前账号没有生成权限",
  tenant_mismatch: "请求的租户与登录账号不符",
  not_found: "没有找到对应的商品、达人或会话",
  validation_error: "输入不符合要求",
  invalid_input: "输入不符合要求",
  quality_failed: "多次重写仍未通过质量检查",
  lock_timeout: "这个会话正在生成中，请稍后再试",
  idempotency_in_flight: "同一请求正在处理中",
  rate_limited: "请求太频繁，请稍后再试",
  llm_unavailable: "模型服务暂时不可用（所有上游都失败了）",
  llm_timeout: "模型服务响应超时",
  llm_fatal: "模型服务拒绝了请求",
  store_unavailable: "存储服务暂时不可用",
  payload_too_large: "内容太长",
  network: "无法连接网关",
  timeout: "网关响应超时",
  cancelled: "已停止生成",
};

// [headline, details]: what happened in the page's words, then the server's own words and ids.
export function errorParts(err) {
  const head = ERRORS[err.code] || "请求失败";
  const wait = err.retryAfter ? `，约 ${err.retryAfter} 秒后可重试` : "";
  const said = err.message && err.message !== head ? `${err.message} ` : "";
  const trace = err.traceId ? `（${err.code}，trace ${err.traceId}）` : `（${err.code}）`;
  return [`${head}${wait}`, `${said}${trace}`];
}

export function errorText(err) {
  return errorParts(err).join("：");
}

const DEGRADED = {
  "fallback backend served the script": "主模型不可用，由兜底写手生成",
  "script failed non-blocking checks": "没有通过部分非阻断检查",
};

export function degradedText(reason) {
  if (!reason) return "原因未说明";
  return DEGRADED[reason] ? `${DEGRADED[reason]}（${reason}）` : reason;
}
