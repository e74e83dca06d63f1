import { z } from "@hono/zod-openapi";
import { AppError } from "../errors.ts";
import { fieldErrors } from "../http/problem.ts";
import {
  EDITABLE_SECTIONS,
  type EditableSection,
  ID_PREFIX,
  ITEM_INPUT,
  isTextSection,
  type ListSection,
  PRD_LIMITS,
  type PrdDocument,
} from "./schemas.ts";

/**
 * The arguments of `update_prd`. Kept flat (one object, `items` of loose objects) because providers want a plain
 * object schema for tools; each section's item shape is checked by `parseSectionUpdate`, and a mismatch becomes a
 * tool error that names the expected fields.
 */
export const UpdatePrdArgs = z
  .object({
    section: z.enum(EDITABLE_SECTIONS as [EditableSection, ...EditableSection[]]),
    mode: z.enum(["replace", "append"]).describe("replace the whole section, or append to it"),
    text: z.string().max(PRD_LIMITS.textChars).optional().describe("For overview and problem: the section text"),
    items: z
      .array(z.record(z.string(), z.unknown()))
      .max(PRD_LIMITS.itemsPerSection)
      .optional()
      .describe(
        "For list sections. Item fields per section: target_users {description, persona_id?}; user_journeys " +
          "{title, steps[]}; functional_requirements {title, description?, priority P0|P1|P2, acceptance_criteria[]}; " +
          "non_functional_requirements {category?, requirement}; success_metrics {metric, target?}; scope, non_goals, " +
          "open_questions, assumptions {text}; decision_log {decision, rationale?}. Pass an existing id (e.g. FR-2) " +
          "with mode replace to keep that item's id.",
      ),
  })
  .strict();
export type UpdatePrdArgs = z.infer<typeof UpdatePrdArgs>;

export type SectionUpdate =
  | { section: "overview" | "problem"; mode: "replace" | "append"; text: string }
  | { section: Exclude<ListSection, "wireframes">; mode: "replace" | "append"; items: Record<string, unknown>[] };

/** Checks the section-specific shape; throws a 422 AppError naming the bad fields. */
export function parseSectionUpdate(args: UpdatePrdArgs): SectionUpdate {
  if (isTextSection(args.section)) {
    const text = args.text?.trim();
    if (!text) {
      throw new AppError("validation_failed", `section ${args.section} needs a non-empty "text"`, {
        errors: [{ path: "text", message: "required for this section" }],
      });
    }
    if (args.items !== undefined) {
      throw new AppError("validation_failed", `section ${args.section} takes "text", not "items"`, {
        errors: [{ path: "items", message: "not allowed for this section" }],
      });
    }
    return { section: args.section, mode: args.mode, text };
  }
  const section = args.section as Exclude<ListSection, "wireframes">;
  if (!args.items || args.items.length === 0) {
    throw new AppError("validation_failed", `section ${section} needs a non-empty "items" list`, {
      errors: [{ path: "items", message: "required for this section" }],
    });
  }
  if (args.text !== undefined) {
    throw new AppError("validation_failed", `section ${section} takes "items", not "text"`, {
      errors: [{ path: "text", message: "not allowed for this section" }],
    });
  }
  const schema = z.array(ITEM_INPUT[section]);
  const parsed = schema.safeParse(args.items);
  if (!parsed.success) {
    throw new AppError("validation_failed", `items do not fit section ${section}`, {
      errors: fieldErrors(parsed.error).map((e) => ({ ...e, path: `items/${e.path}` })),
    });
  }
  return { section, mode: args.mode, items: parsed.data as Record<string, unknown>[] };
}

export interface Applied {
  document: PrdDocument;
  counters: Record<string, number>;
  /** Ids of the items written (list sections). */
  ids: string[];
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);

/** Builds the stored item of a list section from a validated input item and its id. */
function buildItem(
  section: Exclude<ListSection, "wireframes">,
  id: string,
  input: Record<string, unknown>,
  today: string,
) {
  switch (section) {
    case "target_users":
      return { id, description: String(input.description), persona_id: str(input.persona_id) };
    case "user_journeys":
      return { id, title: String(input.title), steps: strs(input.steps) };
    case "functional_requirements":
      return {
        id,
        title: String(input.title),
        description: str(input.description),
        priority: input.priority === "P0" || input.priority === "P2" ? input.priority : "P1",
        acceptance_criteria: strs(input.acceptance_criteria),
      };
    case "non_functional_requirements":
      return { id, category: str(input.category), requirement: String(input.requirement) };
    case "success_metrics":
      return { id, metric: String(input.metric), target: str(input.target) };
    case "decision_log":
      return { id, decision: String(input.decision), rationale: str(input.rationale), date: today };
    default:
      return { id, text: String(input.text) };
  }
}

/**
 * Applies a section-level replace or append. Ids are stable: an item sent with an id the section already has keeps
 * it; new items get the next number of the section's prefix, and numbers are never reused (the counters live with
 * the project), so "FR-3" always means the same requirement in every revision.
 */
export function applySectionUpdate(
  document: PrdDocument,
  counters: Record<string, number>,
  update: SectionUpdate,
  now: Date,
): Applied {
  const next: PrdDocument = structuredClone(document);
  const nextCounters = { ...counters };
  if (!("items" in update)) {
    const current = next[update.section];
    const text = update.mode === "append" && current ? `${current}\n\n${update.text}` : update.text;
    if (text.length > PRD_LIMITS.textChars) {
      throw new AppError(
        "payload_too_large",
        `section ${update.section} would exceed ${PRD_LIMITS.textChars} characters`,
      );
    }
    next[update.section] = text;
    return { document: next, counters: nextCounters, ids: [] };
  }
  const section = update.section;
  const prefix = ID_PREFIX[section];
  const existing = next[section] as Array<{ id: string }>;
  const existingIds = new Set(existing.map((i) => i.id));
  const today = now.toISOString().slice(0, 10);
  const seen = new Set<string>();
  const fresh = () => {
    const n = Math.max(nextCounters[prefix] ?? 1, highest(existing, prefix) + 1);
    nextCounters[prefix] = n + 1;
    return `${prefix}-${n}`;
  };
  const built = update.items.map((input) => {
    const wanted = typeof input.id === "string" ? input.id : undefined;
    // Appending never overwrites: an id only keeps its item under replace.
    const id = update.mode === "replace" && wanted && existingIds.has(wanted) && !seen.has(wanted) ? wanted : fresh();
    seen.add(id);
    return buildItem(section, id, input, today);
  });
  const items = update.mode === "append" ? [...existing, ...built] : built;
  if (items.length > PRD_LIMITS.itemsPerSection) {
    throw new AppError(
      "payload_too_large",
      `section ${section} would have ${items.length} items; at most ${PRD_LIMITS.itemsPerSection}`,
    );
  }
  (next as Record<string, unknown>)[section] = items;
  return { document: next, counters: nextCounters, ids: built.map((b) => b.id) };
}

function highest(items: Array<{ id: string }>, prefix: string): number {
  let max = 0;
  for (const { id } of items) {
    const m = new RegExp(`^${prefix}-(\\d+)$`).exec(id);
    if (m?.[1]) max = Math.max(max, Number(m[1]));
  }
  return max;
}

/** Adds or refreshes the wireframe reference (one per wireframe id) and returns the PRD id used. */
export function withWireframe(
  document: PrdDocument,
  counters: Record<string, number>,
  ref: { wireframe_id: string; name: string; url: string },
): Applied {
  const next = structuredClone(document);
  const nextCounters = { ...counters };
  const found = next.wireframes.find((w) => w.wireframe_id === ref.wireframe_id);
  if (found) {
    found.name = ref.name;
    found.url = ref.url;
    return { document: next, counters: nextCounters, ids: [found.id] };
  }
  const n = Math.max(nextCounters.WF ?? 1, highest(next.wireframes, "WF") + 1);
  nextCounters.WF = n + 1;
  const id = `WF-${n}`;
  next.wireframes.push({ id, ...ref });
  return { document: next, counters: nextCounters, ids: [id] };
}
