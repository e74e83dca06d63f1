import { describe, expect, it } from "vitest";
import type { Message } from "../api/chat-types.ts";
import { applyEvent, changesProject, describeTool, draftFromMessage, emptyDraft, type ReplyDraft } from "./reply.ts";
import type { SseEvent } from "./sse.ts";

const ev = (event: string, data: unknown): SseEvent => ({ event, data: JSON.stringify(data) });
const fold = (events: SseEvent[]): ReplyDraft => events.reduce(applyEvent, emptyDraft());

describe("applyEvent", () => {
  it("builds a reply from the documented events", () => {
    const draft = fold([
      ev("message", { conversation_id: "c", user_message_id: "u", assistant_message_id: "a1" }),
      ev("tool_call", { id: "t1", name: "update_prd", args: { section: "functional_requirements" } }),
      ev("tool_result", { id: "t1", name: "update_prd", ok: true, result: { ids: ["FR-3"] } }),
      ev("text", { delta: "Noted " }),
      ev("text", { delta: "FR-3." }),
      ev("question", { question: "Which first?", options: [{ key: "A", label: "Web" }, { key: "B" }] }),
      ev("done", { message_id: "a1", status: "complete" }),
    ]);
    expect(draft.text).toBe("Noted FR-3.");
    expect(draft.messageId).toBe("a1");
    expect(draft.status).toBe("complete");
    expect(draft.question).toEqual({ question: "Which first?", options: [{ key: "A", label: "Web" }] });
    expect(draft.tools).toHaveLength(1);
    expect(draft.tools[0]?.result?.ok).toBe(true);
    expect(changesProject(draft)).toBe(true);
  });

  it("keeps an error visible through done, and ignores unknown events and malformed data", () => {
    const draft = fold([
      ev("text", { delta: "Hel" }),
      { event: "text", data: "not json" },
      ev("mystery", { x: 1 }),
      ev("error", { title: "Bad gateway", detail: "The model provider failed", status: 502 }),
      ev("done", { message_id: "a", status: "complete" }),
    ]);
    expect(draft.text).toBe("Hel");
    expect(draft.status).toBe("error");
    expect(draft.error).toBe("The model provider failed.");
  });

  it("records a tool result even when its call was not seen", () => {
    const draft = fold([ev("tool_result", { id: "x", name: "render_wireframe", ok: false, error: "too large" })]);
    expect(draft.tools).toEqual([
      {
        call: { id: "x", name: "render_wireframe", args: undefined },
        result: expect.objectContaining({ ok: false, error: "too large" }),
      },
    ]);
    expect(changesProject(draft)).toBe(false);
  });
});

describe("describeTool", () => {
  it.each([
    [
      { id: "1", name: "update_prd", args: { section: "functional_requirements" } },
      { id: "1", name: "update_prd", ok: true, result: { ids: ["FR-3"], section: "functional_requirements" } },
      "updated FR-3",
    ],
    [{ id: "1", name: "update_prd", args: { section: "non_goals" } }, undefined, "updating non goals…"],
    [
      { id: "1", name: "render_wireframe", args: { name: "Checkout" } },
      { id: "1", name: "render_wireframe", ok: true, result: { name: "Checkout" } },
      "rendered wireframe ‘Checkout’",
    ],
    [
      { id: "1", name: "render_wireframe", args: { name: "Huge" } },
      { id: "1", name: "render_wireframe", ok: false, error: "too wide" },
      "rendered wireframe ‘Huge’ — failed: too wide",
    ],
    [
      { id: "1", name: "set_project_name", args: { name: "Shift Swap" } },
      { id: "1", name: "set_project_name", ok: true, result: { name: "Shift Swap" } },
      "named the project ‘Shift Swap’",
    ],
    [
      { id: "1", name: "update_whats_next", args: {} },
      { id: "1", name: "update_whats_next", ok: true },
      "updated what's next",
    ],
    [{ id: "1", name: "new_tool", args: {} }, { id: "1", name: "new_tool", ok: true }, "new tool"],
  ])("%o -> %s", (call, result, words) => expect(describeTool(call, result)).toBe(words));
});

it("shows a stored message like a streamed one", () => {
  const message: Message = {
    id: "m",
    conversation_id: "c",
    seq: 2,
    role: "assistant",
    content: "Hi",
    status: "incomplete",
    tool_calls: [{ id: "t", name: "update_prd", args: {} }],
    tool_results: [{ id: "t", name: "update_prd", ok: true, result: { ids: ["UJ-1"] } }],
    question: null,
    created_at: "2024-01-01T00:00:00Z",
  };
  const draft = draftFromMessage(message);
  expect(draft.status).toBe("incomplete");
  expect(describeTool(draft.tools[0]?.call ?? { id: "", name: "", args: null }, draft.tools[0]?.result)).toBe(
    "updated UJ-1",
  );
});
