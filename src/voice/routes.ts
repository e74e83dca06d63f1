import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { documentedBody } from "../http/body.ts";
import { type AppEnv, ctxOf } from "../http/env.ts";
import { problems } from "../http/openapi.ts";
import { validationHook } from "../http/validation-hook.ts";
import { AUDIO_BODY_DESCRIPTION, readAudio } from "./read-audio.ts";
import { speakMessage } from "./speak-message.ts";
import { SPEECH_CHARS } from "./speakable.ts";
import { transcribeAudio } from "./transcribe.ts";
import { SPEECH_MEDIA_TYPES } from "./types.ts";

export const TranscriptionResource = z
  .object({
    text: z.string().openapi({ description: "What was heard; empty when no speech was recognised" }),
    engine: z.string(),
    duration_seconds: z.number(),
    confidence: z.number().nullable(),
    low_accuracy: z.boolean().openapi({ description: "true for PocketSphinx: let the user correct the text" }),
    notice: z
      .string()
      .nullable()
      .openapi({ description: "Something to tell the user, e.g. that no speech was recognised" }),
  })
  .openapi("Transcription");

const AudioFile = z.file().describe("The recording");

export const voiceRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

voiceRouter.openapi(
  createRoute({
    method: "post",
    path: "/v1/transcriptions",
    operationId: "transcribeAudio",
    tags: ["voice"],
    summary: "Transcribe audio (nothing is stored), e.g. to let the user correct it before sending",
    description:
      `${AUDIO_BODY_DESCRIPTION} Limits: \`voice.limits\` in \`GET /v1/capabilities\` (413 beyond them); other types` +
      " 415; audio that cannot be decoded 422; no transcription engine 501. Silence is not an error: `text` is" +
      " empty and `notice` says so.",
    request: { body: documentedBody({ "multipart/form-data": z.object({ audio: AudioFile }), "audio/*": AudioFile }) },
    responses: {
      200: { description: "The transcript", content: { "application/json": { schema: TranscriptionResource } } },
      ...problems(400, 401, 413, 415, 422, 501, 503, 504),
    },
  }),
  async (c) => {
    const transcript = await transcribeAudio({ ctx: ctxOf(c), audio: await readAudio(c), signal: c.req.raw.signal });
    const notice = transcript.text.trim()
      ? null
      : `No speech was recognised in ${transcript.duration_seconds} s of audio. Record again closer to the microphone, or type.`;
    return c.json({ ...transcript, notice }, 200);
  },
);

const MessageAudioParams = z.object({
  id: z
    .string()
    .max(100)
    .openapi({ param: { name: "id", in: "path" } }),
  mid: z
    .string()
    .max(100)
    .openapi({ param: { name: "mid", in: "path" } }),
});
const MessageAudioQuery = z.object({
  format: z.enum(["ogg", "wav"]).optional().openapi({
    description: "ogg (Opus, small) or wav; default: the first of `voice.speech.formats`, or what `Accept` asks for",
  }),
});

voiceRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/conversations/{id}/messages/{mid}/audio",
    operationId: "speakMessage",
    tags: ["voice"],
    summary: "An assistant message, spoken (espeak-ng offline, or the configured speech provider)",
    description:
      "Markdown is read as plain words; past " +
      `${SPEECH_CHARS} characters the rest is left out (header \`X-Speech-Truncated: true\`). Spoken once per ` +
      "message, voice and format, then served from the cache. A user message or one without words: 422; no speech " +
      "engine: 501.",
    request: { params: MessageAudioParams, query: MessageAudioQuery },
    responses: {
      200: {
        description: "The spoken message",
        content: {
          "audio/ogg": { schema: { type: "string", format: "binary" } },
          "audio/wav": { schema: { type: "string", format: "binary" } },
        },
      },
      ...problems(400, 401, 404, 422, 501, 502, 503, 504),
    },
  }),
  async (c) => {
    const { id, mid } = c.req.valid("param");
    const accept = c.req.header("accept") ?? "";
    const format =
      c.req.valid("query").format ??
      (/audio\/(x-)?wav/i.test(accept) && !/audio\/ogg/i.test(accept) ? "wav" : undefined);
    const spoken = await speakMessage({
      ctx: ctxOf(c),
      conversationId: id,
      messageId: mid,
      format,
      signal: c.req.raw.signal,
    });
    return c.body(new Uint8Array(spoken.bytes), 200, {
      "content-type": SPEECH_MEDIA_TYPES[spoken.format],
      // A finished reply never changes; one still being written may.
      "cache-control": spoken.final ? "private, max-age=86400" : "no-store",
      ...(spoken.truncated ? { "x-speech-truncated": "true" } : {}),
    });
  },
);
