// Compliance findings from POST /api/v1/check, marked in the script text. Offsets from the server
// count code points (Python str indices); JS strings count UTF-16 units, so slicing goes through
// Array.from(text). A finding whose offsets do not match its quoted text is located by the text.

const first = (...values) => values.find((v) => v !== undefined && v !== null);

export function normalise(raw, chars) {
  const span = raw.span || {};
  const quoted = first(raw.text, span.text, raw.match, "");
  let start = Number(first(raw.start, span.start, raw.offsets && raw.offsets[0], -1));
  let end = Number(first(raw.end, span.end, raw.offsets && raw.offsets[1], -1));
  const fits = start >= 0 && end > start && end <= chars.length;
  if (!fits || (quoted && chars.slice(start, end).join("") !== quoted)) {
    const at = quoted ? chars.join("").indexOf(quoted) : -1;
    if (at < 0) return null;
    start = Array.from(chars.join("").slice(0, at)).length;
    end = start + Array.from(quoted).length;
  }
  return {
    start,
    end,
    rule: String(first(raw.rule_id, raw.rule, raw.id, "")),
    severity: String(first(raw.severity, "warning")),
    message: String(first(raw.message, raw.title, "")),
    basis: String(first(raw.legal_basis, raw.basis, "")),
    fix: String(first(raw.fix, raw.suggestion, "")),
  };
}

export function findingsOf(payload, text) {
  const list = Array.isArray(payload) ? payload : (payload && payload.findings) || [];
  const chars = Array.from(text);
  const found = list.map((raw) => normalise(raw, chars)).filter(Boolean);
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = [];
  for (const f of found) if (!kept.length || f.start >= kept[kept.length - 1].end) kept.push(f);
  return kept; // overlapping spans: the earlier, longer one is marked
}

export function tip(f) {
  return [f.rule && `规则：${f.rule}`, f.message, f.basis && `依据：${f.basis}`, f.fix && `建议：${f.fix}`]
    .filter(Boolean)
    .join("\n");
}

// Text nodes and <mark> elements only: the script is never parsed as HTML.
export function renderMarked(container, text, findings) {
  const chars = Array.from(text);
  container.replaceChildren();
  let at = 0;
  for (const f of findings) {
    if (f.start > at) container.append(chars.slice(at, f.start).join(""));
    const mark = document.createElement("mark");
    mark.className = `finding sev-${f.severity.replace(/[^\w-]/g, "")}`;
    mark.tabIndex = 0;
    mark.dataset.rule = f.rule;
    mark.dataset.tip = tip(f);
    mark.title = mark.dataset.tip;
    mark.textContent = chars.slice(f.start, f.end).join("");
    container.append(mark);
    at = f.end;
  }
  if (at < chars.length) container.append(chars.slice(at).join(""));
}

export function renderList(list, findings) {
  list.replaceChildren(
    ...findings.map((f) => {
      const item = document.createElement("li");
      item.className = `sev-${f.severity.replace(/[^\w-]/g, "")}`;
      item.textContent = tip(f).replace(/\n/g, " · ");
      return item;
    }),
  );
  list.hidden = findings.length === 0;
}
