/**
 * A user of the original backend starts the real server with the variables they already have (OPENAI_API_KEY,
 * OPENAI_MODEL, MAX_TOKENS, SUPABASE_*): the settings take effect, the start-up log says how they were read, and
 * /v1/capabilities shows what is in effect.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeUpstream, reply, startFakeOpenAI } from "./fakes/openai-upstream.ts";

/** Environment without anything a developer's shell might add that would change the engine or the store. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(LLM_|OPENAI_|ANTHROPIC_|SUPABASE_|DATABASE_URL$|MAX_TOKENS$)/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", DATA_DIR: "memory://", ...extra };
}

function start(extra: Record<string, string>): { child: ChildProcess; output: () => string; url: Promise<string> } {
  const child = spawn(process.execPath, ["dist/main.js"], { env: cleanEnv(extra), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { child, output: () => output, url };
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on("exit", resolve));

describe("settings users already have", () => {
  let fake: FakeUpstream;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    await fake.close();
  });

  it("uses OPENAI_API_KEY, OPENAI_MODEL, MAX_TOKENS and LLM_CHAT_MODEL, and says how it read them", async () => {
    const server = start({
      OPENAI_API_KEY: "test-key-never-real",
      OPENAI_BASE_URL: fake.url,
      OPENAI_MODEL: "gpt-seed",
      MAX_TOKENS: "1234",
      LLM_CHAT_MODEL: "gpt-chat",
    });
    try {
      const url = await server.url;
      const log = server.output();
      expect(log).toContain("settings: LLM_PROVIDER is unset; using openai because OPENAI_API_KEY is set");
      expect(log).toContain("settings: OPENAI_MODEL is read as LLM_MODEL");
      expect(log).toContain("settings: MAX_TOKENS is read as LLM_MAX_OUTPUT_TOKENS");
      expect(log).not.toContain("test-key-never-real");

      const capabilities = await (await fetch(`${url}/v1/capabilities`)).json();
      expect(capabilities).toMatchObject({
        engines: {
          llm: { provider: "openai", model: "gpt-seed", chat_model: "gpt-chat", max_output_tokens: 1234 },
        },
        default_engine: "llm",
        store: "embedded",
      });

      fake.script(
        reply.json({ name: [{ value: "Ana", source_id: "S1", quote: "Ana", kind: "stated", same_as: null }] }),
      );
      const created = await fetch(`${url}/v1/personas`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ texts: ["I'm Ana."] }),
      });
      expect(created.status).toBe(201);
      const extraction = fake.requests.at(-1)?.body as Record<string, unknown>;
      expect(extraction).toMatchObject({ model: "gpt-seed" });
      expect(extraction.max_tokens ?? extraction.max_completion_tokens).toBe(1234);

      const persona = (await created.json()) as { id: string };
      const conversation = (await (
        await fetch(`${url}/v1/personas/${persona.id}/conversations`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        })
      ).json()) as { id: string };
      fake.script(reply.text("Hello, I'm Ana."));
      const answered = await fetch(`${url}/v1/conversations/${conversation.id}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ content: "Hi!" }),
      });
      expect(answered.status).toBeLessThan(300);
      await answered.text();
      const chat = fake.requests.at(-1)?.body as Record<string, unknown>;
      expect(chat).toMatchObject({ model: "gpt-chat" });
      expect(chat.max_tokens ?? chat.max_completion_tokens).toBe(1234);
    } finally {
      server.child.kill("SIGTERM");
      await exited(server.child);
    }
  }, 180_000);

  it("stops on SUPABASE_* without DATABASE_URL and says which connection string to use", async () => {
    const server = start({ SUPABASE_URL: "https://abc.supabase.co", SUPABASE_SERVICE_ROLE_KEY: "eyJ-secret" });
    server.url.catch(() => {});
    expect(await exited(server.child)).toBe(2);
    expect(server.output()).toContain("DATABASE_URL");
    expect(server.output()).toContain("Session pooler");
    expect(server.output()).not.toContain("eyJ-secret");
  }, 60_000);
});
