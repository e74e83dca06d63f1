/**
 * The bare baseline of `streams`: node:http relaying a model's streamed answer as server-sent events, nothing else.
 * Each POST opens a streaming request to the upstream (fetch, as the AI SDK does), reads its SSE lines, and writes
 * each text delta as `event: text` with `{"delta": ...}`; the upstream request is aborted when the client goes away.
 * Env: UPSTREAM_URL (an OpenAI-compatible base URL), PORT, HOST.
 */
import { createServer } from "node:http";

const { UPSTREAM_URL = "", PORT = "0", HOST = "127.0.0.1" } = process.env;

const server = createServer((req, res) => {
  if (req.url === "/healthz") {
    res.end("ok");
    return;
  }
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  req.resume();
  relay(res, controller.signal).catch(() => res.destroy());
});

async function relay(res: import("node:http").ServerResponse, signal: AbortSignal): Promise<void> {
  const upstream = await fetch(`${UPSTREAM_URL}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer bench-key" },
    body: JSON.stringify({ model: "bench", stream: true, messages: [{ role: "user", content: "Hello" }] }),
    signal,
  });
  if (!upstream.body) throw new Error("no body");
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const decoder = new TextDecoder();
  let partial = "";
  for await (const chunk of upstream.body) {
    const lines = (partial + decoder.decode(chunk, { stream: true })).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("data: {")) continue;
      const delta = JSON.parse(line.slice(6)).choices?.[0]?.delta?.content;
      if (delta) res.write(`event: text\ndata: ${JSON.stringify({ delta })}\n\n`);
    }
  }
  res.end();
}

server.listen(Number(PORT), HOST);
process.on("SIGTERM", () => process.exit(0));
