// Every socket in this file goes to loopback. Every fetcher gets an injected resolver that answers from a fixed
// table and fails for anything else, so not even a DNS query leaves the machine.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createFetcher,
  FetchError,
  type FetchErrorCode,
  type Fetcher,
  type FetcherOptions,
  fetchAll,
  normaliseAllowEntry,
  type ResolvedAddress,
  redactUrl,
} from "./fetch-url.ts";
import { BlockedAddressError, createGuardedConnector, createGuardedLookup } from "./guarded-connect.ts";

// ---------------------------------------------------------------------------------------------------------------
// Loopback servers

interface Canary {
  server: Server;
  port: number;
  connections: number;
  requests: number;
}

/** A server that must never be reached: it counts TCP connections, not just requests. Dual-stack on [::]. */
async function startCanary(): Promise<Canary> {
  const canary: Canary = { server: createServer(), port: 0, connections: 0, requests: 0 };
  canary.server.on("connection", () => {
    canary.connections++;
  });
  canary.server.on("request", (_req: IncomingMessage, res: ServerResponse) => {
    canary.requests++;
    res.setHeader("content-type", "text/html");
    res.end("<h1>canary: you should not see this</h1>");
  });
  await new Promise<void>((resolve) => canary.server.listen({ host: "::", port: 0, ipv6Only: false }, resolve));
  canary.port = (canary.server.address() as AddressInfo).port;
  return canary;
}

interface PageServer {
  server: Server;
  port: number;
  inFlight: number;
  maxInFlight: number;
}

function send(res: ServerResponse, status: number, type: string | null, body: string | Buffer): void {
  if (type !== null) res.setHeader("content-type", type);
  res.statusCode = status;
  res.end(body);
}

async function startPageServer(): Promise<PageServer> {
  const state: PageServer = { server: createServer(), port: 0, inFlight: 0, maxInFlight: 0 };
  state.server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://pages.invalid");
    const path = url.pathname;
    if (path === "/page")
      return send(res, 200, "text/html; charset=utf-8", "<html><body><p>Hello, café</p></body></html>");
    if (path === "/redirect") {
      res.setHeader("location", url.searchParams.get("to") ?? "/page");
      return send(res, Number(url.searchParams.get("status") ?? 302), "text/plain", "moved");
    }
    if (path === "/loop") {
      // Each hop redirects to the next one; `then` (if given) is where the chain ends up after `n` hops.
      const n = Number(url.searchParams.get("n") ?? "0");
      const then = url.searchParams.get("then");
      const left = Number(url.searchParams.get("left") ?? "100");
      res.setHeader(
        "location",
        left <= 1 && then !== null
          ? then
          : `/loop?n=${n + 1}&left=${left - 1}${then ? `&then=${encodeURIComponent(then)}` : ""}`,
      );
      return send(res, 302, null, "");
    }
    if (path === "/no-location") return send(res, 302, "text/plain", "");
    if (path === "/infinite") {
      // Streams forever: only a reader that enforces the cap while streaming ever finishes.
      res.writeHead(200, { "content-type": "text/plain" });
      const chunk = "x".repeat(16 * 1024);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk)) {
          /* keep writing until backpressure */
        }
        if (!res.destroyed) res.once("drain", pump);
      };
      pump();
      return;
    }
    if (path === "/declared-large") {
      res.writeHead(200, { "content-type": "text/plain", "content-length": String(50 * 1024 * 1024) });
      res.write("tiny");
      return; // never finishes: the declared length alone must be enough to refuse
    }
    if (path === "/gzip") {
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8", "content-encoding": "gzip" });
      return res.end(gzipSync(Buffer.from("compressed hello")));
    }
    if (path === "/gzip-bomb") {
      res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" });
      return res.end(gzipSync(Buffer.alloc(20 * 1024 * 1024)));
    }
    if (path === "/slow-headers") return; // never answers
    if (path === "/slow-body") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("partial");
      return; // and then nothing
    }
    if (path === "/png") return send(res, 200, "image/png", Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    if (path === "/no-type") return send(res, 200, null, "no type");
    if (path === "/status") return send(res, Number(url.searchParams.get("code")), "text/html", "status page");
    if (path === "/latin1") {
      return send(res, 200, "text/html; charset=ISO-8859-1", Buffer.from([0x63, 0x61, 0x66, 0xe9])); // "café"
    }
    if (path === "/latin1-euro")
      return send(res, 200, "text/plain; charset=iso-8859-1", Buffer.from([0x35, 0x20, 0x80]));
    if (path === "/sjis") return send(res, 200, "text/plain; charset=Shift_JIS", Buffer.from([0x93, 0xfa, 0x96, 0x7b])); // 日本
    if (path === "/meta-charset") {
      const head = Buffer.from('<html><head><meta charset="windows-1252"></head><body>');
      return send(
        res,
        200,
        "text/html",
        Buffer.concat([head, Buffer.from([0x93, 0x68, 0x69, 0x94]), Buffer.from("</body>")]),
      );
    }
    if (path === "/bad-charset") return send(res, 200, "text/plain; charset=klingon", "plain ascii");
    if (path === "/utf8-default") return send(res, 200, "text/plain", "naïve ✓");
    if (path === "/ld-json") return send(res, 200, "application/ld+json", '{"@type":"Person"}');
    if (path === "/markdown") return send(res, 200, "text/markdown; charset=utf-8", "# Title");
    if (path === "/xhtml") return send(res, 200, "application/xhtml+xml", "<html/>");
    if (path === "/concurrent") {
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      setTimeout(() => {
        state.inFlight--;
        send(res, 200, "text/plain", `ok ${url.searchParams.get("i")}`);
      }, 60);
      return;
    }
    send(res, 404, "text/plain", "not found");
  });
  await new Promise<void>((resolve) => state.server.listen({ host: "127.0.0.1", port: 0 }, resolve));
  state.port = (state.server.address() as AddressInfo).port;
  return state;
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

// ---------------------------------------------------------------------------------------------------------------
// Fixed-table resolver: loopback answers only, and a call log to prove when it was (not) consulted.

const RESOLVER_TABLE: Record<string, ResolvedAddress[]> = {
  "pages.test": [{ address: "127.0.0.1", family: 4 }],
  "rebind.example": [{ address: "127.0.0.1", family: 4 }],
  "rebind6.example": [{ address: "::1", family: 6 }],
  "mapped.example": [{ address: "::ffff:127.0.0.1", family: 6 }],
  "both.example": [
    { address: "::1", family: 6 },
    { address: "127.0.0.1", family: 4 },
  ],
  "unspecified.example": [{ address: "0.0.0.0", family: 4 }],
};

const resolverCalls: string[] = [];

async function tableResolver(hostname: string): Promise<ResolvedAddress[]> {
  resolverCalls.push(hostname);
  const answer = RESOLVER_TABLE[hostname];
  if (answer === undefined) {
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (test resolver)`), { code: "ENOTFOUND" });
  }
  return answer;
}

let canary: Canary;
let pages: PageServer;
let C: number;
let P: number;

function makeFetcher(overrides: Partial<FetcherOptions> = {}): Fetcher {
  return createFetcher({
    allowHosts: [`127.0.0.1:${P}`, `pages.test:${P}`],
    resolve: tableResolver,
    ...overrides,
  });
}

async function fetchError(fetcher: Fetcher, url: string): Promise<FetchError> {
  try {
    const page = await fetcher.fetch(url);
    throw new Error(`expected a FetchError for ${url}, got HTTP ${page.status} from ${page.finalUrl}`);
  } catch (err) {
    if (err instanceof FetchError) return err;
    throw err;
  }
}

beforeAll(async () => {
  canary = await startCanary();
  pages = await startPageServer();
  C = canary.port;
  P = pages.port;
});

afterAll(async () => {
  await stop(canary.server);
  await stop(pages.server);
});

// ---------------------------------------------------------------------------------------------------------------
// Security: hostile URLs

describe("hostile URLs never reach the canary", () => {
  // Built lazily because the ports are only known once the servers listen.
  const table = (): Array<[string, string, FetchErrorCode]> => {
    const viaAllowed = (to: string): string => `http://127.0.0.1:${P}/redirect?to=${encodeURIComponent(to)}`;
    return [
      ["localhost", `http://localhost:${C}/`, "blocked_address"],
      ["127.0.0.1", `http://127.0.0.1:${C}/`, "blocked_address"],
      ["[::1]", `http://[::1]:${C}/`, "blocked_address"],
      ["[0:0:0:0:0:0:0:1]", `http://[0:0:0:0:0:0:0:1]:${C}/`, "blocked_address"],
      ["IPv4-mapped dotted", `http://[::ffff:127.0.0.1]:${C}/`, "blocked_address"],
      ["IPv4-mapped hex", `http://[::ffff:7f00:1]:${C}/`, "blocked_address"],
      ["IPv4-compatible", `http://[::127.0.0.1]:${C}/`, "blocked_address"],
      ["NAT64 of loopback", `http://[64:ff9b::127.0.0.1]:${C}/`, "blocked_address"],
      ["unspecified IPv6", `http://[::]:${C}/`, "blocked_address"],
      ["decimal", `http://2130706433:${C}/`, "blocked_address"],
      ["octal", `http://0177.0.0.1:${C}/`, "blocked_address"],
      ["hex dotted", `http://0x7f.0.0.1:${C}/`, "blocked_address"],
      ["hex whole", `http://0x7f000001:${C}/`, "blocked_address"],
      ["hex short", `http://0x7f.1:${C}/`, "blocked_address"],
      ["short", `http://127.1:${C}/`, "blocked_address"],
      ["127.0.0.2", `http://127.0.0.2:${C}/`, "blocked_address"],
      ["trailing dot IPv4", `http://127.0.0.1.:${C}/`, "blocked_address"],
      ["percent-encoded host", `http://%31%32%37.0.0.1:${C}/`, "blocked_address"],
      ["full-width digits", `http://１２７.０.０.１:${C}/`, "blocked_address"],
      ["0.0.0.0", `http://0.0.0.0:${C}/`, "blocked_address"],
      ["0", `http://0:${C}/`, "blocked_address"],
      ["https to loopback", `https://127.0.0.1:${C}/`, "blocked_address"],
      ["uppercase scheme", `HTTP://127.0.0.1:${C}/`, "blocked_address"],
      ["surrounding spaces", `  http://127.0.0.1:${C}/  `, "blocked_address"],
      ["backslash trick", `http://127.0.0.1:${C}\\@pages.test/`, "blocked_address"],
      ["localhost.", `http://localhost.:${C}/`, "blocked_address"],
      ["LOCALHOST", `http://LOCALHOST:${C}/`, "blocked_address"],
      ["LocalHost.", `http://LocalHost.:${C}/`, "blocked_address"],
      ["*.localhost", `http://evil.localhost:${C}/`, "blocked_address"],
      ["metadata name", "http://metadata.google.internal/computeMetadata/v1/", "blocked_address"],
      ["DNS answer loopback v4", `http://rebind.example:${C}/`, "blocked_address"],
      ["DNS answer loopback v6", `http://rebind6.example:${C}/`, "blocked_address"],
      ["DNS answer mapped", `http://mapped.example:${C}/`, "blocked_address"],
      ["DNS answer both families", `http://both.example:${C}/`, "blocked_address"],
      ["DNS answer 0.0.0.0", `http://unspecified.example:${C}/`, "blocked_address"],
      ["user:pass@", `http://user:s3cret@127.0.0.1:${C}/`, "invalid_url"],
      ["user@", `http://user@127.0.0.1:${C}/`, "invalid_url"],
      ["credentials on an allowed host", `http://user:s3cret@127.0.0.1:${P}/page`, "invalid_url"],
      ["public-looking userinfo", `http://pages.test@127.0.0.1:${C}/`, "invalid_url"],
      ["file:", "file:///etc/passwd", "invalid_url"],
      ["ftp:", `ftp://127.0.0.1:${C}/`, "invalid_url"],
      ["gopher:", `gopher://127.0.0.1:${C}/_GET%20/`, "invalid_url"],
      ["data:", "data:text/html,<h1>hi</h1>", "invalid_url"],
      ["javascript:", "javascript:alert(1)", "invalid_url"],
      ["ws:", `ws://127.0.0.1:${C}/`, "invalid_url"],
      ["IPv6 zone id", `http://[fe80::1%25lo]:${C}/`, "invalid_url"],
      ["not a URL", "not a url", "invalid_url"],
      ["out-of-range IPv4", `http://127.0.0.256:${C}/`, "invalid_url"],
      ["allowed -> canary", viaAllowed(`http://127.0.0.1:${C}/`), "blocked_address"],
      ["allowed -> canary 307", `${viaAllowed(`http://127.0.0.1:${C}/`)}&status=307`, "blocked_address"],
      ["allowed -> localhost canary", viaAllowed(`http://localhost:${C}/`), "blocked_address"],
      ["allowed -> mapped canary", viaAllowed(`http://[::ffff:127.0.0.1]:${C}/`), "blocked_address"],
      ["allowed -> decimal canary", viaAllowed(`http://2130706433:${C}/`), "blocked_address"],
      ["allowed -> [::1] canary", viaAllowed(`http://[::1]:${C}/`), "blocked_address"],
      ["allowed -> rebinding name", viaAllowed(`http://rebind.example:${C}/`), "blocked_address"],
      // The allow-list names 127.0.0.1:P; "localhost:P" is the same server under another name, and is refused.
      ["allowed -> same server by other name", viaAllowed(`http://localhost:${P}/page`), "blocked_address"],
      ["allowed -> file:", viaAllowed("file:///etc/passwd"), "invalid_url"],
      ["allowed -> gopher:", viaAllowed(`gopher://127.0.0.1:${C}/`), "invalid_url"],
      ["allowed -> javascript:", viaAllowed("javascript:alert(1)"), "invalid_url"],
      ["allowed -> credentials", viaAllowed(`http://u:s3cret@127.0.0.1:${P}/page`), "invalid_url"],
      ["allowed -> broken Location", viaAllowed("http://[::1"), "invalid_url"],
      ["redirect chain over the limit", `http://127.0.0.1:${P}/loop`, "too_many_redirects"],
      [
        "chain of 3 then canary",
        `http://127.0.0.1:${P}/loop?left=3&then=${encodeURIComponent(`http://127.0.0.1:${C}/`)}`,
        "blocked_address",
      ],
    ];
  };

  it("has at least 30 hostile cases", () => {
    expect(table().length).toBeGreaterThanOrEqual(30);
  });

  it("refuses every one with the right code", async () => {
    const fetcher = makeFetcher({ totalTimeoutMs: 3_000 });
    const outcomes: Array<[string, string]> = [];
    for (const [name, url, code] of table()) {
      const err = await fetchError(fetcher, url);
      outcomes.push([name, `${err.code}: ${err.message}`]);
      expect.soft(err.code, `${name}: ${url} -> ${err.message}`).toBe(code);
      expect.soft(err.url).toBe(redactUrl(url));
      // Secrets in URLs never reach messages (which end up in logs and API responses).
      expect.soft(err.message).not.toContain("s3cret");
      expect.soft(err.message.length).toBeGreaterThan(10);
    }
    expect(outcomes.length).toBe(table().length);
    if (process.env.SHOW_FETCH_OUTCOMES) console.table(outcomes);
  });

  it("refuses a DNS answer before connecting (resolver consulted, canary untouched)", async () => {
    resolverCalls.length = 0;
    const err = await fetchError(makeFetcher(), `http://rebind.example:${C}/path`);
    expect(err.code).toBe("blocked_address");
    expect(err.message).toContain("rebind.example resolves to 127.0.0.1");
    expect(resolverCalls).toEqual(["rebind.example"]);
    expect(canary.connections).toBe(0);
  });

  it("the guarded connector refuses a literal loopback IP without opening a socket", async () => {
    const connect = createGuardedConnector({ resolve: tableResolver, checkAddresses: true, connectTimeoutMs: 1000 });
    const err = await new Promise<Error | null>((resolve) => {
      connect({ hostname: "127.0.0.1", protocol: "http:", port: String(C) }, (e, socket) => {
        socket?.destroy();
        resolve(e);
      });
    });
    expect(err).toBeInstanceOf(BlockedAddressError);
  });

  it("the canary recorded zero connections", () => {
    expect(canary.connections).toBe(0);
    expect(canary.requests).toBe(0);
  });
});

describe("guarded lookup (no sockets)", () => {
  // DNS answers handed straight to the lookup callback: data only, nothing connects to them.
  const blockedPrivateAnswer = "10.0.0.1";
  const blockedMetadataAnswers = ["169.254.169.254", "fd00:ec2::254", "::ffff:169.254.169.254"];
  function runLookup(
    answers: ResolvedAddress[],
    check: boolean,
    options: { all?: boolean; family?: number } = { all: true },
  ): Promise<{ err: Error | null; addresses: unknown }> {
    const lookup = createGuardedLookup(async () => answers, check);
    return new Promise((resolve) => {
      lookup("some.example", options, (err, addresses) => resolve({ err, addresses }));
    });
  }

  it("refuses the whole answer when any address is blocked (even if another is public)", async () => {
    // Addresses here are data handed to a callback; nothing connects to them.
    const { err } = await runLookup(
      [
        { address: "93.184.216.34", family: 4 },
        { address: blockedPrivateAnswer, family: 4 },
      ],
      true,
    );
    expect(err).toBeInstanceOf(BlockedAddressError);
    expect(err?.message).toContain(blockedPrivateAnswer);
  });

  it("refuses metadata and mapped answers", async () => {
    for (const address of blockedMetadataAnswers) {
      const { err } = await runLookup([{ address, family: address.includes(":") ? 6 : 4 }], true);
      expect(err, address).toBeInstanceOf(BlockedAddressError);
    }
  });

  it("passes public answers through, filtered by family, in both callback styles", async () => {
    const answers: ResolvedAddress[] = [
      { address: "2606:4700::1111", family: 6 },
      { address: "93.184.216.34", family: 4 },
    ];
    expect((await runLookup(answers, true)).addresses).toEqual(answers);
    expect((await runLookup(answers, true, { all: true, family: 4 })).addresses).toEqual([answers[1]]);
    expect((await runLookup(answers, true, { family: 6 })).addresses).toBe("2606:4700::1111");
  });

  it("does not check answers on an allow-listed hop", async () => {
    const { err, addresses } = await runLookup([{ address: "127.0.0.1", family: 4 }], false);
    expect(err).toBeNull();
    expect(addresses).toEqual([{ address: "127.0.0.1", family: 4 }]);
  });

  it("reports an empty answer as not found", async () => {
    const { err } = await runLookup([], true);
    expect(err?.message).toContain("no address");
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Happy paths and limits, against the allow-listed loopback page server

describe("fetching allowed pages", () => {
  it("returns an HTML page with its content type, final URL and size", async () => {
    const before = Date.now();
    const page = await makeFetcher().fetch(`http://127.0.0.1:${P}/page`);
    expect(page).toMatchObject({
      url: `http://127.0.0.1:${P}/page`,
      finalUrl: `http://127.0.0.1:${P}/page`,
      status: 200,
      contentType: "text/html",
    });
    expect(page.body).toContain("Hello, café");
    expect(page.bytes).toBe(Buffer.byteLength(page.body));
    expect(Date.parse(page.fetchedAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it("follows redirects within allowed hosts, by address and by name", async () => {
    const fetcher = makeFetcher();
    const relative = await fetcher.fetch(`http://127.0.0.1:${P}/redirect?to=/page`);
    expect(relative.finalUrl).toBe(`http://127.0.0.1:${P}/page`);
    const toName = await fetcher.fetch(
      `http://127.0.0.1:${P}/redirect?status=301&to=${encodeURIComponent(`http://pages.test:${P}/page`)}`,
    );
    expect(toName.finalUrl).toBe(`http://pages.test:${P}/page`);
    expect(toName.body).toContain("Hello");
  });

  it("follows exactly maxRedirects hops and no more", async () => {
    const page = `http://127.0.0.1:${P}/page`;
    const ok = await makeFetcher({ maxRedirects: 2 }).fetch(
      `http://127.0.0.1:${P}/loop?left=2&then=${encodeURIComponent(page)}`,
    );
    expect(ok.finalUrl).toBe(page);
    const err = await fetchError(
      makeFetcher({ maxRedirects: 2 }),
      `http://127.0.0.1:${P}/loop?left=3&then=${encodeURIComponent(page)}`,
    );
    expect(err.code).toBe("too_many_redirects");
  });

  it("treats a redirect without Location as a bad status", async () => {
    const err = await fetchError(makeFetcher(), `http://127.0.0.1:${P}/no-location`);
    expect(err.code).toBe("bad_status");
    expect(err.status).toBe(302);
  });

  it("stops a streaming body at the byte cap (too_large) instead of buffering it", async () => {
    // The body never ends: only a cap enforced while streaming can finish before the (long) timeout.
    const started = Date.now();
    const err = await fetchError(
      makeFetcher({ maxBytes: 100_000, totalTimeoutMs: 10_000 }),
      `http://127.0.0.1:${P}/infinite`,
    );
    expect(err.code).toBe("too_large");
    expect(err.message).toContain("100000 bytes");
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it("refuses a declared Content-Length over the cap without reading the body", async () => {
    const err = await fetchError(
      makeFetcher({ maxBytes: 1_000_000, totalTimeoutMs: 10_000 }),
      `http://127.0.0.1:${P}/declared-large`,
    );
    expect(err.code).toBe("too_large");
  });

  it("decodes gzip and caps the decoded size (compression bomb)", async () => {
    const fetcher = makeFetcher({ maxBytes: 64 * 1024 });
    expect((await fetcher.fetch(`http://127.0.0.1:${P}/gzip`)).body).toBe("compressed hello");
    expect((await fetchError(fetcher, `http://127.0.0.1:${P}/gzip-bomb`)).code).toBe("too_large");
  });

  it("times out a server that never sends headers, and one that stalls mid-body", async () => {
    const fetcher = makeFetcher({ totalTimeoutMs: 300 });
    for (const path of ["/slow-headers", "/slow-body"]) {
      const started = Date.now();
      const err = await fetchError(fetcher, `http://127.0.0.1:${P}${path}`);
      expect(err.code, path).toBe("timeout");
      expect(err.message).toContain("300 ms");
      expect(Date.now() - started).toBeLessThan(4_000);
    }
  });

  it("reports a caller's abort", async () => {
    const controller = new AbortController();
    const pending = makeFetcher().fetch(`http://127.0.0.1:${P}/slow-headers`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: "network", message: expect.stringContaining("cancelled") });
  });

  it("refuses content types outside the allow-list", async () => {
    const fetcher = makeFetcher();
    const png = await fetchError(fetcher, `http://127.0.0.1:${P}/png`);
    expect(png.code).toBe("unsupported_content_type");
    expect(png.message).toContain("image/png");
    expect((await fetchError(fetcher, `http://127.0.0.1:${P}/no-type`)).code).toBe("unsupported_content_type");
  });

  it("accepts the allowed text types, including +json", async () => {
    const fetcher = makeFetcher();
    expect((await fetcher.fetch(`http://127.0.0.1:${P}/ld-json`)).contentType).toBe("application/ld+json");
    expect((await fetcher.fetch(`http://127.0.0.1:${P}/markdown`)).body).toBe("# Title");
    expect((await fetcher.fetch(`http://127.0.0.1:${P}/xhtml`)).contentType).toBe("application/xhtml+xml");
  });

  it.each([404, 500, 403, 204, 206])("reports HTTP %i as bad_status", async (code) => {
    const err = await fetchError(makeFetcher(), `http://127.0.0.1:${P}/status?code=${code}`);
    expect(err.code).toBe("bad_status");
    expect(err.status).toBe(code);
    expect(err.message).toContain(String(code));
  });

  it("decodes the body with the charset from the header, the page, or UTF-8", async () => {
    const fetcher = makeFetcher();
    expect((await fetcher.fetch(`http://127.0.0.1:${P}/latin1`)).body).toBe("café");
    // ISO-8859-1 means windows-1252 on the web: 0x80 is the euro sign, not a control character.
    expect((await fetcher.fetch(`http://127.0.0.1:${P}/latin1-euro`)).body).toBe("5 €");
    expect((await fetcher.fetch(`http://127.0.0.1:${P}/sjis`)).body).toBe("日本");
    expect((await fetcher.fetch(`http://127.0.0.1:${P}/meta-charset`)).body).toContain("\u201chi\u201d");
    expect((await fetcher.fetch(`http://127.0.0.1:${P}/bad-charset`)).body).toBe("plain ascii");
    expect((await fetcher.fetch(`http://127.0.0.1:${P}/utf8-default`)).body).toBe("naïve ✓");
  });

  it("applies the connect timeout to name resolution and connection", async () => {
    // The resolver is part of the connection attempt, so a resolver that hangs shows the connect timeout
    // without needing an unroutable address.
    const fetcher = makeFetcher({
      allowHosts: [`slow-dns.test:${P}`],
      connectTimeoutMs: 200,
      totalTimeoutMs: 5_000,
      resolve: () => new Promise((resolve) => setTimeout(() => resolve([{ address: "127.0.0.1", family: 4 }]), 6_000)),
    });
    const started = Date.now();
    const err = await fetchError(fetcher, `http://slow-dns.test:${P}/page`);
    expect(err.code).toBe("timeout");
    expect(err.message).toContain("200 ms");
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("ignores proxy environment variables", async () => {
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, http_proxy: process.env.http_proxy };
    process.env.HTTP_PROXY = `http://127.0.0.1:${C}`;
    process.env.http_proxy = `http://127.0.0.1:${C}`;
    try {
      const page = await makeFetcher().fetch(`http://127.0.0.1:${P}/page`);
      expect(page.body).toContain("Hello");
      expect(canary.connections).toBe(0);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it("reports an unresolvable host as a network error", async () => {
    const err = await fetchError(makeFetcher(), "http://does-not-exist.example/");
    expect(err.code).toBe("network");
    expect(err.message).toContain("could not be resolved");
  });
});

describe("fetchAll", () => {
  it("returns one result per URL in order; each URL fails alone", async () => {
    const urls = [
      `http://127.0.0.1:${P}/page`,
      `http://127.0.0.1:${P}/status?code=404`,
      `http://127.0.0.1:${C}/`,
      "file:///etc/passwd",
      `http://127.0.0.1:${P}/markdown`,
    ];
    const results = await fetchAll(makeFetcher(), urls, { concurrency: 2 });
    expect(results.map((r) => r.url)).toEqual(urls);
    expect(results.map((r) => r.error?.code ?? "ok")).toEqual([
      "ok",
      "bad_status",
      "blocked_address",
      "invalid_url",
      "ok",
    ]);
    expect(results[0]?.page?.body).toContain("Hello");
    expect(canary.connections).toBe(0);
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    pages.maxInFlight = 0;
    const urls = Array.from({ length: 10 }, (_, i) => `http://127.0.0.1:${P}/concurrent?i=${i}`);
    const results = await fetchAll(makeFetcher(), urls, { concurrency: 3 });
    expect(results.every((r) => r.page !== undefined)).toBe(true);
    expect(results.map((r) => r.page?.body)).toEqual(urls.map((_, i) => `ok ${i}`));
    expect(pages.maxInFlight).toBe(3);
  });

  it("keeps at most perHostConcurrency of one host in flight, and fetches other hosts meanwhile", async () => {
    pages.maxInFlight = 0;
    // 127.0.0.1 and pages.test are two host names of the same page server.
    const urls = Array.from({ length: 10 }, (_, i) =>
      i % 2 ? `http://127.0.0.1:${P}/concurrent?i=${i}` : `http://pages.test:${P}/concurrent?i=${i}`,
    );
    const results = await fetchAll(makeFetcher({ perHostConcurrency: 2 }), urls, { concurrency: 10 });
    expect(results.map((r) => r.page?.body)).toEqual(urls.map((_, i) => `ok ${i}`));
    expect(pages.maxInFlight).toBe(4);
  });

  it("holds the per-host limit across every request the fetcher serves", async () => {
    pages.maxInFlight = 0;
    const fetcher = makeFetcher({ perHostConcurrency: 3 });
    const urls = (from: number) =>
      Array.from({ length: 5 }, (_, i) => `http://127.0.0.1:${P}/concurrent?i=${from + i}`);
    const [first, second] = await Promise.all([fetchAll(fetcher, urls(0)), fetchAll(fetcher, urls(5))]);
    expect([...(first ?? []), ...(second ?? [])].every((r) => r.page !== undefined)).toBe(true);
    expect(pages.maxInFlight).toBe(3);
  });

  it("handles an empty list", async () => {
    expect(await fetchAll(makeFetcher(), [])).toEqual([]);
  });
});

describe("redactUrl", () => {
  it("hides user:password and leaves other URLs alone", () => {
    expect(redactUrl("http://user:secret@pages.test/x")).toBe("http://***@pages.test/x");
    expect(redactUrl("http://pages.test/x?q=1")).toBe("http://pages.test/x?q=1");
    expect(redactUrl("http://user:secret@[::1")).toBe("http://***@[::1");
  });
});

describe("configuration", () => {
  it("normalises allow-list entries like URLs", () => {
    expect(normaliseAllowEntry("LOCALHOST:8080")).toBe("localhost:8080");
    expect(normaliseAllowEntry("0x7f.1:8080")).toBe("127.0.0.1:8080");
    expect(normaliseAllowEntry("[::1]:3000")).toBe("[::1]:3000");
    expect(normaliseAllowEntry(" 127.0.0.1:80 ")).toBe("127.0.0.1:80");
  });

  it.each(["localhost", "127.0.0.1:", ":80", "host:99999", "[::1:80", "a b:80"])("rejects %j", (entry) => {
    expect(() => normaliseAllowEntry(entry)).toThrow(/allow-list entry/);
  });

  it("uses the defaults for options passed as undefined", async () => {
    const fetcher = createFetcher({
      allowHosts: [`127.0.0.1:${P}`],
      resolve: tableResolver,
      userAgent: undefined,
      maxBytes: undefined,
      totalTimeoutMs: undefined,
    });
    expect((await fetcher.fetch(`http://127.0.0.1:${P}/page`)).status).toBe(200);
  });

  it("rejects nonsense limits", () => {
    expect(() => createFetcher({ maxBytes: 0 })).toThrow(/maxBytes/);
    expect(() => createFetcher({ maxRedirects: -1 })).toThrow(/maxRedirects/);
    expect(() => createFetcher({ perHostConcurrency: 0 })).toThrow(/perHostConcurrency/);
  });

  it("the allow-list covers only the exact host:port, one hop at a time", async () => {
    // Allow the canary's port under one name only; the same port by another name stays refused.
    const fetcher = makeFetcher();
    const err = await fetchError(fetcher, `http://127.0.0.2:${P}/page`);
    expect(err.code).toBe("blocked_address");
  });
});
