import type { Message, Question, ToolCall, ToolResult } from "../api/chat-types.ts";
import { type ProblemDetails, problemMessage } from "./problem.ts";
import { parseJson, type SseEvent } from "./sse.ts";

/** An assistant reply as it streams in: text so far, tool activity, an optional question, and how it ended. */
export interface ReplyDraft {
  messageId: string | null;
  text: string;
  tools: { call: ToolCall; result?: ToolResult }[];
  question: Question | null;
  status: "streaming" | "complete" | "incomplete" | "error";
  error: string | null;
  /** Offline persona replies: the evidence quotes the answer came from (stored messages only). */
  citations?: { field: string; quote: string }[];
}

export const emptyDraft = (): ReplyDraft => ({
  messageId: null,
  text: "",
  tools: [],
  question: null,
  status: "streaming",
  error: null,
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Folds one SSE event (docs/streaming.md) into the draft; unknown events and malformed data are ignored. */
export function applyEvent(draft: ReplyDraft, event: SseEvent): ReplyDraft {
  const data = parseJson(event.data);
  if (!isObject(data)) return draft;
  switch (event.event) {
    case "message":
      return { ...draft, messageId: str(data.assistant_message_id) ?? draft.messageId };
    case "text":
      return { ...draft, text: draft.text + (str(data.delta) ?? "") };
    case "tool_call": {
      const id = str(data.id);
      const name = str(data.name);
      if (!id || !name) return draft;
      return { ...draft, tools: [...draft.tools, { call: { id, name, args: data.args } }] };
    }
    case "tool_result": {
      const id = str(data.id);
      const name = str(data.name) ?? "";
      if (!id) return draft;
      const result: ToolResult = { id, name, ok: data.ok === true };
      if ("result" in data) result.result = data.result;
      const error = str(data.error);
      if (error !== undefined) result.error = error;
      const known = draft.tools.some((t) => t.call.id === id);
      return {
        ...draft,
        tools: known
          ? draft.tools.map((t) => (t.call.id === id ? { ...t, result } : t))
          : [...draft.tools, { call: { id, name, args: undefined }, result }],
      };
    }
    case "question": {
      const question = str(data.question);
      const options = Array.isArray(data.options)
        ? data.options.flatMap((o) =>
            isObject(o) && str(o.key) && str(o.label) ? [{ key: String(o.key), label: String(o.label) }] : [],
          )
        : [];
      return question ? { ...draft, question: { question, options } } : draft;
    }
    case "error":
      return { ...draft, status: "error", error: problemMessage(data as ProblemDetails, Number(data.status) || 500) };
    case "done": {
      const status = str(data.status);
      const final = status === "complete" || status === "incomplete" || status === "error" ? status : "complete";
      return {
        ...draft,
        messageId: str(data.message_id) ?? draft.messageId,
        status: draft.status === "error" ? "error" : final,
      };
    }
    default:
      return draft;
  }
}

/** A stored assistant message shown the same way as a streamed one. */
export function draftFromMessage(message: Message): ReplyDraft {
  return {
    messageId: message.id,
    text: message.content,
    tools: message.tool_calls.map((call) => {
      const result = message.tool_results.find((r) => r.id === call.id);
      return result ? { call, result } : { call };
    }),
    question: message.question,
    status: message.status,
    error: null,
    ...(message.citations?.length ? { citations: message.citations } : {}),
  };
}

const quote = (s: string) => `‘${s}’`;

/** Tool activity in words: "updated FR-3", "rendered wireframe ‘Checkout’", "asked a question". */
export function describeTool(call: ToolCall, result?: ToolResult): string {
  const args = isObject(call.args) ? call.args : {};
  const res = isObject(result?.result) ? result.result : {};
  const failed = result && !result.ok ? ` — failed: ${result.error ?? "rejected"}` : "";
  const pending = result ? "" : "…";
  switch (call.name) {
    case "update_prd": {
      const ids = Array.isArray(res.ids) ? res.ids.filter((x): x is string => typeof x === "string") : [];
      const section = (str(res.section) ?? str(args.section) ?? "the PRD").replaceAll("_", " ");
      const what = ids.length > 0 ? ids.join(", ") : section;
      return `${result ? "updated" : "updating"} ${what}${pending}${failed}`;
    }
    case "render_wireframe":
      return `${result ? "rendered" : "rendering"} wireframe ${quote(str(res.name) ?? str(args.name) ?? "")}${pending}${failed}`;
    case "set_project_name":
      return `${result ? "named the project" : "naming the project"} ${quote(str(res.name) ?? str(args.name) ?? "")}${pending}${failed}`;
    case "update_whats_next":
      return `${result ? "updated" : "updating"} what's next${pending}${failed}`;
    case "ask_user_question":
      return `asked a question${failed}`;
    default:
      return `${call.name.replaceAll("_", " ")}${pending}${failed}`;
  }
}

/** Whether any tool in the draft changed the PRD or what's next (the PRD pane then reloads). */
export function changesProject(draft: ReplyDraft): boolean {
  return draft.tools.some((t) => t.result?.ok && t.call.name !== "ask_user_question");
}
