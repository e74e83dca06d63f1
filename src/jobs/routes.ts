import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { type AppEnv, ctxOf } from "../http/env.ts";
import { problems } from "../http/openapi.ts";
import { sseContent, sseEvent, streamEvents } from "../http/sse.ts";
import { validationHook } from "../http/validation-hook.ts";
import { getJobRow, presentJob } from "./get.ts";
import { jobEvents } from "./run.ts";
import { isFinished, JOB_STATUSES, Job, JobProgress } from "./schemas.ts";
import { loadJob } from "./store.ts";

/** How often a stream re-reads its job when no local event woke it (the job may run on another node). */
const POLL_MS = 1_000;
const HEARTBEAT_MS = 15_000;

const ProgressData = z.object({ status: z.enum(JOB_STATUSES), progress: JobProgress, attempts: z.number().int() });
const JobStreamEvent = z
  .discriminatedUnion("event", [
    sseEvent("progress", ProgressData).openapi({ description: "The job moved on: status, stage, parts done of total" }),
    sseEvent("done", Job).openapi({
      description: "Last: the job succeeded (with the persona) or failed (with the problem)",
    }),
  ])
  .openapi("JobStreamEvent");
type StreamEvent = ({ type: "progress" } & z.infer<typeof ProgressData>) | ({ type: "done" } & Job);

export const jobsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

jobsRouter.openapi(
  createRoute({
    method: "get",
    path: "/v1/jobs/{id}",
    operationId: "getJob",
    tags: ["jobs"],
    summary: "An async job's status and progress (JSON, or SSE with Accept: text/event-stream)",
    description:
      "Jobs come from `Prefer: respond-async` on `POST /v1/personas` and on a material `PATCH /v1/personas/{id}` " +
      "(`202` with `Location: /v1/jobs/{id}`). `status` goes queued → running → succeeded | failed; `progress` " +
      "names the stage (fetching, cleaning, extracting, assembling, storing) and its parts done of total. When " +
      "succeeded, `persona` is the persona (and `changes` a merge's changes); when failed, `problem` says why, as " +
      "the synchronous request would have. With `Accept: text/event-stream`: a `progress` event whenever status " +
      "or progress changes, then one `done` event with the whole job, then the stream ends.",
    request: { params: z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "job_…" }) }) },
    responses: {
      200: {
        description: "The job",
        content: { "application/json": { schema: Job }, ...sseContent(JobStreamEvent, "The job's progress") },
      },
      ...problems(401, 404),
    },
  }),
  async (c) => {
    const ctx = ctxOf(c);
    const row = await getJobRow({ ctx, id: c.req.valid("param").id }); // 404 before any stream starts
    if (!/\btext\/event-stream\b/i.test(c.req.header("accept") ?? "")) return c.json(await presentJob(ctx, row), 200);

    const options = { metrics: ctx.metrics, heartbeatMs: HEARTBEAT_MS, payloadOf };
    return streamEvents<StreamEvent>(c, options, async (sink) => {
      // Subscribed before the first read, so a change between a read and the wait is never missed.
      let changed = false;
      let wake: (() => void) | undefined;
      const onChange = () => {
        changed = true;
        wake?.();
      };
      jobEvents.on(row.id, onChange);
      try {
        let last = "";
        let current = row;
        while (!sink.signal.aborted) {
          if (isFinished(current.status)) {
            await sink.emit({ type: "done", ...(await presentJob(ctx, current)) });
            return;
          }
          const key = JSON.stringify([current.status, current.progress, current.attempts]);
          if (key !== last) {
            last = key;
            const { status, progress, attempts } = current;
            await sink.emit({ type: "progress", status, progress, attempts });
          }
          if (!changed) {
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, POLL_MS);
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
              sink.signal.addEventListener("abort", wake, { once: true });
            });
          }
          changed = false;
          wake = undefined;
          const next = await loadJob(ctx.database, ctx.tenantId, row.id);
          if (!next) return; // its tenant was deleted
          current = next;
        }
      } finally {
        jobEvents.off(row.id, onChange);
      }
    });
  },
);

const payloadOf = (event: StreamEvent) => {
  const { type: _type, ...data } = event;
  return data;
};
