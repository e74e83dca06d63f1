import { and, eq } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import { conversations, messages } from "../db/schema.ts";
import { withTransaction } from "../db/transaction.ts";
import { AppError } from "../errors.ts";
import { isId, newId } from "../ids.ts";
import { loadPersona } from "../personas/store.ts";
import { BUILT_IN_INTERVIEWERS, findInterviewer } from "../prd/interviewers.ts";
import { isUniqueViolation, loadProject } from "../prd/store.ts";
import { countMessages } from "./get-conversation.ts";
import { openingOf } from "./responders/interviewer-offline.ts";
import { answerAsPersona } from "./responders/persona-offline.ts";
import type { ConversationResource, MessageQuestion } from "./schemas.ts";
import { engineOf } from "./speaker.ts";
import { type ConversationRow, presentConversation } from "./store.ts";

/** A new chat with a stored persona (several per persona are fine). */
export async function createPersonaConversation({
  ctx,
  personaId,
}: {
  ctx: Ctx;
  personaId: string;
}): Promise<ConversationResource> {
  const persona = await loadPersona(ctx.database.db, ctx.tenantId, personaId);
  const at = ctx.clock.now();
  const [row] = await ctx.database.db
    .insert(conversations)
    .values({
      id: newId("conversation"),
      tenantId: ctx.tenantId,
      kind: "persona",
      personaId: persona.id,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return presentConversation(row, { messageCount: 0, engine: engineOf(ctx), now: at });
}

/**
 * The interview of a project with one interviewer: a built-in one (pm, ux, engineer) or a research persona linked to
 * the project. One conversation per interviewer per project: asking again returns the existing one (created false).
 * A new interview starts with the interviewer's opening message (greeting and first question).
 */
export async function createInterview({
  ctx,
  idOrSlug,
  interviewer,
}: {
  ctx: Ctx;
  idOrSlug: string;
  interviewer: string;
}): Promise<{ conversation: ConversationResource; created: boolean }> {
  const db = ctx.database.db;
  const project = await loadProject(db, ctx.tenantId, idOrSlug);
  const builtIn = findInterviewer(interviewer);
  if (!builtIn && !(isId("persona", interviewer) && project.personaIds.includes(interviewer))) {
    throw new AppError(
      "validation_failed",
      `interviewer must be one of ${BUILT_IN_INTERVIEWERS.join(", ")} or the id of a persona linked to this project`,
      { errors: [{ path: "interviewer", message: "unknown interviewer" }] },
    );
  }
  const existing = await findInterview(ctx, project.id, interviewer);
  if (existing) return { conversation: await present(ctx, existing), created: false };

  let opening: { text: string; step?: string; question?: MessageQuestion };
  if (builtIn) {
    opening = openingOf(builtIn, project);
  } else {
    const persona = await loadPersona(db, ctx.tenantId, interviewer);
    const hello = answerAsPersona(persona, "hello").text;
    opening = { text: `${hello} Ask me anything about how I'd use ${project.name}.` };
  }
  const at = ctx.clock.now();
  try {
    const row = await withTransaction(ctx, async (tx) => {
      const [inserted] = await tx
        .insert(conversations)
        .values({
          id: newId("conversation"),
          tenantId: ctx.tenantId,
          kind: "interview",
          projectId: project.id,
          interviewer,
          ...(builtIn ? {} : { personaId: interviewer }),
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      if (!inserted) throw new Error("insert returned no row");
      await tx.insert(messages).values({
        id: newId("message"),
        tenantId: ctx.tenantId,
        conversationId: inserted.id,
        seq: 1,
        role: "assistant",
        content: opening.text,
        status: "complete",
        meta: opening.step ? { step: opening.step, interviewer } : {},
        // A choice opening stores its options as ask_user_question would, so the first answer can be a letter.
        question: opening.question ?? null,
        createdAt: at,
      });
      return inserted;
    });
    return {
      conversation: presentConversation(row, { messageCount: 1, engine: engineOf(ctx), now: at }),
      created: true,
    };
  } catch (error) {
    // Two requests raced to open the same interview: the loser answers with the winner's conversation.
    if (!isUniqueViolation(error)) throw error;
    const winner = await findInterview(ctx, project.id, interviewer);
    if (!winner) throw error;
    return { conversation: await present(ctx, winner), created: false };
  }
}

async function findInterview(ctx: Ctx, projectId: string, interviewer: string): Promise<ConversationRow | undefined> {
  const [row] = await ctx.database.db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.tenantId, ctx.tenantId),
        eq(conversations.projectId, projectId),
        eq(conversations.interviewer, interviewer),
        eq(conversations.kind, "interview"),
      ),
    );
  return row;
}

async function present(ctx: Ctx, row: ConversationRow): Promise<ConversationResource> {
  return presentConversation(row, {
    messageCount: await countMessages(ctx, row.id),
    engine: engineOf(ctx),
    now: ctx.clock.now(),
  });
}
