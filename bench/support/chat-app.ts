import { type Served, serveProject } from "./process.ts";
import { type BenchStore, PROJECT_ENV } from "./stores.ts";

export interface ChatApp {
  server: Served;
  auth: Record<string, string>;
  /** A new conversation with the bench persona (one reply streams at a time per conversation). */
  newConversation(): Promise<string>;
  messagesUrl(conversationId: string): string;
}

/**
 * Which provider the chat benches configure: openai-compatible (default) reads text-only replies itself
 * (src/llm/chat-completions.ts); BENCH_CHAT_PROVIDER=openai measures the AI SDK's provider on the same upstream.
 */
export const CHAT_PROVIDER = process.env.BENCH_CHAT_PROVIDER ?? "openai-compatible";

/**
 * The project's server with the LLM provider pointing at `upstream`, and a persona (offline engine) to talk to.
 * `checkout`: another built copy of the project to serve (see serveProject).
 */
export async function startChatApp(store: BenchStore, upstream: { url: string }, checkout?: string): Promise<ChatApp> {
  const server = await serveProject(
    {
      ...store.env,
      ...PROJECT_ENV,
      LLM_PROVIDER: CHAT_PROVIDER,
      LLM_MODEL: "bench",
      OPENAI_API_KEY: "bench-key",
      OPENAI_BASE_URL: upstream.url,
    },
    checkout,
  );
  const auth = { authorization: `Bearer ${store.key}` };
  const post = async (path: string, body?: unknown): Promise<{ id: string }> => {
    const res = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { ...auth, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  try {
    const persona = await post("/v1/personas", {
      texts: ["I'm Priya Raman, a logistics coordinator in Pune. I love cycling on weekends."],
      engine: "offline",
    });
    return {
      server,
      auth,
      newConversation: async () => (await post(`/v1/personas/${persona.id}/conversations`)).id,
      messagesUrl: (id) => `${server.url}/v1/conversations/${id}/messages`,
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** The first line that carries text, in the project's (and the bare relay's) SSE and in the upstream's. */
export const FIRST_TEXT = /^event: text$/;
export const FIRST_UPSTREAM_TEXT = /^data: .*"content":"[^"]/;
