import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

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
});
