import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_MAX_OUTPUT_TOKENS, DEFAULT_MODELS, loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("runs with no variables at all: loopback, embedded store, offline engine, no auth", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
      dataDir: "./data",
      databaseUrl: undefined,
      llm: { provider: "offline" },
      auth: { mode: "none" },
      fetchAllowHosts: [],
    });
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ HOST: "0.0.0.0" }, "AUTH_MODE"],
    [{ HOST: "not a host" }, "HOST"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ LLM_PROVIDER: "gpt" }, "LLM_PROVIDER"],
    [{ LLM_PROVIDER: "openai", LLM_MODEL: "m" }, "OPENAI_API_KEY"],
    [{ LLM_PROVIDER: "anthropic", ANTHROPIC_API_KEY: "k" }, "LLM_MODEL"],
    [{ LLM_PROVIDER: "openai-compatible", LLM_MODEL: "m" }, "OPENAI_BASE_URL"],
    [{ AUTH_MODE: "jwt" }, "JWT_SECRET"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
  ])("names the bad variable in %j", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${variable}:`));
  });

  it("never echoes a secret in the error", () => {
    try {
      loadConfig({ LLM_PROVIDER: "openai", OPENAI_API_KEY: "sk-very-secret", LLM_MODEL: "" });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain("sk-very-secret");
    }
  });

  it("allows a public HOST once auth is on, and parses lists", () => {
    const config = loadConfig({
      HOST: "0.0.0.0",
      AUTH_MODE: "apikey",
      FETCH_ALLOW_HOSTS: "127.0.0.1:8080, LOCALHOST:9000",
      CORS_ORIGINS: "https://a.example,https://b.example",
    });
    expect(config.fetchAllowHosts).toEqual(["127.0.0.1:8080", "localhost:9000"]);
    expect(config.corsOrigins).toEqual(["https://a.example", "https://b.example"]);
  });

  describe("settings users already have", () => {
    it("picks the provider whose key is present when LLM_PROVIDER is unset, and says so", () => {
      const openai = loadConfig({ OPENAI_API_KEY: "sk-secret-1" });
      expect(openai.llm).toMatchObject({ provider: "openai", model: DEFAULT_MODELS.openai });
      expect(openai.notices).toEqual([
        "LLM_PROVIDER is unset; using openai because OPENAI_API_KEY is set",
        `LLM_MODEL is unset; using ${DEFAULT_MODELS.openai}`,
      ]);
      const anthropic = loadConfig({ ANTHROPIC_API_KEY: "sk-ant-secret", LLM_MODEL: "claude-x" });
      expect(anthropic.llm).toMatchObject({ provider: "anthropic", model: "claude-x" });
      expect(anthropic.notices).toEqual(["LLM_PROVIDER is unset; using anthropic because ANTHROPIC_API_KEY is set"]);
      const both = loadConfig({ OPENAI_API_KEY: "a", ANTHROPIC_API_KEY: "b", LLM_MODEL: "m" });
      expect(both.llm.provider).toBe("openai");
      expect(both.notices[0]).toContain("set LLM_PROVIDER to choose");
      for (const config of [openai, anthropic, both]) expect(JSON.stringify(config.notices)).not.toMatch(/secret/);
    });

    it("keeps an explicit LLM_PROVIDER, offline included, and reads nothing silently", () => {
      expect(loadConfig({ LLM_PROVIDER: "offline", OPENAI_API_KEY: "k" }).llm.provider).toBe("offline");
      expect(loadConfig({}).notices).toEqual([]);
    });

    it("reads OPENAI_MODEL as LLM_MODEL and MAX_TOKENS as LLM_MAX_OUTPUT_TOKENS; the documented names win", () => {
      const seed = loadConfig({ OPENAI_API_KEY: "k", OPENAI_MODEL: "gpt-seed", MAX_TOKENS: "2048" });
      expect(seed.llm).toMatchObject({ provider: "openai", model: "gpt-seed", maxOutputTokens: 2048 });
      expect(seed.notices).toEqual([
        "OPENAI_MODEL is read as LLM_MODEL",
        "MAX_TOKENS is read as LLM_MAX_OUTPUT_TOKENS",
        "LLM_PROVIDER is unset; using openai because OPENAI_API_KEY is set",
      ]);
      const ours = loadConfig({
        OPENAI_API_KEY: "k",
        LLM_MODEL: "ours",
        OPENAI_MODEL: "theirs",
        LLM_MAX_OUTPUT_TOKENS: "4000",
        MAX_TOKENS: "9",
      });
      expect(ours.llm).toMatchObject({ model: "ours", maxOutputTokens: 4000 });
      expect(loadConfig({}).llm.maxOutputTokens).toBe(DEFAULT_MAX_OUTPUT_TOKENS);
    });

    it.each([
      [{ LLM_MAX_OUTPUT_TOKENS: "lots" }, "LLM_MAX_OUTPUT_TOKENS"],
      [{ MAX_TOKENS: "12" }, "LLM_MAX_OUTPUT_TOKENS"],
    ])("names a bad output limit in %j", (env, variable) => {
      expect(() => loadConfig(env)).toThrow(new RegExp(`${variable}:`));
    });

    it("takes a separate chat model", () => {
      const config = loadConfig({ OPENAI_API_KEY: "k", LLM_MODEL: "big", LLM_CHAT_MODEL: "small" });
      expect(config.llm).toMatchObject({ model: "big", chatModel: "small" });
    });

    it("stops on SUPABASE_* without DATABASE_URL, naming the connection string to use", () => {
      const env = { SUPABASE_URL: "https://abc.supabase.co", SUPABASE_ANON_KEY: "eyJ-secret" };
      expect(() => loadConfig(env)).toThrow(ConfigError);
      try {
        loadConfig(env);
      } catch (error) {
        const message = String(error);
        expect(message).toContain("SUPABASE_ANON_KEY, SUPABASE_URL are set but DATABASE_URL is not");
        expect(message).toContain("Session pooler, port 5432");
        expect(message).not.toContain("eyJ-secret");
      }
      expect(loadConfig({ ...env, DATABASE_URL: "postgres://u:p@127.0.0.1:5432/db" }).databaseUrl).toMatch(/^postgres/);
    });
  });
});
