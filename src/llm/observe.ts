import type { LanguageModelMiddleware } from "ai";
import type { LlmOutcome, Metrics } from "../observability/metrics.ts";

type Usage = { inputTokens: { total: number | undefined }; outputTokens: { total: number | undefined } };

function outcomeOf(error: unknown): LlmOutcome {
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError") return "timeout";
  if (name === "AbortError") return "aborted";
  return "error";
}

/**
 * Counts every model call (each attempt of a retried call is its own call), its duration, outcome and the tokens the
 * provider reports, for one provider. Streams are measured until their last chunk; an `error` chunk or a broken
 * stream counts as an error.
 */
export function observeLlm(metrics: Metrics, provider: string): LanguageModelMiddleware {
  const record = (started: number, outcome: LlmOutcome, usage?: Usage) => {
    metrics.llmCalls.inc({ provider, outcome });
    metrics.llmDuration.observe({ provider, outcome }, (performance.now() - started) / 1000);
    if (usage?.inputTokens.total) metrics.llmTokens.inc({ provider, kind: "input" }, usage.inputTokens.total);
    if (usage?.outputTokens.total) metrics.llmTokens.inc({ provider, kind: "output" }, usage.outputTokens.total);
  };
  return {
    specificationVersion: "v3",
    async wrapGenerate({ doGenerate }) {
      const started = performance.now();
      try {
        const result = await doGenerate();
        record(started, "success", result.usage);
        return result;
      } catch (error) {
        record(started, outcomeOf(error));
        throw error;
      }
    },
    async wrapStream({ doStream }) {
      const started = performance.now();
      let result: Awaited<ReturnType<typeof doStream>>;
      try {
        result = await doStream();
      } catch (error) {
        record(started, outcomeOf(error));
        throw error;
      }
      let done = false;
      const finish = (outcome: LlmOutcome, usage?: Usage) => {
        if (done) return;
        done = true;
        record(started, outcome, usage);
      };
      let usage: Usage | undefined;
      let failed = false;
      const reader = result.stream.getReader();
      const observed = new ReadableStream<typeof result.stream extends ReadableStream<infer P> ? P : never>({
        async pull(controller) {
          try {
            const { value, done: ended } = await reader.read();
            if (ended) {
              finish(failed ? "error" : "success", usage);
              controller.close();
              return;
            }
            if (value.type === "finish") usage = value.usage;
            if (value.type === "error") failed = true;
            controller.enqueue(value);
          } catch (error) {
            finish(outcomeOf(error));
            controller.error(error);
          }
        },
        cancel(reason) {
          finish(outcomeOf(reason));
          return reader.cancel(reason);
        },
      });
      return { ...result, stream: observed };
    },
  };
}
