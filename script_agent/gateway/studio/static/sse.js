// Server-Sent Events over fetch(): EventSource cannot send the credential header, so the page reads
// the response body itself. Each event is handed on the moment its blank line arrives.

function parseFrame(lines) {
  let event = "message";
  const data = [];
  let id = null;
  for (const line of lines) {
    if (line.startsWith(":")) continue; // keep-alive comment
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id") id = value;
  }
  if (!data.length) return null;
  const text = data.join("\n");
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* a non-JSON data line is passed on as text */
  }
  return { event, id, data: parsed };
}

// `onChunk` hears every read, keep-alive comments included (the caller's idle timer).
export async function readEvents(body, onEvent, onChunk = () => {}) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let lines = [];
  const feed = (text) => {
    for (const line of text.split(/\r\n|\r|\n/)) {
      if (line !== "") {
        lines.push(line);
        continue;
      }
      const frame = parseFrame(lines);
      lines = [];
      if (frame) onEvent(frame);
    }
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    onChunk();
    buffer += value;
    // Only whole lines are parsed; a trailing \r may be half of a \r\n split across chunks.
    const end = Math.max(buffer.lastIndexOf("\n"), buffer.lastIndexOf("\r", buffer.length - 2));
    if (end < 0) continue;
    const crlf = buffer[end] === "\n" && buffer[end - 1] === "\r";
    feed(buffer.slice(0, crlf ? end - 1 : end)); // whole lines, without the last line break
    buffer = buffer.slice(end + 1);
  }
  if (buffer.endsWith("\r")) feed(buffer.slice(0, -1)); // the stream's last line break was a bare \r
}
