import { z } from "@hono/zod-openapi";

/** Limits of the chat API; each is documented in docs/streaming.md and the OpenAPI descriptions. */
export const CHAT_LIMITS = {
  /** Characters of one user message (after trimming). */
  messageChars: 8_000,
  /** Messages per page of GET …/messages. */
  pageDefault: 50,
  pageMax: 200,
  /** Approximate tokens (chars / 4) of history sent to the model; older messages are trimmed and summarised. */
  historyTokenBudget: 6_000,
  /** Characters of the stored summary of trimmed history. */
  summaryChars: 2_000,
  /** Model steps (each may call tools) in one reply. */
  toolStepsPerReply: 8,
  /** How long one reply may take end to end (LLM), before it is cut and stored as an error. */
  replyTimeoutMs: 120_000,
  /** The streaming lease: renewed every heartbeat, so a dead node's lease lapses quickly. */
  leaseSeconds: 60,
  heartbeatMs: 15_000,
} as const;

export const StoredToolCall = z.object({ id: z.string(), name: z.string(), args: z.unknown() }).openapi("ToolCall");
export type StoredToolCall = z.infer<typeof StoredToolCall>;

export const StoredToolResult = z
  .object({
    id: z.string(),
    name: z.string(),
    ok: z.boolean(),
    result: z.unknown().optional(),
    error: z.string().optional(),
  })
  .openapi("ToolResult");
export type StoredToolResult = z.infer<typeof StoredToolResult>;

export const QuestionOption = z.object({ key: z.string(), label: z.string() });
export const MessageQuestion = z.object({ question: z.string(), options: z.array(QuestionOption) }).openapi("Question");
export type MessageQuestion = z.infer<typeof MessageQuestion>;

export const MessageStatus = z.enum(["complete", "incomplete", "error"]);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const MessageTranscript = z
  .object({
    engine: z.string().openapi({ description: '"pocketsphinx" (offline, low accuracy) or "openai" (a provider)' }),
    duration_seconds: z.number(),
    confidence: z.number().nullable().openapi({ description: "0..1 where the engine gives one" }),
  })
  .openapi("MessageTranscript");
export type MessageTranscript = z.infer<typeof MessageTranscript>;

export const MessageResource = z
  .object({
    id: z.string(),
    conversation_id: z.string(),
    seq: z.number().int(),
    role: z.enum(["user", "assistant"]),
    content: z.string(),
    status: MessageStatus,
    tool_calls: z.array(StoredToolCall),
    tool_results: z.array(StoredToolResult),
    question: MessageQuestion.nullable(),
    citations: z
      .array(z.object({ field: z.string(), source_id: z.string(), quote: z.string() }))
      .optional()
      .openapi({ description: "Offline persona replies: the evidence each answer came from" }),
    transcript: MessageTranscript.optional().openapi({
      description: "User messages that were spoken: the content is this transcript of the audio",
    }),
    created_at: z.string(),
  })
  .openapi("Message");
export type MessageResource = z.infer<typeof MessageResource>;

export const ConversationResource = z
  .object({
    id: z.string(),
    kind: z.enum(["persona", "interview"]),
    persona_id: z.string().nullable(),
    project_id: z.string().nullable(),
    interviewer: z.string().nullable(),
    engine: z.enum(["offline", "llm"]),
    streaming: z.boolean(),
    message_count: z.number().int(),
    summary: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Conversation");
export type ConversationResource = z.infer<typeof ConversationResource>;

/** Conversations per page of GET /v1/personas/{id}/conversations and GET /v1/projects/{id}/conversations. */
export const CONVERSATION_LIST_LIMITS = { defaultLimit: 20, maxLimit: 100 } as const;

/** Characters of a conversation's preview in lists. */
export const PREVIEW_CHARS = 100;

export const ConversationListItem = ConversationResource.extend({
  last_message_at: z
    .string()
    .nullable()
    .openapi({ description: "When the newest message was stored; null when the history is empty" }),
  preview: z
    .string()
    .nullable()
    .openapi({
      description: `The user's first message (its first ${PREVIEW_CHARS} characters), to tell conversations apart; null before the user has said anything`,
    }),
}).openapi("ConversationListItem");
export type ConversationListItem = z.infer<typeof ConversationListItem>;

export const ConversationPage = z
  .object({ data: z.array(ConversationListItem), next_cursor: z.string().nullable() })
  .openapi("ConversationPage");
export type ConversationPage = z.infer<typeof ConversationPage>;

export const SendMessage = z
  .object({
    content: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(CHAT_LIMITS.messageChars, `at most ${CHAT_LIMITS.messageChars} characters`),
  })
  .strict();
