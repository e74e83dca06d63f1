/**
 * A merge job applies its material once: a node that dies after the merged version is stored but before it records
 * the job as done must not leave a job that a retry merges a second time (a third version, duplicate sources).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  buildApp,
  newTenantAuth,
  readJson as read,
  STORES,
  sendJson,
  testServices,
} from "../../test/support/services.ts";
import type { Services } from "../context.ts";
import { rowsOf } from "../db/migrate.ts";
import { runJob } from "./run.ts";
import { Job } from "./schemas.ts";

const NOTES = "My name is Maya Chen. I'm 34 years old and I work as a pediatric nurse in Denver, Colorado.";
const MORE = "Follow-up call. Maya Chen here. I moved to Boulder, Colorado in the summer. I also love rock climbing.";

/** The same node with a database that fails every job outcome written outside a transaction: it dies right then. */
function dyingAfterStore(services: Services): Services {
  const { database } = services;
  return {
    ...services,
    database: {
      ...database,
      queryAs: (tenantId, text, params) =>
        /^UPDATE jobs SET status = \$3/.test(text)
          ? Promise.reject(new Error("the node died before recording the job"))
          : database.queryAs(tenantId, text, params),
    },
  };
}

for (const store of STORES) {
  describe(`a merge job on ${store.name}`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), "ps-once-"));
    let services: Services;
    let app: ReturnType<typeof buildApp>;
    let auth: Record<string, string>;

    beforeAll(async () => {
      // Jobs are run by hand below (no runner started), as a queue would deliver them.
      services = await testServices({ DATABASE_URL: store.databaseUrl, AUTH_MODE: "apikey", DATA_DIR: dataDir });
      app = buildApp(services);
      auth = await newTenantAuth(services);
    });
    afterAll(async () => {
      await services.database.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it("records its outcome with the merged version, so a retry after a crash merges nothing again", async () => {
      const created = await sendJson(app, "POST", "/v1/personas", { texts: [NOTES] }, auth);
      const { id } = (await created.json()) as { id: string };
      const res = await sendJson(
        app,
        "PATCH",
        `/v1/personas/${id}`,
        { texts: [MORE] },
        { ...auth, prefer: "respond-async" },
      );
      expect(res.status).toBe(202);
      const jobId = (await read(res, Job)).id;
      const [owner] = rowsOf<{ tenant_id: string }>(
        await services.database.db.execute(sql`SELECT tenant_id FROM jobs WHERE id = ${jobId}`),
      );
      const job = { tenantId: owner?.tenant_id ?? "", id: jobId };

      // First delivery: the merge is stored, then the node "dies" writing the job's outcome.
      expect(await runJob(dyingAfterStore(services), job, { lastAttempt: false })).toBe("retry");
      // The queue delivers it again (another node, or after the restart).
      expect(await runJob(services, job, { lastAttempt: false })).toBe("finished");

      const persona = await read(
        await app.request(`/v1/personas/${id}`, { headers: auth }),
        z.object({ version: z.number() }),
      );
      expect(persona.version).toBe(2);
      const versions = await read(
        await app.request(`/v1/personas/${id}/versions`, { headers: auth }),
        z.object({ data: z.array(z.object({ version: z.number() })) }),
      );
      expect(versions.data.map((v) => v.version).sort()).toEqual([1, 2]);
      const done = await read(await app.request(`/v1/jobs/${jobId}`, { headers: auth }), Job);
      expect(done).toMatchObject({ status: "succeeded", version: 2, attempts: 1 });
      expect(done.changes?.added.some((a) => a.field === "interests")).toBe(true);
    });
  });
}
