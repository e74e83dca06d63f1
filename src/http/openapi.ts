import { type OpenAPIHono, z } from "@hono/zod-openapi";
import { ERROR_CODES, ERROR_STATUS, type ErrorCode } from "../errors.ts";

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z
      .enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]])
      .openapi({ description: "Stable machine-readable code; see docs/errors.md" }),
    request_id: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

/** What each error status means to a client, for the responses the document lists. */
const STATUS_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request: bad JSON, query or path parameter",
  401: "No valid API key or token",
  403: "Not allowed",
  404: "No such resource for this tenant",
  409: "The resource is busy or in a conflicting state",
  412: "If-Match named a version that is no longer current",
  413: "The body or a text in it is too large",
  415: "Unsupported content type",
  422: "Well-formed JSON that does not fit the schema; `errors` names each field",
  429: "Too many requests; wait for Retry-After",
  500: "A bug on the server; nothing was applied",
  501: "This server has no engine for it (e.g. no speech engine installed)",
  502: "The model provider rejected the request",
  503: "The database or the model provider is unavailable, or the node is busy; retry after Retry-After",
  504: "The model provider or the work ran past its time budget",
};

const retryAfterHeader = {
  schema: { type: "integer" as const, minimum: 1 },
  description: "Seconds to wait before retrying",
};

/** Statuses whose answers may carry Retry-After (rate limits, outages, a busy node, a resource still working). */
const RETRY_STATUSES = new Set([409, 429, 503]);

/** A problem response; `schema` is the Problem schema (zod in routes, a $ref once the document is generated). */
function problemResponse(status: number, schema: unknown) {
  const codes = ERROR_CODES.filter((code) => ERROR_STATUS[code] === status);
  return {
    description: `${STATUS_DESCRIPTIONS[status] ?? "Problem details"}${codes.length ? ` (code: ${codes.join(", ")})` : ""}`,
    ...(RETRY_STATUSES.has(status) ? { headers: { "Retry-After": retryAfterHeader } } : {}),
    content: { "application/problem+json": { schema } },
  };
}

/** OpenAPI responses for the problem statuses a route can answer. */
export const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, problemResponse(status, Problem)]));

/** The `Location` of a created (or found) resource. */
export const locationHeader = {
  Location: { schema: { type: "string" as const }, description: "The resource's URL" },
};

type Document = ReturnType<OpenAPIHono["getOpenAPI31Document"]>;
type Operation = {
  security?: unknown;
  requestBody?: unknown;
  parameters?: unknown[];
  responses?: Record<string, Response>;
};
type Response = { description: string; headers?: Record<string, unknown>; content?: unknown };

const PROBLEM_REF = { $ref: "#/components/schemas/Problem" };
const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;
/** The methods the idempotency middleware (http/idempotency.ts) serves Idempotency-Key on. */
const IDEMPOTENCY_METHODS = new Set<string>(["post", "patch"]);

/**
 * What the middleware in front of the routes adds to every answer, described where the routes cannot: the routes
 * declare what their own verbs answer, this adds what auth, the body limit, the rate limit and the database do.
 */
export interface MiddlewareFacts {
  /** Path prefixes behind authentication, the body limit and the rate limit (app.ts mounts them on these). */
  apiPrefixes: readonly string[];
}

/**
 * Completes the generated document: the security requirement and the middleware's statuses on each API operation,
 * public operations marked as such, `X-Request-Id` on every response, `Retry-After` wherever it can be sent.
 * Pure: the same app gives the same document (the generated client is checked against it).
 */
export function completeDocument(doc: Document, facts: MiddlewareFacts): Document {
  const out = structuredClone(doc) as Document & { paths: Record<string, Record<string, Operation>> };
  out.components ??= {};
  out.components.headers = {
    ...out.components.headers,
    "X-Request-Id": { schema: { type: "string" }, description: "This request's id; logs carry the same one" },
    // draft-ietf-httpapi-ratelimit-headers, sent on API answers while the tenant limit is on (RATE_LIMIT_PER_MINUTE).
    RateLimit: {
      schema: { type: "string", examples: ['"tenant";r=118;t=42'] },
      description: "What is left of the quota (`r`) and the seconds until it is whole again (`t`)",
    },
    "RateLimit-Policy": {
      schema: { type: "string", examples: ['"tenant";q=120;w=60'] },
      description: "The quota (`q` requests per `w` seconds)",
    },
  };
  out.components.parameters = {
    ...out.components.parameters,
    "Idempotency-Key": {
      name: "Idempotency-Key",
      in: "header",
      required: false,
      schema: { type: "string", minLength: 1, maxLength: 255 },
      description:
        "draft-ietf-httpapi-idempotency-key-header: the same key with the same request answers the stored answer " +
        "again (for IDEMPOTENCY_KEY_TTL_HOURS, 24 by default, on any node); with another request 422; while the first " +
        "is still running 409.",
    },
  };
  out.components.headers["Idempotent-Replayed"] = {
    schema: { type: "string", enum: ["true"] },
    description: "This is the stored answer to an earlier request with the same Idempotency-Key",
  };
  for (const [path, item] of Object.entries(out.paths)) {
    const api = facts.apiPrefixes.some((prefix) => path.startsWith(prefix));
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      op.responses ??= {};
      const idempotent = api && IDEMPOTENCY_METHODS.has(method);
      if (api) {
        op.security = [{ Bearer: [] }];
        const added = [
          401,
          429,
          500,
          503,
          ...(op.requestBody ? [413] : []),
          // A malformed key (400), a key reused for another request (422), a key whose request is still running (409).
          ...(idempotent ? [400, 409, 422] : []),
        ];
        for (const status of added) op.responses[status] ??= problemResponse(status, PROBLEM_REF);
      } else {
        op.security = [];
        op.responses[500] ??= problemResponse(500, PROBLEM_REF);
      }
      if (idempotent) op.parameters = [...(op.parameters ?? []), { $ref: "#/components/parameters/Idempotency-Key" }];
      for (const [status, response] of Object.entries(op.responses)) {
        const problem = Number(status) >= 400 && response.content !== undefined;
        if (idempotent && Number(status) < 300)
          response.headers = { ...response.headers, "Idempotent-Replayed": headerRef("Idempotent-Replayed") };
        response.headers = {
          ...response.headers,
          ...(problem && RETRY_STATUSES.has(Number(status)) ? { "Retry-After": retryAfterHeader } : {}),
          ...(api ? { RateLimit: headerRef("RateLimit"), "RateLimit-Policy": headerRef("RateLimit-Policy") } : {}),
          "X-Request-Id": headerRef("X-Request-Id"),
        };
      }
    }
  }
  return out;
}
