import { pino } from "pino";

export type Logger = pino.Logger;

/**
 * JSON logs. Redaction is a safety net: the code logs ids, counts and timings, never persona content, source text,
 * prompts or credentials.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "persona-studio" },
      redact: {
        paths: [
          "authorization",
          "*.authorization",
          "headers.authorization",
          "*.headers.authorization",
          "apiKey",
          "*.apiKey",
          "api_key",
          "*.api_key",
          "key",
          "*.key",
          "secret",
          "*.secret",
          "password",
          "*.password",
          "token",
          "*.token",
          "texts",
          "*.texts",
          "persona",
          "*.persona",
          "content",
          "*.content",
        ],
        censor: "[redacted]",
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/**
 * What is safe to log about an unexpected error: its class, a database error code and the stack frames. Never the
 * message: drivers and libraries quote the values they choked on, which can be persona content.
 */
export function errorLogFields(error: unknown): Record<string, string | undefined> {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return {
    err_name: error instanceof Error ? error.name : typeof error,
    db_code: typeof cause?.code === "string" ? cause.code : undefined,
    frames:
      error instanceof Error
        ? error.stack
            ?.split("\n")
            .filter((line) => line.trimStart().startsWith("at "))
            .slice(0, 12)
            .join("\n")
        : undefined,
  };
}
