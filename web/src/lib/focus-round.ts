import type { FocusGroupMessage, FocusGroupStreamEvent } from "../api/focus-group-types.ts";
import { type ProblemDetails, problemMessage } from "./problem.ts";
import { parseJson, type SseEvent } from "./sse.ts";

/** One persona's answer as it streams in. */
export interface AnswerDraft {
  personaId: string;
  personaName: string | null;
  messageId: string | null;
  text: string;
  status: "streaming" | "complete" | "incomplete" | "error";
  error: string | null;
}

/** A question to the group while its answers stream in, side by side. */
export interface RoundDraft {
  question: string;
  answers: AnswerDraft[];
  done: boolean;
}

export const emptyRound = (question: string, personas: { id: string; name: string | null }[]): RoundDraft => ({
  question,
  answers: personas.map((p) => ({
    personaId: p.id,
    personaName: p.name,
    messageId: null,
    text: "",
    status: "streaming",
    error: null,
  })),
  done: false,
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A server-sent event as the documented FocusGroupStreamEvent, or undefined when its data is not JSON. The server's
 * stream is typed against that schema; the fold below still reads each field defensively.
 */
export function groupEvent(event: SseEvent): FocusGroupStreamEvent | undefined {
  const data = parseJson(event.data);
  return isObject(data) ? ({ event: event.event, data } as FocusGroupStreamEvent) : undefined;
}

const withAnswer = (draft: RoundDraft, personaId: string, change: (a: AnswerDraft) => AnswerDraft): RoundDraft => ({
  ...draft,
  answers: draft.answers.map((a) => (a.personaId === personaId ? change(a) : a)),
});

/** Folds one event of a round (docs/streaming.md, focus groups) into the draft; unknown events change nothing. */
export function applyGroupEvent(draft: RoundDraft, event: FocusGroupStreamEvent): RoundDraft {
  switch (event.event) {
    case "message": {
      // The seats the server gave: every persona that still exists, in the group's order.
      const answers = event.data.answers.map((seat) => {
        const known = draft.answers.find((a) => a.personaId === seat.persona_id);
        return {
          personaId: seat.persona_id,
          personaName: seat.persona_name ?? known?.personaName ?? null,
          messageId: seat.message_id,
          text: known?.text ?? "",
          status: "streaming" as const,
          error: null,
        };
      });
      return { ...draft, question: event.data.question.content, answers };
    }
    case "text":
      return withAnswer(draft, event.data.persona_id, (a) => ({ ...a, text: a.text + event.data.delta }));
    case "persona_done": {
      const { persona_id, message_id, status, error } = event.data;
      return withAnswer(draft, persona_id, (a) => ({
        ...a,
        messageId: message_id,
        status,
        error: error ? problemMessage(error as ProblemDetails, error.status) : null,
      }));
    }
    case "done":
      return {
        ...draft,
        done: true,
        // An answer the stream never closed (the connection dropped) is shown as interrupted, not as still going.
        answers: draft.answers.map((a) => (a.status === "streaming" ? { ...a, status: "incomplete" } : a)),
      };
    default:
      return draft;
  }
}

/** A stored round: the question and each persona's answer. */
export interface Round {
  question: FocusGroupMessage;
  answers: FocusGroupMessage[];
}

/** The transcript (oldest first: each question, then its answers) as rounds; answers go with their question. */
export function roundsOf(messages: FocusGroupMessage[]): Round[] {
  const rounds: Round[] = [];
  const byQuestion = new Map<string, Round>();
  for (const message of messages) {
    if (message.role === "user") {
      const round = { question: message, answers: [] };
      rounds.push(round);
      byQuestion.set(message.id, round);
    } else {
      const round = (message.question_id ? byQuestion.get(message.question_id) : undefined) ?? rounds.at(-1);
      round?.answers.push(message);
    }
  }
  return rounds;
}
