import { CHAT_LIMITS } from "./schemas.ts";
import type { MessageRow } from "./store.ts";

/** A rough token count (about 4 characters per token in English), good enough for a budget. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4) + 4;

const messageTokens = (m: Pick<MessageRow, "content" | "toolCalls" | "toolResults">) =>
  estimateTokens(m.content) + (m.toolCalls.length ? estimateTokens(JSON.stringify(m.toolCalls)) / 4 : 0);

export interface ContextWindow {
  /** The newest messages that fit the budget, oldest first. */
  kept: MessageRow[];
  /** Older messages that did not fit, oldest first. */
  trimmed: MessageRow[];
}

/** Keeps the newest messages within the token budget; the oldest go first. The newest one is always kept. */
export function fitToBudget(history: MessageRow[], budget: number = CHAT_LIMITS.historyTokenBudget): ContextWindow {
  let used = 0;
  let start = history.length;
  for (let i = history.length - 1; i >= 0; i--) {
    const row = history[i];
    if (!row) break;
    const cost = messageTokens(row);
    if (used + cost > budget && start < history.length) break;
    used += cost;
    start = i;
  }
  return { kept: history.slice(start), trimmed: history.slice(0, start) };
}

const firstSentence = (text: string, max = 160) => {
  const flat = text.replace(/\s+/g, " ").trim();
  const end = flat.search(/[.!?](\s|$)/);
  const sentence = end > 0 ? flat.slice(0, end + 1) : flat;
  return sentence.length > max ? `${sentence.slice(0, max - 1)}…` : sentence;
};

/**
 * Extends the stored summary with the messages trimmed since: one line per message (its first sentence), the oldest
 * lines dropped when the summary outgrows its limit. Deterministic, so it costs no model call.
 */
export function extendSummary(
  previous: string | null,
  trimmed: MessageRow[],
  max: number = CHAT_LIMITS.summaryChars,
): string | null {
  if (trimmed.length === 0) return previous;
  const lines = [
    ...(previous ? previous.split("\n") : []),
    ...trimmed.filter((m) => m.content.trim()).map((m) => `${m.role}: ${firstSentence(m.content)}`),
  ];
  while (lines.join("\n").length > max && lines.length > 1) lines.shift();
  const text = lines.join("\n");
  return text.length > max ? text.slice(text.length - max) : text;
}
