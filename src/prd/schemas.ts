import { z } from "@hono/zod-openapi";

/** Limits on projects and PRD content; documented in the OpenAPI descriptions and docs/streaming.md. */
export const PROJECT_LIMITS = {
  nameChars: 100,
  personaIds: 20,
  slugChars: 60,
  listDefault: 20,
  listMax: 100,
} as const;

export const PRD_LIMITS = {
  textChars: 4_000,
  itemsPerSection: 50,
  itemChars: 1_000,
  stepsPerJourney: 20,
  criteriaPerRequirement: 10,
  whatsNextItems: 50,
  whatsNextTitleChars: 200,
} as const;

/** Control characters (C0, DEL, C1) are not allowed in names: they break headers, file names and terminals. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const ProjectName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(PROJECT_LIMITS.nameChars, `at most ${PROJECT_LIMITS.nameChars} characters`)
  .refine((s) => !CONTROL.test(s), "must not contain control characters");

const Text = (max: number = PRD_LIMITS.itemChars) =>
  z.string().trim().min(1, "must not be empty").max(max, `at most ${max} characters`);

export const Priority = z.enum(["P0", "P1", "P2"]);
export type Priority = z.infer<typeof Priority>;

export const TargetUser = z.object({ id: z.string(), description: z.string(), persona_id: z.string().nullable() });
export const UserJourney = z.object({ id: z.string(), title: z.string(), steps: z.array(z.string()) });
export const FunctionalRequirement = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  priority: Priority,
  acceptance_criteria: z.array(z.string()),
});
export const NonFunctionalRequirement = z.object({
  id: z.string(),
  category: z.string().nullable(),
  requirement: z.string(),
});
export const SuccessMetric = z.object({ id: z.string(), metric: z.string(), target: z.string().nullable() });
export const Note = z.object({ id: z.string(), text: z.string() });
export const WireframeRef = z.object({ id: z.string(), wireframe_id: z.string(), name: z.string(), url: z.string() });
export const Decision = z.object({
  id: z.string(),
  decision: z.string(),
  rationale: z.string().nullable(),
  date: z.string(),
});

export const PrdDocument = z
  .object({
    overview: z.string().nullable(),
    problem: z.string().nullable(),
    target_users: z.array(TargetUser),
    user_journeys: z.array(UserJourney),
    functional_requirements: z.array(FunctionalRequirement),
    non_functional_requirements: z.array(NonFunctionalRequirement),
    success_metrics: z.array(SuccessMetric),
    scope: z.array(Note),
    non_goals: z.array(Note),
    wireframes: z.array(WireframeRef),
    open_questions: z.array(Note),
    assumptions: z.array(Note),
    decision_log: z.array(Decision),
  })
  .openapi("PrdDocument");
export type PrdDocument = z.infer<typeof PrdDocument>;

export const PRD_SECTIONS = [
  "overview",
  "problem",
  "target_users",
  "user_journeys",
  "functional_requirements",
  "non_functional_requirements",
  "success_metrics",
  "scope",
  "non_goals",
  "wireframes",
  "open_questions",
  "assumptions",
  "decision_log",
] as const;
export type PrdSection = (typeof PRD_SECTIONS)[number];
export const TEXT_SECTIONS = ["overview", "problem"] as const;
export type TextSection = (typeof TEXT_SECTIONS)[number];
export type ListSection = Exclude<PrdSection, TextSection>;
/** Sections `update_prd` may write; wireframes are added by `render_wireframe` so they always point at a stored PNG. */
export const EDITABLE_SECTIONS = PRD_SECTIONS.filter((s) => s !== "wireframes") as Exclude<PrdSection, "wireframes">[];
export type EditableSection = Exclude<PrdSection, "wireframes">;

export const SECTION_TITLES: Record<PrdSection, string> = {
  overview: "Overview and vision",
  problem: "Problem",
  target_users: "Target users",
  user_journeys: "User journeys",
  functional_requirements: "Functional requirements",
  non_functional_requirements: "Non-functional requirements",
  success_metrics: "Success metrics",
  scope: "Scope",
  non_goals: "Non-goals",
  wireframes: "Wireframes",
  open_questions: "Open questions",
  assumptions: "Assumptions",
  decision_log: "Decision log",
};

/** Stable id prefix per list section (UJ-1, FR-2, …). */
export const ID_PREFIX: Record<ListSection, string> = {
  target_users: "TU",
  user_journeys: "UJ",
  functional_requirements: "FR",
  non_functional_requirements: "NFR",
  success_metrics: "SM",
  scope: "SC",
  non_goals: "NG",
  wireframes: "WF",
  open_questions: "OQ",
  assumptions: "AS",
  decision_log: "DL",
};

export const isTextSection = (s: string): s is TextSection => (TEXT_SECTIONS as readonly string[]).includes(s);

/** What a model or the offline interviewer sends per item (ids are assigned by code; an existing id keeps its item). */
const Id = z.string().max(16).optional();
export const ITEM_INPUT = {
  target_users: z
    .object({ id: Id, description: Text(), persona_id: z.string().max(40).nullable().optional() })
    .strict(),
  user_journeys: z
    .object({ id: Id, title: Text(200), steps: z.array(Text()).min(1).max(PRD_LIMITS.stepsPerJourney) })
    .strict(),
  functional_requirements: z
    .object({
      id: Id,
      title: Text(200),
      description: Text().nullable().optional(),
      priority: Priority.default("P1"),
      // May start empty: criteria come in the user's words later, never as placeholders.
      acceptance_criteria: z.array(Text()).max(PRD_LIMITS.criteriaPerRequirement).default([]),
    })
    .strict(),
  non_functional_requirements: z
    .object({ id: Id, category: Text(60).nullable().optional(), requirement: Text() })
    .strict(),
  success_metrics: z.object({ id: Id, metric: Text(), target: Text(200).nullable().optional() }).strict(),
  scope: z.object({ id: Id, text: Text() }).strict(),
  non_goals: z.object({ id: Id, text: Text() }).strict(),
  open_questions: z.object({ id: Id, text: Text() }).strict(),
  assumptions: z.object({ id: Id, text: Text() }).strict(),
  decision_log: z.object({ id: Id, decision: Text(), rationale: Text().nullable().optional() }).strict(),
} as const;
export type ItemInputs = { [K in keyof typeof ITEM_INPUT]: z.input<(typeof ITEM_INPUT)[K]> };

export const WhatsNextItem = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "1-64 letters, digits, '-', '_' or '.'"),
    title: Text(PRD_LIMITS.whatsNextTitleChars),
    status: z.enum(["todo", "in_progress", "done"]),
  })
  .strict()
  .openapi("WhatsNextItem");
export type WhatsNextItem = z.infer<typeof WhatsNextItem>;

export const WhatsNextList = z
  .array(WhatsNextItem)
  .max(PRD_LIMITS.whatsNextItems, `at most ${PRD_LIMITS.whatsNextItems} items`)
  .refine((items) => new Set(items.map((i) => i.id)).size === items.length, "item ids must be unique");

export function emptyPrd(): PrdDocument {
  return {
    overview: null,
    problem: null,
    target_users: [],
    user_journeys: [],
    functional_requirements: [],
    non_functional_requirements: [],
    success_metrics: [],
    scope: [],
    non_goals: [],
    wireframes: [],
    open_questions: [],
    assumptions: [],
    decision_log: [],
  };
}

export const isCovered = (doc: PrdDocument, section: PrdSection): boolean => {
  const value = doc[section];
  return Array.isArray(value) ? value.length > 0 : value !== null && value.trim() !== "";
};

export const ProjectResource = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    persona_ids: z.array(z.string()),
    prd_revision: z.number().int(),
    sections: z.object({ covered: z.array(z.string()), missing: z.array(z.string()) }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Project");
export type ProjectResource = z.infer<typeof ProjectResource>;
