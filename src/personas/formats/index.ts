import { z } from "@hono/zod-openapi";
import type { PersonaResource } from "../present.ts";
import type { Persona } from "../schemas.ts";
import { CardV2, CardV3, personaFromCard, toCardV2, toCardV3 } from "./card.ts";
import { cardImage } from "./card-image.ts";
import { PersonaFileInput, toPersonaFile } from "./json.ts";
import { toMarkdown } from "./markdown.ts";
import { PngError, readPngText, writePngText } from "./png-text.ts";
import { personaFromTinyPerson, TinyPersonSpec, toTinyPerson } from "./tinytroupe.ts";

/** Every format a persona can be exported in, with its media type and file name ending. */
export const EXPORT_FORMATS = ["json", "markdown", "ccv2", "ccv3", "ccv3-png", "tinytroupe"] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** The formats an import reads: JSON ones as `{format, data}`, the PNG as the body (or base64 `data`). */
export const IMPORT_FORMATS = ["json", "ccv2", "ccv3", "ccv3-png", "tinytroupe"] as const;
export const ImportFormat = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ImportFormat>;

export const FORMAT_LABELS: Record<ExportFormat, string> = {
  json: "Persona Studio JSON",
  markdown: "Markdown one-pager",
  ccv2: "Character Card V2",
  ccv3: "Character Card V3",
  "ccv3-png": "Character Card V3 (PNG)",
  tinytroupe: "TinyTroupe agent",
};

interface Writer {
  contentType: string;
  extension: string;
  write(resource: PersonaResource, env: { schemaUrl: string; now: Date }): string | Buffer;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const base64 = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64");

export const WRITERS: Record<ExportFormat, Writer> = {
  json: {
    contentType: "application/json",
    extension: "persona.json",
    write: (r, env) => json(toPersonaFile(r, env.schemaUrl, env.now)),
  },
  markdown: { contentType: "text/markdown; charset=utf-8", extension: "md", write: (r) => toMarkdown(r) },
  ccv2: { contentType: "application/json", extension: "card-v2.json", write: (r) => json(toCardV2(r)) },
  ccv3: { contentType: "application/json", extension: "card-v3.json", write: (r) => json(toCardV3(r)) },
  // The V3 card in `ccv3` and, for apps that only read V2, the V2 card in `chara` (as the V3 spec suggests).
  "ccv3-png": {
    contentType: "image/png",
    extension: "card.png",
    write: (r) => writePngText(cardImage(r.persona), { chara: base64(toCardV2(r)), ccv3: base64(toCardV3(r)) }),
  },
  tinytroupe: { contentType: "application/json", extension: "agent.json", write: (r) => json(toTinyPerson(r)) },
};

/** What an import found in a file: the persona's values and the file's JSON (kept as the source). */
export interface Decoded {
  persona: Partial<Persona>;
  document: unknown;
}

export class ImportError extends Error {
  override readonly name = "ImportError";
  constructor(
    message: string,
    readonly path = "data",
  ) {
    super(message);
  }
}

const issues = (error: z.ZodError) =>
  error.issues
    .slice(0, 5)
    .map((i) => `${["data", ...i.path.map(String)].join("/")}: ${i.message}`)
    .join("; ");

function parseAs<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ImportError(`This is not ${what}: ${issues(parsed.error)}`);
  return parsed.data;
}

/** Card PNG: the `ccv3` chunk when present (the V3 spec says to prefer it), else the V2 `chara` chunk. */
function cardFromPng(bytes: Buffer): unknown {
  let text: Map<string, string>;
  try {
    text = readPngText(bytes);
  } catch (error) {
    if (error instanceof PngError) throw new ImportError(`This PNG cannot be read: ${error.message}`);
    throw error;
  }
  const chunk = text.get("ccv3") ?? text.get("chara");
  if (chunk === undefined) throw new ImportError("This PNG carries no character card (no ccv3 or chara text chunk)");
  try {
    return JSON.parse(Buffer.from(chunk, "base64").toString("utf8"));
  } catch {
    throw new ImportError("The character card in this PNG is not base64-encoded JSON");
  }
}

/** The readers, by format: each checks the file is what it claims to be and takes the persona's values from it. */
export const READERS: Record<ImportFormat, (value: unknown) => Decoded> = {
  json: (value) => ({
    persona: parseAs(PersonaFileInput, value, "a Persona Studio persona file").persona,
    document: value,
  }),
  ccv2: (value) => ({ persona: personaFromCard(parseAs(CardV2, value, "a Character Card V2").data), document: value }),
  ccv3: (value) => ({ persona: personaFromCard(parseAs(CardV3, value, "a Character Card V3").data), document: value }),
  "ccv3-png": (value) => {
    const bytes = Buffer.isBuffer(value) ? value : typeof value === "string" ? Buffer.from(value, "base64") : undefined;
    if (!bytes) throw new ImportError("Send the PNG as the request body (image/png) or as base64 in data");
    const card = cardFromPng(bytes);
    const v3 = CardV3.safeParse(card);
    const data = v3.success ? v3.data.data : parseAs(CardV2, card, "a Character Card V2 or V3").data;
    return { persona: personaFromCard(data), document: card };
  },
  tinytroupe: (value) => ({
    persona: personaFromTinyPerson(parseAs(TinyPersonSpec, value, "a TinyTroupe agent specification")),
    document: value,
  }),
};
