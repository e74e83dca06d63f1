import { type FormEvent, type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import type { Message, Question } from "../api/chat-types.ts";
import { call, client } from "../api/client.ts";
import { fieldLabel, type Page } from "../api/types.ts";
import { errorMessage } from "../lib/problem.ts";
import { applyEvent, describeTool, draftFromMessage, emptyDraft, type ReplyDraft } from "../lib/reply.ts";
import { readSse } from "../lib/sse.ts";
import { RichText } from "./RichText.tsx";
import { ConfirmDialog, ErrorBox, Loading } from "./ui.tsx";
import { VoiceButton } from "./VoiceButton.tsx";

async function loadHistory(conversationId: string, signal?: AbortSignal): Promise<Message[]> {
  const all: Message[] = [];
  let cursor: string | null = null;
  // Oldest first; a handful of pages covers any realistic conversation.
  for (let page = 0; page < 10; page++) {
    const next: Page<Message> = await call(
      client.GET("/v1/conversations/{id}/messages", {
        params: { path: { id: conversationId }, query: { limit: 200, ...(cursor ? { cursor } : {}) } },
        signal,
      }),
    );
    all.push(...next.data);
    cursor = next.next_cursor;
    if (!cursor) break;
  }
  return all;
}

/** Which option an answer picked: "B) Public beta", "b", or the option's label; undefined for a free answer. */
export function chosenOption(question: Question, answer: string | undefined): string | undefined {
  const text = answer?.trim().toLowerCase();
  if (!text) return undefined;
  const keyed = /^([a-z])(?:\)|\.|:|$)/.exec(text)?.[1];
  const byKey = question.options.find((o) => o.key.toLowerCase() === keyed);
  if (byKey) return byKey.key;
  return question.options.find((o) => text.includes(o.label.toLowerCase()))?.key;
}

/**
 * A choice question. The open one offers its options as buttons; an answered one stays in the transcript with the
 * option that was picked marked.
 */
function QuestionBlock({
  question,
  answer,
  onAnswer,
}: {
  question: Question;
  answer?: string;
  onAnswer?: (text: string) => void;
}) {
  if (onAnswer) {
    return (
      <fieldset className="question">
        <legend>{question.question}</legend>
        <div className="options">
          {question.options.map((o) => (
            <button key={o.key} type="button" className="option" onClick={() => onAnswer(`${o.key}) ${o.label}`)}>
              <span className="option-key">{o.key}</span> {o.label}
            </button>
          ))}
        </div>
      </fieldset>
    );
  }
  const chosen = chosenOption(question, answer);
  return (
    <div className="question answered">
      <p className="question-text">{question.question}</p>
      <ul className="options">
        {question.options.map((o) => (
          <li key={o.key} className={o.key === chosen ? "option chosen" : "option"}>
            <span className="option-key">{o.key}</span> {o.label}
            {o.key === chosen ? <span className="visually-hidden"> (your answer)</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Reply({
  draft,
  label,
  answer,
  onAnswer,
}: {
  draft: ReplyDraft;
  label: string;
  /** What the user said next, to mark the option they picked. */
  answer?: string;
  /** Set on the open question: its options become buttons. */
  onAnswer?: (text: string) => void;
}) {
  return (
    <div className="bubble assistant">
      <span className="visually-hidden">{label}:</span>
      {draft.tools.length > 0 ? (
        <ul className="tool-activity" aria-label="Tool activity">
          {draft.tools
            .filter((t) => t.call.name !== "ask_user_question")
            .map((t) => (
              <li key={t.call.id} className={t.result && !t.result.ok ? "failed" : undefined}>
                <span aria-hidden="true">⚙</span> {describeTool(t.call, t.result)}
              </li>
            ))}
        </ul>
      ) : null}
      {draft.text ? (
        <div className="bubble-text">
          <RichText text={draft.text} />
        </div>
      ) : null}
      {draft.question && draft.question.options.length > 0 ? (
        <QuestionBlock question={draft.question} answer={answer} onAnswer={onAnswer} />
      ) : null}
      {draft.citations?.length ? (
        <details className="citations">
          <summary className="small muted">From the sources ({draft.citations.length})</summary>
          <ul>
            {draft.citations.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: citations have no id.
              <li key={i} className="small">
                “{c.quote}” <span className="muted">({fieldLabel(c.field)})</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {draft.status === "streaming" && !draft.text ? <span className="typing" role="img" aria-label="Typing" /> : null}
      {draft.status === "incomplete" ? <p className="small muted">Stopped before the end.</p> : null}
      {draft.error ? (
        <p className="error-text" role="alert">
          {draft.error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A conversation: history, a streamed reply (fetch + ReadableStream, parsed as SSE), stop, clear, clickable question
 * options and voice input. `onActivity` fires when a tool changed something and when a reply ends.
 */
export function ChatPanel({
  conversationId,
  speaker,
  placeholder,
  onActivity,
}: {
  conversationId: string;
  speaker: string;
  placeholder: string;
  onActivity?: () => void;
}) {
  const id = useId();
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [input, setInput] = useState("");
  const [pendingUser, setPendingUser] = useState<string | null>(null);
  const [draft, setDraft] = useState<ReplyDraft | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  const [clearing, setClearing] = useState(false);
  const [clearBusy, setClearBusy] = useState(false);
  const controllerRef = useRef<AbortController | null>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const activityRef = useRef(onActivity);
  activityRef.current = onActivity;
  const streaming = draft?.status === "streaming";

  const refresh = useCallback(
    async (signal?: AbortSignal) => {
      try {
        setMessages(await loadHistory(conversationId, signal));
        setLoadError(null);
      } catch (error) {
        if (!signal?.aborted) setLoadError(error);
      }
    },
    [conversationId],
  );

  useEffect(() => {
    const controller = new AbortController();
    setMessages(null);
    setDraft(null);
    setPendingUser(null);
    refresh(controller.signal);
    return () => {
      controller.abort();
      controllerRef.current?.abort();
    };
  }, [refresh]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the content grows.
  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: "end" });
  }, [messages, draft?.text, draft?.tools.length, pendingUser]);

  const send = async (content: string) => {
    const text = content.trim();
    if (!text || streaming) return;
    const controller = new AbortController();
    controllerRef.current = controller;
    setSendError(null);
    setPendingUser(text);
    setInput("");
    let current = emptyDraft();
    setDraft(current);
    try {
      const stream = await call(
        client.POST("/v1/conversations/{id}/messages", {
          params: { path: { id: conversationId } },
          body: { content: text },
          headers: { Accept: "text/event-stream" },
          parseAs: "stream",
          signal: controller.signal,
        }),
      );
      if (!stream) throw new Error("The server sent no stream.");
      for await (const event of readSse(stream, controller.signal)) {
        const before = current;
        current = applyEvent(current, event);
        setDraft(current);
        if (event.event === "tool_result" && current.tools.length >= before.tools.length) activityRef.current?.();
      }
      if (controller.signal.aborted) current = { ...current, status: "incomplete" };
      else if (current.status === "streaming") current = { ...current, status: "incomplete" };
      setDraft(current);
    } catch (error) {
      if (controller.signal.aborted) {
        setDraft({ ...current, status: "incomplete" });
      } else {
        setDraft(null);
        setPendingUser(null);
        setInput(text);
        setSendError(errorMessage(error));
        return;
      }
    } finally {
      controllerRef.current = null;
    }
    // The stored history is the truth (ids, statuses, an interrupted reply marked incomplete).
    await refresh();
    setDraft(null);
    setPendingUser(null);
    activityRef.current?.();
  };

  const stop = () => controllerRef.current?.abort();

  const clear = async () => {
    setClearBusy(true);
    try {
      await call(client.DELETE("/v1/conversations/{id}/messages", { params: { path: { id: conversationId } } }));
      setClearing(false);
      await refresh();
    } catch (error) {
      setSendError(errorMessage(error));
      setClearing(false);
    } finally {
      setClearBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(input);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send(input);
    }
  };

  const lastId = messages?.[messages.length - 1]?.id;
  const answerable = !draft && !streaming;

  return (
    <section className="chat" aria-label={`Conversation with ${speaker}`}>
      <div
        className="chat-log"
        role="log"
        aria-live="polite"
        aria-busy={draft !== null}
        aria-label="Messages"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls, so keyboard users must be able to reach it.
        tabIndex={0}
      >
        {loadError ? <ErrorBox error={loadError} onRetry={() => refresh()} /> : null}
        {messages === null && !loadError ? <Loading label="Loading messages…" /> : null}
        {messages?.length === 0 && !pendingUser ? (
          <p className="muted chat-empty">No messages yet. Say hello to {speaker}.</p>
        ) : null}
        {messages?.map((m, i) =>
          m.role === "user" ? (
            <div key={m.id} className="bubble user">
              <span className="visually-hidden">You:</span>
              <p className="bubble-text">{m.content}</p>
            </div>
          ) : (
            <Reply
              key={m.id}
              draft={draftFromMessage(m)}
              label={speaker}
              answer={messages[i + 1]?.role === "user" ? messages[i + 1]?.content : (pendingUser ?? undefined)}
              onAnswer={answerable && m.id === lastId ? (text) => void send(text) : undefined}
            />
          ),
        )}
        {pendingUser ? (
          <div className="bubble user">
            <span className="visually-hidden">You:</span>
            <p className="bubble-text">{pendingUser}</p>
          </div>
        ) : null}
        {draft ? <Reply draft={draft} label={speaker} /> : null}
        <div ref={endRef} />
      </div>
      {sendError ? (
        <p className="error-box" role="alert">
          {sendError}
        </p>
      ) : null}
      <form className="composer" onSubmit={submit}>
        <label htmlFor={`${id}-msg`} className="visually-hidden">
          Message to {speaker}
        </label>
        <textarea
          id={`${id}-msg`}
          rows={2}
          value={input}
          maxLength={8000}
          placeholder={placeholder}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="composer-actions">
          <VoiceButton onText={(t) => setInput((v) => (v ? `${v} ${t}` : t))} disabled={streaming} />
          {streaming ? (
            <button type="button" className="danger" onClick={stop}>
              Stop
            </button>
          ) : (
            <button type="submit" className="primary" disabled={!input.trim()}>
              Send
            </button>
          )}
          <button
            type="button"
            className="link-button"
            onClick={() => setClearing(true)}
            disabled={streaming || !messages?.length}
          >
            Clear conversation
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={clearing}
        title="Clear this conversation?"
        confirmLabel="Clear"
        danger
        busy={clearBusy}
        onCancel={() => setClearing(false)}
        onConfirm={clear}
      >
        <p>All messages are removed. The conversation itself stays, so you can start over.</p>
      </ConfirmDialog>
    </section>
  );
}
