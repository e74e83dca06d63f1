/**
 * How comparisons are judged: the project and its bare baseline run in the same process of this script, in rounds
 * that alternate which goes first (machines here are shared, so load drifts), and each figure is the median of the
 * rounds.
 */

// BENCH_ROUNDS: fewer rounds for a quick look (e.g. while profiling); figures are then less steady.
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/**
 * Runs `project` and `bare` ROUNDS times, alternating which goes first, and returns every figure of each as the
 * median over the rounds (figures are named numbers, e.g. { rps, p99 }).
 */
export async function alternate<F extends Record<string, number>>(
  project: () => Promise<F>,
  bare: () => Promise<F>,
  rounds = ROUNDS,
): Promise<{ project: F; bare: F }> {
  const runs: { project: F[]; bare: F[] } = { project: [], bare: [] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (["project", "bare"] as const) : (["bare", "project"] as const);
    for (const side of order) runs[side].push(await (side === "project" ? project() : bare()));
  }
  return { project: medians(runs.project), bare: medians(runs.bare) };
}

function medians<F extends Record<string, number>>(runs: F[]): F {
  const first = runs[0] ?? ({} as F);
  return Object.fromEntries(Object.keys(first).map((key) => [key, median(runs.map((r) => r[key] ?? 0))])) as F;
}

export const verdict = (ok: boolean) => (ok ? "ok" : "short");

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits });

/**
 * Sends `total` requests with `concurrency` of them in flight at any time (a closed loop: each worker sends its next
 * one when the last answered) and returns the latency percentiles in ms.
 */
export async function closedLoop(
  total: number,
  concurrency: number,
  send: (index: number) => Promise<void>,
): Promise<{ p50: number; p99: number }> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const started = performance.now();
      await send(index);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}
