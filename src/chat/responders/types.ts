import type { Ctx } from "../../context.ts";
import type { PersonaRow } from "../../personas/store.ts";
import type { Interviewer } from "../../prd/interviewers.ts";
import type { ProjectRow } from "../../prd/store.ts";
import type { MessageQuestion } from "../schemas.ts";
import type { ConversationRow, MessageRow } from "../store.ts";
import type { ToolOutcome } from "../tools.ts";

/** What a reply streams; the SSE route writes each as an event of the same name (see docs/streaming.md). */
export type ReplyEvent =
  | { type: "text"; delta: string }
  | { type: "tool_call"; id: string; name: string; args: unknown }
  | ({ type: "tool_result"; id: string; name: string } & ToolOutcome)
  | { type: "question"; question: string; options: MessageQuestion["options"] };

/** Who the assistant is in this conversation. */
export type Speaker =
  | { kind: "persona"; persona: PersonaRow; project?: ProjectRow }
  | { kind: "interviewer"; interviewer: Interviewer; project: ProjectRow };

export interface ResponderInput {
  ctx: Ctx;
  conversation: ConversationRow;
  speaker: Speaker;
  /** Earlier messages (oldest first), without the new user message. */
  history: MessageRow[];
  /** Summary of messages trimmed from `history` (LLM context), if any. */
  summary: string | null;
  /** The user's message; when it answers a lettered question, `answer` is the chosen option. */
  userText: string;
  answer?: { key: string; label: string } | undefined;
  /** The question the user is answering, if the previous assistant message asked one. */
  pendingQuestion?: MessageQuestion | undefined;
  signal: AbortSignal;
  /** Streams text to the client and accumulates it into the stored message. */
  emit(event: ReplyEvent): Promise<void>;
  /** Runs a tool (validated, transactional, stored with the message) and streams its call and result. */
  callTool(name: string, args: unknown, id?: string): Promise<ToolOutcome>;
  /** Runs a tool without streaming anything (the LLM responder streams from the model's own events). */
  runTool(call: { id: string; name: string; args: unknown }): Promise<ToolOutcome>;
  /** Bookkeeping stored on the assistant message (offline interview step, citations). */
  setMeta(meta: Record<string, unknown>): void;
}

export interface Responder {
  readonly engine: "offline" | "llm";
  respond(input: ResponderInput): Promise<void>;
}
