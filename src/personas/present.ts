import { z } from "@hono/zod-openapi";
import { Evidence, Persona, SourceInfo } from "./schemas.ts";
import type { PersonaRow } from "./store.ts";

export const UsageReport = z
  .object({
    engine: z.enum(["offline", "llm"]),
    provider: z.string().nullable(),
    model: z.string().nullable(),
    llm_calls: z.number().int(),
    input_tokens: z.number().int(),
    output_tokens: z.number().int(),
    duration_ms: z.number().int(),
    cached: z.boolean().optional(),
  })
  .openapi("Usage");

export const PersonaResource = z
  .object({
    id: z.string(),
    version: z.number().int(),
    persona: Persona,
    evidence: Evidence,
    sources: z.array(SourceInfo),
    warnings: z.array(z.string()),
    // A union rather than .nullable(): that would make the shared Usage schema itself nullable in the document.
    usage: z.union([UsageReport, z.null()]),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("PersonaResource");
export type PersonaResource = z.infer<typeof PersonaResource>;

export function presentPersona(row: PersonaRow, sources: SourceInfo[]): PersonaResource {
  return {
    id: row.id,
    version: row.version,
    persona: row.persona,
    evidence: row.evidence,
    sources,
    warnings: row.warnings,
    usage: (row.usage as PersonaResource["usage"]) ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** Strong ETag of a persona's current state: its version number is bumped by every change. */
export const etagOf = (row: Pick<PersonaRow, "version">) => `"${row.version}"`;
