/**
 * chat: time to the first `text` event of a persona reply streamed by the project's server (its own process, LLM
 * provider pointing at a fake OpenAI upstream in this process that answers at once), against the time to the first
 * text chunk of the same upstream request sent directly. Also shown, as the floor any server in between pays: a bare
 * SSE relay (bench/support/bare-relay.ts, node:http and fetch, no database) of the same upstream — two more process
 * hops than the direct request, each a wake-up of a process on a shared machine.
 * BENCH_CHAT_REPLIES (default 40) replies per round, the sides taking turns reply by reply (so a change in the
 * machine's load falls on all of them alike); each project reply in a new conversation, so the prompt stays the same.
 * p50 per round, median of 3 rounds, on each configured store. Goal (issue 13): <= 1 ms added.
 * BENCH_CHAT_AGAINST=DIR adds another built copy of the project (e.g. main's, for an A/B in the same minutes) as a
 * side of its own. Each project side also shows its server's event-loop CPU per reply (the message request until its
 * stream ends; steadier than times on a loaded machine).
 */
import { loadavg } from "node:os";
import { reply, startFakeOpenAI } from "../test/fakes/openai-upstream.ts";
import { CHAT_PROVIDER, type ChatApp, FIRST_TEXT, FIRST_UPSTREAM_TEXT, startChatApp } from "./support/chat-app.ts";
import { fmt, median, percentile, ROUNDS, verdict } from "./support/measure.ts";
import { cpuMsOf, serveProcess, settled } from "./support/process.ts";
import { openStream } from "./support/sse.ts";
import { type BenchStore, benchStoreNames, openBenchStore } from "./support/stores.ts";

const REPLIES = Number(process.env.BENCH_CHAT_REPLIES ?? 40);
const AGAINST = process.env.BENCH_CHAT_AGAINST;

type Side = "project" | "direct" | "relay" | "against";

export async function benchChat(): Promise<void> {
  const fake = await startFakeOpenAI();
  fake.setFallback(reply.text("Hello! I'm Priya, and I coordinate logistics in Pune. Ask me about my week."));
  const relay = await serveProcess("bench/support/bare-relay.ts", { UPSTREAM_URL: fake.url });
  try {
    for (const storeName of benchStoreNames()) await benchChatOn(storeName, fake, relay.url);
  } finally {
    await relay.stop();
    await fake.close();
  }
}

const load = () => loadavg()[0]?.toFixed(1);

async function benchChatOn(
  storeName: BenchStore["name"],
  fake: Awaited<ReturnType<typeof startFakeOpenAI>>,
  relayUrl: string,
): Promise<void> {
  const store = await openBenchStore(storeName);
  // The other copy gets a store of its own: an embedded store is held by one process.
  const againstStore = AGAINST ? await openBenchStore(storeName) : undefined;
  const apps: ChatApp[] = [];
  try {
    const chat = await startChatApp(store, fake);
    apps.push(chat);
    const against = againstStore ? await startChatApp(againstStore, fake, AGAINST) : undefined;
    if (against) apps.push(against);
    console.log(
      `chat (time to the first text event, ${REPLIES} replies per round; ${storeName}; LLM_PROVIDER=${CHAT_PROVIDER}; median of ${ROUNDS}; load ${load()})`,
    );
    const firstText = async (url: string, body: unknown, first: RegExp, headers?: Record<string, string>) => {
      const stream = await openStream(url, body, first, headers);
      await stream.ended();
      return stream.firstMs;
    };
    // Event-loop CPU (ms) of each project side's server during its timed replies.
    const cpu = new Map<ChatApp, { ms: number; replies: number }>(apps.map((app) => [app, { ms: 0, replies: 0 }]));
    const projectReply = (app: ChatApp) => async () => {
      const url = app.messagesUrl(await app.newConversation());
      const before = cpuMsOf(app.server.pid).main;
      const ms = await firstText(url, { content: "Hi" }, FIRST_TEXT, app.auth);
      const used = cpu.get(app);
      if (used) {
        used.ms += cpuMsOf(app.server.pid).main - before;
        used.replies += 1;
      }
      return ms;
    };
    const replies: Partial<Record<Side, () => Promise<number>>> = {
      project: projectReply(chat),
      relay: () => firstText(`${relayUrl}/chat`, { content: "Hi" }, FIRST_TEXT),
      ...(against ? { against: projectReply(against) } : {}),
    };
    for (const one of Object.values(replies)) for (let i = 0; i < 10; i++) await one(); // warm-up
    // The project's server warms its synthesis threads in the background after it answers (seconds of CPU on a
    // loaded machine, on the cores the replies need): measured only once that is done.
    for (const app of apps) await settled(app.server.pid);
    const upstreamBody = fake.requests.findLast((r) => r.stream)?.body;
    if (!upstreamBody) throw new Error("the project sent no streaming request upstream");
    replies.direct = () =>
      firstText(`${fake.url}/chat/completions`, upstreamBody, FIRST_UPSTREAM_TEXT, {
        authorization: "Bearer bench-key",
      });
    for (const used of cpu.values()) Object.assign(used, { ms: 0, replies: 0 });
    const sides = Object.keys(replies) as Side[];
    const p50s = new Map<Side, number[]>(sides.map((side) => [side, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const times = new Map<Side, number[]>(sides.map((side) => [side, []]));
      for (let i = 0; i < REPLIES; i++) {
        for (let k = 0; k < sides.length; k++) {
          const side = sides[(i + k) % sides.length] as Side;
          times.get(side)?.push(await (replies[side] as () => Promise<number>)());
        }
      }
      for (const side of sides) p50s.get(side)?.push(percentile(times.get(side) ?? [], 50));
    }
    const p50 = (side: Side) => median(p50s.get(side) ?? []);
    const direct = p50("direct");
    const added = (side: Side) => {
      const ms = p50(side) - direct;
      return `${ms >= 0 ? "+" : ""}${fmt(ms, 2)}`;
    };
    const cpuOf = (app: ChatApp) => {
      const used = cpu.get(app);
      return used?.replies ? `, event loop ${fmt(used.ms / used.replies, 2)} ms/reply` : "";
    };
    console.log(
      `  first text event p50 ${fmt(p50("project"), 2)} ms | upstream's first text chunk directly ${fmt(direct, 2)} ms | ` +
        `added ${added("project")} ms${cpuOf(chat)} | goal <= +1 ms: ${verdict(p50("project") - direct <= 1)} | ` +
        `a bare relay ${fmt(p50("relay"), 2)} ms (${added("relay")})` +
        (against ? ` | ${AGAINST} ${fmt(p50("against"), 2)} ms (${added("against")}${cpuOf(against)})` : "") +
        ` | load ${load()}`,
    );
  } finally {
    for (const app of apps) await app.server.stop();
    store.dispose();
    againstStore?.dispose();
  }
}
