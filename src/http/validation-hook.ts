import type { Hook } from "@hono/zod-openapi";
import { AppError } from "../errors.ts";
import type { AppEnv } from "./env.ts";
import { fieldErrors } from "./problem.ts";

/** Query and path parameters that do not fit their schema become a 400 problem naming each parameter. */
// biome-ignore lint/suspicious/noExplicitAny: Hook's generic slots are the framework's, any input shape is accepted.
export const validationHook: Hook<any, AppEnv, any, any> = (result) => {
  if (!result.success) {
    throw new AppError("bad_request", "Some request parameters are not valid", {
      errors: fieldErrors(result.error),
    });
  }
};
