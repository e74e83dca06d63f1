import { z } from "@hono/zod-openapi";
import type { Services } from "../context.ts";
import { MATERIAL_LIMITS } from "../synthesis/pipeline.ts";

export const Capabilities = z
  .object({
    engines: z.object({
      offline: z.literal(true),
      /** The configured language model, or null when only the offline engine runs. */
      llm: z.object({ provider: z.string(), model: z.string() }).nullable(),
    }),
    /** The engine a request without `engine` uses. */
    default_engine: z.enum(["offline", "llm"]),
    auth_mode: z.enum(["none", "apikey", "jwt"]),
    limits: z.object({
      body_bytes: z.number().int(),
      texts: z.number().int(),
      urls: z.number().int(),
      chars_per_text: z.number().int(),
      requests_per_minute: z.number().int(),
    }),
  })
  .openapi("Capabilities");
export type Capabilities = z.infer<typeof Capabilities>;

/** What this server can do, so clients offer only what works (e.g. no LLM choice without a provider). */
export function describeCapabilities(services: Services): Capabilities {
  const llm = services.extractors.llm?.description ?? null;
  return {
    engines: { offline: true, llm: llm ? { provider: llm.provider, model: llm.model } : null },
    default_engine: services.extractors.llm ? "llm" : "offline",
    auth_mode: services.config.auth.mode,
    limits: {
      body_bytes: services.config.bodyLimitBytes,
      texts: MATERIAL_LIMITS.texts,
      urls: MATERIAL_LIMITS.urls,
      chars_per_text: MATERIAL_LIMITS.charsPerText,
      requests_per_minute: services.config.rateLimitPerMinute,
    },
  };
}
