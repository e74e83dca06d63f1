import { customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import type { MessageQuestion, StoredToolCall, StoredToolResult } from "../chat/schemas.ts";
import type { ConflictResolution, ConflictSide, Evidence, Persona } from "../personas/schemas.ts";
import type { PrdDocument, WhatsNextItem } from "../prd/schemas.ts";

// Mirrors src/db/migrations/*.sql, which are the source of truth for the database itself.

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const tenants = pgTable("tenants", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});

export const apiKeys = pgTable("api_keys", {
  id: text("id").primaryKey(),
  tenantId: text("tenant_id").notNull(),
  prefix: text("prefix").notNull().unique(),
  secretHash: text("secret_hash").notNull(),
  label: text("label"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  revokedAt: timestamptz("revoked_at"),
  lastUsedAt: timestamptz("last_used_at"),
});

/** Rate-limit counters shared by the nodes (0010_rate_limits.sql); the columns rate-limiter-flexible expects. */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull(),
  expire: timestamptz("expire"),
});

export const personas = pgTable(
  "personas",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    version: integer("version").notNull(),
    persona: jsonb("persona").$type<Persona>().notNull(),
    evidence: jsonb("evidence").$type<Evidence>().notNull(),
    warnings: jsonb("warnings").$type<string[]>().notNull().default([]),
    usage: jsonb("usage").$type<Record<string, unknown>>(),
    search: tsvector("search").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [index("personas_tenant_created_idx").on(t.tenantId, t.createdAt, t.id)],
);

export const personaVersions = pgTable(
  "persona_versions",
  {
    tenantId: text("tenant_id").notNull(),
    personaId: text("persona_id").notNull(),
    version: integer("version").notNull(),
    persona: jsonb("persona").$type<Persona>().notNull(),
    evidence: jsonb("evidence").$type<Evidence>().notNull(),
    diff: jsonb("diff").$type<unknown[]>().notNull(),
    cause: text("cause").notNull(),
    changes: jsonb("changes").$type<Record<string, unknown>>(),
    sourceIds: jsonb("source_ids").$type<string[]>().notNull().default([]),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personaId, t.version] })],
);

export const sources = pgTable("sources", {
  id: text("id").primaryKey(),
  tenantId: text("tenant_id").notNull(),
  personaId: text("persona_id").notNull(),
  kind: text("kind").$type<"text" | "url" | "manual" | "imported">().notNull(),
  url: text("url"),
  title: text("title"),
  chars: integer("chars").notNull(),
  sha256: text("sha256").notNull(),
  content: text("content").notNull(),
  position: integer("position").notNull().default(0),
  materialDate: timestamptz("material_date"),
  fetchedAt: timestamptz("fetched_at"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});

/** 0009_persona_conflicts.sql: clashes a merge found, pending until the user resolves them. */
export const personaConflicts = pgTable("persona_conflicts", {
  id: text("id").primaryKey(),
  tenantId: text("tenant_id").notNull(),
  personaId: text("persona_id").notNull(),
  field: text("field").notNull(),
  current: jsonb("current").$type<ConflictSide>().notNull(),
  proposed: jsonb("proposed").$type<ConflictSide>().notNull(),
  applied: text("applied").$type<"current" | "proposed">().notNull(),
  rule: text("rule").notNull(),
  status: text("status").$type<"pending" | "resolved" | "superseded">().notNull().default("pending"),
  resolution: jsonb("resolution").$type<ConflictResolution>(),
  createdVersion: integer("created_version").notNull(),
  resolvedVersion: integer("resolved_version"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  resolvedAt: timestamptz("resolved_at"),
});

export const extractionCache = pgTable(
  "extraction_cache",
  {
    tenantId: text("tenant_id").notNull(),
    cacheKey: text("cache_key").notNull(),
    result: jsonb("result").$type<unknown>().notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.cacheKey] })],
);

/** Tables handed to Drizzle; queries use the core builder, so a table missing here still works. */
export const schema = { tenants, apiKeys, personas, personaVersions, sources, extractionCache };

// Conversations, projects, PRD revisions and wireframes (migration 0003).

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

export const projects = pgTable("projects", {
  id: text("id").primaryKey(),
  tenantId: text("tenant_id").notNull(),
  name: text("name").notNull(),
  slug: text("slug").notNull(),
  personaIds: jsonb("persona_ids").$type<string[]>().notNull().default([]),
  whatsNext: jsonb("whats_next").$type<WhatsNextItem[]>().notNull().default([]),
  prd: jsonb("prd").$type<PrdDocument>().notNull(),
  prdRevision: integer("prd_revision").notNull(),
  prdCounters: jsonb("prd_counters").$type<Record<string, number>>().notNull().default({}),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});

export const projectSlugs = pgTable(
  "project_slugs",
  {
    tenantId: text("tenant_id").notNull(),
    slug: text("slug").notNull(),
    projectId: text("project_id").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.slug] })],
);

export const prdRevisions = pgTable(
  "prd_revisions",
  {
    tenantId: text("tenant_id").notNull(),
    projectId: text("project_id").notNull(),
    revision: integer("revision").notNull(),
    document: jsonb("document").$type<PrdDocument>().notNull(),
    cause: text("cause").notNull(),
    section: text("section"),
    messageId: text("message_id"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.revision] })],
);

export const wireframes = pgTable("wireframes", {
  id: text("id").primaryKey(),
  tenantId: text("tenant_id").notNull(),
  projectId: text("project_id").notNull(),
  name: text("name").notNull(),
  ascii: text("ascii").notNull(),
  png: bytea("png").notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  sha256: text("sha256").notNull(),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});

export const conversations = pgTable("conversations", {
  id: text("id").primaryKey(),
  tenantId: text("tenant_id").notNull(),
  kind: text("kind").$type<"persona" | "interview">().notNull(),
  personaId: text("persona_id"),
  projectId: text("project_id"),
  interviewer: text("interviewer"),
  summary: text("summary"),
  summaryThrough: integer("summary_through").notNull().default(0),
  streamingUntil: timestamptz("streaming_until"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});

export const messages = pgTable("messages", {
  id: text("id").primaryKey(),
  tenantId: text("tenant_id").notNull(),
  conversationId: text("conversation_id").notNull(),
  seq: integer("seq").notNull(),
  role: text("role").$type<"user" | "assistant">().notNull(),
  content: text("content").notNull(),
  toolCalls: jsonb("tool_calls").$type<StoredToolCall[]>().notNull().default([]),
  toolResults: jsonb("tool_results").$type<StoredToolResult[]>().notNull().default([]),
  status: text("status").$type<"complete" | "incomplete" | "error">().notNull(),
  question: jsonb("question").$type<MessageQuestion>(),
  meta: jsonb("meta").$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});

// Focus groups (migration 0008).

export const focusGroups = pgTable("focus_groups", {
  id: text("id").primaryKey(),
  tenantId: text("tenant_id").notNull(),
  title: text("title").notNull(),
  personaIds: jsonb("persona_ids").$type<string[]>().notNull(),
  streamingUntil: timestamptz("streaming_until"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});

export const focusGroupMessages = pgTable("focus_group_messages", {
  id: text("id").primaryKey(),
  tenantId: text("tenant_id").notNull(),
  focusGroupId: text("focus_group_id").notNull(),
  seq: integer("seq").notNull(),
  role: text("role").$type<"user" | "assistant">().notNull(),
  personaId: text("persona_id"),
  personaName: text("persona_name"),
  questionId: text("question_id"),
  content: text("content").notNull(),
  status: text("status").$type<"complete" | "incomplete" | "error">().notNull(),
  meta: jsonb("meta").$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});

// Idempotency keys (migration 0010_idempotency_keys.sql).

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    tenantId: text("tenant_id").notNull(),
    key: text("key").notNull(),
    /** sha256 of the method, path, content type and body: the same key with another request is refused. */
    fingerprint: text("fingerprint").notNull(),
    status: text("status").$type<"in_flight" | "done">().notNull(),
    responseStatus: integer("response_status"),
    responseHeaders: jsonb("response_headers").$type<Array<[string, string]>>(),
    responseBody: bytea("response_body"),
    lockedUntil: timestamptz("locked_until").notNull(),
    expiresAt: timestamptz("expires_at").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);

// Spoken replies, cached per message, voice and format (migration 0012_message_audio.sql).

export const messageAudio = pgTable(
  "message_audio",
  {
    tenantId: text("tenant_id").notNull(),
    messageId: text("message_id").notNull(),
    voice: text("voice").notNull(),
    format: text("format").$type<"ogg" | "wav">().notNull(),
    audio: bytea("audio").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.messageId, t.voice, t.format] })],
);
