import "dotenv/config";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { type Config, ConfigError, loadConfig } from "../config.ts";
import { type Ctx, type Services, tenantCtx } from "../context.ts";
import { openDatabase } from "../db/client.ts";
import { StoreLockedError } from "../db/store-lock.ts";
import { AppError } from "../errors.ts";
import type { Job } from "../jobs/schemas.ts";
import type { createPersona } from "../personas/create.ts";
import type { ServiceOverrides } from "../services.ts";
import { SynthesisPool } from "../synthesis/pool.ts";
import type { Progress } from "../synthesis/progress.ts";

// The rest of the app's modules are imported by the commands that use them: a create starts its synthesis thread and
// opens the store first, so both get going while those modules load (see createHere).

const USAGE = `persona-studio <command> [options]

Commands:
  serve                               start the API and web UI (same as npm start)
  create --text FILE [--text FILE…] [--url URL…] [--engine offline|llm] [--tenant NAME]
                                      build a persona without a server; progress on stderr, JSON on stdout
  keys create --tenant NAME [--label TEXT]
                                      create an API key (printed once; only its hash is stored)
  keys list [--tenant NAME]           list keys (id, prefix, tenant, label, created, last used, revoked) as JSON
  keys revoke KEY_ID_OR_PREFIX        revoke a key; every node refuses it from its next request on
  keys rotate KEY_ID_OR_PREFIX        create a new key for the same tenant and label, revoke the old one
  migrate                             apply database migrations
  export [--tenant NAME] [--id ID]    print personas as JSON

Configuration comes from the environment (.env is read); see .env.example.`;

const say = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Runs `work` with the services, then closes them. `poolIdle` settles when work started on the pool outside `work`
 * (a warm-up) is over: piscina destroyed while a thread still runs a task receives its answer for a task it no
 * longer knows and throws "Unexpected message from Worker" out of the process, which would fail a command that
 * already stored its persona.
 */
async function withServices<T>(
  config: Config,
  work: (services: Services) => Promise<T>,
  overrides: ServiceOverrides = {},
  poolIdle: Promise<unknown> = Promise.resolve(),
): Promise<T> {
  const [{ createLogger }, { createServices }] = await Promise.all([import("../logger.ts"), import("../services.ts")]);
  // The CLI's logs would mix with its JSON on stdout, so they go to stderr and only warnings are kept.
  const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel, process.stderr);
  let services: Services;
  try {
    services = await createServices(config, { logger, ...overrides });
  } catch (error) {
    await poolIdle;
    await overrides.pool?.destroy();
    throw error;
  }
  try {
    return await work(services);
  } finally {
    await poolIdle;
    await services.pool.destroy();
    await services.database.close();
  }
}

async function cliCtx(services: Services, tenant: string | undefined): Promise<Ctx> {
  const { ensureTenant, LOCAL_TENANT } = await import("../auth/tenants.ts");
  const tenantId =
    !tenant || tenant === LOCAL_TENANT.name
      ? await ensureTenant(services.database.db, LOCAL_TENANT.name, LOCAL_TENANT.id)
      : await ensureTenant(services.database.db, tenant);
  return tenantCtx(services, tenantId, "cli");
}

type CreateInput = Parameters<typeof createPersona>[0]["input"];
type Created = Awaited<ReturnType<typeof createPersona>>;

/** How long a command waits for another persona-studio command that holds the store to finish. */
const WAIT_FOR_CLI_MS = 60_000;

/** Opens the store (waiting for another CLI command that holds it, never for a server) and creates the persona. */
async function createHere(config: Config, input: CreateInput, tenant: string | undefined): Promise<Created> {
  const deadline = Date.now() + WAIT_FOR_CLI_MS;
  for (;;) {
    // The synthesis thread loads the engine while the store opens and this thread loads the rest of the modules.
    // One thread: a create is one job whose steps run one after another, so more threads would only each load the
    // engine for nothing (SYNTHESIS_THREADS=4: 340 MB and 2.8 s of CPU for one sentence, against 204 MB and 1.3 s).
    const pool = new SynthesisPool({ ...config.synthesis, threads: 1 });
    const warmed = pool.warm(); // never rejects
    const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, owner: "cli" });
    database.catch(() => {}); // handled in createServices, which awaits it once its modules have loaded
    try {
      return await withServices(
        config,
        async (services) => {
          const { createPersona } = await import("../personas/create.ts");
          return createPersona({ ctx: await cliCtx(services, tenant), input, onProgress: progressLine() });
        },
        { pool, database },
        warmed,
      );
    } catch (error) {
      if (!(error instanceof StoreLockedError) || error.holder.kind !== "cli" || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Prints each new stage of a create once, on stderr. */
function progressLine(): (progress: Progress) => void {
  let last = "";
  return ({ stage, done, total }) => {
    if (stage === last) return;
    last = stage;
    say(`  ${stage}${total > 1 ? ` (${done}/${total})` : ""}`);
  };
}

/** Sends the material to the server that holds the store, as `POST /v1/personas`. */
async function createOnServer(url: string, input: CreateInput, tenant: string | undefined): Promise<Created> {
  const { LOCAL_TENANT } = await import("../auth/tenants.ts");
  if (tenant && tenant !== LOCAL_TENANT.name) {
    throw new Error(`--tenant is not available while the server at ${url} holds the store; stop the server first`);
  }
  // As an async job, so the server's progress shows here as it would for a create in this process.
  const response = await fetch(`${url}/v1/personas`, {
    method: "POST",
    headers: { "content-type": "application/json", prefer: "respond-async" },
    body: JSON.stringify(input),
  });
  const body: unknown = await response.json().catch(() => undefined);
  const location = response.headers.get("location");
  if (response.status === 202 && location) return followJob(new URL(location, url).href);
  if (response.status === 201) return body as Created;
  if (response.status === 401) {
    throw new Error(
      `the server at ${url} requires an API key (AUTH_MODE is not none): send the material to its API with a key, ` +
        "or stop the server and run this command again",
    );
  }
  const detail = typeof body === "object" && body && "detail" in body ? String(body.detail) : response.statusText;
  throw new Error(`the server at ${url} answered ${response.status}: ${detail}`);
}

/** How often the CLI reads a server's job while it runs: a person watches these lines, so a few per second. */
const JOB_POLL_MS = 250;

/** Reads an async job until it finishes, printing each new stage; the persona, or the job's problem as an error. */
async function followJob(jobUrl: string): Promise<Created> {
  const report = progressLine();
  for (;;) {
    const response = await fetch(jobUrl, { headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`${jobUrl} answered ${response.status}`);
    const job = (await response.json()) as Job;
    report(job.progress);
    if (job.status === "succeeded" && job.persona) return job.persona;
    if (job.status === "failed" || job.status === "succeeded") {
      throw new Error(`the server could not build the persona: ${job.problem?.detail ?? "it was deleted meanwhile"}`);
    }
    await new Promise((resolve) => setTimeout(resolve, JOB_POLL_MS));
  }
}

/** What to do when a server or another command holds the store. */
function lockAdvice(error: StoreLockedError): string {
  const { holder } = error;
  if (holder.kind === "cli")
    return `${error.message}
Wait for it to finish, then run this command again.`;
  const api = holder.url ? ` or use its API at ${holder.url}` : "";
  return (
    `${error.message}
Stop the server first (Ctrl-C in its terminal, or kill ${holder.pid})${api}; ` +
    "`persona-studio create` sends its material to a running server by itself."
  );
}

/**
 * A one-shot command compiles the embedded store's WebAssembly (PGlite, 9 MB) with V8's baseline compiler only. By
 * default V8 also recompiles the functions that run hot with its optimising compiler, on more threads: worth it for a
 * server that runs for days, not for a command that runs a few queries and exits. Measured on the open of an existing
 * store plus one query: 1.15-1.45 s of CPU -> 0.74-0.86 s (3 runs each, load 15 on 2 cores). Set before the module is
 * compiled (the store opens later); V8 reads it at compile time. Not for `serve`, whose queries need optimised code.
 */
function compileWasmForOneShot(): void {
  setFlagsFromString("--liftoff-only");
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  if (command !== "serve") compileWasmForOneShot();

  switch (command) {
    case "serve": {
      const { startServer } = await import("../main.ts");
      await startServer();
      return 0;
    }
    case "migrate": {
      const { migrate } = await import("../db/migrate.ts");
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const applied = await migrate(database);
        say(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
      } finally {
        await database.close();
      }
      return 0;
    }
    case "keys": {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { tenant: { type: "string" }, label: { type: "string" } },
      });
      const [action, target] = positionals;
      const { createApiKey, listApiKeys, revokeApiKey, rotateApiKey } = await import("../auth/api-keys.ts");
      if (action === "list") {
        const keys = await withServices(config, (s) => listApiKeys(s.database.db, values.tenant));
        process.stdout.write(`${JSON.stringify({ keys }, null, 2)}\n`);
        return 0;
      }
      if ((action === "revoke" || action === "rotate") && target) {
        if (action === "revoke") {
          const revoked = await withServices(config, (s) => revokeApiKey(s.database.db, target));
          say(revoked ? `revoked ${target}` : `no active key ${target}`);
          return revoked ? 0 : 1;
        }
        const rotated = await withServices(config, (s) => rotateApiKey(s.database.db, target));
        if (!rotated) {
          say(`no active key ${target}`);
          return 1;
        }
        say(`revoked ${target}; its replacement (shown once; store it now):`);
        process.stdout.write(`${rotated.key}\n`);
        return 0;
      }
      if (action !== "create" || !values.tenant) {
        say(
          "usage: persona-studio keys create --tenant NAME [--label TEXT] | keys list [--tenant NAME] | " +
            "keys revoke KEY_ID_OR_PREFIX | keys rotate KEY_ID_OR_PREFIX",
        );
        return 1;
      }
      const tenant = values.tenant;
      const created = await withServices(config, (s) => createApiKey(s.database.db, tenant, values.label));
      say(`API key for tenant "${tenant}" (shown once; store it now):`);
      process.stdout.write(`${created.key}\n`);
      return 0;
    }
    case "create": {
      const { values } = parseArgs({
        args: rest,
        options: {
          text: { type: "string", multiple: true, default: [] },
          url: { type: "string", multiple: true, default: [] },
          engine: { type: "string" },
          tenant: { type: "string" },
        },
      });
      if (values.text.length === 0 && values.url.length === 0) {
        say("usage: persona-studio create --text FILE [--text FILE…] [--url URL…]");
        return 1;
      }
      if (values.engine !== undefined && values.engine !== "offline" && values.engine !== "llm") {
        say('--engine must be "offline" or "llm"');
        return 1;
      }
      const engine = values.engine;
      const texts = values.text.map((file) => {
        say(`reading ${file}`);
        return readFileSync(file, "utf8");
      });
      const input: CreateInput = { texts, urls: values.url, engine };
      say(`building persona from ${texts.length} text(s) and ${values.url.length} URL(s)…`);
      const persona = await createHere(config, input, values.tenant).catch((error: unknown) => {
        // A server holds the store: it does the work, so nothing is written beside it.
        const url = error instanceof StoreLockedError && error.holder.kind === "server" ? error.holder.url : undefined;
        if (!url) throw error;
        say(`the server at ${url} holds ${config.dataDir}; sending the material to it`);
        return createOnServer(url, input, values.tenant);
      });
      for (const warning of persona.warnings) say(`warning: ${warning}`);
      say(`stored ${persona.id} (version ${persona.version}) in ${persona.usage?.duration_ms ?? "?"} ms`);
      process.stdout.write(`${JSON.stringify(persona, null, 2)}\n`);
      return 0;
    }
    case "export": {
      const { values } = parseArgs({ args: rest, options: { tenant: { type: "string" }, id: { type: "string" } } });
      const [{ getPersona }, { listPersonas }] = await Promise.all([
        import("../personas/get.ts"),
        import("../personas/list.ts"),
      ]);
      const personas = await withServices(config, async (services) => {
        const ctx = await cliCtx(services, values.tenant);
        if (values.id) return [await getPersona({ ctx, id: values.id })];
        const all = [];
        let cursor: string | undefined;
        do {
          const page = await listPersonas({ ctx, limit: 100, cursor });
          for (const summary of page.data) all.push(await getPersona({ ctx, id: summary.id }));
          cursor = page.next_cursor ?? undefined;
        } while (cursor);
        return all;
      });
      process.stdout.write(`${JSON.stringify({ personas }, null, 2)}\n`);
      return 0;
    }
    default:
      say(`unknown command "${command}"\n\n${USAGE}`);
      return 1;
  }
}

/** Runs a CLI command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    if (error instanceof ConfigError) say(error.message);
    else if (error instanceof StoreLockedError) say(`error: ${lockAdvice(error)}`);
    else if (error instanceof AppError) say(`error: ${error.message}${formatFieldErrors(error)}`);
    else if (error instanceof Error && "code" in error && error.code === "ENOENT") say(`error: ${error.message}`);
    else say(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

const formatFieldErrors = (error: AppError) =>
  error.errors?.length ? `\n${error.errors.map((e) => `  ${e.path || "(request)"}: ${e.message}`).join("\n")}` : "";
