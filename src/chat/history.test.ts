import { describe, expect, it } from "vitest";
import { extendSummary, fitToBudget } from "./history.ts";
import type { MessageRow } from "./store.ts";

const message = (seq: number, content: string): MessageRow => ({
  id: `msg_${seq}`,
  tenantId: "t",
  conversationId: "c",
  seq,
  role: seq % 2 ? "user" : "assistant",
  content,
  toolCalls: [],
  toolResults: [],
  status: "complete",
  question: null,
  meta: {},
  createdAt: new Date(0),
});

describe("history budget", () => {
  it("keeps the newest messages that fit and trims the oldest", () => {
    const history = [1, 2, 3, 4].map((seq) => message(seq, "x".repeat(400)));
    const { kept, trimmed } = fitToBudget(history, 250);
    expect(kept.map((m) => m.seq)).toEqual([3, 4]);
    expect(trimmed.map((m) => m.seq)).toEqual([1, 2]);
  });

  it("always keeps the newest message, even when it alone is over budget", () => {
    const { kept } = fitToBudget([message(1, "short"), message(2, "y".repeat(10_000))], 100);
    expect(kept.map((m) => m.seq)).toEqual([2]);
  });

  it("summarises trimmed messages by their first sentence and drops the oldest lines past the limit", () => {
    const summary = extendSummary("user: Earlier.", [
      message(1, "First point. More detail."),
      message(2, "Reply here! Then more."),
    ]);
    expect(summary).toBe("user: Earlier.\nuser: First point.\nassistant: Reply here!");
    const capped = extendSummary(summary, [message(3, "z".repeat(100))], 60);
    expect(capped?.startsWith("user: Earlier.")).toBe(false);
    expect(capped?.length).toBeLessThanOrEqual(60);
  });
});
