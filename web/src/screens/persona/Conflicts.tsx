import { type FormEvent, useId, useState } from "react";
import { call, client } from "../../api/client.ts";
import {
  type ConflictAction,
  fieldLabel,
  type PersonaConflict,
  type PersonaResource,
  type SourceInfo,
} from "../../api/types.ts";
import { ErrorBox, formatDate, plural, useAsync } from "../../components/ui.tsx";
import { ApiError } from "../../lib/problem.ts";
import { EvidenceList } from "./Evidence.tsx";

/** Why the merge kept the value it kept, in the words a person reading the panel needs. */
const CAUSES: Record<PersonaConflict["rule"], string> = {
  manual_value: "You set the current value by hand, so the merge kept it.",
  recency: "The merge kept the value from the newest material.",
  stated_beats_inferred: "The merge kept the value the material states rather than one it only suggests.",
};

const show = (value: string | number) => String(value);

/**
 * The persona's pending conflicts (GET …/conflicts): each clash a merge found, with both values and their evidence,
 * resolved by the person with one of three actions (each a new version). The list follows the persona's version,
 * so a merge elsewhere on the page brings its new conflicts here.
 */
export function ConflictsPanel({
  resource,
  onResolved,
}: {
  resource: PersonaResource;
  onResolved: (next: PersonaResource, message: string) => void;
}) {
  const titleId = useId();
  const conflicts = useAsync(
    (signal) =>
      call(client.GET("/v1/personas/{id}/conflicts", { params: { path: { id: resource.id } }, signal })).then(
        (r) => r.data,
      ),
    [resource.id, resource.version],
  );
  const list = conflicts.data ?? [];
  if (conflicts.status === "error" && !conflicts.data) {
    return <ErrorBox error={conflicts.error} title="Conflicts could not be loaded." onRetry={conflicts.reload} />;
  }
  if (list.length === 0) return null;
  return (
    <section className="pending-conflicts" aria-labelledby={titleId}>
      <h2 id={titleId}>{plural(list.length, "conflict")} to resolve</h2>
      <p className="muted small">
        New material proposed a different value than the persona holds. Choose which one stays, or write another; each
        choice is saved as a new version.
      </p>
      <ul className="conflicts">
        {list.map((c) => (
          <ConflictItem
            key={c.id}
            conflict={c}
            resource={resource}
            onResolved={onResolved}
            onStale={conflicts.reload}
          />
        ))}
      </ul>
    </section>
  );
}

function ConflictItem({
  conflict,
  resource,
  onResolved,
  onStale,
}: {
  conflict: PersonaConflict;
  resource: PersonaResource;
  onResolved: (next: PersonaResource, message: string) => void;
  onStale: () => void;
}) {
  const id = useId();
  const label = fieldLabel(conflict.field);
  const [busy, setBusy] = useState<ConflictAction | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [writing, setWriting] = useState(false);
  const [draft, setDraft] = useState(show(conflict.current.value));
  const [invalid, setInvalid] = useState<string | null>(null);
  const numeric = typeof conflict.current.value === "number" || typeof conflict.proposed.value === "number";

  const resolve = async (action: ConflictAction, value?: string | number) => {
    setBusy(action);
    setError(null);
    try {
      const result = await call(
        client.POST("/v1/personas/{id}/conflicts/{conflict_id}/resolution", {
          params: {
            path: { id: resource.id, conflict_id: conflict.id },
            header: { "if-match": `"${resource.version}"` },
          },
          body: value === undefined ? { action } : { action, value },
        }),
      );
      const kept = result.persona.persona[conflict.field as keyof PersonaResource["persona"]];
      onResolved(
        result.persona,
        `${label} is now “${Array.isArray(kept) ? kept.join(", ") : String(kept)}” (version ${result.persona.version}).`,
      );
    } catch (e) {
      setError(e);
      setBusy(null);
      // Resolved elsewhere (another tab, another person): the list is out of date, not the person's choice.
      if (e instanceof ApiError && e.status === 409) onStale();
    }
  };

  const submitWrite = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) {
      setInvalid(`Write the value for ${label.toLowerCase()}.`);
      return;
    }
    if (numeric && !/^\d{1,3}$/.test(text)) {
      setInvalid(`${label} is a whole number.`);
      return;
    }
    setInvalid(null);
    void resolve("write", numeric ? Number(text) : text);
  };

  return (
    <li className="conflict card" aria-labelledby={`${id}-title`} aria-busy={busy !== null}>
      <h3 id={`${id}-title`}>{label}</h3>
      <p className="small">
        {CAUSES[conflict.rule]} <span className="muted">Found {formatDate(conflict.created_at)}.</span>
      </p>
      <div className="conflict-sides">
        <Side
          title="Current value"
          side={conflict.current}
          chosen={conflict.applied === "current"}
          personaId={resource.id}
          sources={resource.sources}
          evidenceLabel={`${label}, current value`}
        />
        <Side
          title="Proposed by the material"
          side={conflict.proposed}
          chosen={conflict.applied === "proposed"}
          personaId={resource.id}
          sources={resource.sources}
          evidenceLabel={`${label}, proposed value`}
        />
      </div>
      {writing ? (
        <form className="conflict-write" onSubmit={submitWrite}>
          <label htmlFor={`${id}-value`}>Another value for {label.toLowerCase()}</label>
          <input
            id={`${id}-value`}
            value={draft}
            inputMode={numeric ? "numeric" : undefined}
            maxLength={2000}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={invalid ? `${id}-invalid` : undefined}
            disabled={busy !== null}
            onChange={(e) => setDraft(e.target.value)}
            // biome-ignore lint/a11y/noAutofocus: the person just asked to write; the field is what they act on next.
            autoFocus
          />
          {invalid ? (
            <p id={`${id}-invalid`} className="error-text" role="alert">
              {invalid}
            </p>
          ) : null}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy !== null}>
              {busy === "write" ? "Saving…" : "Save value"}
            </button>
            <button
              type="button"
              disabled={busy !== null}
              onClick={() => {
                setWriting(false);
                setInvalid(null);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="actions wrap">
          <button type="button" disabled={busy !== null} onClick={() => void resolve("keep_current")}>
            {busy === "keep_current" ? "Keeping…" : "Keep current"}
          </button>
          <button type="button" disabled={busy !== null} onClick={() => void resolve("take_proposed")}>
            {busy === "take_proposed" ? "Taking…" : "Take proposed"}
          </button>
          <button type="button" disabled={busy !== null} onClick={() => setWriting(true)}>
            Write another value
          </button>
        </div>
      )}
      {error ? <ErrorBox error={error} title={`${label} was not changed.`} /> : null}
    </li>
  );
}

/** One value of a conflict with the quotes behind it; a value set by hand shows its manual edit as the evidence. */
function Side({
  title,
  side,
  chosen,
  personaId,
  sources,
  evidenceLabel,
}: {
  title: string;
  side: PersonaConflict["current"];
  chosen: boolean;
  personaId: string;
  sources: SourceInfo[];
  evidenceLabel: string;
}) {
  return (
    <div className={chosen ? "side chosen" : "side"}>
      <p className="small muted">
        {title}
        {chosen ? " · in the persona now" : ""}
      </p>
      <p className="conflict-value">{show(side.value)}</p>
      <EvidenceList personaId={personaId} entries={side.evidence} sources={sources} label={evidenceLabel} />
    </div>
  );
}
