import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { AppError } from "../errors.ts";
import { documentedBody, parseWith, readJsonBody } from "../http/body.ts";
import { type AppEnv, ctxOf } from "../http/env.ts";
import { problems } from "../http/openapi.ts";
import { streamEvents } from "../http/sse.ts";
import { validationHook } from "../http/validation-hook.ts";
import { AUDIO_BODY_DESCRIPTION, isAudioRequest, readAudio } from "../voice/read-audio.ts";
import { clearMessages } from "./clear-messages.ts";
import { createInterview, createPersonaConversation } from "./create-conversation.ts";
import { deleteConversation } from "./delete-conversation.ts";
import { getConversation } from "./get-conversation.ts";
import { listPersonaConversations, listProjectConversations } from "./list-conversations.ts";
import { listMessages } from "./list-messages.ts";
import {
  CHAT_LIMITS,
  CONVERSATION_LIST_LIMITS,
  ConversationPage,
  ConversationResource,
  MessageResource,
  SendMessage,
} from "./schemas.ts";
import { beginReply, type StreamEvent } from "./send-message.ts";
import { spokenMessage } from "./spoken-message.ts";

const IdParam = z.object({
  id: z
    .string()
    .max(100)
    .openapi({ param: { name: "id", in: "path" } }),
});
const CreateInterview = z
  .object({
    interviewer: z
      .string()
      .min(1)
      .max(40)
      .openapi({ description: '"pm", "ux", "engineer", or the id of a research persona linked to the project' }),
  })
  .strict();

export const SSE_DESCRIPTION = [
  "With `Accept: text/event-stream` the reply streams as server-sent events (see docs/streaming.md):",
  "`message` {conversation_id, user_message_id, assistant_message_id} first;",
  "then any number of `text` {delta}, `tool_call` {id, name, args}, `tool_result` {id, name, ok, result | error},",
  "`question` {question, options: [{key, label}]};",
  "`error` (a problem details body) if the reply fails; `done` {message_id, status} last.",
  `Comments \`: ping\` every ${CHAT_LIMITS.heartbeatMs / 1000} s keep proxies from closing the stream.`,
  "If the client disconnects, the upstream model call is aborted and what was said so far is stored with status",
  "`incomplete`. Without that Accept header the answer is JSON with the stored messages.",
  `Limits: ${CHAT_LIMITS.messageChars} characters per message (413 beyond, 422 when empty), one reply at a time per`,
  `conversation (409), ${CHAT_LIMITS.toolStepsPerReply} model steps per reply, history trimmed to about`,
  `${CHAT_LIMITS.historyTokenBudget} tokens (oldest first, summarised).`,
].join(" ");

export const chatRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

chatRouter.openapi(
  createRoute({
    method: "post",
    path: "/v1/personas/{id}/conversations",
    tags: ["conversations"],
    summary: "Start a chat with a persona",
    request: { params: IdParam },
    responses: {
      201: { description: "The conversation", content: { "application/json": { schema: ConversationResource } } },
      ...problems(401, 404),
    },
  }),
  async (c) => {
    const conversation = await createPersonaConversation({ ctx: ctxOf(c), personaId: c.req.valid("param").id });
    c.header("Location", `/v1/conversations/${conversation.id}`);
    return c.json(conversation, 201);
  },
);

chatRouter.openapi(
  createRoute({
    method: "post",
    path: "/v1/projects/{id}/conversations",
    tags: ["conversations"],
    summary: "Open the project's interview with an interviewer (one per interviewer per project)",
    description:
      "201 with a new conversation (its first message is the interviewer's opening question), or 200 with the " +
      "existing one for that interviewer.",
    request: { params: IdParam, body: documentedBody({ "application/json": CreateInterview }) },
    responses: {
      200: { description: "The existing interview", content: { "application/json": { schema: ConversationResource } } },
      201: { description: "A new interview", content: { "application/json": { schema: ConversationResource } } },
      ...problems(400, 401, 404, 413, 415, 422),
    },
  }),
  async (c) => {
    const { value } = await readJsonBody(c);
    const { interviewer } = parseWith(CreateInterview, value);
    const result = await createInterview({ ctx: ctxOf(c), idOrSlug: c.req.valid("param").id, interviewer });
    c.header("Location", `/v1/conversations/${result.conversation.id}`);
    return c.json(result.conversation, result.created ? 201 : 200);
  },
);

const ListQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(CONVERSATION_LIST_LIMITS.maxLimit)
    .default(CONVERSATION_LIST_LIMITS.defaultLimit),
  cursor: z.string().max(500).optional().openapi({ description: "next_cursor of the previous page" }),
});
const LIST_DESCRIPTION =
  "Most recently active first (a reply or a clear moves a conversation to the front), each with its message count " +
  `and the time of its last message. \`limit\` 1-${CONVERSATION_LIST_LIMITS.maxLimit} ` +
  `(default ${CONVERSATION_LIST_LIMITS.defaultLimit}); pass \`next_cursor\` as \`cursor\` for the next page.`;

chatRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/personas/{id}/conversations",
    tags: ["conversations"],
    summary: "List the chats with a persona",
    description: LIST_DESCRIPTION,
    request: { params: IdParam, query: ListQuery },
    responses: {
      200: { description: "A page of conversations", content: { "application/json": { schema: ConversationPage } } },
      ...problems(400, 401, 404),
    },
  }),
  async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const page = await listPersonaConversations({ ctx: ctxOf(c), personaId: c.req.valid("param").id, limit, cursor });
    return c.json(page, 200);
  },
);

chatRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/projects/{id}/conversations",
    tags: ["conversations"],
    summary: "List the project's interviews (id or slug)",
    description: LIST_DESCRIPTION,
    request: { params: IdParam, query: ListQuery },
    responses: {
      200: { description: "A page of conversations", content: { "application/json": { schema: ConversationPage } } },
      ...problems(400, 401, 404),
    },
  }),
  async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const page = await listProjectConversations({ ctx: ctxOf(c), idOrSlug: c.req.valid("param").id, limit, cursor });
    return c.json(page, 200);
  },
);

chatRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/conversations/{id}",
    tags: ["conversations"],
    summary: "Get a conversation",
    request: { params: IdParam },
    responses: {
      200: { description: "The conversation", content: { "application/json": { schema: ConversationResource } } },
      ...problems(401, 404),
    },
  }),
  async (c) => c.json(await getConversation({ ctx: ctxOf(c), id: c.req.valid("param").id }), 200),
);

chatRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/conversations/{id}/messages",
    tags: ["conversations"],
    summary: "Messages, oldest first, with a cursor",
    request: {
      params: IdParam,
      query: z.object({
        limit: z.coerce.number().int().min(1).max(CHAT_LIMITS.pageMax).default(CHAT_LIMITS.pageDefault),
        cursor: z.string().max(100).optional(),
      }),
    },
    responses: {
      200: {
        description: "A page of messages",
        content: {
          "application/json": {
            schema: z.object({ data: z.array(MessageResource), next_cursor: z.string().nullable() }),
          },
        },
      },
      ...problems(400, 401, 404),
    },
  }),
  async (c) => {
    const { limit, cursor } = c.req.valid("query");
    return c.json(await listMessages({ ctx: ctxOf(c), id: c.req.valid("param").id, limit, cursor }), 200);
  },
);

const AudioFile = z.file().describe("The recording");
const SpokenMessage = z.object({ audio: AudioFile });
const ReplyJson = z.object({ message: MessageResource, user_message: MessageResource }).openapi("Reply");

chatRouter.openapi(
  createRoute({
    method: "post",
    path: "/v1/conversations/{id}/messages",
    tags: ["conversations"],
    summary: "Send a message and get the reply (JSON, or SSE with Accept: text/event-stream)",
    description: SSE_DESCRIPTION,
    request: {
      params: IdParam,
      body: documentedBody(
        { "application/json": SendMessage, "multipart/form-data": SpokenMessage, "audio/*": AudioFile },
        `Text as JSON, or speech: ${AUDIO_BODY_DESCRIPTION} The audio is transcribed (see \`GET /v1/capabilities\`` +
          " for the engine, its accuracy and the limits) and the transcript is stored as the user message, with" +
          " `transcript` (engine, duration, confidence); the reply follows exactly as for text. No speech heard: 422" +
          " `no_speech` and nothing is stored. No transcription engine: 501. To let the user correct a transcript" +
          " before sending, call `POST /v1/transcriptions` first and send the text.",
      ),
    },
    responses: {
      200: {
        description: "The reply",
        content: {
          "application/json": { schema: ReplyJson },
          "text/event-stream": { schema: { type: "string", description: "Server-sent events, see above" } },
        },
      },
      ...problems(400, 401, 404, 409, 413, 415, 422, 501, 502, 503, 504),
    },
  }),
  async (c) => {
    const ctx = ctxOf(c);
    const conversationId = c.req.valid("param").id;
    const message = isAudioRequest(c.req.header("content-type") ?? "")
      ? await spokenMessage({ ctx, conversationId, audio: await readAudio(c), signal: c.req.raw.signal })
      : typedMessage(await readJsonBody(c));
    const reply = await beginReply({ ctx, conversationId, ...message });

    if (/\btext\/event-stream\b/i.test(c.req.header("accept") ?? "")) {
      const options = { metrics: ctx.metrics, heartbeatMs: CHAT_LIMITS.heartbeatMs, payloadOf };
      return streamEvents<StreamEvent>(c, options, (sink) => reply.run(sink));
    }

    const outcome = await reply.run({ signal: c.req.raw.signal });
    if (outcome.error) throw outcome.error;
    return c.json({ message: outcome.assistant, user_message: outcome.user }, 200);
  },
);

/** A JSON message body: its content, with the character limit as a 413 rather than a 422. */
function typedMessage({ value }: { value: unknown }): { content: string } {
  const raw = typeof value === "object" && value !== null && "content" in value ? value.content : undefined;
  if (typeof raw === "string" && raw.trim().length > CHAT_LIMITS.messageChars) {
    throw new AppError("payload_too_large", `A message has at most ${CHAT_LIMITS.messageChars} characters`, {
      errors: [{ path: "content", message: `at most ${CHAT_LIMITS.messageChars} characters` }],
    });
  }
  return parseWith(SendMessage, value);
}

/** The event's data: the event without its type (the SSE event name carries it); errors are problem bodies. */
function payloadOf(event: StreamEvent): unknown {
  if (event.type === "error") return event.problem;
  const { type: _type, ...rest } = event;
  return rest;
}

chatRouter.openapi(
  createRoute({
    method: "delete",
    path: "/v1/conversations/{id}/messages",
    tags: ["conversations"],
    summary: "Clear the history (the conversation stays)",
    request: { params: IdParam },
    responses: { 204: { description: "Cleared" }, ...problems(401, 404, 409) },
  }),
  async (c) => {
    await clearMessages({ ctx: ctxOf(c), id: c.req.valid("param").id });
    return c.body(null, 204);
  },
);

chatRouter.openapi(
  createRoute({
    method: "delete",
    path: "/v1/conversations/{id}",
    tags: ["conversations"],
    summary: "Delete a conversation with its messages",
    request: { params: IdParam },
    responses: { 204: { description: "Deleted" }, ...problems(401, 404, 409) },
  }),
  async (c) => {
    await deleteConversation({ ctx: ctxOf(c), id: c.req.valid("param").id });
    return c.body(null, 204);
  },
);
