import { sql } from "drizzle-orm";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Database } from "../db/client.ts";
import type { SynthesisPool } from "../synthesis/pool.ts";

/** Seconds; from a cached read to a long synthesis or model call. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export type LlmOutcome = "success" | "error" | "timeout" | "aborted";

/**
 * Everything `/metrics` exposes, in one registry per node (never prom-client's global one, so tests can build many
 * apps side by side). Label values are bounded: route patterns, status codes, provider names, fixed outcomes.
 */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route" | "status">;
  sseStreams: Gauge;
  llmCalls: Counter<"provider" | "outcome">;
  llmDuration: Histogram<"provider" | "outcome">;
  llmTokens: Counter<"provider" | "kind">;
  rateLimited: Counter<"scope">;
  /**
   * Synthesis jobs. `queued` and `running` are read at scrape time from every source given to `observe` (the worker
   * pool; a job queue can add its own); `duration` and `timeouts` are reported as jobs end (see observePool).
   */
  jobs: {
    queued: Gauge;
    running: Gauge;
    duration: Histogram<"outcome">;
    timeouts: Counter;
    observe(source: () => { queued: number; running: number }): void;
  };
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  // process_*, nodejs_* (heap, GC, handles) and nodejs_eventloop_lag_* (mean, p50, p90, p99 of the loop delay).
  collectDefaultMetrics({ register: registry });
  const jobSources: Array<() => { queued: number; running: number }> = [];
  const jobsNow = (field: "queued" | "running") => jobSources.reduce((sum, source) => sum + source()[field], 0);
  return {
    registry,
    httpRequests: new Counter({
      name: "http_requests_total",
      help: "HTTP requests answered, by method, route pattern and status",
      labelNames: ["method", "route", "status"],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "Time to the response head, by method, route pattern and status (streams: until the stream starts)",
      labelNames: ["method", "route", "status"],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    sseStreams: new Gauge({
      name: "sse_streams_open",
      help: "Server-sent event replies currently streaming",
      registers: [registry],
    }),
    llmCalls: new Counter({
      name: "llm_calls_total",
      help: "Calls to a language model (each attempt), by provider and outcome",
      labelNames: ["provider", "outcome"],
      registers: [registry],
    }),
    llmDuration: new Histogram({
      name: "llm_call_duration_seconds",
      help: "Duration of one language-model call (streams: until the last chunk), by provider and outcome",
      labelNames: ["provider", "outcome"],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    llmTokens: new Counter({
      name: "llm_tokens_total",
      help: "Tokens reported by the provider, by provider and kind (input, output)",
      labelNames: ["provider", "kind"],
      registers: [registry],
    }),
    jobs: {
      queued: new Gauge({
        name: "synthesis_jobs_queued",
        help: "Synthesis jobs waiting for a worker",
        registers: [registry],
        collect() {
          this.set(jobsNow("queued"));
        },
      }),
      running: new Gauge({
        name: "synthesis_jobs_running",
        help: "Synthesis jobs running on this node",
        registers: [registry],
        collect() {
          this.set(jobsNow("running"));
        },
      }),
      duration: new Histogram({
        name: "synthesis_job_duration_seconds",
        help: "Run time of finished synthesis jobs, by outcome (succeeded, failed, timeout, cancelled)",
        labelNames: ["outcome"],
        buckets: LATENCY_BUCKETS,
        registers: [registry],
      }),
      timeouts: new Counter({
        name: "synthesis_job_timeouts_total",
        help: "Synthesis jobs stopped because they ran over their time budget",
        registers: [registry],
      }),
      observe: (source) => {
        jobSources.push(source);
      },
    },
    rateLimited: new Counter({
      name: "rate_limited_requests_total",
      help: "Requests refused with 429, by limit (tenant, unauthenticated)",
      labelNames: ["scope"],
      registers: [registry],
    }),
  };
}

/** How long a scrape waits for the database before reporting it down. */
const DATABASE_PROBE_MS = 2_000;

/**
 * `database_up` (1/0, probed with SELECT 1 at scrape time) for the readiness alert, and the pool gauges: connections
 * the pool may open and database operations running or waiting for one.
 */
export function observeDatabase(metrics: Metrics, database: Pick<Database, "db" | "pool">): void {
  new Gauge({
    name: "database_up",
    help: "1 when this node's database answered SELECT 1 during the scrape, else 0",
    registers: [metrics.registry],
    async collect() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), DATABASE_PROBE_MS);
      });
      try {
        await Promise.race([database.db.execute(sql`SELECT 1`), timeout]);
        this.set(1);
      } catch {
        this.set(0);
      } finally {
        clearTimeout(timer);
      }
    },
  });
  new Gauge({
    name: "db_pool_max_connections",
    help: "Connections this node's database pool may open",
    registers: [metrics.registry],
    collect() {
      this.set(database.pool.max);
    },
  });
  new Gauge({
    name: "db_pool_operations_in_flight",
    help: "Database queries and transactions running or waiting for a connection on this node",
    registers: [metrics.registry],
    collect() {
      this.set(database.pool.inFlight());
    },
  });
}

/**
 * The worker pool's jobs: queued and running tasks at scrape time, and each job's duration and outcome (done,
 * failed, timeout, cancelled) as it ends, timeouts also counted on their own.
 */
export function observePool(metrics: Metrics, pool: Pick<SynthesisPool, "stats" | "events">): void {
  metrics.jobs.observe(() => pool.stats());
  pool.events.on("settled", ({ outcome, durationMs }) => {
    metrics.jobs.duration.observe({ outcome }, durationMs / 1000);
    if (outcome === "timeout") metrics.jobs.timeouts.inc();
  });
}
