import { z } from "@hono/zod-openapi";
import { DEFAULT_MAX_OUTPUT_TOKENS } from "../config.ts";
import type { Services } from "../context.ts";
import { MATERIAL_LIMITS } from "../synthesis/pipeline.ts";
import { AUDIO_MEDIA_TYPES } from "../voice/audio.ts";
import type { Voice } from "../voice/engines.ts";

const VoiceEngine = z.object({
  engine: z
    .string()
    .openapi({ description: '"pocketsphinx", "espeak-ng", or "openai" (OpenAI or a compatible server)' }),
  model: z.string().nullable(),
});

export const VoiceCapabilities = z
  .object({
    /** null: this server cannot transcribe, and audio sent to it answers 501. */
    transcription: VoiceEngine.extend({
      low_accuracy: z.boolean().openapi({
        description: "true for PocketSphinx: many words come back wrong, so show the transcript for correction",
      }),
    }).nullable(),
    /** null: this server cannot speak, and message audio answers 501. */
    speech: VoiceEngine.extend({ formats: z.array(z.enum(["ogg", "wav"])) }).nullable(),
    limits: z.object({ audio_bytes: z.number().int(), audio_seconds: z.number().int() }),
    media_types: z.array(z.string()),
  })
  .openapi("VoiceCapabilities");

export const Capabilities = z
  .object({
    engines: z.object({
      offline: z.literal(true),
      /** The configured language model, or null when only the offline engine runs. */
      llm: z
        .object({
          provider: z.string(),
          /** The model that reads material (extraction). */
          model: z.string(),
          /** The model that answers in chats (LLM_CHAT_MODEL, else `model`). */
          chat_model: z.string(),
          /** Output limit of each model call (LLM_MAX_OUTPUT_TOKENS). */
          max_output_tokens: z.number().int(),
        })
        .nullable(),
    }),
    /** Where data is kept: the embedded store (PGlite under DATA_DIR) or Postgres (DATABASE_URL). */
    store: z.enum(["embedded", "postgres"]),
    /** The engine a request without `engine` uses. */
    default_engine: z.enum(["offline", "llm"]),
    auth_mode: z.enum(["none", "apikey", "jwt"]),
    voice: VoiceCapabilities,
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
  const { chatModel, maxOutputTokens } = services.config.llm;
  return {
    engines: {
      offline: true,
      llm: llm
        ? {
            provider: llm.provider,
            model: llm.model,
            chat_model: chatModel ?? llm.model,
            max_output_tokens: maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
          }
        : null,
    },
    store: services.database.kind === "pglite" ? "embedded" : "postgres",
    default_engine: services.extractors.llm ? "llm" : "offline",
    auth_mode: services.config.auth.mode,
    voice: describeVoice(services.voice),
    limits: {
      body_bytes: services.config.bodyLimitBytes,
      texts: MATERIAL_LIMITS.texts,
      urls: MATERIAL_LIMITS.urls,
      chars_per_text: MATERIAL_LIMITS.charsPerText,
      requests_per_minute: services.config.rateLimitPerMinute,
    },
  };
}

function describeVoice(voice: Voice): z.infer<typeof VoiceCapabilities> {
  const { transcriber, synthesizer } = voice;
  return {
    transcription: transcriber
      ? { engine: transcriber.engine, model: transcriber.model, low_accuracy: transcriber.lowAccuracy }
      : null,
    speech: synthesizer ? { engine: synthesizer.engine, model: synthesizer.model, formats: synthesizer.formats } : null,
    limits: { audio_bytes: voice.limits.maxBytes, audio_seconds: voice.limits.maxSeconds },
    media_types: AUDIO_MEDIA_TYPES,
  };
}
