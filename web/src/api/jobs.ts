import { ApiError } from "../lib/problem.ts";
import { call, client, type Job } from "./client.ts";

/** How often the page reads a running job: often enough for a person watching stages change. */
const JOB_POLL_MS = 500;

/** Reads the job until it finishes, reporting its progress; the finished job, or its problem thrown as an ApiError. */
export async function followJob(job: Job, onProgress: (progress: Job["progress"]) => void): Promise<Job> {
  let current = job;
  for (;;) {
    onProgress(current.progress);
    if (current.status === "succeeded") return current;
    if (current.status === "failed") {
      throw new ApiError(current.problem?.status ?? 500, current.problem ?? {});
    }
    await new Promise((resolve) => setTimeout(resolve, JOB_POLL_MS));
    // Asked as JSON, the answer is the job (the event-stream variant is for Accept: text/event-stream).
    current = (await call(
      client.GET("/v1/jobs/{id}", { params: { path: { id: current.id } }, headers: { Accept: "application/json" } }),
    )) as Job;
  }
}

const STAGE_LABELS: Record<Job["progress"]["stage"], string> = {
  queued: "Waiting for a free worker",
  fetching: "Fetching links",
  cleaning: "Cleaning the text",
  extracting: "Extracting facts",
  assembling: "Assembling the persona",
  storing: "Saving",
  done: "Done",
};

export const describeProgress = ({ stage, done, total }: Job["progress"]) =>
  `${STAGE_LABELS[stage]}${total > 1 ? ` (${done} of ${total})` : ""}`;
