import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import { z } from "zod";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);
export const isLoopbackHost = (host: string): boolean => LOOPBACK_HOSTS.has(host) || host.startsWith("127.");

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());

const milliseconds = (fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3_600_000).default(fallback));

/** Enough for a full persona with evidence; set explicitly so providers do not pick their own (huge) defaults. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 8_192;

/** The model used when a provider is chosen by its key alone and no model is named. */
export const DEFAULT_MODELS = { openai: "gpt-4.1-mini", anthropic: "claude-sonnet-4-5" } as const;

const ConfigSchema = z
  .object({
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65_535).default(3000)),
    HOST: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default("127.0.0.1")
        .refine((h) => h === "localhost" || isIP(h) !== 0, "must be an IP address or localhost"),
    ),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./data")),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
        .optional(),
    ),
    LLM_PROVIDER: z.preprocess(
      emptyToUndefined,
      z.enum(["offline", "openai", "anthropic", "openai-compatible"]).default("offline"),
    ),
    LLM_MODEL: optionalString,
    // A separate (often cheaper or faster) model for chat replies; extraction keeps LLM_MODEL.
    LLM_CHAT_MODEL: optionalString,
    LLM_MAX_OUTPUT_TOKENS: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(256).max(1_000_000).default(DEFAULT_MAX_OUTPUT_TOKENS),
    ),
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalUrl,
    ANTHROPIC_API_KEY: optionalString,
    ANTHROPIC_BASE_URL: optionalUrl,
    AUTH_MODE: z.preprocess(emptyToUndefined, z.enum(["none", "apikey", "jwt"]).default("none")),
    API_KEY_CACHE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(3600).default(30)),
    JWT_SECRET: optionalString,
    JWT_JWKS_URL: optionalUrl,
    JWT_ISSUER: optionalString,
    JWT_AUDIENCE: optionalString,
    FETCH_ALLOW_HOSTS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default("")
        .transform((s) =>
          s
            .split(",")
            .map((h) => h.trim().toLowerCase())
            .filter(Boolean),
        ),
    ),
    CORS_ORIGINS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default("")
        .transform((s) =>
          s
            .split(",")
            .map((o) => o.trim())
            .filter(Boolean),
        ),
    ),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    ),
    BODY_LIMIT_BYTES: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number()
        .int()
        .positive()
        .default(16 * 1024 * 1024),
    ),
    RATE_LIMIT_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(600)),
    // Requests a minute that one client address may send with missing or wrong credentials (401s); past it every
    // request from that address gets 429 for the rest of the minute, before any credential lookup.
    UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(60)),
    // Proxies (load balancers) in front of the nodes: the client address is read from X-Forwarded-For that many
    // entries from the right. 0 = the TCP peer is the client.
    // How long the answer to a request with an Idempotency-Key is kept and replayed to retries (at least a day).
    IDEMPOTENCY_KEY_TTL_HOURS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(24).max(8760).default(24)),
    TRUST_PROXY_HOPS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(10).default(0)),
    // One core stays with the event loop (I/O, validation, storage); the rest run synthesis.
    SYNTHESIS_THREADS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number()
        .int()
        .min(1)
        .max(256)
        .default(Math.max(1, availableParallelism() - 1)),
    ),
    SYNTHESIS_QUEUE_MAX: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(16)),
    SYNTHESIS_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).default(120_000)),
    // Async jobs (Prefer: respond-async) this node runs at once, and how often a job is tried before it fails (a
    // busy node, a lost database connection or a crashed node count as attempts). 0 = as many as SYNTHESIS_THREADS.
    JOBS_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(256).default(0)),
    JOBS_MAX_ATTEMPTS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(20).default(3)),
    // Postgres: a job running this long is taken for lost (its node died) and tried again on any node. 0 = twice the
    // synthesis budget plus two minutes for fetching and storing.
    JOBS_EXPIRE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(86_400).default(0)),
    SHUTDOWN_GRACE_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(5_000)),
    // Slow clients: a request must send its headers within HTTP_HEADERS_TIMEOUT_MS and all of itself within
    // HTTP_REQUEST_TIMEOUT_MS, or the connection is closed (slow-loris). Idle keep-alive sockets close after
    // HTTP_KEEP_ALIVE_TIMEOUT_MS; behind a load balancer, set it above the balancer's idle timeout.
    HTTP_HEADERS_TIMEOUT_MS: milliseconds(10_000),
    HTTP_REQUEST_TIMEOUT_MS: milliseconds(60_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: milliseconds(5_000),
    // Bearer token for GET /metrics; unset = served to loopback clients only.
    METRICS_TOKEN: optionalString,
    // Also write logs to this file, rotated daily and at LOG_FILE_MAX_SIZE (e.g. 10m, 1g); LOG_FILE_KEEP files kept.
    LOG_FILE: optionalString,
    LOG_FILE_MAX_SIZE: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^\d+[kmg]?$/i, "a size like 500k, 10m or 1g")
        .default("50m"),
    ),
    LOG_FILE_KEEP: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1000).default(14)),
    // Voice (src/voice): which engine transcribes and which speaks — auto (a provider if configured, else the offline
    // programs when installed), offline, provider or none — and the limits on audio in.
    VOICE_TRANSCRIPTION: z.preprocess(
      emptyToUndefined,
      z.enum(["auto", "offline", "provider", "none"]).default("auto"),
    ),
    VOICE_SPEECH: z.preprocess(emptyToUndefined, z.enum(["auto", "offline", "provider", "none"]).default("auto")),
    // A provider for voice: OpenAI (used when LLM_PROVIDER=openai) or any OpenAI-compatible speech server, e.g. a
    // local Whisper server at VOICE_BASE_URL (the accurate private option).
    VOICE_BASE_URL: optionalUrl,
    VOICE_API_KEY: optionalString,
    VOICE_TRANSCRIPTION_MODEL: z.preprocess(emptyToUndefined, z.string().default("whisper-1")),
    VOICE_SPEECH_MODEL: z.preprocess(emptyToUndefined, z.string().default("tts-1")),
    VOICE_SPEECH_VOICE: z.preprocess(emptyToUndefined, z.string().default("alloy")),
    VOICE_ESPEAK_VOICE: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[a-z][a-z0-9+_-]{0,40}$/i, "an espeak-ng voice name such as en-us")
        .default("en-us"),
    ),
    VOICE_MAX_BYTES: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number()
        .int()
        .positive()
        .default(10 * 1024 * 1024),
    ),
    VOICE_MAX_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3600).default(120)),
    VOICE_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).default(180_000)),
    VOICE_PROCESSES: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number()
        .int()
        .min(1)
        .max(256)
        .default(Math.max(1, availableParallelism() - 1)),
    ),
    VOICE_QUEUE_MAX: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(8)),
  })
  .superRefine((c, ctx) => {
    if (c.AUTH_MODE === "none" && !isLoopbackHost(c.HOST)) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_MODE"],
        message: `AUTH_MODE=none is only allowed while HOST is a loopback address (HOST is ${c.HOST}); set AUTH_MODE=apikey or jwt`,
      });
    }
    if (c.HTTP_HEADERS_TIMEOUT_MS > c.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({
        code: "custom",
        path: ["HTTP_HEADERS_TIMEOUT_MS"],
        message: "must not be larger than HTTP_REQUEST_TIMEOUT_MS",
      });
    }
    if (c.AUTH_MODE === "jwt" && !c.JWT_SECRET && !c.JWT_JWKS_URL) {
      ctx.addIssue({ code: "custom", path: ["JWT_SECRET"], message: "AUTH_MODE=jwt needs JWT_SECRET or JWT_JWKS_URL" });
    }
    if (c.LLM_PROVIDER === "openai" && !c.OPENAI_API_KEY) {
      ctx.addIssue({ code: "custom", path: ["OPENAI_API_KEY"], message: "LLM_PROVIDER=openai needs OPENAI_API_KEY" });
    }
    if (c.LLM_PROVIDER === "anthropic" && !c.ANTHROPIC_API_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["ANTHROPIC_API_KEY"],
        message: "LLM_PROVIDER=anthropic needs ANTHROPIC_API_KEY",
      });
    }
    if (c.LLM_PROVIDER === "openai-compatible" && !c.OPENAI_BASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["OPENAI_BASE_URL"],
        message: "LLM_PROVIDER=openai-compatible needs OPENAI_BASE_URL (e.g. http://127.0.0.1:11434/v1 for Ollama)",
      });
    }
    const voiceProvider = c.VOICE_BASE_URL !== undefined || c.LLM_PROVIDER === "openai";
    for (const variable of ["VOICE_TRANSCRIPTION", "VOICE_SPEECH"] as const) {
      if (c[variable] === "provider" && !voiceProvider) {
        ctx.addIssue({
          code: "custom",
          path: [variable],
          message: `${variable}=provider needs VOICE_BASE_URL (an OpenAI-compatible speech server) or LLM_PROVIDER=openai`,
        });
      }
    }
    if (c.LLM_PROVIDER !== "offline" && !c.LLM_MODEL) {
      ctx.addIssue({ code: "custom", path: ["LLM_MODEL"], message: `LLM_PROVIDER=${c.LLM_PROVIDER} needs LLM_MODEL` });
    }
  });

type RawConfig = z.infer<typeof ConfigSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  llm: {
    provider: RawConfig["LLM_PROVIDER"];
    model: string | undefined;
    openaiApiKey: string | undefined;
    openaiBaseUrl: string | undefined;
    anthropicApiKey: string | undefined;
    anthropicBaseUrl: string | undefined;
    /** Model for chat replies when it differs from `model` (LLM_CHAT_MODEL). */
    chatModel?: string | undefined;
    /** Output limit of every model call (LLM_MAX_OUTPUT_TOKENS). */
    maxOutputTokens?: number;
  };
  /** How settings were read when not spelled the documented way (an inferred provider, an alias): logged at start. */
  notices: string[];
  auth: {
    mode: RawConfig["AUTH_MODE"];
    /** How long a node trusts an API key it has verified; a revoked key keeps working that long at most. */
    apiKeyCacheSeconds: number;
    jwtSecret: string | undefined;
    jwksUrl: string | undefined;
    jwtIssuer: string | undefined;
    jwtAudience: string | undefined;
  };
  fetchAllowHosts: string[];
  corsOrigins: string[];
  logLevel: RawConfig["LOG_LEVEL"];
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  unauthenticatedRateLimitPerMinute: number;
  idempotencyKeyTtlHours: number;
  /** Proxies in front of the nodes whose X-Forwarded-For entries are trusted (src/http/client-address.ts). */
  trustProxyHops: number;
  /** The worker pool that runs synthesis off the event loop (src/synthesis/pool.ts). */
  synthesis: { threads: number; queueMax: number; timeoutMs: number };
  /**
   * Async jobs (src/jobs/queue.ts): how many run at once on this node, attempts before a job fails, and (Postgres)
   * how long a running job may go before it is taken for lost and retried.
   */
  jobs: { concurrency: number; maxAttempts: number; expireSeconds: number };
  /** How long SIGTERM waits for in-flight work before abandoning it. */
  shutdownGraceMs: number;
  http: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number };
  metricsToken: string | undefined;
  logFile: { path: string; maxSize: string; keep: number } | undefined;
  /** Speech in and out (src/voice). */
  voice: {
    transcription: RawConfig["VOICE_TRANSCRIPTION"];
    speech: RawConfig["VOICE_SPEECH"];
    espeakVoice: string;
    /** OpenAI or an OpenAI-compatible speech server; undefined when none is configured. */
    provider:
      | {
          baseUrl: string | undefined;
          apiKey: string | undefined;
          transcriptionModel: string;
          speechModel: string;
          speechVoice: string;
        }
      | undefined;
    maxBytes: number;
    maxSeconds: number;
    timeoutMs: number;
    processes: number;
    queueMax: number;
  };
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;
const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== "";

/**
 * Variables users of other tools (and of this project's first backend) already have, read as ours: OPENAI_MODEL for
 * LLM_MODEL, MAX_TOKENS for LLM_MAX_OUTPUT_TOKENS, and — when LLM_PROVIDER is unset — the provider whose key is
 * present. The documented name wins when both are set. Each reading becomes a notice, so nothing happens silently.
 */
function readAliases(env: Env): { env: Env; notices: string[] } {
  const out: Env = { ...env };
  const notices: string[] = [];
  const alias = (ours: string, theirs: string) => {
    if (present(out[ours]) || !present(env[theirs])) return;
    out[ours] = env[theirs];
    notices.push(`${theirs} is read as ${ours}`);
  };
  alias("LLM_MODEL", "OPENAI_MODEL");
  alias("LLM_MAX_OUTPUT_TOKENS", "MAX_TOKENS");
  if (!present(env.LLM_PROVIDER)) {
    const keyed = (["openai", "anthropic"] as const).filter((p) =>
      present(env[p === "openai" ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY"]),
    );
    const [provider] = keyed;
    if (provider) {
      out.LLM_PROVIDER = provider;
      const others =
        keyed.length > 1 ? " (both OPENAI_API_KEY and ANTHROPIC_API_KEY are set: set LLM_PROVIDER to choose)" : "";
      notices.push(
        `LLM_PROVIDER is unset; using ${provider} because ${provider === "openai" ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY"} is set${others}`,
      );
      if (!present(out.LLM_MODEL)) {
        out.LLM_MODEL = DEFAULT_MODELS[provider];
        notices.push(`LLM_MODEL is unset; using ${DEFAULT_MODELS[provider]}`);
      }
    }
  }
  return { env: out, notices };
}

/**
 * SUPABASE_URL and its keys reach Supabase's REST API; this server needs the Postgres connection string. Starting on
 * the embedded store instead would lose the user's data to a local folder without a word, so start-up stops.
 */
function checkSupabase(env: Env): void {
  if (present(env.DATABASE_URL)) return;
  const names = Object.keys(env)
    .filter((name) => name.startsWith("SUPABASE_") && present(env[name]))
    .sort();
  if (names.length === 0) return;
  throw new ConfigError(
    [
      `Invalid configuration:\n  DATABASE_URL: ${names.join(", ")} ${names.length === 1 ? "is" : "are"} set but DATABASE_URL is not.`,
      "  Persona Studio talks to Supabase's Postgres directly, not through its REST API, so the SUPABASE_* keys are not",
      "  enough (without DATABASE_URL it would keep its data in a local embedded store). Set DATABASE_URL to the",
      "  project's connection string for the postgres user in session mode (Supabase dashboard -> Connect ->",
      "  Session pooler, port 5432; or the direct connection), e.g.",
      "  DATABASE_URL=postgresql://postgres.<project-ref>:<password>@aws-0-<region>.pooler.supabase.com:5432/postgres",
      "  Not the transaction pooler (port 6543). To use the embedded store instead, unset the SUPABASE_* variables.",
    ].join("\n"),
  );
}

/** Parses the environment once at start-up; throws a ConfigError naming every bad variable. */
export function loadConfig(rawEnv: Env = process.env): Config {
  checkSupabase(rawEnv);
  const { env, notices } = readAliases(rawEnv);
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: c.DATA_DIR,
    databaseUrl: c.DATABASE_URL,
    llm: {
      provider: c.LLM_PROVIDER,
      model: c.LLM_MODEL,
      openaiApiKey: c.OPENAI_API_KEY,
      openaiBaseUrl: c.OPENAI_BASE_URL,
      anthropicApiKey: c.ANTHROPIC_API_KEY,
      anthropicBaseUrl: c.ANTHROPIC_BASE_URL,
      chatModel: c.LLM_CHAT_MODEL,
      maxOutputTokens: c.LLM_MAX_OUTPUT_TOKENS,
    },
    notices,
    auth: {
      mode: c.AUTH_MODE,
      apiKeyCacheSeconds: c.API_KEY_CACHE_SECONDS,
      jwtSecret: c.JWT_SECRET,
      jwksUrl: c.JWT_JWKS_URL,
      jwtIssuer: c.JWT_ISSUER,
      jwtAudience: c.JWT_AUDIENCE,
    },
    fetchAllowHosts: c.FETCH_ALLOW_HOSTS,
    corsOrigins: c.CORS_ORIGINS,
    logLevel: c.LOG_LEVEL,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE,
    unauthenticatedRateLimitPerMinute: c.UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE,
    trustProxyHops: c.TRUST_PROXY_HOPS,
    idempotencyKeyTtlHours: c.IDEMPOTENCY_KEY_TTL_HOURS,
    synthesis: { threads: c.SYNTHESIS_THREADS, queueMax: c.SYNTHESIS_QUEUE_MAX, timeoutMs: c.SYNTHESIS_TIMEOUT_MS },
    jobs: {
      concurrency: c.JOBS_CONCURRENCY || c.SYNTHESIS_THREADS,
      maxAttempts: c.JOBS_MAX_ATTEMPTS,
      expireSeconds: c.JOBS_EXPIRE_SECONDS || Math.ceil((c.SYNTHESIS_TIMEOUT_MS * 2) / 1000) + 120,
    },
    shutdownGraceMs: c.SHUTDOWN_GRACE_MS,
    http: {
      headersTimeoutMs: c.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: c.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: c.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
    metricsToken: c.METRICS_TOKEN,
    logFile: c.LOG_FILE ? { path: c.LOG_FILE, maxSize: c.LOG_FILE_MAX_SIZE, keep: c.LOG_FILE_KEEP } : undefined,
    voice: {
      transcription: c.VOICE_TRANSCRIPTION,
      speech: c.VOICE_SPEECH,
      espeakVoice: c.VOICE_ESPEAK_VOICE,
      provider:
        c.VOICE_BASE_URL !== undefined || c.LLM_PROVIDER === "openai"
          ? {
              baseUrl: c.VOICE_BASE_URL ?? c.OPENAI_BASE_URL,
              apiKey: c.VOICE_API_KEY ?? (c.VOICE_BASE_URL === undefined ? c.OPENAI_API_KEY : undefined),
              transcriptionModel: c.VOICE_TRANSCRIPTION_MODEL,
              speechModel: c.VOICE_SPEECH_MODEL,
              speechVoice: c.VOICE_SPEECH_VOICE,
            }
          : undefined,
      maxBytes: c.VOICE_MAX_BYTES,
      maxSeconds: c.VOICE_MAX_SECONDS,
      timeoutMs: c.VOICE_TIMEOUT_MS,
      processes: c.VOICE_PROCESSES,
      queueMax: c.VOICE_QUEUE_MAX,
    },
  };
}
