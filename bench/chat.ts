/**
 * chat: time to the first `text` event of a persona reply streamed by the project's server (its own process, LLM
 * provider pointing at a fake OpenAI upstream in this process that answers at once), against the time to the first
 * text chunk of the same upstream request sent directly. Also shown, as the floor any server in between pays: a bare
 * SSE relay (bench/support/bare-relay.ts, node:http and fetch, no database) of the same upstream — two more process
 * hops than the direct request, each a wake-up of a process on a shared machine.
 * BENCH_CHAT_REPLIES (default 40) replies per round, the three sides taking turns reply by reply (so a change in the
 * machine's load falls on all of them alike); each project reply in a new conversation, so the prompt stays the same.
 * p50 per round, median of 3 rounds, on each configured store. Goal (issue 13): <= 1 ms added.
 */
import { loadavg } from "node:os";
import { reply, startFakeOpenAI } from "../test/fakes/openai-upstream.ts";
import { CHAT_PROVIDER, FIRST_TEXT, FIRST_UPSTREAM_TEXT, startChatApp } from "./support/chat-app.ts";
import { fmt, median, percentile, ROUNDS, verdict } from "./support/measure.ts";
import { serveProcess } from "./support/process.ts";
import { openStream } from "./support/sse.ts";
import { benchStoreNames, openBenchStore } from "./support/stores.ts";

const REPLIES = Number(process.env.BENCH_CHAT_REPLIES ?? 40);

type Side = "project" | "direct" | "relay";
const SIDES: Side[] = ["project", "direct", "relay"];

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

async function benchChatOn(
  storeName: Awaited<ReturnType<typeof openBenchStore>>["name"],
  fake: Awaited<ReturnType<typeof startFakeOpenAI>>,
  relayUrl: string,
): Promise<void> {
  const store = await openBenchStore(storeName);
  const chat = await startChatApp(store, fake);
  try {
    console.log(
      `chat (time to the first text event, ${REPLIES} replies per round; ${storeName}; LLM_PROVIDER=${CHAT_PROVIDER}; median of ${ROUNDS}; load ${loadavg()[0]?.toFixed(1)})`,
    );
    const projectReply = async () => {
      const conversation = await chat.newConversation();
      const stream = await openStream(chat.messagesUrl(conversation), { content: "Hi" }, FIRST_TEXT, chat.auth);
      await stream.ended();
      return stream.firstMs;
    };
    for (let i = 0; i < 10; i++) await projectReply(); // warm-up
    const upstreamBody = fake.requests.findLast((r) => r.stream)?.body;
    if (!upstreamBody) throw new Error("the project sent no streaming request upstream");
    const directReply = async () => {
      const stream = await openStream(`${fake.url}/chat/completions`, upstreamBody, FIRST_UPSTREAM_TEXT, {
        authorization: "Bearer bench-key",
      });
      await stream.ended();
      return stream.firstMs;
    };
    const relayReply = async () => {
      const stream = await openStream(`${relayUrl}/chat`, { content: "Hi" }, FIRST_TEXT);
      await stream.ended();
      return stream.firstMs;
    };
    const replies: Record<Side, () => Promise<number>> = {
      project: projectReply,
      direct: directReply,
      relay: relayReply,
    };
    for (let i = 0; i < 10; i++) await relayReply(); // warm-up
    const p50s: Record<Side, number[]> = { project: [], direct: [], relay: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const times: Record<Side, number[]> = { project: [], direct: [], relay: [] };
      for (let i = 0; i < REPLIES; i++) {
        for (let k = 0; k < SIDES.length; k++) {
          const side = SIDES[(i + k) % SIDES.length] as Side;
          times[side].push(await replies[side]());
        }
      }
      for (const side of SIDES) p50s[side].push(percentile(times[side], 50));
    }
    const [project, direct, bareRelay] = SIDES.map((side) => median(p50s[side])) as [number, number, number];
    const added = project - direct;
    console.log(
      `  first text event p50 ${fmt(project, 2)} ms | upstream's first text chunk directly ${fmt(direct, 2)} ms | ` +
        `added +${fmt(added, 2)} ms | goal <= +1 ms: ${verdict(added <= 1)} | ` +
        `a bare relay: ${fmt(bareRelay, 2)} ms (+${fmt(bareRelay - direct, 2)}) | load ${loadavg()[0]?.toFixed(1)}`,
    );
  } finally {
    await chat.server.stop();
    store.dispose();
  }
}
