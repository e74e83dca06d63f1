/**
 * The bare baseline of `reads`: node:http and the database driver alone (postgres.js with the project's pool size,
 * or PGlite on the same data directory), one query for the persona and its sources, the same JSON out. No
 * framework, no auth, no row-level security scope: what the platform does with the same row and the project's query.
 * Env: DATABASE_URL or DATA_DIR, BENCH_TENANT, PORT, HOST.
 */
import { createServer } from "node:http";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { PERSONA_RESOURCE_SQL as PERSONA_SQL } from "../../src/personas/store.ts";

type Row = Record<string, unknown> & { created_at: Date; updated_at: Date };

const { DATABASE_URL, DATA_DIR, BENCH_TENANT = "", PORT = "0", HOST = "127.0.0.1" } = process.env;

let query: (params: string[]) => Promise<Row[]>;
if (DATABASE_URL) {
  const sql = postgres(DATABASE_URL, { max: 10, onnotice: () => {} });
  query = (params) => sql.unsafe<Row[]>(PERSONA_SQL, params, { prepare: true });
} else {
  const db = await PGlite.create(`${DATA_DIR}/pglite`);
  query = async (params) => (await db.query<Row>(PERSONA_SQL, params)).rows;
}

const server = createServer((req, res) => {
  const url = req.url ?? "/";
  if (url === "/healthz") {
    res.end("ok");
    return;
  }
  const id = url.startsWith("/v1/personas/") ? url.slice("/v1/personas/".length) : "";
  query([BENCH_TENANT, id]).then(
    ([row]) => {
      if (!row) {
        res.writeHead(404).end();
        return;
      }
      const { created_at, updated_at, ...rest } = row;
      const body = JSON.stringify({
        ...rest,
        created_at: created_at.toISOString(),
        updated_at: updated_at.toISOString(),
      });
      res.writeHead(200, { "content-type": "application/json", etag: `"${String(row.version)}"` }).end(body);
    },
    () => res.writeHead(500).end(),
  );
});
server.listen(Number(PORT), HOST);
process.on("SIGTERM", () => process.exit(0));
