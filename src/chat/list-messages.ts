import type { Ctx } from "../context.ts";
import { invalidCursor } from "../db/keyset.ts";
import type { MessageResource } from "./schemas.ts";
import { loadConversation, loadMessages, presentMessage } from "./store.ts";

const encode = (seq: number) => Buffer.from(`seq:${seq}`).toString("base64url");
/** Accepts exactly what `encode` emits: re-encoding must give back the same string (no padding, no leading zeros). */
function decode(raw: string): number {
  const m = /^seq:([1-9]\d{0,8})$/.exec(Buffer.from(raw, "base64url").toString("utf8"));
  const seq = Number(m?.[1]);
  if (!m || encode(seq) !== raw) throw invalidCursor();
  return seq;
}

/** Oldest first; `next_cursor` continues after the last message of the page. */
export async function listMessages({
  ctx,
  id,
  limit,
  cursor,
}: {
  ctx: Ctx;
  id: string;
  limit: number;
  cursor?: string | undefined;
}): Promise<{ data: MessageResource[]; next_cursor: string | null }> {
  const conversation = await loadConversation(ctx.database.db, ctx.tenantId, id);
  const afterSeq = cursor ? decode(cursor) : 0;
  const rows = await loadMessages(ctx.database.db, ctx.tenantId, conversation.id, { afterSeq, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { data: page.map(presentMessage), next_cursor: rows.length > limit && last ? encode(last.seq) : null };
}
