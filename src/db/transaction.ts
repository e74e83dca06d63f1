import type { Ctx } from "../context.ts";
import type { Tx } from "./client.ts";

/** Every write runs in one transaction: it all lands or nothing does. */
export function withTransaction<T>(ctx: Pick<Ctx, "database">, work: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.database.db.transaction(work);
}
