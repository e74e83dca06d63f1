/**
 * Benchmarks: one file per comparison under bench/, listed here. Figures are ratios against a baseline measured in
 * the same run, because these machines are noisy (see bench/README.md).
 * Usage: npm run bench [-- name ...]   e.g. `npm run bench -- reads create`; no name runs them all in this order.
 */
import { benchChat } from "./chat.ts";
import { benchCreate } from "./create.ts";
import { benchLoad, benchPool, benchStart } from "./heavy.ts";
import { benchHttp } from "./http.ts";
import { benchOffline } from "./offline.ts";
import { benchLlm, benchPipeline } from "./pipeline.ts";
import { benchReads } from "./reads.ts";
import { benchStreams } from "./streams.ts";
import { benchUrls } from "./urls.ts";

const COMPARISONS: Record<string, () => Promise<void>> = {
  offline: benchOffline,
  pipeline: benchPipeline,
  llm: benchLlm,
  http: benchHttp,
  load: benchLoad,
  pool: benchPool,
  start: benchStart,
  reads: benchReads,
  create: benchCreate,
  chat: benchChat,
  streams: benchStreams,
  urls: benchUrls,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in COMPARISONS));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(", ")}; known: ${Object.keys(COMPARISONS).join(", ")}`);
  process.exit(2);
}
for (const [name, run] of Object.entries(COMPARISONS)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
