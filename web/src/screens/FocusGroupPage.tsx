import { type FormEvent, type KeyboardEvent, type ReactNode, useId, useRef, useState } from "react";
import { call, client, saveBlob, slugify } from "../api/client.ts";
import type { FocusGroupMessage } from "../api/focus-group-types.ts";
import { fieldLabel } from "../api/types.ts";
import { RichText } from "../components/RichText.tsx";
import { ErrorBox, formatDate, plural, ScreenError, ScreenLoading, useAsync, useTitle } from "../components/ui.tsx";
import { applyGroupEvent, emptyRound, groupEvent, type RoundDraft, roundsOf } from "../lib/focus-round.ts";
import { errorMessage } from "../lib/problem.ts";
import { readSse } from "../lib/sse.ts";
import { Link } from "../router.tsx";

/** The server's limit on a question (FOCUS_GROUP_LIMITS.questionChars). */
const QUESTION_CHARS = 8000;

const STATUS_WORDS: Record<string, string | undefined> = {
  incomplete: "Stopped before the end.",
  error: "This persona could not answer.",
};

/** One persona's answer in its column: who, what it said (in character), and the evidence it came from. */
function Answer({
  name,
  text,
  status,
  error,
  citations,
}: {
  name: string;
  text: string;
  status: string;
  error?: string | null;
  citations?: FocusGroupMessage["citations"];
}) {
  return (
    <li className="answer" aria-busy={status === "streaming"}>
      <h3 className="answer-name">{name}</h3>
      {text ? (
        <div className="bubble-text">
          <RichText text={text} />
        </div>
      ) : null}
      {status === "streaming" && !text ? <span className="typing" role="img" aria-label="Typing" /> : null}
      {citations?.length ? (
        <details className="citations">
          <summary className="small muted">From the sources ({citations.length})</summary>
          <ul>
            {citations.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: citations have no id.
              <li key={i} className="small">
                “{c.quote}” <span className="muted">({fieldLabel(c.field)})</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {STATUS_WORDS[status] && !error ? <p className="small muted">{STATUS_WORDS[status]}</p> : null}
      {error ? <p className="error-text">{error}</p> : null}
    </li>
  );
}

/** One question and its answers, side by side (stacked on a phone). */
function RoundView({ number, question, children }: { number: number; question: string; children: ReactNode }) {
  const id = useId();
  return (
    <article className="round" aria-labelledby={id}>
      <h2 id={id} className="round-question">
        <span className="round-number">Question {number}</span> {question}
      </h2>
      <ul className="answers">{children}</ul>
    </article>
  );
}

/** A focus group: one question at a time to every persona, answers streaming side by side; kept; CSV export. */
export function FocusGroupPage({ id }: { id: string }) {
  const group = useAsync(
    (signal) => call(client.GET("/v1/focus-groups/{id}", { params: { path: { id } }, signal })),
    [id],
  );
  const inputId = useId();
  const [input, setInput] = useState("");
  const [draft, setDraft] = useState<RoundDraft | null>(null);
  const [askError, setAskError] = useState<string | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const controllerRef = useRef<AbortController | null>(null);
  useTitle(group.data?.title ?? "Focus group");

  if (group.status === "error" && !group.data) {
    return (
      <ScreenError
        title="This focus group could not be loaded"
        error={group.error}
        onRetry={group.reload}
        back={{ href: "/focus-groups", label: "Focus groups" }}
      />
    );
  }
  if (!group.data) return <ScreenLoading title="Focus group" label="Loading the focus group…" />;
  const data = group.data;
  const present = data.personas.filter((p) => p.available);
  const rounds = roundsOf(data.messages);
  const streaming = draft !== null;

  const ask = async (content: string) => {
    const question = content.trim();
    if (!question || streaming) return;
    const controller = new AbortController();
    controllerRef.current = controller;
    setAskError(null);
    setInput("");
    let current = emptyRound(question, present);
    setDraft(current);
    try {
      const stream = await call(
        client.POST("/v1/focus-groups/{id}/messages", {
          params: { path: { id: data.id } },
          body: { content: question },
          headers: { Accept: "text/event-stream" },
          parseAs: "stream",
          signal: controller.signal,
        }),
      );
      if (!stream) throw new Error("The server sent no stream.");
      for await (const sse of readSse(stream, controller.signal)) {
        const event = groupEvent(sse);
        if (!event) continue;
        current = applyGroupEvent(current, event);
        setDraft(current);
      }
    } catch (error) {
      if (!controller.signal.aborted) {
        setDraft(null);
        setInput(question);
        setAskError(errorMessage(error));
        return;
      }
    } finally {
      controllerRef.current = null;
    }
    // The stored transcript is the truth (ids, statuses, answers cut short marked incomplete): it replaces the
    // draft in one step, so the answers do not blink.
    try {
      group.set(await call(client.GET("/v1/focus-groups/{id}", { params: { path: { id: data.id } } })));
    } catch {
      group.reload();
    }
    setDraft(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void ask(input);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void ask(input);
    }
  };

  const exportCsv = async () => {
    setExportError(null);
    try {
      const blob = await call(
        client.GET("/v1/focus-groups/{id}/export", {
          params: { path: { id: data.id }, query: { format: "csv" } },
          parseAs: "blob",
        }),
      );
      saveBlob(blob, `${slugify(data.title)}.csv`);
    } catch (error) {
      setExportError(error);
    }
  };

  const names = data.personas.map((p) => p.name ?? "Unnamed persona");
  const done = draft?.answers.filter((a) => a.status !== "streaming").length ?? 0;
  return (
    <section aria-labelledby="group-title" className="focus-group">
      <p className="breadcrumbs">
        <Link href="/focus-groups">Focus groups</Link> /
      </p>
      <div className="page-head">
        <div>
          <h1 id="group-title">{data.title}</h1>
          <p className="subtitle">{names.join(", ")}</p>
          <p className="small muted">
            {plural(rounds.length, "question")} · updated {formatDate(data.updated_at)}
          </p>
        </div>
        <div className="page-actions">
          <button type="button" onClick={exportCsv} disabled={rounds.length === 0 || streaming}>
            Export CSV
          </button>
        </div>
      </div>
      {exportError ? <ErrorBox error={exportError} title="The transcript was not exported." /> : null}
      {data.personas.some((p) => !p.available) ? (
        <p className="small muted">Deleted personas keep their past answers here; they are not asked again.</p>
      ) : null}

      <section className="rounds" aria-label="Conversation">
        {rounds.length === 0 && !draft ? (
          <p className="muted">No questions yet. Ask the group something below; every persona answers in character.</p>
        ) : null}
        {rounds.map((round, i) => (
          <RoundView key={round.question.id} number={i + 1} question={round.question.content}>
            {round.answers.map((a) => (
              <Answer
                key={a.id}
                name={a.persona_name ?? "Unnamed persona"}
                text={a.content}
                status={a.status}
                citations={a.citations}
              />
            ))}
          </RoundView>
        ))}
        {draft ? (
          <RoundView number={rounds.length + 1} question={draft.question}>
            {draft.answers.map((a) => (
              <Answer
                key={a.personaId}
                name={a.personaName ?? "Unnamed persona"}
                text={a.text}
                status={a.status}
                error={a.error}
              />
            ))}
          </RoundView>
        ) : null}
      </section>
      <p className="visually-hidden" role="status" aria-live="polite">
        {draft && !draft.done ? `${done} of ${draft.answers.length} personas have answered.` : ""}
      </p>

      {askError ? (
        <p className="error-box" role="alert">
          {askError}
        </p>
      ) : null}
      {present.length === 0 ? (
        <p className="muted">Every persona of this group was deleted; its transcript stays readable.</p>
      ) : (
        <form className="composer group-composer" onSubmit={submit}>
          <label htmlFor={inputId}>Question to the group</label>
          <textarea
            id={inputId}
            rows={2}
            value={input}
            maxLength={QUESTION_CHARS}
            placeholder={`Ask ${names.join(", ")}…`}
            onChange={(e) => setInput(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <div className="composer-actions">
            {streaming ? (
              <button type="button" className="danger" onClick={() => controllerRef.current?.abort()}>
                Stop
              </button>
            ) : (
              <button type="submit" className="primary" disabled={!input.trim()}>
                Ask
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
