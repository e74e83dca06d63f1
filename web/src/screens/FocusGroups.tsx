import { type FormEvent, useState } from "react";
import { call, client } from "../api/client.ts";
import { Empty, ErrorBox, formatDate, Loading, plural, useAsync, useTitle } from "../components/ui.tsx";
import { Link, navigate } from "../router.tsx";

/** The server's bounds on a group (FOCUS_GROUP_LIMITS). */
const MIN_PERSONAS = 2;
const MAX_PERSONAS = 8;

/** Focus groups: start one with several personas, and the ones held so far. */
export function FocusGroups() {
  useTitle("Focus groups");
  const groups = useAsync(
    (signal) => call(client.GET("/v1/focus-groups", { params: { query: { limit: 100 } }, signal })),
    [],
  );
  const personas = useAsync(
    (signal) => call(client.GET("/v1/personas", { params: { query: { limit: 100 } }, signal })),
    [],
  );
  const [picked, setPicked] = useState<string[]>([]);
  const [title, setTitle] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (picked.length < MIN_PERSONAS) return;
    setBusy(true);
    setError(null);
    try {
      const group = await call(
        client.POST("/v1/focus-groups", {
          body: { persona_ids: picked, ...(title.trim() ? { title: title.trim() } : {}) },
        }),
      );
      navigate(`/focus-groups/${group.id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const people = personas.data?.data ?? [];
  const list = groups.data?.data ?? [];
  const full = picked.length >= MAX_PERSONAS;
  return (
    <section aria-labelledby="groups-title">
      <h1 id="groups-title">Focus groups</h1>
      <p className="muted">
        Ask several personas the same question at once. Each answers in character, from its own evidence, side by side;
        the conversation is kept and can be exported as CSV.
      </p>
      <form className="card create-group" onSubmit={create} aria-busy={busy}>
        <h2>New focus group</h2>
        {personas.status === "error" ? <ErrorBox error={personas.error} onRetry={personas.reload} /> : null}
        {personas.status === "loading" && !personas.data ? <Loading label="Loading personas…" /> : null}
        {personas.data && people.length < MIN_PERSONAS ? (
          <p>
            A focus group needs at least {MIN_PERSONAS} personas. <Link href="/personas/new">Create a persona</Link>.
          </p>
        ) : null}
        {people.length >= MIN_PERSONAS ? (
          <fieldset className="persona-picks">
            <legend>
              Personas ({MIN_PERSONAS} to {MAX_PERSONAS})
            </legend>
            {people.map((p) => {
              const checked = picked.includes(p.id);
              return (
                <label key={p.id} className="check">
                  <input
                    type="checkbox"
                    checked={checked}
                    disabled={!checked && full}
                    onChange={(e) =>
                      setPicked((all) => (e.target.checked ? [...all, p.id] : all.filter((x) => x !== p.id)))
                    }
                  />{" "}
                  {p.name ?? "Unnamed persona"}
                  {p.occupation ? <span className="muted"> · {p.occupation}</span> : null}
                </label>
              );
            })}
          </fieldset>
        ) : null}
        <label htmlFor="group-title">Title (optional)</label>
        <input
          id="group-title"
          value={title}
          maxLength={100}
          placeholder="By default, the personas' names"
          onChange={(e) => setTitle(e.target.value)}
        />
        {error ? <ErrorBox error={error} title="The focus group was not started." /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || picked.length < MIN_PERSONAS}>
            {busy ? "Starting…" : "Start focus group"}
          </button>
          <span className="small muted" aria-live="polite">
            {plural(picked.length, "persona")} chosen
          </span>
        </div>
      </form>

      <h2 className="section-title">Your focus groups</h2>
      {groups.status === "error" ? <ErrorBox error={groups.error} onRetry={groups.reload} /> : null}
      {groups.status === "loading" && !groups.data ? <Loading label="Loading focus groups…" /> : null}
      {groups.data && list.length === 0 ? <Empty>No focus groups yet. Pick personas above to start one.</Empty> : null}
      {list.length > 0 ? (
        <ul className="card-grid">
          {list.map((g) => (
            <li key={g.id} className="card">
              <h3>
                <Link href={`/focus-groups/${g.id}`}>{g.title}</Link>
              </h3>
              <p className="small muted">
                {g.personas.map((p) => p.name ?? "Unnamed persona").join(", ")} · {plural(g.question_count, "question")}{" "}
                · updated {formatDate(g.updated_at)}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
