import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { CHAT_LIMITS } from "../chat/schemas.ts";
import { AppError } from "../errors.ts";
import { documentedBody, parseWith, readBody, readJsonBody } from "../http/body.ts";
import { attachment } from "../http/download.ts";
import { type AppEnv, ctxOf } from "../http/env.ts";
import { problems } from "../http/openapi.ts";
import { streamEvents } from "../http/sse.ts";
import { validationHook } from "../http/validation-hook.ts";
import { beginRound, type GroupEvent } from "./ask.ts";
import { createFocusGroup } from "./create.ts";
import { deleteFocusGroup } from "./delete.ts";
import { exportFocusGroupCsv } from "./export-csv.ts";
import { getFocusGroup } from "./get.ts";
import { listFocusGroups } from "./list.ts";
import {
  AskFocusGroup,
  CreateFocusGroup,
  FOCUS_GROUP_LIMITS,
  FocusGroupPage,
  FocusGroupResource,
  FocusGroupRound,
  FocusGroupWithMessages,
} from "./schemas.ts";

const IdParam = z.object({
  id: z
    .string()
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "fgr_…" }),
});

const TAGS = ["focus groups"];
const location = { Location: { schema: { type: "string" as const }, description: "The new resource's URL" } };

export const FOCUS_GROUP_SSE_DESCRIPTION = [
  "With `Accept: text/event-stream` the answers stream side by side as server-sent events (see docs/streaming.md):",
  "`message` {focus_group_id, question, answers: [{persona_id, persona_name, message_id}]} first (everything is",
  "stored, answers as `incomplete`); then, interleaved across personas, `text` {persona_id, delta} and one",
  "`persona_done` {persona_id, message_id, status, error?} per persona; `done` {question_id, answers: [{persona_id,",
  "message_id, status}]} last. Each event has an increasing `id:`; comments `: ping` every",
  `${CHAT_LIMITS.heartbeatMs / 1000} s keep proxies from closing the stream. A persona that fails does not stop the`,
  "others: its answer is stored with status `error` and its `persona_done` carries the problem. Without that",
  "Accept header the answer is 201 JSON {question, answers} once every persona is done (the problem itself when",
  "every persona failed). If the client disconnects, unfinished answers are stored as `incomplete`.",
].join(" ");

export const focusGroupsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

focusGroupsRouter.openapi(
  createRoute({
    method: "post",
    path: "/v1/focus-groups",
    operationId: "createFocusGroup",
    tags: TAGS,
    summary: "Start a focus group: one question at a time to several personas at once",
    description:
      `\`persona_ids\`: ${FOCUS_GROUP_LIMITS.minPersonas}-${FOCUS_GROUP_LIMITS.maxPersonas} of the tenant's ` +
      "personas, each once (422 naming each unknown id). `title` is optional (1-100 characters); by default it names " +
      "the personas.",
    request: { body: documentedBody({ "application/json": CreateFocusGroup }) },
    responses: {
      201: {
        description: "The focus group",
        headers: location,
        content: { "application/json": { schema: FocusGroupResource } },
      },
      ...problems(400, 401, 413, 415, 422, 429),
    },
  }),
  async (c) => {
    const input = await readBody(c, CreateFocusGroup);
    const group = await createFocusGroup({ ctx: ctxOf(c), input });
    c.header("Location", `/v1/focus-groups/${group.id}`);
    return c.json(group, 201);
  },
);

focusGroupsRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/focus-groups",
    operationId: "listFocusGroups",
    tags: TAGS,
    summary: "List focus groups, most recently active first",
    description: `\`limit\` 1-${FOCUS_GROUP_LIMITS.listMax} (default ${FOCUS_GROUP_LIMITS.listDefault}); pass \`next_cursor\` as \`cursor\` for the next page.`,
    request: {
      query: z.object({
        limit: z.coerce.number().int().min(1).max(FOCUS_GROUP_LIMITS.listMax).default(FOCUS_GROUP_LIMITS.listDefault),
        cursor: z.string().max(500).optional().openapi({ description: "next_cursor of the previous page" }),
      }),
    },
    responses: {
      200: { description: "A page of focus groups", content: { "application/json": { schema: FocusGroupPage } } },
      ...problems(400, 401, 429),
    },
  }),
  async (c) => {
    const { limit, cursor } = c.req.valid("query");
    return c.json(await listFocusGroups({ ctx: ctxOf(c), limit, cursor }), 200);
  },
);

focusGroupsRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/focus-groups/{id}",
    operationId: "getFocusGroup",
    tags: TAGS,
    summary: "A focus group with its transcript (each question followed by every persona's answer)",
    request: { params: IdParam },
    responses: {
      200: { description: "The focus group", content: { "application/json": { schema: FocusGroupWithMessages } } },
      ...problems(401, 404, 429),
    },
  }),
  async (c) => c.json(await getFocusGroup({ ctx: ctxOf(c), id: c.req.valid("param").id }), 200),
);

focusGroupsRouter.openapi(
  createRoute({
    method: "post",
    path: "/v1/focus-groups/{id}/messages",
    operationId: "askFocusGroup",
    tags: TAGS,
    summary: "Ask every persona of the group one question (JSON, or SSE with Accept: text/event-stream)",
    description: FOCUS_GROUP_SSE_DESCRIPTION,
    request: { params: IdParam, body: documentedBody({ "application/json": AskFocusGroup }) },
    responses: {
      201: {
        description: "The question and every persona's answer",
        content: {
          "application/json": { schema: FocusGroupRound },
          "text/event-stream": { schema: { type: "string", description: "Server-sent events, see above" } },
        },
      },
      ...problems(400, 401, 404, 409, 413, 415, 422, 429, 502, 503, 504),
    },
  }),
  async (c) => {
    const { value } = await readJsonBody(c);
    const raw = typeof value === "object" && value !== null && "content" in value ? value.content : undefined;
    if (typeof raw === "string" && raw.trim().length > FOCUS_GROUP_LIMITS.questionChars) {
      throw new AppError("payload_too_large", `A question has at most ${FOCUS_GROUP_LIMITS.questionChars} characters`, {
        errors: [{ path: "content", message: `at most ${FOCUS_GROUP_LIMITS.questionChars} characters` }],
      });
    }
    const { content } = parseWith(AskFocusGroup, value);
    const ctx = ctxOf(c);
    const round = await beginRound({ ctx, groupId: c.req.valid("param").id, content });

    if (/\btext\/event-stream\b/i.test(c.req.header("accept") ?? "")) {
      const options = { metrics: ctx.metrics, heartbeatMs: CHAT_LIMITS.heartbeatMs, payloadOf };
      return streamEvents<GroupEvent>(c, options, (sink) => round.run(sink));
    }

    const outcome = await round.run({ signal: c.req.raw.signal });
    if (outcome.error) throw outcome.error;
    return c.json({ question: outcome.question, answers: outcome.answers }, 201);
  },
);

/** The event's data: the event without its type (the SSE event name carries it). */
function payloadOf(event: GroupEvent): unknown {
  const { type: _type, ...rest } = event;
  return rest;
}

focusGroupsRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/focus-groups/{id}/export",
    operationId: "exportFocusGroup",
    tags: TAGS,
    summary: "The transcript as a CSV download",
    description:
      "`format=csv` (the only format): one row per (question, persona) with the columns `question_at, question, " +
      "persona_id, persona_name, answer, status`; UTF-8 with a byte order mark and CRLF line ends, as spreadsheets " +
      "expect. Cells a spreadsheet would run as a formula are prefixed with `'`.",
    request: { params: IdParam, query: z.object({ format: z.enum(["csv"]).default("csv") }) },
    responses: {
      200: {
        description: "The CSV file",
        headers: {
          "Content-Disposition": { schema: { type: "string" }, description: "attachment; filename=…csv" },
        },
        content: { "text/csv": { schema: { type: "string" } } },
      },
      ...problems(400, 401, 404, 429),
    },
  }),
  async (c) => {
    const { csv, title } = await exportFocusGroupCsv({ ctx: ctxOf(c), id: c.req.valid("param").id });
    attachment(c, title, "csv", "focus-group");
    return c.body(csv, 200, { "content-type": "text/csv; charset=utf-8; header=present" });
  },
);

focusGroupsRouter.openapi(
  createRoute({
    method: "delete",
    path: "/v1/focus-groups/{id}",
    operationId: "deleteFocusGroup",
    tags: TAGS,
    summary: "Delete a focus group with its transcript",
    request: { params: IdParam },
    responses: { 204: { description: "Deleted" }, ...problems(401, 404, 409, 429) },
  }),
  async (c) => {
    await deleteFocusGroup({ ctx: ctxOf(c), id: c.req.valid("param").id });
    return c.body(null, 204);
  },
);
