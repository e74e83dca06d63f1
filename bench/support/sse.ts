/** An SSE response being read. */
export interface OpenStream {
  /** ms from sending the request to the first line matching `first`. */
  firstMs: number;
  /** `event: error` lines seen so far. */
  errors(): number;
  /** The data line of the first error event, if any (what went wrong). */
  firstError(): string | undefined;
  /** Resolves when the server ends the stream. */
  ended(): Promise<void>;
  /** Aborts the request (the server sees the client go away) and waits for the reading to end. */
  close(): Promise<void>;
}

/**
 * POSTs `body` as JSON and reads the response line by line as it streams; resolves once a line matches `first` (e.g.
 * /^event: text$/), then keeps reading, so the server is never held up by back-pressure, until closed.
 */
export async function openStream(
  url: string,
  body: unknown,
  first: RegExp,
  headers: Record<string, string> = {},
): Promise<OpenStream> {
  const controller = new AbortController();
  const started = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream", ...headers },
    body: JSON.stringify(body),
    signal: controller.signal,
  }).catch((error: unknown) => {
    // fetch says only "fetch failed"; why (ECONNRESET, ECONNREFUSED, a timeout...) is in its cause.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`fetch failed: ${cause?.code ?? cause?.message ?? String(error)}`);
  });
  if (res.status !== 200 || !res.body) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let firstMs = -1;
  let errors = 0;
  let firstError: string | undefined;
  let afterError = false;
  let partial = "";
  let reached: () => void = () => {};
  const firstSeen = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const lines = (partial + decoder.decode(value, { stream: true })).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) {
          if (afterError && line.startsWith("data: ")) firstError ??= line.slice(6, 300);
          afterError = line === "event: error";
          if (afterError) errors += 1;
          if (firstMs < 0 && first.test(line)) {
            firstMs = performance.now() - started;
            reached();
          }
        }
      }
    } catch {
      // aborted by close()
    } finally {
      reached();
    }
  })();
  await firstSeen;
  if (firstMs < 0) throw new Error(`${url}: the stream ended before a line matched ${first}`);
  return {
    firstMs,
    errors: () => errors,
    firstError: () => firstError,
    ended: () => pump,
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}
