import { z } from "@hono/zod-openapi";
import { PersonaResource } from "../present.ts";
import { Persona } from "../schemas.ts";

/** Persona Studio's own file format: the persona with its evidence and sources, as the API serves it. */
export const PERSONA_FORMAT = "persona-studio/persona";
export const PERSONA_SCHEMA_PATH = "/schemas/persona.json";

export const PersonaFile = PersonaResource.omit({ warnings: true, usage: true }).extend({
  $schema: z.string().optional().describe("The JSON Schema this file follows"),
  format: z.literal(PERSONA_FORMAT),
  format_version: z.literal(1),
  exported_at: z.string().describe("When the file was written (ISO 8601)"),
});
export type PersonaFile = z.infer<typeof PersonaFile>;

/** What an import of this format needs: the persona's fields (missing ones are empty). Evidence is re-quoted. */
export const PersonaFileInput = z.object({
  format: z.literal(PERSONA_FORMAT).optional(),
  persona: Persona.partial().strict(),
});

export function toPersonaFile(resource: PersonaResource, schemaUrl: string, now: Date): PersonaFile {
  const { warnings: _warnings, usage: _usage, ...rest } = resource;
  return {
    $schema: schemaUrl,
    format: PERSONA_FORMAT,
    format_version: 1,
    ...rest,
    exported_at: now.toISOString(),
  };
}

/** The published JSON Schema (2020-12) of the file, generated from the same zod schema the export is checked with. */
export function personaFileJsonSchema(schemaUrl: string): Record<string, unknown> {
  const schema = z.toJSONSchema(PersonaFile, { target: "draft-2020-12", io: "output", unrepresentable: "any" });
  return {
    ...schema,
    $id: schemaUrl,
    title: "Persona Studio persona",
    description:
      "A persona exported by Persona Studio: its fields, the evidence (verbatim quotes) behind each value and the " +
      "sources they were quoted from. GET /v1/personas/{id}/export?format=json writes it; POST " +
      '/v1/personas/import with {format: "json", data} reads it back.',
  };
}
