/**
 * chat: time to the first `text` event of a persona reply streamed by the project's server (its own process, LLM
 * provider pointing at a fake OpenAI upstream in this process that answers at once), against the time to the first
 * text chunk of the same upstream request sent directly. 20 sequential replies per round (each in a new
 * conversation, so the prompt stays the same), p50 per round, median of 3 alternating rounds.
 * Goal (issue 13): <= 1 ms added.
 */
import { reply, startFakeOpenAI } from "../test/fakes/openai-upstream.ts";
import { CHAT_PROVIDER, FIRST_TEXT, FIRST_UPSTREAM_TEXT, startChatApp } from "./support/chat-app.ts";
import { alternate, fmt, percentile, verdict } from "./support/measure.ts";
import { openStream } from "./support/sse.ts";
import { benchStoreNames, openBenchStore } from "./support/stores.ts";

const REPLIES = 20;

export async function benchChat(): Promise<void> {
  const fake = await startFakeOpenAI();
  fake.setFallback(reply.text("Hello! I'm Priya, and I coordinate logistics in Pune. Ask me about my week."));
  const storeName = benchStoreNames()[0] ?? "pglite";
  const store = await openBenchStore(storeName);
  const chat = await startChatApp(store, fake);
  try {
    console.log(
      `chat (time to the first text event, ${REPLIES} replies per round; ${storeName}; LLM_PROVIDER=${CHAT_PROVIDER}; median of 3)`,
    );
    const projectReply = async () => {
      const conversation = await chat.newConversation();
      const stream = await openStream(chat.messagesUrl(conversation), { content: "Hi" }, FIRST_TEXT, chat.auth);
      await stream.ended();
      return stream.firstMs;
    };
    for (let i = 0; i < 5; i++) await projectReply(); // warm-up
    const upstreamBody = fake.requests.findLast((r) => r.stream)?.body;
    if (!upstreamBody) throw new Error("the project sent no streaming request upstream");
    const directReply = async () => {
      const stream = await openStream(`${fake.url}/chat/completions`, upstreamBody, FIRST_UPSTREAM_TEXT, {
        authorization: "Bearer bench-key",
      });
      await stream.ended();
      return stream.firstMs;
    };
    const p50Of = async (one: () => Promise<number>) => {
      const times: number[] = [];
      for (let i = 0; i < REPLIES; i++) times.push(await one());
      return { p50: percentile(times, 50) };
    };
    const { project, bare } = await alternate(
      () => p50Of(projectReply),
      () => p50Of(directReply),
    );
    const added = project.p50 - bare.p50;
    console.log(
      `  first text event p50 ${fmt(project.p50, 1)} ms | upstream's first text chunk directly ${fmt(bare.p50, 1)} ms | ` +
        `added +${fmt(added, 1)} ms | goal <= +1 ms: ${verdict(added <= 1)}`,
    );
  } finally {
    await chat.server.stop();
    await fake.close();
    store.dispose();
  }
}
