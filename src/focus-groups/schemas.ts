import { z } from "@hono/zod-openapi";
import { CHAT_LIMITS, MessageStatus } from "../chat/schemas.ts";
import { Problem } from "../http/openapi.ts";
import { sseEvent } from "../http/sse.ts";

/** Limits of focus groups; documented in docs/streaming.md and the OpenAPI descriptions. */
export const FOCUS_GROUP_LIMITS = {
  minPersonas: 2,
  maxPersonas: 8,
  titleChars: 100,
  questionChars: CHAT_LIMITS.messageChars,
  listDefault: 20,
  listMax: 100,
  /** Questions a group keeps; each asks every persona once, so this bounds a transcript and its CSV. */
  maxQuestions: 200,
} as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const CreateFocusGroup = z
  .object({
    persona_ids: z
      .array(z.string().max(40))
      .min(FOCUS_GROUP_LIMITS.minPersonas, `ask at least ${FOCUS_GROUP_LIMITS.minPersonas} personas`)
      .max(FOCUS_GROUP_LIMITS.maxPersonas, `at most ${FOCUS_GROUP_LIMITS.maxPersonas} personas`)
      .refine((ids) => new Set(ids).size === ids.length, "each persona at most once"),
    title: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(FOCUS_GROUP_LIMITS.titleChars, `at most ${FOCUS_GROUP_LIMITS.titleChars} characters`)
      .refine((s) => !CONTROL.test(s), "must not contain control characters")
      .optional(),
  })
  .strict();
export type CreateFocusGroup = z.infer<typeof CreateFocusGroup>;

export const AskFocusGroup = z
  .object({
    content: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(FOCUS_GROUP_LIMITS.questionChars, `at most ${FOCUS_GROUP_LIMITS.questionChars} characters`),
  })
  .strict();

export const FocusGroupPersona = z
  .object({
    id: z.string(),
    name: z.string().nullable().openapi({ description: "The persona's current name; null when it has none" }),
    available: z.boolean().openapi({ description: "false once the persona was deleted: its past answers stay" }),
  })
  .openapi("FocusGroupPersona");

export const FocusGroupResource = z
  .object({
    id: z.string(),
    title: z.string(),
    persona_ids: z.array(z.string()),
    personas: z.array(FocusGroupPersona),
    question_count: z.number().int(),
    streaming: z.boolean().openapi({ description: "true while answers to a question are being written" }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("FocusGroup");
export type FocusGroupResource = z.infer<typeof FocusGroupResource>;

export const FocusGroupMessage = z
  .object({
    id: z.string(),
    role: z.enum(["user", "assistant"]),
    persona_id: z.string().optional().openapi({ description: "Answers: the persona who gave it" }),
    persona_name: z.string().nullable().optional().openapi({ description: "Answers: the persona's name then" }),
    question_id: z.string().optional().openapi({ description: "Answers: the question (user message) answered" }),
    content: z.string(),
    status: MessageStatus,
    citations: z
      .array(z.object({ field: z.string(), source_id: z.string(), quote: z.string() }))
      .optional()
      .openapi({ description: "Offline answers: the evidence the answer came from" }),
    created_at: z.string(),
  })
  .openapi("FocusGroupMessage");
export type FocusGroupMessage = z.infer<typeof FocusGroupMessage>;

export const FocusGroupWithMessages = FocusGroupResource.extend({
  messages: z.array(FocusGroupMessage).openapi({ description: "Oldest first: each question, then its answers" }),
}).openapi("FocusGroupWithMessages");
export type FocusGroupWithMessages = z.infer<typeof FocusGroupWithMessages>;

export const FocusGroupPage = z
  .object({ data: z.array(FocusGroupResource), next_cursor: z.string().nullable() })
  .openapi("FocusGroupPage");
export type FocusGroupPage = z.infer<typeof FocusGroupPage>;

export const FocusGroupRound = z
  .object({ question: FocusGroupMessage, answers: z.array(FocusGroupMessage) })
  .openapi("FocusGroupRound");
export type FocusGroupRound = z.infer<typeof FocusGroupRound>;

const AnswerSeat = z.object({ persona_id: z.string(), persona_name: z.string().nullable(), message_id: z.string() });
const AnswerDone = z.object({ persona_id: z.string(), message_id: z.string(), status: MessageStatus });

/** The events of a streamed round (POST /v1/focus-groups/{id}/messages with Accept: text/event-stream). */
export const FocusGroupStreamEvent = z
  .discriminatedUnion("event", [
    sseEvent(
      "message",
      z.object({ focus_group_id: z.string(), question: FocusGroupMessage, answers: z.array(AnswerSeat) }),
    ).openapi({ description: "First: the question and one incomplete answer per persona are stored" }),
    sseEvent("text", z.object({ persona_id: z.string(), delta: z.string() })).openapi({
      description: "A piece of one persona's answer; personas interleave",
    }),
    sseEvent("persona_done", AnswerDone.extend({ error: Problem.optional() })).openapi({
      description: "One persona finished; `error` is the problem when its answer failed (the others go on)",
    }),
    sseEvent("done", z.object({ question_id: z.string(), answers: z.array(AnswerDone) })).openapi({
      description: "Last: every persona is done",
    }),
  ])
  .openapi("FocusGroupStreamEvent");
export type FocusGroupStreamEvent = z.infer<typeof FocusGroupStreamEvent>;
