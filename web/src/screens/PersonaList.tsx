import { useEffect, useState } from "react";
import { call, client } from "../api/client.ts";
import type { PersonaListItem } from "../api/types.ts";
import { Empty, ErrorBox, formatDate, Loading, useAsync, useTitle } from "../components/ui.tsx";
import { Link, navigate, useLocation } from "../router.tsx";

/** The home screen: personas newest first, with search and "load more". */
export function PersonaList() {
  useTitle("Personas");
  const { search } = useLocation();
  const q = search.get("q") ?? "";
  const [query, setQuery] = useState(q);
  const [more, setMore] = useState<PersonaListItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);

  useEffect(() => setQuery(q), [q]);

  const page = useAsync(
    (signal) => call(client.GET("/v1/personas", { params: { query: { limit: 24, ...(q ? { q } : {}) } }, signal })),
    [q],
  );
  useEffect(() => {
    setMore([]);
    setCursor(page.status === "ready" ? page.data.next_cursor : null);
  }, [page.status, page.data]);

  // Search as you type, debounced; the query lives in the URL so back/forward and reload keep it.
  useEffect(() => {
    if (query === q) return;
    const timer = setTimeout(() => navigate(query ? `/?q=${encodeURIComponent(query)}` : "/", { replace: true }), 250);
    return () => clearTimeout(timer);
  }, [query, q]);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await call(
        client.GET("/v1/personas", { params: { query: { limit: 24, cursor, ...(q ? { q } : {}) } } }),
      );
      setMore((m) => [...m, ...next.data]);
      setCursor(next.next_cursor);
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const items = [...(page.data?.data ?? []), ...more];
  return (
    <section aria-labelledby="personas-title">
      <div className="page-head">
        <h1 id="personas-title">Personas</h1>
        <Link href="/personas/new" className="button primary">
          New persona
        </Link>
      </div>
      <search className="search">
        <label htmlFor="persona-search" className="visually-hidden">
          Search personas
        </label>
        <input
          id="persona-search"
          type="search"
          value={query}
          maxLength={200}
          placeholder="Search names, places, traits, goals…"
          onChange={(e) => setQuery(e.target.value)}
        />
      </search>
      {page.status === "error" ? <ErrorBox error={page.error} onRetry={page.reload} /> : null}
      {page.status === "loading" && !page.data ? <Loading label="Loading personas…" /> : null}
      {page.data && items.length === 0 ? (
        q ? (
          <Empty>
            <p>No persona matches “{q}”.</p>
          </Empty>
        ) : (
          <Empty>
            <p>No personas yet.</p>
            <p>
              Paste interview notes, a bio or support tickets and Persona Studio builds a persona in which every value
              points to the words it came from.
            </p>
            <Link href="/personas/new" className="button primary">
              Create your first persona
            </Link>
          </Empty>
        )
      ) : null}
      {items.length > 0 ? (
        <ul className="card-grid" aria-busy={page.status === "loading"}>
          {items.map((p) => (
            <li key={p.id} className="card persona-card">
              <h2>
                <Link href={`/personas/${p.id}`}>{p.name ?? "Unnamed persona"}</Link>
              </h2>
              <p className="muted">
                {[p.persona.age === null ? null : `${p.persona.age}`, p.occupation, p.location]
                  .filter(Boolean)
                  .join(" · ") || "No details yet"}
              </p>
              {p.persona.traits.length > 0 ? (
                <p className="chips-inline">
                  {p.persona.traits.slice(0, 4).map((t) => (
                    <span className="chip" key={t}>
                      {t}
                    </span>
                  ))}
                </p>
              ) : null}
              <p className="small muted">
                Version {p.version} · updated {formatDate(p.updated_at)}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {moreError ? <ErrorBox error={moreError} onRetry={loadMore} /> : null}
      {cursor ? (
        <div className="actions center">
          <button type="button" onClick={loadMore} disabled={loadingMore}>
            {loadingMore ? "Loading…" : "Load more"}
          </button>
        </div>
      ) : null}
    </section>
  );
}
