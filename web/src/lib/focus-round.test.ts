import { describe, expect, it } from "vitest";
import type { FocusGroupMessage } from "../api/focus-group-types.ts";
import { applyGroupEvent, emptyRound, groupEvent, roundsOf } from "./focus-round.ts";

const sse = (event: string, data: unknown) => ({ event, data: JSON.stringify(data) });
const fold = (events: { event: string; data: string }[]) =>
  events.reduce(
    (draft, e) => {
      const event = groupEvent(e);
      return event ? applyGroupEvent(draft, event) : draft;
    },
    emptyRound("Where do you shop?", [
      { id: "per_a", name: "Maya" },
      { id: "per_b", name: "Omar" },
    ]),
  );

const question = { id: "msg_q", role: "user", content: "Where do you shop?", status: "complete", created_at: "t" };

describe("a focus-group round as it streams", () => {
  it("keeps each persona's text in its own column however the deltas interleave", () => {
    const draft = fold([
      sse("message", {
        focus_group_id: "fgr_1",
        question,
        answers: [
          { persona_id: "per_a", persona_name: "Maya", message_id: "msg_a" },
          { persona_id: "per_b", persona_name: "Omar", message_id: "msg_b" },
        ],
      }),
      sse("text", { persona_id: "per_b", delta: "At the " }),
      sse("text", { persona_id: "per_a", delta: "Online, " }),
      sse("text", { persona_id: "per_b", delta: "market." }),
      sse("persona_done", { persona_id: "per_b", message_id: "msg_b", status: "complete" }),
      sse("text", { persona_id: "per_a", delta: "mostly." }),
    ]);
    expect(draft.answers.map((a) => [a.personaName, a.text, a.status])).toEqual([
      ["Maya", "Online, mostly.", "streaming"],
      ["Omar", "At the market.", "complete"],
    ]);
    expect(draft.done).toBe(false);
  });

  it("says why one persona failed while the others answer, and ends what the stream never closed", () => {
    const draft = fold([
      sse("text", { persona_id: "per_a", delta: "Hello" }),
      sse("persona_done", {
        persona_id: "per_b",
        message_id: "msg_b",
        status: "error",
        error: {
          type: "t",
          title: "Upstream",
          status: 503,
          detail: "The model is overloaded",
          code: "upstream_unavailable",
        },
      }),
      sse("done", { question_id: "msg_q", answers: [] }),
    ]);
    expect(draft.answers[1]).toMatchObject({ status: "error", error: "The model is overloaded." });
    expect(draft.answers[0]?.status).toBe("incomplete");
    expect(draft.done).toBe(true);
  });

  it("skips events whose data is not JSON", () => {
    expect(fold([{ event: "text", data: "not json" }]).answers.every((a) => a.text === "")).toBe(true);
  });
});

describe("the stored transcript as rounds", () => {
  it("puts each answer under the question it answers", () => {
    const m = (id: string, role: "user" | "assistant", extra: Partial<FocusGroupMessage> = {}): FocusGroupMessage => ({
      id,
      role,
      content: id,
      status: "complete",
      created_at: "t",
      ...extra,
    });
    const rounds = roundsOf([
      m("q1", "user"),
      m("a1", "assistant", { question_id: "q1", persona_id: "per_a" }),
      m("q2", "user"),
      m("b1", "assistant", { question_id: "q1", persona_id: "per_b" }),
      m("a2", "assistant", { question_id: "q2", persona_id: "per_a" }),
    ]);
    expect(rounds.map((r) => [r.question.id, r.answers.map((a) => a.id)])).toEqual([
      ["q1", ["a1", "b1"]],
      ["q2", ["a2"]],
    ]);
  });
});
