import type { Context, ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { AppError, type FieldError, toProblem } from "../errors.ts";
import { errorLogFields } from "../logger.ts";
import type { AppEnv } from "./env.ts";

export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join("/"),
    message: issue.message,
  }));
}

/** Renders any AppError as application/problem+json. */
export function problemResponse(c: Context<AppEnv>, error: AppError): Response {
  const body = toProblem(error, c.get("requestId"));
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { "content-type": "application/problem+json", ...(error.headers ?? {}) },
  });
}

function fromHttpException(error: HTTPException): AppError {
  if (error.status === 413) return new AppError("payload_too_large", error.message || "The request body is too large");
  if (error.status === 400) {
    const malformed = /json/i.test(error.message);
    return new AppError(
      "bad_request",
      malformed ? "The request body is not valid JSON" : error.message || "Bad request",
    );
  }
  if (error.status === 401) return new AppError("unauthorized", error.message || "Unauthorized");
  return new AppError(error.status >= 500 ? "internal" : "bad_request", error.message || "Request failed");
}

/** Seconds a client is told to wait while the database is unreachable: the pool reconnects on the next request. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * The one error handler: known errors become their problem; an unreachable database a 503 with Retry-After;
 * anything else is logged and becomes a bare 500.
 */
export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof AppError) return problemResponse(c, error);
  if (error instanceof HTTPException) return problemResponse(c, fromHttpException(error));
  const services = c.get("services");
  if (isDatabaseUnavailable(error)) {
    services?.logger.warn({ request_id: c.get("requestId"), ...errorLogFields(error) }, "database unavailable");
    return problemResponse(
      c,
      new AppError("database_unavailable", "The database cannot be reached; retry shortly", {
        headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) },
      }),
    );
  }
  services?.logger.error({ request_id: c.get("requestId"), ...errorLogFields(error) }, "unhandled error");
  return problemResponse(c, new AppError("internal", "Something went wrong on our side; the request was not applied"));
};
