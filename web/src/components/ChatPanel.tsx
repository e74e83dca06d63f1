import { type FormEvent, type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { useCapabilities } from "../api/capabilities.ts";
import type { Message, Question } from "../api/chat-types.ts";
import { call, client } from "../api/client.ts";
import { fieldLabel, type Page } from "../api/types.ts";
import { errorMessage } from "../lib/problem.ts";
import { applyEvent, describeTool, draftFromMessage, emptyDraft, type ReplyDraft } from "../lib/reply.ts";
import { readSse } from "../lib/sse.ts";
import { engineName, recordingFileName, transcriptNotice } from "../lib/voice.ts";
import { canRecord, PushToTalk } from "./PushToTalk.tsx";
import { RichText } from "./RichText.tsx";
import { ConfirmDialog, ErrorBox, Loading } from "./ui.tsx";
import { VoiceButton } from "./VoiceButton.tsx";
import { useReplyPlayer, useVoiceSettings } from "./voice-hooks.ts";

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

/** The play button of a stored reply (when the server can speak). */
interface ReplySpeech {
  state: "idle" | "loading" | "playing";
  onToggle: () => void;
}

function Reply({
  draft,
  label,
  answer,
  onAnswer,
  speech,
}: {
  draft: ReplyDraft;
  label: string;
  /** What the user said next, to mark the option they picked. */
  answer?: string;
  /** Set on the open question: its options become buttons. */
  onAnswer?: (text: string) => void;
  speech?: ReplySpeech;
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
      {speech ? (
        <button
          type="button"
          className="link-button play-reply"
          aria-label={speech.state === "idle" ? "Play reply" : "Stop playing"}
          onClick={speech.onToggle}
        >
          <span aria-hidden="true">{speech.state === "idle" ? "▶" : "■"}</span>{" "}
          {speech.state === "loading" ? "Loading…" : speech.state === "playing" ? "Stop" : "Play"}
        </button>
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
  const [transcribing, setTranscribing] = useState(false);
  const [voiceNotice, setVoiceNotice] = useState<{ text: string; warn: boolean } | null>(null);
  const capabilities = useCapabilities();
  const [voiceSettings, setVoiceSettings] = useVoiceSettings();
  const player = useReplyPlayer(conversationId);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const controllerRef = useRef<AbortController | null>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const activityRef = useRef(onActivity);
  activityRef.current = onActivity;
  const streaming = draft?.status === "streaming";

  const refresh = useCallback(
    async (signal?: AbortSignal): Promise<Message[] | null> => {
      try {
        const history = await loadHistory(conversationId, signal);
        setMessages(history);
        setLoadError(null);
        return history;
      } catch (error) {
        if (!signal?.aborted) setLoadError(error);
        return null;
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

  const transcription = capabilities?.voice.transcription ?? null;
  const speechOut = capabilities?.voice.speech ?? null;
  const recordable = transcription !== null && canRecord();
  const lowAccuracy = transcription?.low_accuracy ?? false;
  const settingsRef = useRef(voiceSettings);
  settingsRef.current = voiceSettings;

  /** Sends typed text, or a recording as audio (the server transcribes it and stores the transcript). */
  const send = async (content: string | Blob) => {
    const spoken = typeof content !== "string";
    const text = spoken ? "" : content.trim();
    if ((!spoken && !text) || streaming) return;
    const controller = new AbortController();
    controllerRef.current = controller;
    setSendError(null);
    setVoiceNotice(null);
    player.stop();
    setPendingUser(spoken ? "Voice message (transcribing…)" : text);
    if (!spoken) setInput("");
    let current = emptyDraft();
    setDraft(current);
    try {
      let body: { content: string } | FormData = { content: text };
      if (spoken) {
        body = new FormData();
        body.append("audio", content, recordingFileName(content.type));
      }
      const stream = await call(
        client.POST("/v1/conversations/{id}/messages", {
          params: { path: { id: conversationId } },
          // openapi-fetch passes FormData through (the browser sets the multipart boundary); the generated body
          // type spells the file part as a string.
          body: body as { content: string },
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
        if (!spoken) setInput(text);
        setSendError(errorMessage(error));
        return;
      }
    } finally {
      controllerRef.current = null;
    }
    // The stored history is the truth (ids, statuses, an interrupted reply marked incomplete).
    const history = await refresh();
    setDraft(null);
    setPendingUser(null);
    activityRef.current?.();
    const last = history?.[history.length - 1];
    if (settingsRef.current.autoPlay && speechOut && last && speakable(last)) player.play(last.id);
  };

  /** A recording for correction: its transcript goes into the message box, to be read and sent. */
  const transcribe = async (audio: Blob) => {
    setTranscribing(true);
    setSendError(null);
    setVoiceNotice(null);
    try {
      const form = new FormData();
      form.append("audio", audio, recordingFileName(audio.type));
      const result = await call(client.POST("/v1/transcriptions", { body: form as unknown as { audio: string } }));
      const heard = result.text.trim();
      if (heard) setInput((v) => (v.trim() ? `${v.trimEnd()} ${heard}` : heard));
      setVoiceNotice({
        text: transcriptNotice({
          engine: result.engine,
          lowAccuracy: result.low_accuracy,
          text: heard,
          notice: result.notice,
        }),
        warn: result.low_accuracy || !heard,
      });
      textareaRef.current?.focus();
    } catch (error) {
      setSendError(errorMessage(error));
    } finally {
      setTranscribing(false);
    }
  };

  const onRecorded = (audio: Blob) => {
    const maxBytes = capabilities?.voice.limits.audio_bytes;
    if (audio.size === 0) {
      setVoiceNotice({ text: "Nothing was recorded. Hold the button a little longer, or type.", warn: true });
      return;
    }
    if (maxBytes !== undefined && audio.size > maxBytes) {
      setSendError(`The recording is larger than the server takes (${Math.floor(maxBytes / 1_000_000)} MB).`);
      return;
    }
    // The offline engine's transcripts always get read first: it gets too many words wrong to send unseen.
    if (voiceSettings.sendDirectly && !lowAccuracy) void send(audio);
    else void transcribe(audio);
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
              {m.transcript ? (
                <p className="bubble-meta">
                  Spoken, transcribed by {engineName(m.transcript.engine)}
                  {m.transcript.engine === "pocketsphinx" ? " (offline, low accuracy)" : ""}
                </p>
              ) : null}
            </div>
          ) : (
            <Reply
              key={m.id}
              draft={draftFromMessage(m)}
              label={speaker}
              answer={messages[i + 1]?.role === "user" ? messages[i + 1]?.content : (pendingUser ?? undefined)}
              onAnswer={answerable && m.id === lastId ? (text) => void send(text) : undefined}
              speech={
                speechOut && speakable(m)
                  ? {
                      state: player.active !== m.id ? "idle" : player.loading ? "loading" : "playing",
                      onToggle: () => player.toggle(m.id),
                    }
                  : undefined
              }
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
          ref={textareaRef}
          id={`${id}-msg`}
          rows={2}
          value={input}
          maxLength={8000}
          placeholder={placeholder}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKeyDown}
        />
        {voiceNotice ? (
          <p className={voiceNotice.warn ? "voice-notice warn" : "voice-notice"} role="status">
            {voiceNotice.text}
          </p>
        ) : null}
        <div className="composer-actions">
          {recordable && capabilities ? (
            <PushToTalk
              onRecorded={onRecorded}
              onStart={player.stop}
              disabled={streaming || transcribing}
              maxSeconds={capabilities.voice.limits.audio_seconds}
              description={lowAccuracy ? "offline speech recognition, low accuracy" : undefined}
            />
          ) : capabilities ? (
            // No engine on the server (or no recording in this browser): the browser's own dictation, where it has one.
            <VoiceButton onText={(t) => setInput((v) => (v ? `${v} ${t}` : t))} disabled={streaming} />
          ) : null}
          {transcribing ? (
            <span className="small muted" role="status">
              Transcribing…
            </span>
          ) : null}
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
        {recordable || speechOut ? (
          <div className="voice-settings small">
            {recordable && transcription ? (
              <span className={lowAccuracy ? "voice-engine warn" : "voice-engine"}>
                Speech recognition: {engineName(transcription.engine)}
                {lowAccuracy ? " (offline, low accuracy: check each transcript)" : ""}
              </span>
            ) : null}
            {recordable ? (
              <label>
                <input
                  type="checkbox"
                  checked={voiceSettings.sendDirectly && !lowAccuracy}
                  disabled={lowAccuracy}
                  onChange={(e) => setVoiceSettings({ sendDirectly: e.target.checked })}
                />{" "}
                Send speech without review
                {lowAccuracy ? <span className="muted"> (not with the offline engine)</span> : null}
              </label>
            ) : null}
            {speechOut ? (
              <label>
                <input
                  type="checkbox"
                  checked={voiceSettings.autoPlay}
                  onChange={(e) => setVoiceSettings({ autoPlay: e.target.checked })}
                />{" "}
                Auto-play replies
              </label>
            ) : null}
            {player.error ? (
              <span className="error-text" role="alert">
                {player.error}
              </span>
            ) : null}
          </div>
        ) : null}
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

/** Whether a stored message can be played: an assistant reply with words that was not a failure. */
function speakable(m: Message): boolean {
  return m.role === "assistant" && m.status !== "error" && m.content.trim() !== "";
}
