import { z } from "@hono/zod-openapi";
import { Problem } from "../http/openapi.ts";
import { Changes } from "../personas/merge.ts";
import { PersonaResource } from "../personas/present.ts";
import { STAGES } from "../synthesis/progress.ts";

export const JOB_STATUSES = ["queued", "running", "succeeded", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const JOB_KINDS = ["create", "merge"] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JobProgress = z
  .object({
    stage: z.enum(STAGES),
    done: z.number().int().openapi({ description: "Parts of the stage done (texts, pages, model calls)" }),
    total: z.number().int().openapi({ description: "Parts of the stage in all (0: not known yet)" }),
  })
  .openapi("JobProgress");
export type JobProgress = z.infer<typeof JobProgress>;

export const Job = z
  .object({
    id: z.string(),
    kind: z.enum(JOB_KINDS).openapi({ description: "`create`: POST /v1/personas; `merge`: a material PATCH" }),
    status: z.enum(JOB_STATUSES),
    progress: JobProgress,
    persona_id: z.string().openapi({ description: "The persona the job creates or merges into" }),
    attempts: z.number().int().openapi({ description: "Times a node started it (a crashed or busy node retries)" }),
    // Unions with null rather than .nullable(): that would make the shared schemas themselves nullable.
    persona: z
      .union([PersonaResource, z.null()])
      .optional()
      .openapi({ description: "When succeeded: the persona as it is now (null if deleted since)" }),
    version: z.number().int().optional().openapi({ description: "When succeeded: the version the job wrote" }),
    changes: Changes.optional().openapi({ description: "When a merge succeeded: what it added, updated, clashed on" }),
    problem: Problem.optional().openapi({ description: "When failed: why, as the synchronous request would have" }),
    created_at: z.string(),
    updated_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .openapi("Job");
export type Job = z.infer<typeof Job>;

export const isFinished = (status: JobStatus) => status === "succeeded" || status === "failed";
