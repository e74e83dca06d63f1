import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Ctx } from "../context.ts";
import { afterKeyset, keysetPage } from "../db/keyset.ts";
import { personas } from "../db/schema.ts";
import { normalizeText } from "../synthesis/normalize.ts";
import type { Persona } from "./schemas.ts";

export const LIST_LIMITS = { defaultLimit: 20, maxLimit: 100, maxQueryChars: 200 } as const;

export interface PersonaSummary {
  id: string;
  version: number;
  name: string | null;
  occupation: string | null;
  location: string | null;
  persona: Persona;
  created_at: string;
  updated_at: string;
}

/** Every word of q must prefix-match a word of the persona (names, places, list items). */
function searchCondition(q: string): SQL | undefined {
  const words = normalizeText(q).split(" ").filter(Boolean).slice(0, 10);
  if (words.length === 0) return undefined;
  // Words are reduced to letters and digits by normalizeText, so they are safe inside a tsquery.
  const query = words.map((w) => `${w}:*`).join(" & ");
  return sql`${personas.search} @@ to_tsquery('simple', ${query})`;
}

export async function listPersonas({
  ctx,
  limit = LIST_LIMITS.defaultLimit,
  cursor,
  q,
  offset,
}: {
  ctx: Ctx;
  limit?: number;
  cursor?: string | undefined;
  q?: string | undefined;
  /** Offset paging, for the compatibility routes whose clients page that way (bounded by the route). */
  offset?: number | undefined;
}): Promise<{ data: PersonaSummary[]; next_cursor: string | null }> {
  const conditions: (SQL | undefined)[] = [
    eq(personas.tenantId, ctx.tenantId),
    afterKeyset(personas.createdAt, personas.id, cursor),
  ];
  if (q) conditions.push(searchCondition(q));
  const rows = await ctx.database.db
    .select({
      id: personas.id,
      version: personas.version,
      persona: personas.persona,
      createdAt: personas.createdAt,
      updatedAt: personas.updatedAt,
    })
    .from(personas)
    .where(and(...conditions))
    .orderBy(desc(personas.createdAt), desc(personas.id))
    .limit(limit + 1)
    .offset(offset ?? 0);
  const { page, next_cursor } = keysetPage(rows, limit, (r) => ({ at: r.createdAt, id: r.id }));
  return {
    data: page.map((r) => ({
      id: r.id,
      version: r.version,
      name: r.persona.name,
      occupation: r.persona.occupation,
      location: r.persona.location,
      persona: r.persona,
      created_at: r.createdAt.toISOString(),
      updated_at: r.updatedAt.toISOString(),
    })),
    next_cursor,
  };
}

/** How many personas the tenant has. */
export async function countPersonas(ctx: Ctx): Promise<number> {
  const [row] = await ctx.database.db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(personas)
    .where(eq(personas.tenantId, ctx.tenantId));
  return row?.n ?? 0;
}
