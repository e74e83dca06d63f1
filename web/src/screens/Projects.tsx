import { type FormEvent, useState } from "react";
import { call, client } from "../api/client.ts";
import { Empty, ErrorBox, formatDate, Loading, useAsync, useTitle } from "../components/ui.tsx";
import { Link, navigate } from "../router.tsx";

/** Projects list and create: a project holds a PRD written with AI interviewers. */
export function Projects() {
  useTitle("Projects");
  const projects = useAsync(
    (signal) => call(client.GET("/v1/projects", { params: { query: { limit: 100 } }, signal })),
    [],
  );
  const personas = useAsync(
    (signal) => call(client.GET("/v1/personas", { params: { query: { limit: 50 } }, signal })),
    [],
  );
  const [name, setName] = useState("");
  const [linked, setLinked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const project = await call(client.POST("/v1/projects", { body: { name: name.trim(), persona_ids: linked } }));
      navigate(`/projects/${project.slug}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const list = projects.data?.data ?? [];
  return (
    <section aria-labelledby="projects-title">
      <h1 id="projects-title">Projects</h1>
      <p className="muted">
        A project is a product requirements document written with AI interviewers: a product manager, a UX designer, an
        engineer, and the research personas you link as target users.
      </p>
      <form className="card create-project" onSubmit={create} aria-busy={busy}>
        <h2>New project</h2>
        <label htmlFor="project-name">Name</label>
        <input
          id="project-name"
          value={name}
          maxLength={100}
          required
          placeholder="e.g. Shift swap app"
          onChange={(e) => setName(e.target.value)}
        />
        {personas.data && personas.data.data.length > 0 ? (
          <fieldset className="persona-picks">
            <legend>Target users (research personas)</legend>
            {personas.data.data.map((p) => (
              <label key={p.id} className="check">
                <input
                  type="checkbox"
                  checked={linked.includes(p.id)}
                  onChange={(e) => setLinked((l) => (e.target.checked ? [...l, p.id] : l.filter((x) => x !== p.id)))}
                />{" "}
                {p.name ?? "Unnamed persona"}
                {p.occupation ? <span className="muted"> · {p.occupation}</span> : null}
              </label>
            ))}
          </fieldset>
        ) : null}
        {error ? <ErrorBox error={error} title="The project was not created." /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            {busy ? "Creating…" : "Create project"}
          </button>
        </div>
      </form>

      <h2 className="section-title">Your projects</h2>
      {projects.status === "error" ? <ErrorBox error={projects.error} onRetry={projects.reload} /> : null}
      {projects.status === "loading" && !projects.data ? <Loading label="Loading projects…" /> : null}
      {projects.data && list.length === 0 ? (
        <Empty>No projects yet. Name one above to start an interview.</Empty>
      ) : null}
      {list.length > 0 ? (
        <ul className="card-grid">
          {list.map((p) => (
            <li key={p.id} className="card">
              <h3>
                <Link href={`/projects/${p.slug}`}>{p.name}</Link>
              </h3>
              <p className="small muted">
                <code>{p.slug}</code> · {p.sections.covered.length} of{" "}
                {p.sections.covered.length + p.sections.missing.length} sections · updated {formatDate(p.updated_at)}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
