import { randomFillSync } from "node:crypto";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lowercase: no ambiguous letters.

export const ID_PREFIXES = {
  persona: "per",
  source: "src",
  tenant: "ten",
  apiKey: "key",
  conversation: "cnv",
  message: "msg",
  project: "prj",
  wireframe: "wfr",
  focusGroup: "fgr",
  conflict: "cfl",
  job: "job",
} as const;
export type IdKind = keyof typeof ID_PREFIXES;

const ID_BODY_LENGTH = 20; // 100 bits of randomness

/**
 * Random bytes drawn for many ids at once and handed out in order (each byte once), as Node does for randomUUID: a
 * call into the system's generator per id cost more than building the id (a chat reply mints two before its first
 * statement).
 */
const pool = Buffer.alloc(ID_BODY_LENGTH * 128);
let poolOffset = pool.length;

export function newId(kind: IdKind): string {
  if (poolOffset + ID_BODY_LENGTH > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  let body = "";
  for (let i = poolOffset; i < poolOffset + ID_BODY_LENGTH; i++) body += ALPHABET[(pool[i] ?? 0) % 32];
  poolOffset += ID_BODY_LENGTH;
  return `${ID_PREFIXES[kind]}_${body}`;
}

/** Any id this service mints, whatever its kind. */
export const ANY_ID = new RegExp(`^[a-z]{3}_[${ALPHABET}]{${ID_BODY_LENGTH}}$`);

const ID_OF_KIND = Object.fromEntries(
  Object.entries(ID_PREFIXES).map(([kind, prefix]) => [
    kind,
    new RegExp(`^${prefix}_[${ALPHABET}]{${ID_BODY_LENGTH}}$`),
  ]),
) as Record<IdKind, RegExp>;

export function isId(kind: IdKind, value: string): boolean {
  return ID_OF_KIND[kind].test(value);
}
