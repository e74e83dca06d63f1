import { and, eq, lt, or, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { AppError } from "../errors.ts";
import { ANY_ID } from "../ids.ts";

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

/**
 * The timestamps this API writes: years 1 to 9999 in toISOString's form. Anything else (year 0, six-digit years,
 * offsets) is refused here rather than handed to Postgres, whose range and parser differ from JavaScript's.
 */
const ISO_INSTANT = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Accepts exactly what `encodeKeyset` emits (re-encoding must give back the same string), so a crafted cursor is a
 * 400 and never reaches the database.
 */
export function decodeKeyset(raw: string): Keyset {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [iso, id] = parsed as unknown[];
      if (typeof iso === "string" && typeof id === "string" && ISO_INSTANT.test(iso) && ANY_ID.test(id)) {
        const keyset = { at: new Date(iso), id };
        if (!Number.isNaN(keyset.at.getTime()) && encodeKeyset(keyset) === raw) return keyset;
      }
    }
  } catch {
    // falls through to the error below
  }
  throw invalidCursor();
}

/** Rows after the cursor in (timestamp DESC, id DESC) order; undefined (no condition) without a cursor. */
export function afterKeyset(at: PgColumn, id: PgColumn, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined; // an empty cursor is the first page
  const after = decodeKeyset(cursor);
  return or(lt(at, after.at), and(eq(at, after.at), lt(id, after.id)));
}

/** Cuts the `limit + 1` rows a query fetched to one page, with the cursor of the next page when there is one. */
export function keysetPage<R>(rows: R[], limit: number, keyOf: (row: R) => Keyset) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, next_cursor: rows.length > limit && last ? encodeKeyset(keyOf(last)) : null };
}
