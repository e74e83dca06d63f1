import { useState } from "react";
import { call, client, notAJob, saveBlob, slugify } from "../api/client.ts";
import { PERSONA_FIELDS, type PersonaField, type PersonaResource } from "../api/types.ts";
import {
  ConfirmDialog,
  ErrorBox,
  formatDate,
  ScreenError,
  ScreenLoading,
  useAsync,
  useTitle,
} from "../components/ui.tsx";
import { Link, navigate, useLocation } from "../router.tsx";
import { AddMaterial } from "./persona/AddMaterial.tsx";
import { ConflictsPanel } from "./persona/Conflicts.tsx";
import { FieldCard, type FieldValue } from "./persona/FieldCard.tsx";
import { History } from "./persona/History.tsx";

type Tab = "profile" | "material" | "history";
const TABS: { key: Tab; label: string }[] = [
  { key: "profile", label: "Profile" },
  { key: "material", label: "Add material" },
  { key: "history", label: "History" },
];

/** One persona: field cards with evidence, inline edits, new material, history, export and delete. */
export function PersonaPage({ id }: { id: string }) {
  const { search } = useLocation();
  const justCreated = search.get("created") === "1";
  const resource = useAsync(
    (signal) => call(client.GET("/v1/personas/{id}", { params: { path: { id } }, signal })),
    [id],
  );
  const [tab, setTab] = useState<Tab>("profile");
  const [deleting, setDeleting] = useState(false);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const data = resource.data;
  useTitle(data?.persona.name ?? "Persona");

  if (resource.status === "error" && !data) {
    return (
      <ScreenError
        title="This persona could not be loaded"
        error={resource.error}
        onRetry={resource.reload}
        back={{ href: "/", label: "Personas" }}
      />
    );
  }
  if (!data) return <ScreenLoading title="Persona" label="Loading persona…" />;

  const p = data.persona;
  const updated = (next: PersonaResource, message?: string) => {
    resource.set(next);
    setNotice(message ?? null);
    if (justCreated) navigate(`/personas/${id}`, { replace: true });
  };

  const saveField = async (field: PersonaField, value: FieldValue) => {
    const next = notAJob(
      await call(
        client.PATCH("/v1/personas/{id}", {
          params: { path: { id }, header: { "if-match": `"${data.version}"` } },
          body: { [field]: value },
          headers: { "Content-Type": "application/merge-patch+json" },
        }),
      ),
    );
    updated(next, `Saved as version ${next.version}.`);
  };

  const remove = async () => {
    setDeleteBusy(true);
    setDeleteError(null);
    try {
      await call(client.DELETE("/v1/personas/{id}", { params: { path: { id } } }));
      navigate("/", { replace: true });
    } catch (e) {
      setDeleteError(e);
      setDeleteBusy(false);
    }
  };

  const exportJson = () => {
    const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: "application/json" });
    saveBlob(blob, `persona-${slugify(p.name ?? data.id)}-v${data.version}.json`);
  };

  const subtitle = [p.age === null ? null : `${p.age}`, p.occupation, p.location].filter(Boolean).join(" · ");
  return (
    <section aria-labelledby="persona-title">
      <p className="breadcrumbs">
        <Link href="/">Personas</Link> /
      </p>
      <div className="page-head">
        <div>
          <h1 id="persona-title">{p.name ?? "Unnamed persona"}</h1>
          {subtitle ? <p className="subtitle">{subtitle}</p> : null}
          <p className="small muted">
            Version {data.version} · updated {formatDate(data.updated_at)} · {data.sources.length} source
            {data.sources.length === 1 ? "" : "s"}
            {data.usage
              ? ` · ${data.usage.engine === "llm" ? (data.usage.model ?? "language model") : "offline engine"}`
              : ""}
          </p>
        </div>
        <div className="actions wrap">
          <Link href={`/personas/${id}/chat`} className="button primary">
            Chat
          </Link>
          <button type="button" onClick={exportJson}>
            Export JSON
          </button>
          <button type="button" className="danger-outline" onClick={() => setDeleting(true)}>
            Delete
          </button>
        </div>
      </div>

      {justCreated ? (
        <p className="notice" role="status">
          Persona created. Select any value to see the words it came from.
        </p>
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {resource.status === "error" ? <ErrorBox error={resource.error} onRetry={resource.reload} /> : null}
      {data.warnings.length > 0 ? (
        <section className="warnings" aria-labelledby="warnings-title">
          <h2 id="warnings-title">Warnings</h2>
          <ul>
            {data.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <ConflictsPanel resource={data} onResolved={(next, message) => updated(next, message)} />

      <div role="tablist" aria-label="Persona sections" className="tabs">
        {TABS.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`tab-${t.key}`}
            aria-selected={tab === t.key}
            aria-controls={`panel-${t.key}`}
            tabIndex={tab === t.key ? 0 : -1}
            onClick={() => setTab(t.key)}
            onKeyDown={(e) => {
              const i = TABS.findIndex((x) => x.key === tab);
              const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
              if (!step) return;
              const next = TABS[(i + step + TABS.length) % TABS.length];
              if (next) {
                setTab(next.key);
                document.getElementById(`tab-${next.key}`)?.focus();
              }
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        {tab === "profile" ? (
          <div className="field-grid">
            {PERSONA_FIELDS.map((field) => (
              <FieldCard
                key={`${field}-${data.version}`}
                personaId={data.id}
                field={field}
                persona={p}
                evidence={data.evidence}
                sources={data.sources}
                onSave={saveField}
              />
            ))}
          </div>
        ) : null}
        {tab === "material" ? <AddMaterial resource={data} onUpdated={(next) => updated(next)} /> : null}
        {tab === "history" ? (
          <History resource={data} onUpdated={(next) => updated(next, `Restored as version ${next.version}.`)} />
        ) : null}
      </div>

      <ConfirmDialog
        open={deleting}
        title={`Delete ${p.name ?? "this persona"}?`}
        confirmLabel="Delete for good"
        danger
        busy={deleteBusy}
        onCancel={() => {
          setDeleting(false);
          setDeleteError(null);
        }}
        onConfirm={remove}
      >
        <p>This removes the persona with all its versions and sources. It cannot be undone.</p>
        {deleteError ? <ErrorBox error={deleteError} /> : null}
      </ConfirmDialog>
    </section>
  );
}
