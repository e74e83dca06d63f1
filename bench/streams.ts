/**
 * streams: 1,000 concurrent persona replies streamed by one process of the project (fresh per round, LLM provider
 * pointing at a fake OpenAI upstream in a process of its own that sends a text chunk every 500 ms until the client
 * goes away), against a bare SSE relay (bench/support/bare-relay.ts) of the same upstream. Figures: the server process's
 * resident memory per stream (once every stream has shown text, against before they started), the time from sending
 * the 1,000 requests until every one has shown its first text event, and errors. Median of 3 alternating rounds.
 * BENCH_STREAMS changes the count. Goal (issue 13): 0 errors, <= 100 KB per stream, all streaming within 2x the
 * relay's time.
 */
import { CHAT_PROVIDER, FIRST_TEXT, startChatApp } from "./support/chat-app.ts";
import { alternate, closedLoop, fmt, verdict } from "./support/measure.ts";
import { cpuMsOf, rssOf, type Served, serveProcess, sleep, startPrinting } from "./support/process.ts";
import { type OpenStream, openStream } from "./support/sse.ts";
import { benchStoreNames, openBenchStore } from "./support/stores.ts";

const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000);
const INTERVAL_MS = 500;

/** Opens `count` streams at once; answers when all show text (or failed), with the server's memory by then. */
async function openAll(server: Served, count: number, open: (index: number) => Promise<OpenStream>) {
  for (let i = 0; i < 3; i++) await (await open(-1 - i)).close(); // warm-up
  await sleep(500);
  const before = rssOf(server.pid);
  const cpuBefore = cpuMsOf(server.pid).main;
  const started = performance.now();
  const settled = await Promise.allSettled(Array.from({ length: count }, (_, index) => open(index)));
  const allMs = performance.now() - started;
  // The server's event-loop CPU until every stream showed text: steadier than the time on a shared machine.
  const cpuMs = cpuMsOf(server.pid).main - cpuBefore;
  let peak = 0;
  const steadyFrom = { cpu: cpuMsOf(server.pid).main, at: performance.now() };
  for (let i = 0; i < 10; i++) {
    peak = Math.max(peak, rssOf(server.pid));
    await sleep(200);
  }
  // While every stream relays a chunk per INTERVAL_MS: the event loop's CPU per relayed event.
  const events = (count * (performance.now() - steadyFrom.at)) / INTERVAL_MS;
  const usPerEvent = ((cpuMsOf(server.pid).main - steadyFrom.cpu) * 1000) / events;
  const streams = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const errors = settled.length - streams.length + streams.reduce((sum, s) => sum + s.errors(), 0);
  // Say what failed: a figure with errors is not a measurement of streaming.
  const reasons = new Set(settled.flatMap((s) => (s.status === "rejected" ? [String(s.reason).slice(0, 200)] : [])));
  if (reasons.size > 0) console.log(`    failed to open: ${[...reasons].slice(0, 3).join(" | ")}`);
  const streamed = streams.flatMap((s) => s.firstError() ?? []);
  if (streamed.length > 0) console.log(`    ${streamed.length} streams reported an error, e.g. ${streamed[0]}`);
  await Promise.all(streams.map((s) => s.close()));
  return { kbPerStream: (peak - before) / 1024 / count, allMs, cpuMsPerStream: cpuMs / count, usPerEvent, errors };
}

export async function benchStreams(): Promise<void> {
  const upstream = await startPrinting("bench/support/upstream-process.ts", {
    BENCH_UPSTREAM_TEXT: "Let me tell you about my week at work. ".repeat(250),
    BENCH_UPSTREAM_INTERVAL_MS: String(INTERVAL_MS),
  });
  const fake = { url: upstream.line };
  const storeName = benchStoreNames()[0] ?? "pglite";
  const store = await openBenchStore(storeName);
  try {
    console.log(
      `streams (${fmt(STREAMS)} concurrent chat streams in one process; ${storeName}; LLM_PROVIDER=${CHAT_PROVIDER}; median of 3)`,
    );
    const project = async () => {
      const chat = await startChatApp(store, fake);
      try {
        const conversations: string[] = [];
        await closedLoop(STREAMS + 3, 20, async () => {
          conversations.push(await chat.newConversation());
        });
        return await openAll(chat.server, STREAMS, (index) =>
          openStream(chat.messagesUrl(conversations.at(index) ?? ""), { content: "Hi" }, FIRST_TEXT, chat.auth),
        );
      } finally {
        await chat.server.stop();
      }
    };
    const bare = async () => {
      const relay = await serveProcess("bench/support/bare-relay.ts", { UPSTREAM_URL: fake.url });
      try {
        return await openAll(relay, STREAMS, () => openStream(`${relay.url}/chat`, { content: "Hi" }, FIRST_TEXT));
      } finally {
        await relay.stop();
      }
    };
    const figures = await alternate(project, bare);
    const { kbPerStream, allMs, cpuMsPerStream, usPerEvent, errors } = figures.project;
    const ok = errors === 0 && kbPerStream <= 100 && allMs <= 2 * figures.bare.allMs;
    console.log(
      `  project ${fmt(kbPerStream)} KB per stream, all streaming after ${fmt(allMs / 1000, 1)} s, ${errors} errors, ` +
        `event-loop CPU ${fmt(cpuMsPerStream, 2)} ms per stream started, ${fmt(usPerEvent)} us per relayed event | ` +
        `bare SSE relay ${fmt(figures.bare.kbPerStream)} KB per stream, ${fmt(figures.bare.allMs / 1000, 1)} s, ` +
        `${figures.bare.errors} errors, ${fmt(figures.bare.cpuMsPerStream, 2)} ms, ${fmt(figures.bare.usPerEvent)} us | ` +
        `memory x${(kbPerStream / Math.max(1, figures.bare.kbPerStream)).toFixed(1)}, time ` +
        `x${(allMs / figures.bare.allMs).toFixed(1)}, CPU per stream x${(cpuMsPerStream / figures.bare.cpuMsPerStream).toFixed(1)}, ` +
        `per event x${(usPerEvent / figures.bare.usPerEvent).toFixed(1)} | ` +
        `goal 0 errors, <= 100 KB, time <= 2x: ${verdict(ok)}`,
    );
  } finally {
    await upstream.stop();
    store.dispose();
  }
}
