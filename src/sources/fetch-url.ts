// SSRF-safe page fetcher. Every hop (the URL and each redirect, followed by hand) is checked three times:
// the URL (scheme, credentials, host name, port), the resolved addresses inside the socket's own lookup, and the
// connected peer. See guarded-connect.ts for why the lookup hook closes the DNS-rebinding gap.

import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { Agent, request } from "undici";
import { classifyHostname } from "./address.ts";
import { BlockedAddressError, createGuardedConnector, type Resolver, systemResolver } from "./guarded-connect.ts";

export type { ResolvedAddress, Resolver } from "./guarded-connect.ts";

export interface FetchedPage {
  /** The URL as the caller gave it. */
  url: string;
  /** The normalised URL of the last hop, after redirects. */
  finalUrl: string;
  status: number;
  /** The media type, lower-case, without parameters (e.g. "text/html"). */
  contentType: string;
  body: string;
  /** Bytes of body received (after content decoding). */
  bytes: number;
  fetchedAt: string;
}

export interface Fetcher {
  fetch(url: string, options?: { signal?: AbortSignal }): Promise<FetchedPage>;
}

export type FetchErrorCode =
  | "invalid_url"
  | "blocked_address"
  | "too_many_redirects"
  | "too_large"
  | "timeout"
  | "bad_status"
  | "unsupported_content_type"
  | "network";

export class FetchError extends Error {
  override readonly name = "FetchError";
  readonly code: FetchErrorCode;
  /**
   * The URL the caller asked for, with any user:password replaced by `***` (the message names the redirect hop
   * when that is where it failed).
   */
  readonly url: string;
  /** The HTTP status, for bad_status. */
  readonly status?: number;

  constructor(code: FetchErrorCode, url: string, message: string, options?: { cause?: unknown; status?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.url = redactUrl(url);
    if (options?.status !== undefined) this.status = options.status;
  }
}

export interface FetcherOptions {
  /** "host:port" entries (FETCH_ALLOW_HOSTS) that may be reached although private/loopback; tests only. */
  allowHosts: string[];
  maxBytes: number;
  connectTimeoutMs: number;
  /** One deadline for the whole fetch: every hop, headers and body. */
  totalTimeoutMs: number;
  maxRedirects: number;
  userAgent?: string;
  /** Name resolution; the OS resolver by default. Tests inject one so that no DNS query leaves the machine. */
  resolve?: Resolver;
  /**
   * Fetches of one host name in flight at once, across every request this fetcher serves (the node): a create with
   * 25 URLs of one site, or many creates at once, never open more than this to it. The others wait their turn.
   */
  perHostConcurrency: number;
}

export const DEFAULT_FETCHER_OPTIONS = {
  allowHosts: [],
  maxBytes: 2 * 1024 * 1024,
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 15_000,
  maxRedirects: 5,
  perHostConcurrency: 4,
  userAgent: "PersonaStudio/0.1 (+https://github.com/persona-studio)",
} as const satisfies FetcherOptions;

/** URLs of one fetchAll in flight at once, when the caller does not say (the per-host limit applies as well). */
export const DEFAULT_FETCH_CONCURRENCY = 8;

const MAX_URL_LENGTH = 8192;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const ALLOWED_MEDIA_TYPES = new Set([
  "text/html",
  "application/xhtml+xml",
  "text/plain",
  "text/markdown",
  "application/json",
]);

// The WHATWG Fetch "bad ports": services (SMTP, IRC, NFS, …) that a crafted HTTP request could talk to. A web
// page has no business there, and refusing them costs nothing.
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110,
  111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532,
  540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
  6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

function effectivePort(url: URL): string {
  if (url.port !== "") return url.port;
  return url.protocol === "https:" ? "443" : "80";
}

/** The allow-list key of a URL: its normalised host name (IPv6 in brackets) and its effective port. */
export function hostKey(url: URL): string {
  return `${url.hostname}:${effectivePort(url)}`;
}

/** Normalise one "host:port" allow-list entry the way `new URL()` normalises the URLs it is compared with. */
export function normaliseAllowEntry(entry: string): string {
  const match = /^(.+):(\d{1,5})$/.exec(entry.trim());
  const host = match?.[1];
  const port = match?.[2];
  if (host === undefined || port === undefined || Number(port) < 1 || Number(port) > 65535) {
    throw new Error(`allow-list entry ${JSON.stringify(entry)} must be host:port (IPv6 as [addr]:port)`);
  }
  let hostname: string;
  try {
    hostname = new URL(`http://${host}/`).hostname;
  } catch {
    throw new Error(`allow-list entry ${JSON.stringify(entry)} has an invalid host`);
  }
  return `${hostname}:${Number(port)}`;
}

/** Credentials in a URL are secrets: errors (which reach logs and API responses) show `***@` instead. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === "" && parsed.password === "") return url;
    parsed.username = "***";
    parsed.password = "";
    return parsed.href;
  } catch {
    return url.replace(/^([a-z][a-z0-9+.-]*:\/*)[^/?#]*@/i, "$1***@");
  }
}

function describeUrl(url: string): string {
  const safe = redactUrl(url);
  return safe.length > 200 ? `${safe.slice(0, 200)}…` : safe;
}

/**
 * Check everything that can be checked from the URL alone. `allowed` skips the host checks for an allow-listed
 * host:port; the scheme and credential rules hold for every hop.
 */
function checkUrl(url: URL, requested: string, allowHosts: ReadonlySet<string>, hopLabel: string): void {
  const hop = hopLabel === "" ? "" : `${hopLabel}: `;
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchError(
      "invalid_url",
      requested,
      `${hop}only http and https URLs can be fetched, not ${url.protocol}`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw new FetchError("invalid_url", requested, `${hop}URLs with credentials (user:password@) are not fetched`);
  }
  if (allowHosts.has(hostKey(url))) return;
  const verdict = classifyHostname(url.hostname);
  if (verdict.blocked) {
    throw new FetchError("blocked_address", requested, `${hop}host ${url.hostname} is refused: ${verdict.reason}`);
  }
  const port = Number(effectivePort(url));
  if (BAD_PORTS.has(port)) {
    throw new FetchError("blocked_address", requested, `${hop}port ${port} is refused (reserved for non-web services)`);
  }
}

function parseUrl(raw: string, requested: string, base?: URL): URL {
  const what = base === undefined ? "URL" : "redirect Location";
  if (raw.length > MAX_URL_LENGTH) {
    throw new FetchError("invalid_url", requested, `${what} is longer than ${MAX_URL_LENGTH} characters`);
  }
  try {
    return new URL(raw, base);
  } catch {
    throw new FetchError("invalid_url", requested, `${what} is not a valid URL: ${describeUrl(raw)}`);
  }
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

interface ContentType {
  mediaType: string;
  charset?: string;
}

function parseContentType(header: string | undefined): ContentType | null {
  if (header === undefined) return null;
  const [type, ...params] = header.split(";");
  const mediaType = (type ?? "").trim().toLowerCase();
  if (mediaType === "") return null;
  let charset: string | undefined;
  for (const param of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(param);
    if (m?.[1]) charset = m[1];
  }
  return charset === undefined ? { mediaType } : { mediaType, charset };
}

function isAllowedMediaType(mediaType: string): boolean {
  return ALLOWED_MEDIA_TYPES.has(mediaType) || /^[a-z0-9!#$&^_.-]+\/[a-z0-9!#$&^_.+-]+\+json$/.test(mediaType);
}

interface Decoder {
  decode(bytes: Uint8Array): string;
}

// WHATWG maps "latin1", "iso-8859-1", "ascii" and friends to windows-1252, whose 0x80-0x9F hold curly quotes, the
// euro sign, dashes. Node 20's TextDecoder decodes them as C1 controls instead, which garbles most older Western
// pages; the fix below is used only where the runtime gets it wrong.
const WINDOWS_1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";
const RUNTIME_1252_IS_RIGHT = new TextDecoder("windows-1252").decode(Uint8Array.of(0x80)) === "\u20ac";

const windows1252: Decoder = {
  decode(bytes) {
    let out = "";
    for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? (WINDOWS_1252_HIGH[b - 0x80] ?? "") : String.fromCharCode(b);
    return out;
  },
};

function decoderFor(label: string | undefined): Decoder | undefined {
  if (label === undefined) return undefined;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    // An unknown label is the server's mistake; fall through to the next source of truth rather than fail.
    return undefined;
  }
  return decoder.encoding === "windows-1252" && !RUNTIME_1252_IS_RIGHT ? windows1252 : decoder;
}

/** Header charset, then a byte-order mark, then (HTML only) a <meta charset> near the top, then UTF-8. */
function decodeBody(bytes: Uint8Array, contentType: ContentType): string {
  const fromHeader = decoderFor(contentType.charset);
  if (fromHeader) return fromHeader.decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (contentType.mediaType === "text/html" || contentType.mediaType === "application/xhtml+xml") {
    const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
    const meta = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head);
    const fromMeta = decoderFor(meta?.[1]);
    if (fromMeta) return fromMeta.decode(bytes);
  }
  return new TextDecoder("utf-8").decode(bytes);
}

class TooLargeError extends Error {}

/** Drop a response body we will not read. undici reports the destroy as an abort error; nobody is listening. */
function discard(body: NodeJS.ReadableStream & { destroy(): void }): void {
  body.on("error", () => undefined);
  body.destroy();
}

/** Read the stream, aborting as soon as the running total passes the cap (nothing is buffered beyond it). */
async function readCapped(stream: AsyncIterable<unknown>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = chunk instanceof Uint8Array ? chunk : Buffer.from(String(chunk));
    total += bytes.byteLength;
    if (total > maxBytes) throw new TooLargeError();
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}

function decompressor(encoding: string | undefined) {
  switch ((encoding ?? "identity").trim().toLowerCase()) {
    case "identity":
    case "":
      return null;
    case "gzip":
    case "x-gzip":
      return createGunzip();
    case "deflate":
      return createInflate();
    case "br":
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

function findCause<T>(err: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof type) return current;
    current = current.cause;
  }
  return undefined;
}

function errorCode(err: unknown): string | undefined {
  if (err instanceof Error && "code" in err && typeof err.code === "string") return err.code;
  return undefined;
}

const TIMEOUT_CODES = new Set([
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ETIMEDOUT",
]);

/**
 * Fetches pages over http(s) with the SSRF guard. One undici Agent per hop: the allow-list decision belongs to
 * that hop alone, and no pooled connection made under one decision can be reused under another.
 */
export function createFetcher(options: Partial<FetcherOptions> = {}): Fetcher {
  // Drop explicit undefineds so that a config layer passing `maxBytes: undefined` gets the default.
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const config: FetcherOptions & { userAgent: string } = { ...DEFAULT_FETCHER_OPTIONS, ...given };
  for (const key of ["maxBytes", "connectTimeoutMs", "totalTimeoutMs", "perHostConcurrency"] as const) {
    if (!Number.isFinite(config[key]) || config[key] <= 0) throw new Error(`fetcher option ${key} must be > 0`);
  }
  if (!Number.isInteger(config.maxRedirects) || config.maxRedirects < 0) {
    throw new Error("fetcher option maxRedirects must be a whole number >= 0");
  }
  const allowHosts: ReadonlySet<string> = new Set(config.allowHosts.map(normaliseAllowEntry));
  const resolve = config.resolve ?? systemResolver;
  const perHost = hostLimits(config.perHostConcurrency);

  async function fetchOnce(requested: string, callerSignal: AbortSignal | undefined): Promise<FetchedPage> {
    const deadline = AbortSignal.timeout(config.totalTimeoutMs);
    const signal = callerSignal ? AbortSignal.any([deadline, callerSignal]) : deadline;

    const failure = (err: unknown, hopUrl: string): FetchError => {
      if (err instanceof FetchError) return err;
      const where = hopUrl === requested ? "" : ` (at ${describeUrl(hopUrl)})`;
      if (err instanceof TooLargeError) {
        return new FetchError("too_large", requested, `response is larger than ${config.maxBytes} bytes${where}`);
      }
      const blockedErr = findCause(err, BlockedAddressError);
      if (blockedErr)
        return new FetchError("blocked_address", requested, `${blockedErr.message}${where}`, { cause: err });
      if (deadline.aborted) {
        return new FetchError("timeout", requested, `no complete response within ${config.totalTimeoutMs} ms${where}`, {
          cause: err,
        });
      }
      if (callerSignal?.aborted) {
        const reason: unknown = callerSignal.reason;
        const isTimeout = reason instanceof Error && reason.name === "TimeoutError";
        return new FetchError(isTimeout ? "timeout" : "network", requested, `fetch was cancelled${where}`, {
          cause: err,
        });
      }
      const code = errorCode(err);
      if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME") {
        return new FetchError("network", requested, `host ${new URL(hopUrl).hostname} could not be resolved${where}`, {
          cause: err,
        });
      }
      if (code === "UND_ERR_CONNECT_TIMEOUT") {
        return new FetchError("timeout", requested, `could not connect within ${config.connectTimeoutMs} ms${where}`, {
          cause: err,
        });
      }
      if (code !== undefined && TIMEOUT_CODES.has(code)) {
        return new FetchError("timeout", requested, `the server stopped responding${where}`, { cause: err });
      }
      const detail = err instanceof Error ? err.message : String(err);
      return new FetchError("network", requested, `network error${where}: ${detail}`, { cause: err });
    };

    let current = parseUrl(requested, requested);
    checkUrl(current, requested, allowHosts, "");

    for (let redirects = 0; ; redirects++) {
      if (signal.aborted) throw failure(signal.reason, current.href);
      const agent = new Agent({
        connect: createGuardedConnector({
          resolve,
          checkAddresses: !allowHosts.has(hostKey(current)),
          connectTimeoutMs: config.connectTimeoutMs,
        }),
        headersTimeout: config.totalTimeoutMs,
        bodyTimeout: config.totalTimeoutMs,
        // The fetcher reads bodies itself with its own cap; this is a backstop should that code ever regress.
        maxResponseSize: config.maxBytes * 4,
      });
      try {
        const response = await request(current, {
          dispatcher: agent,
          method: "GET",
          signal,
          headers: {
            "user-agent": config.userAgent,
            accept:
              "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.9,application/json;q=0.8,*/*;q=0.1",
            "accept-encoding": "gzip, deflate, br",
          },
        });
        const { statusCode, headers, body } = response;

        if (REDIRECT_STATUSES.has(statusCode)) {
          discard(body);
          const location = headerValue(headers, "location");
          if (location === undefined) {
            throw new FetchError("bad_status", requested, `HTTP ${statusCode} redirect without a Location header`, {
              status: statusCode,
            });
          }
          if (redirects >= config.maxRedirects) {
            throw new FetchError("too_many_redirects", requested, `more than ${config.maxRedirects} redirects`);
          }
          const next = parseUrl(location, requested, current);
          checkUrl(next, requested, allowHosts, `redirect to ${describeUrl(next.href)}`);
          current = next;
          continue;
        }

        // Only these carry a whole page; 204/206 and friends would yield an empty or partial text, so say so.
        if (statusCode !== 200 && statusCode !== 203) {
          discard(body);
          throw new FetchError("bad_status", requested, `the server answered HTTP ${statusCode}`, {
            status: statusCode,
          });
        }

        const contentType = parseContentType(headerValue(headers, "content-type"));
        if (contentType === null || !isAllowedMediaType(contentType.mediaType)) {
          discard(body);
          const what = contentType === null ? "no content type" : `content type ${contentType.mediaType}`;
          throw new FetchError("unsupported_content_type", requested, `${what} is not a text page this app can read`);
        }

        // A declared length over the cap is refused before reading a byte; the streaming cap catches liars.
        const declared = Number(headerValue(headers, "content-length"));
        if (Number.isFinite(declared) && declared > config.maxBytes) {
          discard(body);
          throw new TooLargeError();
        }

        const encoding = headerValue(headers, "content-encoding");
        const inflater = decompressor(encoding);
        if (inflater === undefined) {
          discard(body);
          throw new FetchError("unsupported_content_type", requested, `content encoding ${encoding} is not supported`);
        }
        // The cap applies to the decoded bytes, so a small compressed bomb is stopped as soon as it expands.
        let bytes: Uint8Array;
        if (inflater === null) bytes = await readCapped(body, config.maxBytes);
        else {
          body.on("error", (err) => inflater.destroy(err));
          try {
            bytes = await readCapped(body.pipe(inflater), config.maxBytes);
          } finally {
            inflater.destroy();
            discard(body);
          }
        }

        return {
          url: requested,
          finalUrl: current.href,
          status: statusCode,
          contentType: contentType.mediaType,
          body: decodeBody(bytes, contentType),
          bytes: bytes.byteLength,
          fetchedAt: new Date().toISOString(),
        };
      } catch (err) {
        throw failure(err, current.href);
      } finally {
        // Closing the agent also tears down a body the caller of this hop left half-read.
        await agent.destroy().catch(() => undefined);
      }
    }
  }

  return {
    // The time cap starts when the fetch does, not while it waits for its host's turn.
    fetch: (url, fetchOptions) => perHost(hostNameOf(url), () => fetchOnce(url, fetchOptions?.signal)),
  };
}

/** The host name a URL's per-host limit counts against ("" for text that is not a URL: it fails at once anyway). */
const hostNameOf = (url: string) => (URL.canParse(url) ? new URL(url).hostname : "");

/**
 * Runs work with at most `max` in flight per key, first come first served. A key's entry lives only while something
 * of it runs or waits, so the map holds the hosts being fetched now, not every host ever seen.
 */
function hostLimits(max: number) {
  const hosts = new Map<string, { active: number; waiting: Array<() => void> }>();
  return async <T>(key: string, work: () => Promise<T>): Promise<T> => {
    let host = hosts.get(key);
    if (!host) {
      host = { active: 0, waiting: [] };
      hosts.set(key, host);
    }
    if (host.active >= max) await new Promise<void>((resolve) => host?.waiting.push(resolve));
    else host.active += 1;
    try {
      return await work();
    } finally {
      const next = host.waiting.shift();
      if (next)
        next(); // the slot passes straight to the next in line
      else if (--host.active === 0) hosts.delete(key);
    }
  };
}

export interface FetchAllResult {
  url: string;
  page?: FetchedPage;
  error?: FetchError;
}

/**
 * Fetch many URLs with at most `concurrency` in flight (and the fetcher's per-host limit). Each URL fails alone: the result array has one entry per
 * input URL, in input order, with either a page or the FetchError that explains why there is none.
 */
export async function fetchAll(
  fetcher: Fetcher,
  urls: readonly string[],
  options: { concurrency?: number; signal?: AbortSignal } = {},
): Promise<FetchAllResult[]> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_FETCH_CONCURRENCY));
  const results: FetchAllResult[] = urls.map((url) => ({ url }));
  let next = 0;
  const signalOption = options.signal ? { signal: options.signal } : undefined;

  async function worker(): Promise<void> {
    for (let index = next++; index < urls.length; index = next++) {
      const url = urls[index] ?? "";
      try {
        const page = await fetcher.fetch(url, signalOption);
        results[index] = { url, page };
      } catch (err) {
        const error =
          err instanceof FetchError
            ? err
            : new FetchError("network", url, `unexpected error: ${err instanceof Error ? err.message : String(err)}`, {
                cause: err,
              });
        results[index] = { url, error };
      }
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, urls.length) }, () => worker()));
  return results;
}
