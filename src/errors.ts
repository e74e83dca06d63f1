/** The closed set of error codes the API answers with, and the HTTP status each maps to. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  idempotency_key_in_flight: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  idempotency_key_reused: 422,
  rate_limited: 429,
  client_closed: 499,
  internal: 500,
  upstream_error: 502,
  upstream_unavailable: 503,
  upstream_timeout: 504,
  server_busy: 503,
  budget_exceeded: 504,
  database_unavailable: 503,
  no_speech: 422,
  voice_unavailable: 501,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  /** JSON pointer-ish path of the offending field, e.g. "texts/3". */
  path: string;
  message: string;
}

const TITLES: Record<ErrorCode, string> = {
  bad_request: "Bad request",
  unauthorized: "Unauthorized",
  forbidden: "Forbidden",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  conflict: "Conflict",
  idempotency_key_in_flight: "A request with this Idempotency-Key is in progress",
  precondition_failed: "Precondition failed",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  validation_failed: "Validation failed",
  idempotency_key_reused: "Idempotency-Key reused for another request",
  rate_limited: "Too many requests",
  client_closed: "Client closed the request",
  internal: "Internal server error",
  upstream_error: "Upstream model error",
  upstream_unavailable: "Upstream model unavailable",
  upstream_timeout: "Upstream model timed out",
  server_busy: "Server busy",
  budget_exceeded: "The work took longer than its time budget",
  database_unavailable: "Database unavailable",
  no_speech: "No speech recognised",
  voice_unavailable: "Voice not available on this server",
};

/** What each code means for a client and what to do about it; docs/errors.md is generated from this table. */
export const ERROR_HELP: Record<ErrorCode, string> = {
  bad_request:
    "The request is malformed: invalid JSON, an empty body, a bad query or path parameter, or a `cursor` the server did not emit. `errors` names the parameter. Fix the request; do not retry it as is.",
  unauthorized:
    "No credentials, or the API key or token is not valid (unknown, revoked, expired, wrong signature). Send `Authorization: Bearer <key>`.",
  forbidden:
    "The credentials are valid but not for this resource: `/metrics` without `METRICS_TOKEN` answers loopback clients only.",
  not_found: "No such route, or no such resource for your tenant. Another tenant's ids answer 404 as well, never 403.",
  method_not_allowed: "Reserved: a known path with an unsupported method currently answers 404 `not_found`.",
  conflict:
    "The resource is busy or the request clashes with its state, e.g. a chat that is still streaming a reply. Retry after the other operation finished.",
  precondition_failed:
    "`If-Match` named a version that is no longer current: someone changed the resource. Read it again, reapply your change, send it with the new ETag.",
  payload_too_large:
    "The body exceeds `BODY_LIMIT_BYTES`, or a text or message exceeds its character limit, or audio exceeds `VOICE_MAX_BYTES` or lasts longer than `VOICE_MAX_SECONDS` (see the README's limits). Send less; split the material over several requests.",
  unsupported_media_type:
    "Send JSON: `application/json` (or `application/merge-patch+json` for direct field edits). Routes that take audio also accept `multipart/form-data` with an `audio` part or an `audio/*` body in one of the types `GET /v1/capabilities` lists under `voice.media_types`.",
  idempotency_key_in_flight:
    "Another request with the same `Idempotency-Key` is still being processed (on any node). Retry after a moment: once it has finished you get its answer.",
  idempotency_key_reused:
    "The `Idempotency-Key` was already used with a different request (method, path or body) within its retention (`IDEMPOTENCY_KEY_TTL_HOURS`). Use a new key for a new request.",
  validation_failed:
    "The JSON is well formed but does not fit the schema (wrong type, missing field, too many items, out of range). `errors` lists each field path. For audio: the bytes could not be decoded (truncated, malformed, or not audio).",
  rate_limited:
    "Too many requests: your tenant used its `RATE_LIMIT_PER_MINUTE` (counted across all nodes on Postgres), or your address sent too many requests that failed authentication (`UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE`). `RateLimit-Policy` names the limit; wait for `Retry-After` seconds.",
  internal:
    "A bug on the server; nothing was applied. The log line with the same `request_id` has the details: report it.",
  upstream_error:
    "The model provider rejected the request (bad API key or model name: the message says which) or answered with something unusable. Not retried.",
  upstream_unavailable:
    "The model provider is overloaded, rate limiting or unreachable, still after bounded retries. Retry after `Retry-After`, or use the offline engine.",
  upstream_timeout: "The model provider did not answer within its time budget. Retry later or with less material.",
  client_closed:
    "The client disconnected before the work finished; it was cancelled and nothing was stored. Seen in logs, not by clients.",
  server_busy:
    "This node already runs and queues as many synthesis jobs as it may (`SYNTHESIS_THREADS` + `SYNTHESIS_QUEUE_MAX`), or is shutting down. Nothing was applied. Retry after `Retry-After`.",
  budget_exceeded:
    "Synthesis ran past its time budget (`SYNTHESIS_TIMEOUT_MS`) and was stopped; nothing was stored. Send less material per request.",
  database_unavailable:
    "The server cannot reach its database right now (outage, restart, connection limit). Nothing was applied. Retry after `Retry-After`; the server reconnects by itself.",
  no_speech:
    "The audio was decoded but no words were recognised in it (silence, noise, or speech the engine could not follow). Nothing was sent or stored. Record again closer to the microphone, or type the message.",
  voice_unavailable:
    "This server has no transcription engine (for audio in) or no speech engine (for audio out): neither a voice provider is configured nor are the offline programs installed. `GET /v1/capabilities` shows which engines exist; see the README's Voice section.",
};

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { errors?: FieldError[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.errors = options.errors;
    this.headers = options.headers;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  get title(): string {
    return TITLES[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  request_id?: string;
  errors?: FieldError[];
}

export function toProblem(error: AppError, requestId: string | undefined): ProblemDetails {
  return {
    type: `https://persona.studio/problems/${error.code.replaceAll("_", "-")}`,
    title: error.title,
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(requestId ? { request_id: requestId } : {}),
    ...(error.errors?.length ? { errors: error.errors } : {}),
  };
}
