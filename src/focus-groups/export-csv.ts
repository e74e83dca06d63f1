import { stringify } from "csv-stringify/sync";
import type { Ctx } from "../context.ts";
import { loadFocusGroup, loadGroupMessages } from "./store.ts";

export const CSV_COLUMNS = ["question_at", "question", "persona_id", "persona_name", "answer", "status"] as const;

/**
 * The transcript as CSV (RFC 4180): one row per (question, persona). Cells that a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR first) are prefixed with ', since answers quote user and source text.
 */
export async function exportFocusGroupCsv({
  ctx,
  id,
}: {
  ctx: Ctx;
  id: string;
}): Promise<{ csv: string; title: string }> {
  const db = ctx.database.db;
  const group = await loadFocusGroup(db, ctx.tenantId, id);
  const messages = await loadGroupMessages(db, ctx.tenantId, group.id);
  const questions = new Map(messages.filter((m) => m.role === "user").map((m) => [m.id, m]));
  const rows = messages.flatMap((m) => {
    const question = m.questionId ? questions.get(m.questionId) : undefined;
    if (m.role !== "assistant" || !question || !m.personaId) return [];
    return [
      [question.createdAt.toISOString(), question.content, m.personaId, m.personaName ?? "", m.content, m.status],
    ];
  });
  const csv = stringify(rows, {
    header: true,
    columns: [...CSV_COLUMNS],
    escape_formulas: true,
    record_delimiter: "windows",
    bom: true,
  });
  return { csv, title: group.title };
}
