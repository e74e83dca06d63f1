import { z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import type { Tx } from "../db/client.ts";
import { messages } from "../db/schema.ts";
import { withTransaction } from "../db/transaction.ts";
import { AppError } from "../errors.ts";
import { fieldErrors } from "../http/problem.ts";
import { applySectionUpdate, parseSectionUpdate, UpdatePrdArgs } from "../prd/document.ts";
import { checkPersonaLinks } from "../prd/projects/persona-links.ts";
import { applyProjectPatch } from "../prd/projects/update.ts";
import { ProjectName, WhatsNextItem, WhatsNextList } from "../prd/schemas.ts";
import { commitRevision, loadProject, type ProjectRow } from "../prd/store.ts";
import { mergeWhatsNext, writeWhatsNext } from "../prd/whats-next.ts";
import { renderOrThrow, storeWireframe, WireframeInput } from "../prd/wireframes/create.ts";
import type { MessageQuestion, StoredToolResult } from "./schemas.ts";
import { appendToolRecord } from "./store.ts";

/** What a tool runs with: the reply's context, the project it may change and the assistant message calling it. */
export interface ToolEnv {
  ctx: Ctx;
  projectId: string;
  messageId: string;
}

interface ToolDef<A extends z.ZodType> {
  description: string;
  args: A;
  run(env: ToolEnv, tx: Tx, project: ProjectRow, args: z.infer<A>): Promise<unknown>;
}

const defineTool = <A extends z.ZodType>(def: ToolDef<A>) => def;

const QUESTION_KEYS = "ABCDEFGH";

export const AskUserQuestionArgs = z
  .object({
    question: z.string().trim().min(1).max(500),
    options: z
      .array(z.string().trim().min(1).max(200))
      .min(2, "give at least 2 options")
      .max(6, "give at most 6 options")
      .describe("The choices, without letters: they are lettered A, B, C… for the user"),
  })
  .strict();

const UpdateWhatsNextArgs = z
  .object({
    items: z.array(WhatsNextItem).max(50),
    mode: z.enum(["merge", "replace"]).default("merge").describe("merge by id (default) or replace the list"),
    remove: z.array(z.string().max(64)).max(50).optional().describe("ids to drop (merge mode)"),
  })
  .strict();

/**
 * The tools assistants (LLM and offline engine alike) change state with. Each validates its arguments with zod and
 * runs in one transaction together with the update of the assistant message that called it.
 */
export const TOOLS = {
  set_project_name: defineTool({
    description: "Set the project's name when the user gives one (a new slug is derived; old slugs keep working).",
    args: z.object({ name: ProjectName }).strict(),
    async run(env, tx, project, args) {
      const updated = await applyProjectPatch(env.ctx, tx, project, { name: args.name });
      return { name: updated.name, slug: updated.slug };
    },
  }),
  update_prd: defineTool({
    description:
      "Write one section of the PRD: replace it or append to it. Every change becomes a new PRD revision. Ids " +
      "(UJ-n, FR-n, SM-n, …) are assigned by the system.",
    args: UpdatePrdArgs,
    async run(env, tx, project, args) {
      const update = parseSectionUpdate(args);
      if ("items" in update && update.section === "target_users") {
        const cited = update.items.map((i) => i.persona_id).filter((v): v is string => typeof v === "string");
        await checkPersonaLinks(tx, env.ctx.tenantId, cited);
      }
      const applied = applySectionUpdate(project.prd, project.prdCounters, update, env.ctx.clock.now());
      const revision = await commitRevision(tx, project, applied, "tool:update_prd", env.ctx.clock.now(), {
        section: update.section,
        messageId: env.messageId,
      });
      return { revision, section: update.section, mode: update.mode, ids: applied.ids };
    },
  }),
  render_wireframe: defineTool({
    description:
      "Render an ASCII wireframe (box-drawing characters welcome; at most 200 columns x 200 lines) to a stored PNG " +
      "and add it to the PRD's wireframes section. Returns its URL. The same name re-renders that wireframe.",
    args: WireframeInput,
    async run(env, tx, project, args) {
      const png = renderOrThrow(args.ascii);
      const stored = await storeWireframe(env.ctx, tx, project, args, png, {
        cause: "tool:render_wireframe",
        messageId: env.messageId,
      });
      return {
        id: stored.id,
        name: stored.name,
        url: stored.url,
        width: stored.width,
        height: stored.height,
        prd_revision: stored.prd_revision,
      };
    },
  }),
  update_whats_next: defineTool({
    description:
      "Keep the project's what's-next list current: items with id, title and status (todo, in_progress, done).",
    args: UpdateWhatsNextArgs,
    async run(env, tx, project, args) {
      const items =
        args.mode === "replace" ? args.items : mergeWhatsNext(project.whatsNext, args.items, args.remove ?? []);
      const checked = WhatsNextList.safeParse(items);
      if (!checked.success) {
        throw new AppError("validation_failed", "the resulting list is not valid", {
          errors: fieldErrors(checked.error),
        });
      }
      return { items: await writeWhatsNext(env.ctx, tx, project, checked.data) };
    },
  }),
  ask_user_question: defineTool({
    description:
      "Ask the user a multiple-choice question with lettered options. Use it when the answer is a choice; the " +
      "user's next message answers it. End your turn after calling it.",
    args: AskUserQuestionArgs,
    async run(env, tx, _project, args) {
      const question: MessageQuestion = {
        question: args.question,
        options: args.options.map((label, i) => ({ key: QUESTION_KEYS[i] ?? String(i + 1), label })),
      };
      await tx
        .update(messages)
        .set({ question })
        .where(and(eq(messages.tenantId, env.ctx.tenantId), eq(messages.id, env.messageId)));
      return question;
    },
  }),
} as const;

export type ToolName = keyof typeof TOOLS;
export const TOOL_NAMES = Object.keys(TOOLS) as ToolName[];
export const isToolName = (name: string): name is ToolName => name in TOOLS;

export type ToolOutcome = { ok: true; result: unknown } | { ok: false; error: string };

const describeIssues = (error: z.ZodError) =>
  fieldErrors(error)
    .map((e) => `${e.path || "(arguments)"}: ${e.message}`)
    .join("; ");

/**
 * Validates and runs one tool call. Malformed arguments are rejected before anything is touched; a failing tool
 * rolls back whatever it did. Either way the call and its outcome are appended to the assistant message, and the
 * outcome (never an exception) goes back to the caller, which reports it to the model or the user.
 */
export async function executeTool(
  env: ToolEnv,
  call: { id: string; name: string; args: unknown },
): Promise<ToolOutcome> {
  const record = (outcome: ToolOutcome, tx?: Tx) => {
    const result: StoredToolResult = outcome.ok
      ? { id: call.id, name: call.name, ok: true, result: outcome.result }
      : { id: call.id, name: call.name, ok: false, error: outcome.error };
    return appendToolRecord(tx ?? env.ctx.database.db, env.ctx.tenantId, env.messageId, call, result);
  };
  const fail = async (error: string): Promise<ToolOutcome> => {
    const outcome: ToolOutcome = { ok: false, error };
    await record(outcome);
    return outcome;
  };

  if (!isToolName(call.name)) return fail(`unknown tool "${call.name}"; available: ${TOOL_NAMES.join(", ")}`);
  const tool: ToolDef<z.ZodType> = TOOLS[call.name];
  const parsed = tool.args.safeParse(call.args);
  if (!parsed.success) return fail(`invalid arguments, nothing was changed: ${describeIssues(parsed.error)}`);
  try {
    return await withTransaction(env.ctx, async (tx) => {
      // Locking the project serialises tools of parallel interviews on the same PRD (revision numbers stay dense).
      const project = await loadProject(tx, env.ctx.tenantId, env.projectId, { forUpdate: true });
      const result = await tool.run(env, tx, project, parsed.data);
      const outcome: ToolOutcome = { ok: true, result };
      await record(outcome, tx);
      return outcome;
    });
  } catch (error) {
    if (error instanceof AppError) {
      const details = error.errors?.map((e) => `${e.path}: ${e.message}`).join("; ");
      return fail(`${error.message}${details ? ` (${details})` : ""}; nothing was changed`);
    }
    env.ctx.log.error({ tool: call.name, err_name: error instanceof Error ? error.name : typeof error }, "tool failed");
    return fail("the tool failed on our side; nothing was changed");
  }
}

/** JSON Schemas of the tools' arguments, as handed to the model. */
export function toolJsonSchema(name: ToolName): Record<string, unknown> {
  const schema = z.toJSONSchema(TOOLS[name].args, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}
