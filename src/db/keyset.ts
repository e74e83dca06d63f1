import { and, eq, lt, or, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { AppError } from "../errors.ts";

/**
 * Keyset pagination, newest first, on (timestamp, id): the cursor is the last row's key, opaque to clients. Stable
 * under inserts and served by a (tenant, timestamp DESC, id DESC) index, unlike OFFSET.
 */
export interface Keyset {
  at: Date;
  id: string;
}

export const invalidCursor = () =>
  new AppError("bad_request", "cursor is not one this API returned", {
    errors: [{ path: "cursor", message: "invalid cursor" }],
  });

export const encodeKeyset = ({ at, id }: Keyset) =>
  Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");

export function decodeKeyset(raw: string): Keyset {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && typeof parsed[0] === "string" && typeof parsed[1] === "string") {
      const at = new Date(parsed[0]);
      if (!Number.isNaN(at.getTime())) return { at, id: parsed[1] };
    }
  } catch {
    // falls through to the error below
  }
  throw invalidCursor();
}

/** Rows after the cursor in (timestamp DESC, id DESC) order; undefined (no condition) without a cursor. */
export function afterKeyset(at: PgColumn, id: PgColumn, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const after = decodeKeyset(cursor);
  return or(lt(at, after.at), and(eq(at, after.at), lt(id, after.id)));
}

/** Cuts the `limit + 1` rows a query fetched to one page, with the cursor of the next page when there is one. */
export function keysetPage<R>(rows: R[], limit: number, keyOf: (row: R) => Keyset) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, next_cursor: rows.length > limit && last ? encodeKeyset(keyOf(last)) : null };
}
