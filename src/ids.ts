import { randomBytes } from "node:crypto";

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

export function newId(kind: IdKind): string {
  const bytes = randomBytes(ID_BODY_LENGTH);
  let body = "";
  for (const byte of bytes) body += ALPHABET[byte % 32];
  return `${ID_PREFIXES[kind]}_${body}`;
}

/** Any id this service mints, whatever its kind. */
export const ANY_ID = new RegExp(`^[a-z]{3}_[${ALPHABET}]{${ID_BODY_LENGTH}}$`);

export function isId(kind: IdKind, value: string): boolean {
  return new RegExp(`^${ID_PREFIXES[kind]}_[${ALPHABET}]{${ID_BODY_LENGTH}}$`).test(value);
}
