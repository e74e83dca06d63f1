import { z } from "@hono/zod-openapi";
import { normalizeText } from "../synthesis/normalize.ts";
import { LIST_FIELDS, type Persona, SCALAR_FIELDS } from "./schemas.ts";

export const DiffEntry = z
  .object({
    field: z.string(),
    op: z.enum(["set", "unset", "replace", "add_item", "remove_item"]),
    from: z.union([z.string(), z.number()]).nullable().optional(),
    to: z.union([z.string(), z.number()]).nullable().optional(),
  })
  .openapi("DiffEntry");
export type DiffEntry = z.infer<typeof DiffEntry>;

/** What changed from one persona to the next, field by field; list items compared after normalisation. */
export function diffPersonas(before: Persona, after: Persona): DiffEntry[] {
  const diff: DiffEntry[] = [];
  for (const field of SCALAR_FIELDS) {
    const from = before[field];
    const to = after[field];
    if (from === to) continue;
    if (from === null) diff.push({ field, op: "set", to });
    else if (to === null) diff.push({ field, op: "unset", from });
    else diff.push({ field, op: "replace", from, to });
  }
  for (const field of LIST_FIELDS) {
    const beforeKeys = new Set(before[field].map(normalizeText));
    const afterKeys = new Set(after[field].map(normalizeText));
    for (const item of before[field]) {
      if (!afterKeys.has(normalizeText(item))) diff.push({ field, op: "remove_item", from: item });
    }
    for (const item of after[field]) {
      if (!beforeKeys.has(normalizeText(item))) diff.push({ field, op: "add_item", to: item });
    }
  }
  return diff;
}
