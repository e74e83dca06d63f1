/**
 * The fake OpenAI upstream of `streams` in a process of its own, so that relaying a thousand paced answers does not
 * share a thread with the load generator reading a thousand streams (on a 2-core machine the two starved each other
 * and the round measured the bench rather than the server). Prints its base URL on the first line of stdout.
 * Env: BENCH_UPSTREAM_TEXT (the answer), BENCH_UPSTREAM_INTERVAL_MS (pace between chunks).
 */
import { reply, startFakeOpenAI } from "../../test/fakes/openai-upstream.ts";

const fake = await startFakeOpenAI();
fake.setFallback(
  reply.text(process.env.BENCH_UPSTREAM_TEXT ?? "Hello.", {
    intervalMs: Number(process.env.BENCH_UPSTREAM_INTERVAL_MS ?? 500),
  }),
);
// Nobody reads what it recorded: keep its memory flat over a thousand requests.
setInterval(() => {
  fake.requests.length = 0;
}, 1000).unref();
process.stdout.write(`${fake.url}\n`);
process.on("SIGTERM", () => {
  fake.close().finally(() => process.exit(0));
});
