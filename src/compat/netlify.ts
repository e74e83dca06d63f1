import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import type { Ctx } from "../context.ts";
import { sources } from "../db/schema.ts";
import { AppError, type toProblem } from "../errors.ts";
import { documentedBody, readBody } from "../http/body.ts";
import { type AppEnv, ctxOf } from "../http/env.ts";
import { problems } from "../http/openapi.ts";
import { onError } from "../http/problem.ts";
import { validationHook } from "../http/validation-hook.ts";
import { getPersona } from "../personas/get.ts";
import { storeImported } from "../personas/import.ts";
import type { PersonaResource } from "../personas/present.ts";
import type { Persona } from "../personas/schemas.ts";
import { MATERIAL_LIMITS, synthesize } from "../synthesis/pipeline.ts";

/**
 * The Netlify Functions of the original web design (process-persona, save-persona, get-persona under
 * /.netlify/functions/), as thin adapters over the same verbs: process-persona extracts without storing (a preview),
 * save-persona stores a persona object the way an import does (its values quoted from the posted object), get-persona
 * reads one back. Bodies follow the functions' zod schemas ({textBlocks, links}; {persona}; ?persona_id=) and answer
 * {success: true, …}. Errors are problem+json that also carry the functions' {success: false, error, statusCode}.
 */
export const netlifyRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
export const NETLIFY_PREFIX = "/.netlify/functions";

// Problems here also carry the members the functions' clients read: success, error (the message), statusCode.
netlifyRouter.onError(async (error, c) => {
  const res = await onError(error, c);
  const problem = (await res.json()) as ReturnType<typeof toProblem>;
  const body = { ...problem, success: false, error: problem.detail, statusCode: problem.status };
  return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
});

const TAGS = ["compat"];

/** The persona object the functions exchange (lib/validation.ts PersonaSchema). */
const NetlifyPersona = z
  .object({
    name: z.string().nullable().optional(),
    age: z.number().nullable().optional(),
    occupation: z.string().nullable().optional(),
    location: z.string().nullable().optional(),
    background: z.string().default(""),
    traits: z.array(z.string()).default([]),
    interests: z.array(z.string()).default([]),
    skills: z.array(z.string()).default([]),
    values: z.array(z.string()).default([]),
    communication_style: z.string().nullable().optional(),
    personality_type: z.string().nullable().optional(),
    goals: z.array(z.string()).default([]),
    challenges: z.array(z.string()).default([]),
    relationships: z.array(z.string()).default([]),
    metadata: z
      .object({
        created_at: z.string().optional(),
        source_text_blocks: z.number().optional(),
        source_links: z.number().optional(),
      })
      .optional(),
    raw_data: z.object({ textBlocks: z.array(z.string()), links: z.array(z.string()) }).optional(),
  })
  .openapi("CompatNetlifyPersona");
type NetlifyPersona = z.output<typeof NetlifyPersona>;

const PersonaInput = z
  .object({
    textBlocks: z
      .array(z.string())
      .max(MATERIAL_LIMITS.texts, `Maximum ${MATERIAL_LIMITS.texts} text blocks allowed`)
      .refine((blocks) => blocks.some((b) => b.trim().length > 0), "At least one non-empty text block required"),
    links: z
      .array(
        z
          .string()
          .max(2_048)
          .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), "Invalid URL format"),
      )
      .max(MATERIAL_LIMITS.urls, `Maximum ${MATERIAL_LIMITS.urls} links allowed`)
      .default([]),
  })
  .openapi("CompatProcessPersonaInput");

const SavePayload = z.object({ persona: NetlifyPersona }).openapi("CompatSavePersonaInput");

/** Our persona in the functions' shape (pain points are its `challenges`). */
function toNetlify(p: Persona, extra: Pick<NetlifyPersona, "metadata" | "raw_data">): NetlifyPersona {
  return {
    name: p.name,
    age: p.age,
    occupation: p.occupation,
    location: p.location,
    background: p.background ?? "",
    traits: p.traits,
    interests: p.interests,
    skills: p.skills,
    values: p.values,
    communication_style: p.communication_style,
    personality_type: null,
    goals: p.goals,
    challenges: p.pain_points,
    relationships: [],
    ...extra,
  };
}

function fromNetlify(n: NetlifyPersona): Partial<Persona> {
  return {
    name: n.name ?? null,
    age: n.age ?? null,
    occupation: n.occupation ?? null,
    location: n.location ?? null,
    background: n.background || null,
    traits: n.traits,
    interests: n.interests,
    skills: n.skills,
    values: n.values,
    goals: n.goals,
    pain_points: n.challenges,
    communication_style: n.communication_style ?? null,
  };
}

const Success = <T extends z.ZodRawShape>(shape: T) => z.object({ success: z.literal(true), ...shape });

netlifyRouter.openapi(
  createRoute({
    method: "post",
    path: `${NETLIFY_PREFIX}/process-persona`,
    operationId: "compatProcessPersona",
    tags: TAGS,
    summary: "Netlify process-persona: extract a persona from text blocks and links without storing it (a preview)",
    request: { body: documentedBody({ "application/json": PersonaInput }) },
    responses: {
      200: {
        description: "The extracted persona, not stored",
        content: { "application/json": { schema: Success({ persona: NetlifyPersona }) } },
      },
      ...problems(400, 401, 413, 415, 422, 429, 502, 503, 504),
    },
  }),
  async (c) => {
    const input = await readBody(c, PersonaInput);
    const result = await synthesize(ctxOf(c), { texts: input.textBlocks, urls: input.links });
    const p = result.persona;
    // The function refused a result with neither a name nor a background; so does its adapter.
    if (!p.name && !p.background) {
      throw new AppError(
        "validation_failed",
        "Failed to extract valid persona data: the material names no person and gives no background",
      );
    }
    const persona = toNetlify(p, {
      metadata: {
        created_at: new Date().toISOString(),
        source_text_blocks: input.textBlocks.length,
        source_links: input.links.length,
      },
      raw_data: { textBlocks: input.textBlocks, links: input.links },
    });
    return c.json({ success: true as const, persona }, 200);
  },
);

netlifyRouter.openapi(
  createRoute({
    method: "post",
    path: `${NETLIFY_PREFIX}/save-persona`,
    operationId: "compatSavePersona",
    tags: TAGS,
    summary: "Netlify save-persona: store a persona object (as an import: its values quoted from the posted object)",
    request: { body: documentedBody({ "application/json": SavePayload }) },
    responses: {
      200: {
        description: "Stored",
        content: {
          "application/json": { schema: Success({ persona_id: z.string(), storage_path: z.string() }) },
        },
      },
      ...problems(400, 401, 413, 415, 422, 429),
    },
  }),
  async (c) => {
    const { persona } = await readBody(c, SavePayload);
    const stored = await storeImported({
      ctx: ctxOf(c),
      decoded: { persona: fromNetlify(persona), document: { persona } },
      label: "save-persona",
      cause: "import:save-persona",
    });
    return c.json({ success: true as const, persona_id: stored.id, storage_path: `${stored.id}.json` }, 200);
  },
);

/** The material a persona was built from, as the functions' raw_data: its texts and its links. */
async function rawDataOf(ctx: Ctx, resource: PersonaResource): Promise<NetlifyPersona["raw_data"]> {
  const rows = await ctx.database.db
    .select({ kind: sources.kind, content: sources.content, url: sources.url })
    .from(sources)
    .where(and(eq(sources.tenantId, ctx.tenantId), eq(sources.personaId, resource.id)));
  const textBlocks = rows.filter((r) => r.kind === "text").map((r) => r.content);
  const links = rows.flatMap((r) => (r.kind === "url" && r.url ? [r.url] : []));
  return textBlocks.length || links.length ? { textBlocks, links } : undefined;
}

netlifyRouter.openapi(
  createRoute({
    method: "get",
    path: `${NETLIFY_PREFIX}/get-persona`,
    operationId: "compatGetPersonaNetlify",
    tags: TAGS,
    summary: "Netlify get-persona: read a stored persona by ?persona_id=",
    request: { query: z.object({ persona_id: z.string().max(100).optional() }) },
    responses: {
      200: {
        description: "The persona",
        content: { "application/json": { schema: Success({ persona: NetlifyPersona }) } },
      },
      ...problems(400, 401, 404, 429),
    },
  }),
  async (c: Context<AppEnv>) => {
    const id = c.req.query("persona_id");
    if (!id) throw new AppError("bad_request", "Persona ID is required (query parameter: persona_id)");
    const ctx = ctxOf(c);
    const resource = await getPersona({ ctx, id });
    const raw = await rawDataOf(ctx, resource);
    const persona = toNetlify(resource.persona, {
      metadata: {
        created_at: resource.created_at,
        source_text_blocks: resource.sources.filter((s) => s.kind === "text").length,
        source_links: resource.sources.filter((s) => s.kind === "url").length,
      },
      ...(raw ? { raw_data: raw } : {}),
    });
    return c.json({ success: true as const, persona }, 200);
  },
);
