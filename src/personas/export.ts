import type { Ctx } from "../context.ts";
import { type ExportFormat, WRITERS } from "./formats/index.ts";
import { getPersona } from "./get.ts";

export interface ExportedFile {
  body: string | Buffer;
  contentType: string;
  /** A title for the download's file name (the persona's name) and the file name's ending. */
  title: string;
  extension: string;
}

/** The persona written in one of the formats people already use (see formats/). */
export async function exportPersona({
  ctx,
  id,
  format,
  schemaUrl,
}: {
  ctx: Ctx;
  id: string;
  format: ExportFormat;
  schemaUrl: string;
}): Promise<ExportedFile> {
  const resource = await getPersona({ ctx, id });
  const writer = WRITERS[format];
  return {
    body: writer.write(resource, { schemaUrl, now: ctx.clock.now() }),
    contentType: writer.contentType,
    title: resource.persona.name ?? "persona",
    extension: writer.extension,
  };
}
