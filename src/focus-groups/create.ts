import type { Ctx } from "../context.ts";
import { focusGroups } from "../db/schema.ts";
import { newId } from "../ids.ts";
import { checkPersonaLinks } from "../prd/projects/persona-links.ts";
import { type CreateFocusGroup, FOCUS_GROUP_LIMITS, type FocusGroupResource } from "./schemas.ts";
import { personaNames, presentFocusGroup } from "./store.ts";

/** "Focus group: Maya Chen, Ravi Rao and Ana Costa", clipped to the title limit. */
function defaultTitle(names: Array<string | null>): string {
  const known = names.map((n, i) => n ?? `Persona ${i + 1}`);
  const list = known.length > 1 ? `${known.slice(0, -1).join(", ")} and ${known.at(-1)}` : (known[0] ?? "");
  const title = `Focus group: ${list}`;
  return title.length > FOCUS_GROUP_LIMITS.titleChars ? `${title.slice(0, FOCUS_GROUP_LIMITS.titleChars - 1)}…` : title;
}

/** A new focus group of 2-8 of the tenant's personas (422 naming each unknown id, another tenant's included). */
export async function createFocusGroup({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: CreateFocusGroup;
}): Promise<FocusGroupResource> {
  const db = ctx.database.db;
  await checkPersonaLinks(db, ctx.tenantId, input.persona_ids);
  const names = await personaNames(db, ctx.tenantId, input.persona_ids);
  const at = ctx.clock.now();
  const [row] = await db
    .insert(focusGroups)
    .values({
      id: newId("focusGroup"),
      tenantId: ctx.tenantId,
      title: input.title ?? defaultTitle(input.persona_ids.map((id) => names.get(id) ?? null)),
      personaIds: input.persona_ids,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return presentFocusGroup(row, { names, questionCount: 0, now: at });
}
