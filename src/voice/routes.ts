import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { documentedBody } from "../http/body.ts";
import { type AppEnv, ctxOf } from "../http/env.ts";
import { problems } from "../http/openapi.ts";
import { validationHook } from "../http/validation-hook.ts";
import { AUDIO_BODY_DESCRIPTION, readAudio } from "./read-audio.ts";
import { transcribeAudio } from "./transcribe.ts";

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
