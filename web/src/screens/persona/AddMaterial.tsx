import { useState } from "react";
import { call, client, type Job } from "../../api/client.ts";
import { describeProgress, followJob } from "../../api/jobs.ts";
import { type Changes, fieldLabel, type PersonaResource, type SourceInfo } from "../../api/types.ts";
import { emptyMaterial, MaterialEditor, useMaterialForm } from "../../components/MaterialEditor.tsx";
import { ErrorBox } from "../../components/ui.tsx";
import { ApiError } from "../../lib/problem.ts";
import { EvidenceList } from "./Evidence.tsx";

const RULES: Record<string, string> = {
  recency: "the newer material wins",
  stated_beats_inferred: "a stated value beats an inferred one",
  manual_value: "it was set by hand (resolve it above, under conflicts to resolve)",
};

/** The persona a finished merge job wrote, with the job's changes (a persona deleted meanwhile is an error). */
function mergedPersona(job: Job): PersonaResource & { changes?: Changes } {
  if (!job.persona) throw new ApiError(404, { detail: "The persona was deleted while the material was merged." });
  return { ...job.persona, ...(job.changes ? { changes: job.changes } : {}) };
}

/** Add material to a persona and show what changed: added, updated, and conflicts with both values. */
export function AddMaterial({
  resource,
  onUpdated,
}: {
  resource: PersonaResource;
  onUpdated: (next: PersonaResource) => void;
}) {
  const [result, setResult] = useState<{ changes: Changes; sources: SourceInfo[]; version: number } | null>(null);
  const [progress, setProgress] = useState<Job["progress"] | null>(null);
  const form = useMaterialForm(async (body) => {
    // As an async job, like a create: the server reports its stages while the material is read and merged.
    setProgress(null);
    const answer = await call(
      client.PATCH("/v1/personas/{id}", {
        params: { path: { id: resource.id }, header: { "if-match": `"${resource.version}"`, prefer: "respond-async" } },
        body,
      }),
    );
    const merged = "kind" in answer ? mergedPersona(await followJob(answer, setProgress)) : answer;
    const { changes, ...rest } = merged;
    setResult({
      changes: changes ?? { added: [], updated: [], conflicts: [] },
      sources: merged.sources,
      version: merged.version,
    });
    form.setMaterial(emptyMaterial());
    onUpdated(rest);
  });
  const { material, setMaterial, busy, error, invalid, elapsed, submit } = form;

  return (
    <div className="add-material">
      <form onSubmit={submit} aria-busy={busy}>
        <p className="muted">
          New interview notes or pages are read the same way and merged: new list items are added, and a value that
          differs from the current one is reported as a conflict with both sides.
        </p>
        <MaterialEditor value={material} onChange={setMaterial} disabled={busy} />
        {invalid ? (
          <p className="error-text" role="alert">
            {invalid}
          </p>
        ) : null}
        {error ? <ErrorBox error={error} title="Nothing was merged." /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Merging…" : "Merge material"}
          </button>
        </div>
        {busy ? (
          <div className="progress" role="status" aria-live="polite">
            <progress aria-label="Merging the material" />{" "}
            <span>Reading and merging… {elapsed > 0 ? `${elapsed}s` : ""}</span>
            {progress ? <span className="muted"> {describeProgress(progress)}</span> : null}
          </div>
        ) : null}
      </form>
      {result ? (
        <ChangesView
          personaId={resource.id}
          changes={result.changes}
          sources={result.sources}
          version={result.version}
        />
      ) : null}
    </div>
  );
}

const show = (value: string | number) => String(value);

export function ChangesView({
  personaId,
  changes,
  sources,
  version,
}: {
  personaId: string;
  changes: Changes;
  sources: SourceInfo[];
  version: number;
}) {
  const nothing = changes.added.length === 0 && changes.updated.length === 0 && changes.conflicts.length === 0;
  return (
    <section className="changes" aria-labelledby="changes-title" role="status">
      <h2 id="changes-title">What changed (now version {version})</h2>
      {nothing ? <p>The new material only confirmed what the persona already says; evidence was added.</p> : null}
      {changes.conflicts.length > 0 ? (
        <div className="change-group">
          <h3>Conflicts ({changes.conflicts.length})</h3>
          <ul className="conflicts">
            {changes.conflicts.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: conflicts have no id.
              <li key={i} className="conflict card">
                <p>
                  <strong>{fieldLabel(c.field)}</strong>: kept{" "}
                  <strong>“{show(c.resolution === "incoming" ? c.incoming.value : c.current.value)}”</strong> because{" "}
                  {RULES[c.rule] ?? c.rule}.
                </p>
                <div className="conflict-sides">
                  <div className={c.resolution === "current" ? "side chosen" : "side"}>
                    <p className="small muted">Before</p>
                    <p className="conflict-value">{show(c.current.value)}</p>
                    <EvidenceList
                      personaId={personaId}
                      entries={c.current.evidence}
                      sources={sources}
                      label={`${fieldLabel(c.field)} before`}
                    />
                  </div>
                  <div className={c.resolution === "incoming" ? "side chosen" : "side"}>
                    <p className="small muted">New material</p>
                    <p className="conflict-value">{show(c.incoming.value)}</p>
                    <EvidenceList
                      personaId={personaId}
                      entries={c.incoming.evidence}
                      sources={sources}
                      label={`${fieldLabel(c.field)} from the new material`}
                    />
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {changes.updated.length > 0 ? (
        <div className="change-group">
          <h3>Updated ({changes.updated.length})</h3>
          <ul>
            {changes.updated.map((u, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: updates have no id.
              <li key={i}>
                {fieldLabel(u.field)}: “{show(u.from)}” → “{show(u.to)}”
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {changes.added.length > 0 ? (
        <div className="change-group">
          <h3>Added ({changes.added.length})</h3>
          <ul>
            {changes.added.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: additions have no id.
              <li key={i}>
                {fieldLabel(a.field)}: “{show(a.value)}”
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
