import { and, asc, eq, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../db/client.ts";
import { personas, personaVersions, sources } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { isId } from "../ids.ts";
import type { CacheEntry } from "../synthesis/cache.ts";
import type { PreparedSource } from "../synthesis/pipeline.ts";
import type { DiffEntry } from "./diff.ts";
import type { PersonaResource } from "./present.ts";
import { LIST_FIELDS, type Persona, type SourceInfo, type SourceKind } from "./schemas.ts";

export type PersonaRow = typeof personas.$inferSelect;

/** Loads one persona of the tenant, or 404 (also for another tenant's id and for malformed ids). */
export async function loadPersona(
  db: DbOrTx,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PersonaRow> {
  if (!isId("persona", id)) throw notFound("Persona");
  const query = db
    .select()
    .from(personas)
    .where(and(eq(personas.tenantId, tenantId), eq(personas.id, id)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Persona");
  return row;
}

/** A source's description (everything but its text) as JSON, for the statements below. */
const SOURCE_INFO_JSON = `json_agg(json_build_object('id', s.id, 'kind', s.kind, 'url', s.url, 'title', s.title,
  'chars', s.chars, 'sha256', s.sha256, 'material_date', s.material_date, 'fetched_at', s.fetched_at,
  'created_at', s.created_at) ORDER BY s.created_at, s.position)`;

/**
 * A persona with its sources (everything but their text), in one statement. The server reads it through the function
 * persona_resource (0015_persona_resource.sql: the same query, scoped in the same statement); this plain SQL is what
 * the bench's bare baseline runs (bench/support/bare-reads.ts), and a test checks both answer the same.
 */
export const PERSONA_RESOURCE_SQL = `
SELECT p.id, p.version, p.persona, p.evidence, p.warnings, p.usage, p.created_at, p.updated_at,
  coalesce((SELECT ${SOURCE_INFO_JSON}
    FROM sources s WHERE s.tenant_id = p.tenant_id AND s.persona_id = p.id), '[]') AS sources
FROM personas p WHERE p.tenant_id = $1 AND p.id = $2`;

type Timestamp = Date | string;

interface PersonaResourceRow {
  id: string;
  version: number;
  persona: Persona;
  evidence: PersonaRow["evidence"];
  warnings: string[];
  usage: PersonaResource["usage"];
  created_at: Timestamp;
  updated_at: Timestamp;
  sources: Array<{
    id: string;
    kind: SourceKind;
    url: string | null;
    title: string | null;
    chars: number;
    sha256: string;
    material_date: string | null;
    fetched_at: string | null;
    created_at: string;
  }>;
}

const iso = (value: Timestamp) => new Date(value).toISOString();

function toResource(row: PersonaResourceRow): PersonaResource {
  return {
    id: row.id,
    version: row.version,
    persona: row.persona,
    evidence: row.evidence,
    sources: row.sources.map((s) =>
      presentSource({
        id: s.id,
        kind: s.kind,
        url: s.url,
        title: s.title,
        chars: s.chars,
        sha256: s.sha256,
        materialDate: s.material_date ? new Date(s.material_date) : null,
        fetchedAt: s.fetched_at ? new Date(s.fetched_at) : null,
        createdAt: new Date(s.created_at),
      }),
    ),
    warnings: row.warnings,
    usage: row.usage ?? null,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

/** The API resource of one persona of the tenant, or 404 (also for another tenant's id and for malformed ids). */
export async function readPersonaResource(
  database: Pick<Database, "querySelfScoped">,
  tenantId: string,
  id: string,
): Promise<PersonaResource> {
  if (!isId("persona", id)) throw notFound("Persona");
  // One statement that scopes itself (runs as the application role with the tenant set: row-level security applies).
  const [row] = await database.querySelfScoped<PersonaResourceRow>("SELECT * FROM persona_resource($1, $2)", [
    tenantId,
    id,
  ]);
  if (!row) throw notFound("Persona");
  return toResource(row);
}

/** The parameters in insertNewPersona's order (the function's declaration order). */
const INSERT_NEW_PERSONA_CALL =
  "SELECT * FROM insert_new_persona($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";

export interface NewPersona {
  id: string;
  tenantId: string;
  persona: Persona;
  evidence: PersonaRow["evidence"];
  warnings: string[];
  usage: Record<string, unknown>;
  sources: StoredSource[];
  /** Against the empty persona. */
  diff: DiffEntry[];
  cause: string;
  at: Date;
  /** A new LLM extraction to keep in the extraction cache, stored by the same statement. */
  cacheEntry?: CacheEntry | undefined;
}

/**
 * JSON for a jsonb parameter. Lone UTF-16 surrogates become U+FFFD, as the drivers already do for text parameters:
 * jsonb refuses their \u escapes.
 */
export function jsonParam(value: unknown): string {
  const json = JSON.stringify(value);
  // JSON.stringify writes a lone surrogate as a \udXXX escape (a paired one as the character itself), so JSON
  // without "\ud" has none, and the replacer (a call per key and value) is only paid by the rare JSON that may.
  return json.includes("\\ud")
    ? JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? v.replace(/\p{Surrogate}/gu, "\uFFFD") : v))
    : json;
}

/**
 * Stores a new persona as version 1 with its sources, its first version and a new LLM extraction for the cache, in
 * one self-scoped statement (insert_new_persona, 0016_insert_new_persona.sql: as the application role with the
 * tenant set, so row-level security checks every row; atomic as one statement); answers with its resource.
 */
export async function insertNewPersona(
  database: Pick<Database, "querySelfScoped">,
  p: NewPersona,
): Promise<PersonaResource> {
  const sourceRows = p.sources.map((s) => ({
    id: s.id,
    kind: s.kind,
    url: s.url ?? null,
    title: s.title ?? null,
    chars: s.chars,
    sha256: s.sha256,
    content: s.text,
    position: s.order,
    material_date: s.date ? new Date(s.date).toISOString() : null,
    fetched_at: s.fetchedAt ? new Date(s.fetchedAt).toISOString() : null,
  }));
  const [row] = await database.querySelfScoped<PersonaResourceRow>(INSERT_NEW_PERSONA_CALL, [
    p.tenantId,
    p.id,
    jsonParam(p.persona),
    jsonParam(p.evidence),
    jsonParam(p.warnings),
    jsonParam(p.usage),
    searchWords(p.persona),
    p.at.toISOString(),
    jsonParam(sourceRows),
    jsonParam(p.diff),
    p.cause,
    jsonParam(p.sources.map((s) => s.id)),
    p.cacheEntry?.key ?? null,
    p.cacheEntry?.result ?? null,
  ]);
  if (!row) throw new Error("insert returned no row");
  return toResource(row);
}

/** The columns of a source that describe it (everything but its text). */
export const sourceInfoColumns = {
  id: sources.id,
  kind: sources.kind,
  url: sources.url,
  title: sources.title,
  chars: sources.chars,
  sha256: sources.sha256,
  materialDate: sources.materialDate,
  fetchedAt: sources.fetchedAt,
  createdAt: sources.createdAt,
};

type SourceInfoRow = {
  [K in keyof typeof sourceInfoColumns]: (typeof sources.$inferSelect)[K];
};

export function presentSource(r: SourceInfoRow): SourceInfo {
  return {
    id: r.id,
    kind: r.kind,
    ...(r.url ? { url: r.url } : {}),
    ...(r.title ? { title: r.title } : {}),
    chars: r.chars,
    sha256: r.sha256,
    ...(r.materialDate ? { date: r.materialDate.toISOString().slice(0, 10) } : {}),
    ...(r.fetchedAt ? { fetched_at: r.fetchedAt.toISOString() } : {}),
    created_at: r.createdAt.toISOString(),
  };
}

export async function loadSources(db: DbOrTx, tenantId: string, personaId: string): Promise<SourceInfo[]> {
  const rows = await db
    .select(sourceInfoColumns)
    .from(sources)
    .where(and(eq(sources.tenantId, tenantId), eq(sources.personaId, personaId)))
    .orderBy(asc(sources.createdAt), asc(sources.position));
  return rows.map(presentSource);
}

/** A source as stored: what synthesis prepared, or an imported file (kind `imported`). */
export type StoredSource = Omit<PreparedSource, "kind"> & { kind: SourceKind };

export async function insertSources(
  db: DbOrTx,
  tenantId: string,
  personaId: string,
  prepared: StoredSource[],
  at: Date,
): Promise<void> {
  if (prepared.length === 0) return;
  await db.insert(sources).values(
    prepared.map((s) => ({
      id: s.id,
      tenantId,
      personaId,
      kind: s.kind,
      url: s.url ?? null,
      title: s.title ?? null,
      chars: s.chars,
      sha256: s.sha256,
      content: s.text,
      position: s.order,
      materialDate: s.date ? new Date(s.date) : null,
      fetchedAt: s.fetchedAt ? new Date(s.fetchedAt) : null,
      createdAt: at,
    })),
  );
}

export interface VersionRecord {
  tenantId: string;
  personaId: string;
  version: number;
  persona: Persona;
  evidence: PersonaRow["evidence"];
  diff: DiffEntry[];
  cause: string;
  changes?: Record<string, unknown> | undefined;
  sourceIds: string[];
  createdAt: Date;
}

export async function insertVersion(db: DbOrTx, record: VersionRecord): Promise<void> {
  await db.insert(personaVersions).values({ ...record, changes: record.changes ?? null });
}

/** The words `q` searches: names, places and every list item. */
export function searchVector(persona: Persona) {
  return sql`to_tsvector('simple', ${searchWords(persona)})`;
}

function searchWords(persona: Persona): string {
  return [
    persona.name,
    persona.occupation,
    persona.location,
    persona.background,
    persona.communication_style,
    ...LIST_FIELDS.flatMap((f) => persona[f]),
  ]
    .filter((v): v is string => typeof v === "string")
    .join(" ");
}
