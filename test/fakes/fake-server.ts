import { setMaxListeners } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * Shared machinery of the fake LLM upstreams (OpenAI Chat Completions, Anthropic Messages): a real HTTP server on
 * 127.0.0.1 with a random port, a per-test script of replies and faults, and a record of every request.
 * The wire formats live in openai-upstream.ts and anthropic-upstream.ts.
 */

export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
}

export interface FakeToolCall {
  /** Generated when omitted. */
  id?: string;
  name: string;
  /** Serialised with JSON.stringify on the wire (OpenAI `arguments`, Anthropic `input`). */
  args: unknown;
}

interface ReplyBase {
  /** Wait this long before answering (e.g. to observe concurrency). */
  delayMs?: number;
  /** Streamed answers: wait this long between events (a slow model; a client that goes away stops the stream). */
  intervalMs?: number;
  /** Overrides the estimated usage (input ~ request chars / 4, output ~ answer chars / 4). */
  usage?: FakeUsage;
}

export type FakeReply =
  | (ReplyBase & { kind: "text"; text: string })
  /** Structured output: OpenAI answers with the JSON as message text; Anthropic with text, or with a `json`
   * tool_use block when the request forces the AI SDK's `json` tool. */
  | (ReplyBase & { kind: "json"; value: unknown })
  | (ReplyBase & { kind: "tool_calls"; calls: FakeToolCall[]; text?: string })
  | (ReplyBase & {
      kind: "error";
      status: number;
      headers?: Record<string, string>;
      message?: string;
      /** Provider error type, e.g. "rate_limit_error", "overloaded_error". */
      errorType?: string;
    })
  /** Starts a normal answer (SSE: the first half of the events; JSON: the first half of the body), then destroys
   * the socket. */
  | (ReplyBase & {
      kind: "truncate";
      text?: string;
      /** Instead of destroying the socket, keep it open (sending nothing more) until the client goes away. */
      hold?: boolean;
    })
  /** Never answers; the connection is dropped when the client aborts or the fake closes. */
  | { kind: "hang" };

/** A scripted reply, or a function choosing one from the request (e.g. answer per chunk). */
export type ScriptItem = FakeReply | ((request: Recorded) => FakeReply | Promise<FakeReply>);

export interface Recorded {
  method: string;
  path: string;
  /** Lower-cased names; `authorization`, `x-api-key`, `api-key` and `cookie` are removed. */
  headers: Record<string, string>;
  /** Whether the request carried credentials (the value itself is never recorded). */
  hadAuth: boolean;
  /** Parsed JSON body (or the raw string when it was not JSON). */
  body: unknown;
  /** True when the request asked for SSE. */
  stream: boolean;
  /** Every prompt string of the request (system + messages, text parts), joined by "\n". */
  text: string;
  /** 1-based order of arrival. */
  seq: number;
}

/** Ready-made replies. */
export const reply = {
  text: (text: string, extra: ReplyBase = {}): FakeReply => ({ kind: "text", text, ...extra }),
  json: (value: unknown, extra: ReplyBase = {}): FakeReply => ({ kind: "json", value, ...extra }),
  /** Text that is not parseable JSON, for structured-output failure paths. */
  invalidJson: (extra: ReplyBase = {}): FakeReply => ({ kind: "text", text: '{"name": [ {"value": "oops"', ...extra }),
  toolCalls: (calls: FakeToolCall[], extra: ReplyBase & { text?: string } = {}): FakeReply => ({
    kind: "tool_calls",
    calls,
    ...extra,
  }),
  error: (status: number, extra: Omit<Extract<FakeReply, { kind: "error" }>, "kind" | "status"> = {}): FakeReply => ({
    kind: "error",
    status,
    ...extra,
  }),
  /** 429 with `retry-after` in seconds (fractions allowed, e.g. 0.05). */
  rateLimited: (retryAfterSeconds?: number, extra: { retryAfterMs?: number } = {}): FakeReply => ({
    kind: "error",
    status: 429,
    errorType: "rate_limit_error",
    headers: {
      ...(retryAfterSeconds !== undefined ? { "retry-after": String(retryAfterSeconds) } : {}),
      ...(extra.retryAfterMs !== undefined ? { "retry-after-ms": String(extra.retryAfterMs) } : {}),
    },
  }),
  serverError: (): FakeReply => ({ kind: "error", status: 500, errorType: "server_error" }),
  /** Anthropic's "overloaded" status. */
  overloaded: (): FakeReply => ({ kind: "error", status: 529, errorType: "overloaded_error", message: "Overloaded" }),
  truncate: (text = "This answer will be cut off in the middle of the stream."): FakeReply => ({
    kind: "truncate",
    text,
  }),
  hang: (): FakeReply => ({ kind: "hang" }),
  /** Streams the first half of the answer, then stalls with the connection open until the client aborts. */
  stall: (text = "This answer starts, then stalls until the client gives up on it."): FakeReply => ({
    kind: "truncate",
    text,
    hold: true,
  }),
};

/** What a wire format must provide. */
export interface Flavor {
  name: string;
  /** The one POST path served, e.g. "/v1/chat/completions". */
  path: string;
  isStream(body: unknown): boolean;
  promptText(body: unknown): string;
  /** JSON body for a successful non-streamed answer. */
  renderJson(reply: AnswerReply, body: unknown, usage: FakeUsage, ids: IdSource): unknown;
  /** SSE frames (each complete, ending in "\n\n") for a streamed answer. */
  renderStream(reply: AnswerReply, body: unknown, usage: FakeUsage, ids: IdSource): string[];
  renderError(reply: Extract<FakeReply, { kind: "error" }>): unknown;
}

export type AnswerReply = Extract<FakeReply, { kind: "text" | "json" | "tool_calls" | "truncate" }>;

export interface IdSource {
  next(prefix: string): string;
}

export interface FakeUpstream {
  /** Base URL to configure as OPENAI_BASE_URL / ANTHROPIC_BASE_URL, e.g. "http://127.0.0.1:41234/v1". */
  url: string;
  /** Every request received, in order. */
  requests: Recorded[];
  /** Appends replies to the queue; each request consumes one. */
  script(...items: ScriptItem[]): FakeUpstream;
  /** Used when the queue is empty (default: HTTP 500 "fake: nothing scripted", so a missing script fails loudly). */
  setFallback(item: ScriptItem | undefined): void;
  /** Scripted replies not consumed yet. */
  pending(): number;
  /** Requests being answered right now, and the most seen at once. */
  stats(): { inFlight: number; maxInFlight: number };
  /** Clears the queue, the fallback, the records and the stats. */
  reset(): void;
  /** Drops every open connection (hung ones included) and stops listening. */
  close(): Promise<void>;
}

const SECRET_HEADERS = new Set(["authorization", "x-api-key", "api-key", "cookie"]);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => parts.push(part));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

const estimate = (chars: number) => Math.max(1, Math.ceil(chars / 4));

function answerChars(reply: AnswerReply): number {
  switch (reply.kind) {
    case "text":
      return reply.text.length;
    case "json":
      return JSON.stringify(reply.value).length;
    case "tool_calls":
      return (reply.text?.length ?? 0) + JSON.stringify(reply.calls).length;
    case "truncate":
      return reply.text?.length ?? 0;
  }
}

/** Resolves when the client goes away or the fake closes. */
function untilClosed(res: ServerResponse, closing: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      closing.removeEventListener("abort", done);
      resolve();
    };
    res.on("close", done);
    closing.addEventListener("abort", done, { once: true });
  });
}

/** Resolves after `ms` or when `signal` aborts, whichever comes first; leaves no listener behind. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

export async function startFakeUpstream(flavor: Flavor): Promise<FakeUpstream> {
  const queue: ScriptItem[] = [];
  let fallback: ScriptItem | undefined;
  const requests: Recorded[] = [];
  const sockets = new Set<Socket>();
  const closing = new AbortController();
  setMaxListeners(0, closing.signal); // one listener per request in flight, however many a benchmark opens
  let inFlight = 0;
  let maxInFlight = 0;
  let counter = 0;
  const ids: IdSource = { next: (prefix) => `${prefix}${++counter}` };

  const sendJson = (res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(payload);
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(text)),
      ...headers,
    });
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // Keep the raw string: tests may want to see what a broken client sent.
    }
    const headers: Record<string, string> = {};
    let hadAuth = false;
    for (const [name, value] of Object.entries(req.headers)) {
      const lower = name.toLowerCase();
      if (SECRET_HEADERS.has(lower)) {
        hadAuth = true;
        continue;
      }
      if (value !== undefined) headers[lower] = Array.isArray(value) ? value.join(", ") : value;
    }
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const stream = flavor.isStream(body);
    const record: Recorded = {
      method: req.method ?? "GET",
      path,
      headers,
      hadAuth,
      body,
      stream,
      text: flavor.promptText(body),
      seq: requests.length + 1,
    };
    requests.push(record);

    if (req.method !== "POST" || path !== flavor.path) {
      sendJson(res, 404, { error: { message: `fake ${flavor.name}: no route ${req.method} ${path}` } });
      return;
    }

    const item = queue.shift() ?? fallback;
    const chosen: FakeReply =
      item === undefined
        ? { kind: "error", status: 500, message: "fake: nothing scripted for this request" }
        : typeof item === "function"
          ? await item(record)
          : item;

    if (chosen.kind === "hang") {
      // Never answer: resolve only when the client goes away or the fake closes, so nothing leaks.
      await untilClosed(res, closing.signal);
      return;
    }
    if (chosen.delayMs) await wait(chosen.delayMs, closing.signal);
    if (closing.signal.aborted) return;

    if (chosen.kind === "error") {
      sendJson(res, chosen.status, flavor.renderError(chosen), chosen.headers ?? {});
      return;
    }

    const usage = chosen.usage ?? { input_tokens: estimate(raw.length), output_tokens: estimate(answerChars(chosen)) };
    if (stream) {
      const frames = flavor.renderStream(chosen, body, usage, ids);
      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-cache",
        connection: "keep-alive",
      });
      const count = chosen.kind === "truncate" ? Math.max(1, Math.floor(frames.length / 2)) : frames.length;
      for (const [index, frame] of frames.slice(0, count).entries()) {
        if (index > 0 && chosen.intervalMs) await wait(chosen.intervalMs, closing.signal);
        if (res.destroyed || closing.signal.aborted) return;
        res.write(frame);
      }
      if (chosen.kind === "truncate" && chosen.hold) {
        await untilClosed(res, closing.signal);
        return;
      }
      if (chosen.kind === "truncate") {
        // Let the written frames reach the client, then cut the connection without a proper end.
        await new Promise((resolve) => setTimeout(resolve, 20));
        req.socket.destroy();
        return;
      }
      res.end();
      return;
    }
    const payload = JSON.stringify(flavor.renderJson(chosen, body, usage, ids));
    if (chosen.kind === "truncate") {
      const bytes = Buffer.from(payload);
      res.writeHead(200, { "content-type": "application/json", "content-length": String(bytes.length) });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      await new Promise((resolve) => setTimeout(resolve, 20));
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)) });
    res.end(payload);
  };

  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => {
      inFlight--;
    });
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        sendJson(res, 500, { error: { message: `fake ${flavor.name} crashed: ${String(error)}` } });
      } else {
        res.destroy();
      }
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const fake: FakeUpstream = {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script(...items) {
      queue.push(...items);
      return fake;
    },
    setFallback(item) {
      fallback = item;
    },
    pending: () => queue.length,
    stats: () => ({ inFlight, maxInFlight }),
    reset() {
      queue.length = 0;
      fallback = undefined;
      requests.length = 0;
      maxInFlight = inFlight;
    },
    async close() {
      closing.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
  return fake;
}

/** Splits text into pieces of at most `size` characters (at least one piece, possibly empty). */
export function pieces(text: string, size = 24): string[] {
  if (text.length === 0) return [""];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

export const sse = (data: unknown, event?: string): string =>
  `${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;

/** Collects string content from message-like structures (string content or arrays of {type:"text", text}). */
export function collectText(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") {
    out.push(value);
  } else if (Array.isArray(value)) {
    for (const part of value) collectText(part, out);
  } else if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.text === "string") out.push(record.text);
    if (record.content !== undefined) collectText(record.content, out);
  }
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
