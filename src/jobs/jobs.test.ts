import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
import { Problem } from "../http/openapi.ts";
import { STAGES } from "../synthesis/progress.ts";
import { jobEvents } from "./run.ts";
import { Job } from "./schemas.ts";

const NOTES = [
  "Interview notes, 2024-03-02.",
  "My name is Maya Chen. I'm 34 years old and I work as a pediatric nurse in Denver, Colorado.",
  "I love trail running and baking sourdough on weekends.",
].join("\n");
const MORE = "Follow-up call. Maya Chen here. I moved to Boulder, Colorado in the summer. I also love rock climbing.";

const ASYNC = { prefer: "respond-async" };
/** A generous bound: it only catches a job that never finishes (the machine is shared and may be slow). */
const JOB_LIMIT_MS = 90_000;

type App = ReturnType<typeof buildApp>;

/** Reads the job until it is finished, woken by the runner's events (a timer only as a fallback). */
async function waitForJob(app: App, location: string, auth: Record<string, string>): Promise<Job> {
  const id = location.split("/").pop() ?? "";
  const deadline = Date.now() + JOB_LIMIT_MS;
  for (;;) {
    const changed = new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        jobEvents.off(id, done);
        resolve();
      };
      const timer = setTimeout(done, 1_000);
      jobEvents.on(id, done);
    });
    const job = await read(await app.request(location, { headers: auth }), Job);
    if (job.status === "succeeded" || job.status === "failed") return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} after ${JOB_LIMIT_MS} ms`);
    await changed;
  }
}

/** Parses a server-sent event stream into its events (name and JSON data). */
async function readEvents(res: Response): Promise<Array<{ event: string; data: unknown }>> {
  const text = await res.text();
  return text
    .split("\n\n")
    .map((block) => ({
      event: /^event: (.*)$/m.exec(block)?.[1],
      data: /^data: (.*)$/m.exec(block)?.[1],
    }))
    .filter((e): e is { event: string; data: string } => e.event !== undefined && e.data !== undefined)
    .map((e) => ({ event: e.event, data: JSON.parse(e.data) as unknown }));
}

for (const store of STORES) {
  describe(`async jobs on ${store.name}`, () => {
    // A file-backed store on PGlite, so the restart test reopens the same store; Postgres is shared by design.
    const dataDir = mkdtempSync(join(tmpdir(), "ps-jobs-"));
    const env = { DATABASE_URL: store.databaseUrl, AUTH_MODE: "apikey", DATA_DIR: dataDir };
    let services: Services;
    let app: App;
    let auth: Record<string, string>;

    beforeAll(async () => {
      services = await testServices(env, { storeOwner: "server" });
      app = buildApp(services);
      auth = await newTenantAuth(services);
    });
    afterAll(async () => {
      await services.jobs.stop();
      await services.database.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it("answers 202 with Location and the queued job, then runs it in the background to the persona", async () => {
      await services.jobs.start(services);
      const res = await sendJson(app, "POST", "/v1/personas", { texts: [NOTES] }, { ...auth, ...ASYNC });
      expect(res.status).toBe(202);
      expect(res.headers.get("preference-applied")).toBe("respond-async");
      const location = res.headers.get("location") ?? "";
      expect(location).toMatch(/^\/v1\/jobs\/job_[0-9a-z]{20}$/);
      const queued = await read(res, Job);
      expect(queued).toMatchObject({ kind: "create", status: "queued", progress: { stage: "queued" } });
      expect(location).toBe(`/v1/jobs/${queued.id}`);

      const done = await waitForJob(app, location, auth);
      expect(done.status).toBe("succeeded");
      expect(done.progress).toEqual({ stage: "done", done: 1, total: 1 });
      expect(done.attempts).toBe(1);
      expect(done.persona?.id).toBe(queued.persona_id);
      expect(done.persona?.persona.name).toBe("Maya Chen");
      expect(done.version).toBe(1);
      // The persona is a real one: the ordinary read answers it.
      const persona = await app.request(`/v1/personas/${queued.persona_id}`, { headers: auth });
      expect(persona.status).toBe(200);
    });

    it("merges new material asynchronously (PATCH) and reports the changes", async () => {
      const created = await sendJson(app, "POST", "/v1/personas", { texts: [NOTES] }, auth);
      const { id } = (await created.json()) as { id: string };
      const res = await sendJson(app, "PATCH", `/v1/personas/${id}`, { texts: [MORE] }, { ...auth, ...ASYNC });
      expect(res.status).toBe(202);
      const job = await waitForJob(app, res.headers.get("location") ?? "", auth);
      expect(job).toMatchObject({ kind: "merge", status: "succeeded", version: 2, persona_id: id });
      expect(job.persona?.version).toBe(2);
      expect(job.changes?.added.some((a) => a.field === "interests")).toBe(true);
    });

    it("answers a missing persona (404) and a stale If-Match (412) at once, without a job", async () => {
      const missing = await sendJson(
        app,
        "PATCH",
        "/v1/personas/per_00000000000000000000",
        { texts: [MORE] },
        {
          ...auth,
          ...ASYNC,
        },
      );
      expect(missing.status).toBe(404);
      const created = await sendJson(app, "POST", "/v1/personas", { texts: [NOTES] }, auth);
      const { id } = (await created.json()) as { id: string };
      const stale = await sendJson(
        app,
        "PATCH",
        `/v1/personas/${id}`,
        { texts: [MORE] },
        {
          ...auth,
          ...ASYNC,
          "if-match": '"7"',
        },
      );
      expect(stale.status).toBe(412);
      // Invalid material is refused before any job too.
      const empty = await sendJson(app, "POST", "/v1/personas", { texts: [" "] }, { ...auth, ...ASYNC });
      expect(empty.status).toBe(422);
    });

    it("answers 404 for another tenant's job and for ids that are not jobs", async () => {
      const res = await sendJson(app, "POST", "/v1/personas", { texts: [NOTES] }, { ...auth, ...ASYNC });
      const location = res.headers.get("location") ?? "";
      const other = await newTenantAuth(services);
      const foreign = await app.request(location, { headers: other });
      expect(foreign.status).toBe(404);
      expect((await read(foreign, Problem)).code).toBe("not_found");
      const streamed = await app.request(location, { headers: { ...other, accept: "text/event-stream" } });
      expect(streamed.status).toBe(404);
      expect((await app.request("/v1/jobs/not-a-job", { headers: auth })).status).toBe(404);
      await waitForJob(app, location, auth);
    });

    it("records a job that cannot succeed as failed, with the problem the synchronous request would have had", async () => {
      await services.jobs.stop(); // the job waits in the table while the persona changes under it
      const created = await sendJson(app, "POST", "/v1/personas", { texts: [NOTES] }, auth);
      const { id } = (await created.json()) as { id: string };
      const res = await sendJson(
        app,
        "PATCH",
        `/v1/personas/${id}`,
        { texts: [MORE] },
        {
          ...auth,
          ...ASYNC,
          "if-match": '"1"',
        },
      );
      expect(res.status).toBe(202);
      const edit = await sendJson(app, "PATCH", `/v1/personas/${id}`, JSON.stringify({ age: 35 }), {
        ...auth,
        "content-type": "application/merge-patch+json",
      });
      expect(edit.status).toBe(200);
      await services.jobs.start(services);
      const job = await waitForJob(app, res.headers.get("location") ?? "", auth);
      expect(job.status).toBe("failed");
      expect(job.problem).toMatchObject({ status: 412, code: "precondition_failed" });
      expect(job.persona).toBeUndefined();
      // Nothing was merged: the persona is at the edit's version.
      const persona = (await (await app.request(`/v1/personas/${id}`, { headers: auth })).json()) as {
        version: number;
      };
      expect(persona.version).toBe(2);
    });

    it("streams progress as server-sent events from queued to done", async () => {
      await services.jobs.stop(); // queued first, so the stream sees the job start
      const res = await sendJson(app, "POST", "/v1/personas", { texts: [NOTES, MORE] }, { ...auth, ...ASYNC });
      const location = res.headers.get("location") ?? "";
      const stream = await app.request(location, { headers: { ...auth, accept: "text/event-stream" } });
      expect(stream.status).toBe(200);
      expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const events = readEvents(stream);
      await services.jobs.start(services);
      const seen = await events;
      const last = seen.at(-1);
      expect(last?.event).toBe("done");
      const job = Job.parse(last?.data);
      expect(job.status).toBe("succeeded");
      expect(job.persona?.persona.name).toBe("Maya Chen");
      const progress = seen
        .filter((e) => e.event === "progress")
        .map((e) => z.object({ status: z.string(), progress: z.object({ stage: z.enum(STAGES) }) }).parse(e.data));
      expect(progress[0]).toMatchObject({ status: "queued", progress: { stage: "queued" } });
      // Stages only move forward.
      const order = progress.map((p) => STAGES.indexOf(p.progress.stage));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    });

    it("keeps a job queued while no node runs jobs and runs it after a restart", async () => {
      await services.jobs.stop();
      const res = await sendJson(app, "POST", "/v1/personas", { texts: [NOTES] }, { ...auth, ...ASYNC });
      expect(res.status).toBe(202);
      const location = res.headers.get("location") ?? "";
      expect((await read(await app.request(location, { headers: auth }), Job)).status).toBe("queued");
      // The node goes away; a new one opens the same store and starts its runner.
      await services.database.close();
      services = await testServices(env, { storeOwner: "server" });
      app = buildApp(services);
      await services.jobs.start(services);
      const job = await waitForJob(app, location, auth);
      expect(job.status).toBe("succeeded");
      expect(job.persona?.persona.name).toBe("Maya Chen");
      expect(services.jobs.kind).toBe(store.databaseUrl ? "pg-boss" : "in-process");
    });
  });
}
