import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, asc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client.ts";
import { apiKeys, tenants } from "../db/schema.ts";
import { newId } from "../ids.ts";
import { ensureTenant } from "./tenants.ts";

// Key format: ps_<prefix>_<secret>. The prefix finds the row; only a hash of the secret is stored.
const KEY_PATTERN = /^ps_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/** The public prefix of a well-formed key (what finds its row and what revocations announce). */
export function keyPrefix(key: string): string | undefined {
  return KEY_PATTERN.exec(key)?.[1];
}

const hashSecret = (secret: string) => createHash("sha256").update(secret).digest();

export interface CreatedKey {
  id: string;
  tenantId: string;
  /** The full key; shown once, never stored. */
  key: string;
}

export async function createApiKey(db: DbOrTx, tenantName: string, label?: string): Promise<CreatedKey> {
  const tenantId = await ensureTenant(db, tenantName);
  const prefix = randomBytes(9)
    .toString("base64url")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "0")
    .slice(0, 12);
  const secret = randomBytes(32).toString("base64url");
  const id = newId("apiKey");
  await db.insert(apiKeys).values({
    id,
    tenantId,
    prefix,
    secretHash: hashSecret(secret).toString("hex"),
    label: label ?? null,
  });
  return { id, tenantId, key: `ps_${prefix}_${secret}` };
}

/** last_used_at is written at most this often per key: one small write a minute, not one per request. */
const LAST_USED_GRANULARITY = sql`interval '1 minute'`;

/**
 * The tenant the key belongs to, or undefined for a malformed, unknown or revoked key, read from the database. Each
 * node remembers verified keys (src/auth/key-cache.ts) and forgets one as soon as the database announces that it was
 * revoked, rotated or deleted (migration 0014), so a revocation holds on every node from the next request.
 */
export async function verifyApiKey(db: DbOrTx, key: string): Promise<string | undefined> {
  const match = KEY_PATTERN.exec(key);
  if (!match?.[1] || !match[2]) return undefined;
  const [row] = await db
    .select({ id: apiKeys.id, tenantId: apiKeys.tenantId, secretHash: apiKeys.secretHash })
    .from(apiKeys)
    .where(and(eq(apiKeys.prefix, match[1]), isNull(apiKeys.revokedAt)));
  if (!row) return undefined;
  const expected = Buffer.from(row.secretHash, "hex");
  const actual = hashSecret(match[2]);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  // Not awaited: the request does not wait for bookkeeping, and a failed update only leaves an older timestamp.
  db.update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, row.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - ${LAST_USED_GRANULARITY}`)),
      ),
    )
    .then(
      () => {},
      () => {},
    );
  return row.tenantId;
}

export interface KeyInfo {
  id: string;
  prefix: string;
  tenant: string;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Every key (of one tenant, when named), oldest first; never the secret or its hash. */
export async function listApiKeys(db: DbOrTx, tenantName?: string): Promise<KeyInfo[]> {
  const rows = await db
    .select({
      id: apiKeys.id,
      prefix: apiKeys.prefix,
      tenant: tenants.name,
      label: apiKeys.label,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
    .where(tenantName ? eq(tenants.name, tenantName) : undefined)
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
  return rows.map((r) => ({
    id: r.id,
    prefix: r.prefix,
    tenant: r.tenant,
    label: r.label,
    created_at: r.createdAt.toISOString(),
    last_used_at: r.lastUsedAt?.toISOString() ?? null,
    revoked_at: r.revokedAt?.toISOString() ?? null,
  }));
}

/** A key named by its id (key_…) or its public prefix (the 12 characters after ps_). */
const keyWhere = (idOrPrefix: string) => or(eq(apiKeys.id, idOrPrefix), eq(apiKeys.prefix, idOrPrefix));

/** Revokes the key; false when there is no such key that is still active. */
export async function revokeApiKey(db: DbOrTx, idOrPrefix: string): Promise<boolean> {
  const revoked = await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(keyWhere(idOrPrefix), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return revoked.length > 0;
}

/** A new key for the same tenant and label, and the old one revoked, in one transaction; undefined if none active. */
export async function rotateApiKey(db: Db, idOrPrefix: string): Promise<CreatedKey | undefined> {
  return db.transaction(async (tx) => {
    const [old] = await tx
      .select({ id: apiKeys.id, tenant: tenants.name, label: apiKeys.label })
      .from(apiKeys)
      .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
      .where(and(keyWhere(idOrPrefix), isNull(apiKeys.revokedAt)))
      .for("update");
    if (!old) return undefined;
    const created = await createApiKey(tx, old.tenant, old.label ?? undefined);
    await tx.update(apiKeys).set({ revokedAt: sql`now()` }).where(eq(apiKeys.id, old.id));
    return created;
  });
}
