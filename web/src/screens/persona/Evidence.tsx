import type { EvidenceEntry, SourceInfo } from "../../api/types.ts";
import { KindBadge } from "../../components/ui.tsx";
import { resolveEvidence } from "../../lib/evidence.ts";

/** The quotes behind one value, each with its source and whether it was stated or inferred. */
export function EvidenceList({
  entries,
  sources,
  id,
  label,
}: {
  entries: EvidenceEntry[];
  sources: SourceInfo[];
  id?: string;
  label: string;
}) {
  const resolved = resolveEvidence(entries, sources);
  return (
    <section className="evidence" id={id} aria-label={`Evidence for ${label}`}>
      {resolved.length === 0 ? (
        <p className="muted small">No quote supports this value.</p>
      ) : (
        <ul>
          {resolved.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same quote may appear twice from one source.
            <li key={i}>
              <blockquote>“{e.quote}”</blockquote>
              <p className="small">
                <KindBadge kind={e.kind} />{" "}
                {e.source?.kind === "url" && e.source.url ? (
                  <a href={e.source.url} target="_blank" rel="noreferrer noopener">
                    {e.sourceLabel}
                  </a>
                ) : (
                  <span>{e.sourceLabel}</span>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
