import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/client.ts";
import { apiKeys } from "../db/schema.ts";
import { newId } from "../ids.ts";
import { ensureTenant } from "./tenants.ts";

// Key format: ps_<prefix>_<secret>. The prefix finds the row; only a hash of the secret is stored.
const KEY_PATTERN = /^ps_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

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

/** The tenant the key belongs to, or undefined for a malformed, unknown or revoked key. */
export async function verifyApiKey(db: DbOrTx, key: string): Promise<string | undefined> {
  const match = KEY_PATTERN.exec(key);
  if (!match?.[1] || !match[2]) return undefined;
  const [row] = await db
    .select({ tenantId: apiKeys.tenantId, secretHash: apiKeys.secretHash })
    .from(apiKeys)
    .where(and(eq(apiKeys.prefix, match[1]), isNull(apiKeys.revokedAt)));
  if (!row) return undefined;
  const expected = Buffer.from(row.secretHash, "hex");
  const actual = hashSecret(match[2]);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? row.tenantId : undefined;
}
