import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Services } from "../context.ts";
import type { Db } from "../db/client.ts";
import { idempotencyKeys } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import { errorLogFields } from "../logger.ts";
import type { AppEnv } from "./env.ts";

/** The methods that are not idempotent by themselves (draft-ietf-httpapi-idempotency-key-header). */
const METHODS = new Set(["POST", "PATCH"]);

/**
 * How long a claimed key waits for its request: past it, a retry of the same request may take the key over (the
 * node that ran the first one died). Longer than any request but a very long stream.
 */
const LEASE = sql`interval '10 minutes'`;

/** Expired keys are deleted by one node statement at most this often. */
const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * Answers a retry should not get again: the server was busy, failing or limiting, or another operation held the
 * resource. The key is released so the retry runs the request.
 */
const isTransient = (status: number) => status >= 500 || status === 429 || status === 409;

/** Headers of the stored answer that belong to the exchange, not to the answer. */
const EXCHANGE_HEADERS = new Set([
  "connection",
  "content-length",
  "date",
  "keep-alive",
  "set-cookie",
  "transfer-encoding",
  "x-request-id",
]);

const KEY_CHARS = /^[\x20-\x21\x23-\x5b\x5d-\x7e]{1,255}$/;

/** The key: an sf-string as the draft writes it ("…"), or the same characters bare as many clients send them. */
function parseKey(header: string): string {
  const text = header.trim();
  const key = /^"(.*)"$/.exec(text)?.[1] ?? text;
  if (!KEY_CHARS.test(key)) {
    throw new AppError(
      "bad_request",
      'Idempotency-Key must be 1 to 255 printable ASCII characters without " or \\, e.g. a UUID',
      { errors: [{ path: "Idempotency-Key", message: "1 to 255 printable ASCII characters" }] },
    );
  }
  return key;
}

/** What makes two requests "the same": method, path with query, media type and the body's bytes. */
async function fingerprintOf(c: Context<AppEnv>): Promise<string> {
  const url = new URL(c.req.url);
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  return createHash("sha256")
    .update(`${c.req.method} ${url.pathname}${url.search}\n${type}\n`)
    .update(Buffer.from(await c.req.arrayBuffer())) // cached by Hono: the route reads the same bytes
    .digest("hex");
}

function storedHeaders(headers: Headers): Array<[string, string]> {
  return [...headers].filter(([name]) => !EXCHANGE_HEADERS.has(name));
}

/**
 * `Idempotency-Key` on POST and PATCH. The first request with a key claims it in the database (shared by every
 * node) and its answer is stored; a later request with the same key and the same request gets that answer again,
 * marked `Idempotent-Replayed: true`, for IDEMPOTENCY_KEY_TTL_HOURS. The same key with another request answers 422,
 * and while the first is still running 409. Keys are per tenant (row-level security applies). Streamed answers
 * (server-sent events) are stored once the stream has ended. Busy, failed and rate-limited answers are not stored,
 * so the retry they ask for runs the request.
 */
export function idempotency(services: Services): MiddlewareHandler<AppEnv> {
  const { database, logger } = services;
  const ttl = sql`make_interval(hours => ${services.config.idempotencyKeyTtlHours})`;
  let nextSweep = 0;
  const sweep = () => {
    if (Date.now() < nextSweep) return;
    nextSweep = Date.now() + SWEEP_EVERY_MS;
    // Not awaited, and by the owner: expired keys of every tenant, off the request's path.
    database.db
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.expiresAt, sql`now()`))
      .then(
        () => {},
        (error) => logger.warn(errorLogFields(error), "expired idempotency keys not deleted"),
      );
  };

  return async (c, next) => {
    const header = c.req.header("idempotency-key");
    if (header === undefined || !METHODS.has(c.req.method)) return next();
    const key = parseKey(header);
    const fingerprint = await fingerprintOf(c);
    const tenantId = c.get("tenantId");
    const db = database.forTenant(tenantId);
    const thisKey = and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key));
    sweep();

    // One statement claims a new key, an expired one, or the same request's key whose lease ran out.
    const claimed = await db
      .insert(idempotencyKeys)
      .values({
        tenantId,
        key,
        fingerprint,
        status: "in_flight",
        lockedUntil: sql`now() + ${LEASE}`,
        expiresAt: sql`now() + ${ttl}`,
      })
      .onConflictDoUpdate({
        target: [idempotencyKeys.tenantId, idempotencyKeys.key],
        set: {
          fingerprint,
          status: "in_flight",
          responseStatus: null,
          responseHeaders: null,
          responseBody: null,
          lockedUntil: sql`now() + ${LEASE}`,
          expiresAt: sql`now() + ${ttl}`,
          createdAt: sql`now()`,
        },
        setWhere: sql`${idempotencyKeys.expiresAt} < now() OR (${idempotencyKeys.status} = 'in_flight' AND ${idempotencyKeys.lockedUntil} < now() AND ${idempotencyKeys.fingerprint} = ${fingerprint})`,
      })
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) return answerAgain(c, db, thisKey, fingerprint);

    const mine = and(thisKey, eq(idempotencyKeys.status, "in_flight"), eq(idempotencyKeys.fingerprint, fingerprint));
    const release = () => db.delete(idempotencyKeys).where(mine);
    const save = (status: number, headers: Array<[string, string]>, body: Buffer) =>
      db
        .update(idempotencyKeys)
        .set({ status: "done", responseStatus: status, responseHeaders: headers, responseBody: body })
        .where(mine);
    const warn = (error: unknown) => logger.warn(errorLogFields(error), "idempotency record not updated");

    await next();
    const res = c.res;
    if (isTransient(res.status)) {
      await release().catch(warn);
      return;
    }
    const headers = storedHeaders(res.headers);
    if (res.body && /^text\/event-stream/i.test(res.headers.get("content-type") ?? "")) {
      // The client reads one branch as it comes; the other is stored when the stream has ended.
      const [toClient, toStore] = res.body.tee();
      c.res = undefined; // replaced, not merged with the response it replaces
      c.res = new Response(toClient, { status: res.status, headers: res.headers });
      new Response(toStore)
        .arrayBuffer()
        .then(
          (bytes) => save(res.status, headers, Buffer.from(bytes)),
          () => release(),
        )
        .catch(warn);
      return;
    }
    const body = Buffer.from(await res.arrayBuffer());
    // Stored before the answer goes out, so an immediate retry finds it. If that fails the work is done anyway:
    // the answer still goes out, and a retry gets 409 until the lease ends.
    await save(res.status, headers, body).catch(warn);
    c.res = undefined;
    c.res = new Response(body.length > 0 ? body : null, { status: res.status, headers: res.headers });
  };
}

/** A key someone already claimed: its stored answer, or why there is none. */
async function answerAgain(
  c: Context<AppEnv>,
  db: Db,
  thisKey: ReturnType<typeof and>,
  fingerprint: string,
): Promise<Response> {
  const [record] = await db
    .select({
      fingerprint: idempotencyKeys.fingerprint,
      status: idempotencyKeys.status,
      responseStatus: idempotencyKeys.responseStatus,
      responseHeaders: idempotencyKeys.responseHeaders,
      responseBody: idempotencyKeys.responseBody,
    })
    .from(idempotencyKeys)
    .where(thisKey);
  if (record && record.fingerprint !== fingerprint) {
    throw new AppError(
      "idempotency_key_reused",
      "This Idempotency-Key was used for a different request (method, path or body); use a new key",
    );
  }
  if (record?.status !== "done" || record.responseStatus === null) {
    throw new AppError(
      "idempotency_key_in_flight",
      "A request with this Idempotency-Key is still in progress; retry once it has finished",
      { headers: { "Retry-After": "1" } },
    );
  }
  const headers = { ...Object.fromEntries(record.responseHeaders ?? []), "Idempotent-Replayed": "true" };
  const status = record.responseStatus as ContentfulStatusCode;
  // Through c.body, so this exchange's own headers (X-Request-Id) are added to the stored ones.
  if (!record.responseBody || record.responseBody.length === 0) return c.body(null, status, headers);
  return c.body(new Uint8Array(record.responseBody), status, headers);
}
