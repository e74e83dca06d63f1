import { useEffect, useId, useState } from "react";
import { call, client, notAJob } from "../../api/client.ts";
import type { PersonaResource, VersionSummary } from "../../api/types.ts";
import { fieldLabel } from "../../api/types.ts";
import { ConfirmDialog, Empty, ErrorBox, formatDate, Loading, useAsync } from "../../components/ui.tsx";
import { describeCause, describeDiffEntry, groupDiff } from "../../lib/diff.ts";

/** Version history: every version with its cause and changes, a diff between any two, and restore. */
export function History({
  resource,
  onUpdated,
}: {
  resource: PersonaResource;
  onUpdated: (next: PersonaResource) => void;
}) {
  const id = useId();
  const versions = useAsync(
    (signal) =>
      call(client.GET("/v1/personas/{id}/versions", { params: { path: { id: resource.id } }, signal })).then(
        (r) => r.data,
      ),
    [resource.id, resource.version],
  );
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [restoreBusy, setRestoreBusy] = useState(false);
  const [restoreError, setRestoreError] = useState<unknown>(null);

  const list = versions.data ?? [];
  // The comparison follows the persona: when a new version appears (an edit, a merge, a restore) it compares the
  // new current version with the one before; a pick the person made stays until then.
  const latest = list[list.length - 1]?.version ?? null;
  useEffect(() => {
    if (latest === null) return;
    setTo(latest);
    setFrom(Math.max(1, latest - 1));
  }, [latest]);

  const compare = useAsync(
    async (signal) => {
      if (from === null || to === null) return null;
      // The server diffs any two versions, with the same normalisation it uses everywhere else.
      const version = await call(
        client.GET("/v1/personas/{id}/versions/{version}", {
          params: { path: { id: resource.id, version: to }, query: { compare_to: from } },
          signal,
        }),
      );
      return version.diff;
    },
    [resource.id, from, to],
  );

  const restore = async () => {
    if (restoring === null) return;
    setRestoreBusy(true);
    setRestoreError(null);
    try {
      const next = notAJob(
        await call(
          client.PATCH("/v1/personas/{id}", {
            params: { path: { id: resource.id }, header: { "if-match": `"${resource.version}"` } },
            body: { restore_version: restoring },
          }),
        ),
      );
      setRestoring(null);
      onUpdated(next);
    } catch (e) {
      setRestoreError(e);
    } finally {
      setRestoreBusy(false);
    }
  };

  if (versions.status === "error") return <ErrorBox error={versions.error} onRetry={versions.reload} />;
  if (!versions.data) return <Loading label="Loading history…" />;
  if (list.length === 0) return <Empty>No versions yet.</Empty>;

  return (
    <div className="history">
      <section aria-labelledby={`${id}-cmp`} className="card">
        <h2 id={`${id}-cmp`}>Compare versions</h2>
        <div className="compare-pickers">
          <VersionPicker label="From" versions={list} value={from} onChange={setFrom} />
          <VersionPicker label="To" versions={list} value={to} onChange={setTo} />
        </div>
        {compare.status === "error" ? <ErrorBox error={compare.error} onRetry={compare.reload} /> : null}
        {compare.status === "loading" ? <Loading label="Comparing…" /> : null}
        {compare.status === "ready" && compare.data ? (
          compare.data.length === 0 ? (
            <p className="muted">
              {from === to ? "Pick two different versions." : "These versions hold the same values."}
            </p>
          ) : (
            <dl className="diff" aria-label={`Changes from version ${from} to version ${to}`}>
              {groupDiff(compare.data).map((g) => (
                <div key={g.field}>
                  <dt>{fieldLabel(g.field)}</dt>
                  {g.entries.map((e, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: diff entries have no id.
                    <dd key={i} className={`diff-${e.op}`}>
                      {describeDiffEntry(e).replace(`${fieldLabel(g.field)}: `, "")}
                    </dd>
                  ))}
                </div>
              ))}
            </dl>
          )
        ) : null}
      </section>
      <ol className="versions" reversed>
        {[...list].reverse().map((v) => (
          <li key={v.version} className="card version">
            <div className="version-head">
              <strong>Version {v.version}</strong>
              <span className="muted small">
                {describeCause(v.cause)} · {formatDate(v.created_at)}
              </span>
              {v.version === resource.version ? (
                <span className="badge">current</span>
              ) : (
                <button type="button" className="link-button" onClick={() => setRestoring(v.version)}>
                  Restore version {v.version}
                </button>
              )}
            </div>
            {v.diff.length > 0 ? (
              <ul className="small diff-summary">
                {v.diff.slice(0, 8).map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: diff entries have no id.
                  <li key={i} className={`diff-${e.op}`}>
                    {describeDiffEntry(e)}
                  </li>
                ))}
                {v.diff.length > 8 ? <li className="muted">and {v.diff.length - 8} more</li> : null}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      <ConfirmDialog
        open={restoring !== null}
        title={`Restore version ${restoring ?? ""}?`}
        confirmLabel="Restore"
        busy={restoreBusy}
        onCancel={() => {
          setRestoring(null);
          setRestoreError(null);
        }}
        onConfirm={restore}
      >
        <p>
          The persona will hold version {restoring}'s values again, saved as a new version. Nothing is lost: the current
          version stays in the history.
        </p>
        {restoreError ? <ErrorBox error={restoreError} /> : null}
      </ConfirmDialog>
    </div>
  );
}

function VersionPicker({
  label,
  versions,
  value,
  onChange,
}: {
  label: string;
  versions: VersionSummary[];
  value: number | null;
  onChange: (version: number) => void;
}) {
  return (
    <label>
      {label}{" "}
      <select value={value ?? ""} onChange={(e) => onChange(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            Version {v.version}
          </option>
        ))}
      </select>
    </label>
  );
}
