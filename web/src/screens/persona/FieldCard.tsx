import { type FormEvent, useId, useState } from "react";
import {
  type Evidence,
  FIELD_LABELS,
  isListField,
  type Persona,
  type PersonaField,
  type SourceInfo,
} from "../../api/types.ts";
import { ErrorBox, ProvenanceBadge } from "../../components/ui.tsx";
import { evidenceFor, provenanceOf } from "../../lib/evidence.ts";
import { EvidenceDialog } from "./Evidence.tsx";

/** What to send in a merge patch for this field: a value, or null to clear it. */
export type FieldValue = string | number | string[] | null;

/** Parses the edit box into the field's value, or answers a message saying what is wrong. */
export function parseFieldInput(field: PersonaField, text: string): { value: FieldValue } | { problem: string } {
  if (isListField(field)) {
    const items = text
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "");
    return { value: items };
  }
  const trimmed = text.trim();
  if (trimmed === "") return { value: null };
  if (field === "age") {
    if (!/^\d{1,3}$/.test(trimmed) || Number(trimmed) > 130)
      return { problem: "Age must be a whole number from 0 to 130." };
    return { value: Number(trimmed) };
  }
  return { value: trimmed };
}

/** One persona field as a card: its value(s), each opening its evidence in the source viewer, and an inline editor. */
export function FieldCard({
  personaId,
  field,
  persona,
  evidence,
  sources,
  onSave,
}: {
  personaId: string;
  field: PersonaField;
  persona: Persona;
  evidence: Evidence;
  sources: SourceInfo[];
  onSave: (field: PersonaField, value: FieldValue) => Promise<void>;
}) {
  const id = useId();
  const label = FIELD_LABELS[field];
  const [open, setOpen] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const raw = persona[field];
  const items: string[] = Array.isArray(raw) ? raw : raw === null ? [] : [String(raw)];
  const list = isListField(field);
  const long = field === "background" || list;

  const startEdit = () => {
    setDraft(items.join("\n"));
    setProblem(null);
    setError(null);
    setEditing(true);
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseFieldInput(field, draft);
    if ("problem" in parsed) {
      setProblem(parsed.problem);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await onSave(field, parsed.value);
      setEditing(false);
      setOpen(null);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <article className={`card field-card field-${field}`} aria-labelledby={`${id}-label`}>
      <header className="field-head">
        <h2 id={`${id}-label`}>{label}</h2>
        {editing ? null : (
          <button type="button" className="link-button" onClick={startEdit} aria-label={`Edit ${label}`}>
            Edit
          </button>
        )}
      </header>
      {editing ? (
        <form onSubmit={save} className="field-edit">
          <label htmlFor={`${id}-input`} className="visually-hidden">
            {label}
          </label>
          {long ? (
            <textarea
              id={`${id}-input`}
              rows={list ? Math.max(3, items.length + 1) : 5}
              value={draft}
              // biome-ignore lint/a11y/noAutofocus: the person just asked to edit this field.
              autoFocus
              onChange={(e) => setDraft(e.target.value)}
              aria-describedby={`${id}-hint`}
            />
          ) : (
            <input
              id={`${id}-input`}
              value={draft}
              inputMode={field === "age" ? "numeric" : undefined}
              // biome-ignore lint/a11y/noAutofocus: the person just asked to edit this field.
              autoFocus
              onChange={(e) => setDraft(e.target.value)}
              aria-describedby={`${id}-hint`}
            />
          )}
          <small id={`${id}-hint`} className="muted">
            {list ? "One item per line. " : ""}Leave empty to clear. Your edit is saved as a new version.
          </small>
          {problem ? (
            <p className="error-text" role="alert">
              {problem}
            </p>
          ) : null}
          {error ? <ErrorBox error={error} /> : null}
          <div className="actions">
            <button type="submit" className="primary" disabled={saving}>
              {saving ? "Saving…" : "Save"}
            </button>
            <button type="button" onClick={() => setEditing(false)} disabled={saving}>
              Cancel
            </button>
          </div>
        </form>
      ) : items.length === 0 ? (
        <p className="muted small">Not in the sources.</p>
      ) : (
        <>
          <ul className={list ? "values chips" : "values"}>
            {items.map((value, i) => {
              const entries = evidenceFor(evidence, field, list ? i : undefined);
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: evidence is aligned by index.
                <li key={i}>
                  <button
                    type="button"
                    className={list ? "chip value" : "value"}
                    aria-haspopup="dialog"
                    title="Show where this came from"
                    onClick={() => setOpen(i)}
                  >
                    <span className="value-text">{value}</span>{" "}
                    <ProvenanceBadge provenance={provenanceOf(entries, sources)} />
                  </button>
                </li>
              );
            })}
          </ul>
          <EvidenceDialog
            open={open !== null && open < items.length}
            onClose={() => setOpen(null)}
            title={`${label}: ${open === null ? "" : (items[open] ?? "")}`}
            personaId={personaId}
            entries={open === null ? [] : evidenceFor(evidence, field, list ? open : undefined)}
            sources={sources}
          />
        </>
      )}
    </article>
  );
}
