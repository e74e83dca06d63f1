/**
 * The fetch the AI SDK's providers use for model calls whose answer is read whole (structured extraction). It sends
 * the request through undici's `request` (the dispatcher API Node's own fetch is built on) and hands the answer
 * back as a Response built from its text. Node's fetch cost ~0.6 ms more CPU per call than this on a loopback call
 * (WHATWG Request, Headers and body streams on both sides; docs/benchmarks.md), and a create makes its model call
 * on the event loop.
 *
 * It keeps fetch's contract where the callers depend on it: redirects are followed, an abort rejects with the
 * signal's reason, and a failure to connect or a dropped socket rejects with TypeError("fetch failed") carrying the
 * cause, which the AI SDK and resilience.ts classify as a retryable network error. Anything this does not handle
 * (a Request object, a non-string body) goes to Node's fetch unchanged. Not for streamed answers: it reads the body
 * whole before it resolves.
 */

import type { Dispatcher } from "undici";

/** Statuses whose Response must not have a body (the Response constructor refuses one). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** Redirects followed, as fetch's default. */
const MAX_REDIRECTIONS = 20;

/**
 * undici's request with a connection pool of its own (keep-alive, as fetch's), following redirects. Its own: the
 * global dispatcher may be the one bundled with Node, whose handler interface differs from this undici's. Loaded on
 * the first call, since undici is heavy to load and a server without a model never needs it.
 */
let client: Promise<{ request: typeof import("undici").request; dispatcher: Dispatcher }> | undefined;

async function loadClient() {
  const { Agent, interceptors, request } = await import("undici");
  return { request, dispatcher: new Agent().compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTIONS })) };
}

/** Plain header records as the AI SDK passes them (undefined values dropped); anything else through Headers. */
function headerRecord(headers: HeadersInit | undefined): Record<string, string> {
  if (headers === undefined) return {};
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(new Headers(headers));
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) record[name] = value;
  return record;
}

function responseHeaders(headers: Record<string, string | string[] | undefined>): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (Array.isArray(value)) for (const item of value) result.append(name, item);
    else if (value !== undefined) result.append(name, value);
  }
  return result;
}

export const wholeBodyFetch: typeof globalThis.fetch = async (input, init = {}) => {
  const body = init.body ?? undefined;
  if (input instanceof Request || (body !== undefined && typeof body !== "string")) return fetch(input, init);
  client ??= loadClient();
  const { request, dispatcher } = await client;
  const signal = init.signal ?? undefined;
  try {
    const answer = await request(input, {
      method: (init.method ?? "GET") as Dispatcher.HttpMethod,
      headers: headerRecord(init.headers),
      ...(body !== undefined ? { body } : {}),
      ...(signal ? { signal } : {}),
      dispatcher,
    });
    const text = await answer.body.text();
    const nullBody = NULL_BODY_STATUSES.has(answer.statusCode);
    return new Response(nullBody ? null : text, {
      status: answer.statusCode,
      headers: responseHeaders(answer.headers),
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new TypeError("fetch failed", { cause: error });
  }
};
