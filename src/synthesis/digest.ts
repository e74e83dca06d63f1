import { createHash } from "node:crypto";

/** SHA-256 of a text, hex: a source's digest, and what extraction-cache keys are built from. */
export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
