import { pino } from "pino";

export type Logger = pino.Logger;

/**
 * JSON logs. Redaction is a safety net: the code logs ids, counts and timings, never persona content, source text,
 * prompts or credentials.
 */
export function createLogger(
  level: string,
  destination?: pino.DestinationStream,
  file?: { path: string; maxSize: string; keep: number },
): Logger {
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
    file ? withFile(destination, file) : destination,
  );
}

/**
 * Logs to the usual destination and also to a file that pino-roll rotates daily and at `maxSize`, keeping `keep`
 * old files. Redaction happens before either destination sees a line.
 */
function withFile(
  destination: pino.DestinationStream | undefined,
  file: { path: string; maxSize: string; keep: number },
): pino.DestinationStream {
  const roll = pino.transport({
    target: "pino-roll",
    options: { file: file.path, frequency: "daily", size: file.maxSize, mkdir: true, limit: { count: file.keep } },
  });
  return pino.multistream([{ stream: destination ?? pino.destination(1) }, { stream: roll }]);
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
