/**
 * `npm run client:generate`: writes the OpenAPI document of the app's routes to src/client/openapi.json and its
 * TypeScript types (openapi-typescript) to src/client/schema.ts. Run it after changing a route; src/client/client.test.ts
 * fails while the committed files differ from what the routes describe.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildApp, openApiDocument } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { createServices } from "../src/services.ts";
import { generateTypes } from "../tools/openapi-gen/generate.mjs";

const CLIENT_DIR = join(import.meta.dirname, "..", "src", "client");

export interface GeneratedFile {
  path: string;
  text: string;
}

/** The document as the app describes it (the same for every configuration), on an in-memory store. */
export async function currentDocument(): Promise<unknown> {
  const services = await createServices(loadConfig({ DATA_DIR: "memory://", LOG_LEVEL: "silent" }), {
    logger: createLogger("silent"),
  });
  try {
    return openApiDocument(buildApp(services));
  } finally {
    await services.pool.destroy();
    await services.database.close();
  }
}

/** The files `npm run client:generate` writes, from `document`. */
export async function generatedFiles(document: unknown): Promise<GeneratedFile[]> {
  return [
    { path: join(CLIENT_DIR, "openapi.json"), text: `${JSON.stringify(document, null, 2)}\n` },
    { path: join(CLIENT_DIR, "schema.ts"), text: await generateTypes(document) },
  ];
}

/** The generated files that differ from what is on disk. */
export async function staleFiles(files: GeneratedFile[]): Promise<string[]> {
  const stale: string[] = [];
  for (const file of files) {
    const onDisk = await readFile(file.path, "utf8").catch(() => undefined);
    if (onDisk !== file.text) stale.push(file.path);
  }
  return stale;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const files = await generatedFiles(await currentDocument());
  for (const file of files) await writeFile(file.path, file.text);
  process.stdout.write(`wrote ${files.map((f) => f.path).join(", ")}\n`);
}
