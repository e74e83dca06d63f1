import { useState } from "react";
import type { ConversationListItem } from "../api/chat-types.ts";
import { call, client } from "../api/client.ts";
import { ChatPanel } from "../components/ChatPanel.tsx";
import {
  ErrorBox,
  formatDate,
  Loading,
  plural,
  ScreenError,
  ScreenLoading,
  useAsync,
  useTitle,
} from "../components/ui.tsx";
import { Link } from "../router.tsx";

/** How many of the persona's chats the picker offers: the most recently active ones. */
const CHATS_SHOWN = 20;

/** "“Where do you live?” · 4 messages · Dec 6, 2026, 4:34 AM": what it was about, how long, when. */
export function conversationLabel(c: ConversationListItem): string {
  const about = c.preview
    ? `“${c.preview.length >= 60 ? `${c.preview.slice(0, 57).trimEnd()}…` : c.preview}”`
    : "New conversation";
  return `${about} · ${plural(c.message_count, "message")} · ${formatDate(c.last_message_at ?? c.created_at)}`;
}

/** Talk to a persona: one or more conversations, streamed replies grounded in its evidence. */
export function PersonaChat({ id }: { id: string }) {
  const persona = useAsync(
    (signal) => call(client.GET("/v1/personas/{id}", { params: { path: { id } }, signal })),
    [id],
  );
  // The server lists the chats, so they follow the user to any browser or device.
  const chats = useAsync(
    (signal) =>
      call(
        client.GET("/v1/personas/{id}/conversations", {
          params: { path: { id }, query: { limit: CHATS_SHOWN } },
          signal,
        }),
      ).then((page) => page.data),
    [id],
  );
  const [picked, setPicked] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const name = persona.data?.persona.name ?? "this persona";
  useTitle(`Chat with ${name}`);
  const list = chats.data ?? [];
  // Until the user picks one, the most recently active chat is open.
  const active = picked ?? list[0]?.id ?? null;

  const start = async () => {
    setStarting(true);
    setStartError(null);
    try {
      const conversation = await call(client.POST("/v1/personas/{id}/conversations", { params: { path: { id } } }));
      chats.set([{ ...conversation, last_message_at: null, preview: null }, ...list].slice(0, CHATS_SHOWN));
      setPicked(conversation.id);
    } catch (error) {
      setStartError(error);
    } finally {
      setStarting(false);
    }
  };

  if (persona.status === "error" && !persona.data) {
    return (
      <ScreenError
        title="This persona could not be loaded"
        error={persona.error}
        onRetry={persona.reload}
        back={{ href: "/", label: "Personas" }}
      />
    );
  }
  if (!persona.data) return <ScreenLoading title="Chat" label="Loading persona…" />;

  return (
    <section aria-labelledby="chat-title" className="chat-screen">
      <p className="breadcrumbs">
        <Link href="/">Personas</Link> / <Link href={`/personas/${id}`}>{persona.data.persona.name ?? "Persona"}</Link>{" "}
        /
      </p>
      <div className="page-head">
        <h1 id="chat-title">Chat with {name}</h1>
        <div className="actions">
          {list.length > 1 ? (
            <label>
              <span className="visually-hidden">Conversation</span>
              <select value={active ?? ""} onChange={(e) => setPicked(e.target.value)} aria-label="Conversation">
                {list.map((c) => (
                  <option key={c.id} value={c.id}>
                    {conversationLabel(c)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <button type="button" onClick={start} disabled={starting}>
            {starting ? "Starting…" : "New conversation"}
          </button>
        </div>
      </div>
      <p className="muted small">
        {name} answers in character from the persona's evidence and says so when the sources do not cover something.
      </p>
      {startError ? <ErrorBox error={startError} /> : null}
      {active ? (
        <ChatPanel key={active} conversationId={active} speaker={name} placeholder={`Ask ${name} something…`} />
      ) : chats.status === "loading" ? (
        <Loading label="Loading conversations…" />
      ) : chats.status === "error" ? (
        <ErrorBox error={chats.error} onRetry={chats.reload} title="The conversations could not be loaded." />
      ) : (
        <div className="empty">
          <p>No conversation yet.</p>
          <button type="button" className="primary" onClick={start} disabled={starting}>
            Start a conversation
          </button>
        </div>
      )}
    </section>
  );
}
