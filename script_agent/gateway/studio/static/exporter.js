// Copy and export of the finished script. Markdown carries the facts an operator files with it
// (scene, product, quality, backend, a degraded label, compliance notes); plain text is the script
// alone, ready for a teleprompter.
import { tip } from "./highlight.js";
import { degradedText } from "./texts.js";

const SCENES = {
  opening: "开场话术",
  product_intro: "产品介绍",
  selling_points: "卖点介绍",
  promotion: "促销话术",
  closing: "收尾话术",
};

export function sceneName(scene) {
  return SCENES[scene] || scene || "";
}

export function toPlainText(result) {
  return `${result.text.trim()}\n`;
}

export function toMarkdown(result, outcome, findings) {
  const lines = [`# ${sceneName(result.scene)}：${result.product_name}`, ""];
  if (result.degraded) lines.push(`> **降级结果**：${degradedText(result.degraded_reason)}`, "");
  if (result.edited) lines.push("> 已人工修改，并按修改后的文字做了合规检查", "");
  lines.push(result.text.trim(), "", "---", "");
  const score = result.quality ? `${Math.round(result.quality.score)} 分` : "未评分";
  lines.push(`- 质量：${score}`, `- 生成：${result.backend} / ${result.layer}（第 ${result.attempts} 稿）`);
  lines.push(`- 会话：${outcome.session_id}`, `- trace id：${outcome.trace_id}`);
  if (findings.length) {
    lines.push("", "## 合规提示", "");
    for (const f of findings) lines.push(`- ${tip(f).replace(/\n/g, "；")}`);
  }
  return `${lines.join("\n")}\n`;
}

export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement("textarea"); // plain-http deployments: the old way
  area.value = text;
  document.body.append(area);
  area.select();
  document.execCommand("copy");
  area.remove();
}
