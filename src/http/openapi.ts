import { z } from "@hono/zod-openapi";
import { ERROR_CODES, type ErrorCode } from "../errors.ts";

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

/** OpenAPI responses for the problem statuses a route can answer. */
export const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: "Problem details", content: { "application/problem+json": { schema: Problem } } },
    ]),
  );
