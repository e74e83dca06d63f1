import { useEffect, useRef, useState } from "react";
import { call, client } from "../../api/client.ts";
import type { EvidenceEntry, SourceInfo, SourceWithText } from "../../api/types.ts";
import { Dialog, ErrorBox, formatDate, Loading, ProvenanceBadge, useAsync } from "../../components/ui.tsx";
import {
  excerptAround,
  locateQuote,
  provenanceOf,
  type ResolvedEvidence,
  resolveEvidence,
} from "../../lib/evidence.ts";

/** Characters of source text shown either side of a quote before "Show the whole source". */
const CONTEXT_CHARS = 280;

// A source's text never changes (it is stored once, by hash), so one fetch per source serves every dialog.
const sourceTexts = new Map<string, Promise<SourceWithText>>();
const CACHED_SOURCES = 30;

function loadSource(personaId: string, sourceId: string, signal: AbortSignal): Promise<SourceWithText> {
  const key = `${personaId}/${sourceId}`;
  let pending = sourceTexts.get(key);
  if (!pending) {
    const request = call(
      client.GET("/v1/personas/{id}/sources/{source_id}", { params: { path: { id: personaId, source_id: sourceId } } }),
    );
    request.catch(() => sourceTexts.delete(key));
    sourceTexts.set(key, request);
    pending = request;
    if (sourceTexts.size > CACHED_SOURCES) sourceTexts.delete(sourceTexts.keys().next().value ?? "");
  }
  // The shared request is not cancelled with one viewer; only this viewer stops waiting for it.
  return new Promise((resolve, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    pending.then(resolve, reject);
  });
}

/** The source's words around the quote, the quote highlighted; the whole text on request. */
function SourceExcerpt({ personaId, entry }: { personaId: string; entry: ResolvedEvidence }) {
  const source = useAsync((signal) => loadSource(personaId, entry.source_id, signal), [personaId, entry.source_id]);
  const [whole, setWhole] = useState(false);
  const markRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (whole) markRef.current?.scrollIntoView?.({ block: "center" });
  }, [whole]);

  if (source.status === "loading") return <Loading label="Loading the source…" />;
  if (source.status === "error") {
    return (
      <>
        <blockquote className="source-text">{entry.quote}</blockquote>
        <ErrorBox error={source.error} onRetry={source.reload} title="The source could not be loaded." />
      </>
    );
  }
  const text = source.data.text;
  const span = locateQuote(text, entry);
  if (!span) {
    return (
      <>
        <blockquote className="source-text">{entry.quote}</blockquote>
        <p className="small muted">This quote is no longer found word for word in the source's text.</p>
      </>
    );
  }
  if (whole) {
    return (
      <>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard. */}
        <section className="source-text whole" tabIndex={0} aria-label={`Whole text of ${entry.sourceLabel}`}>
          {text.slice(0, span.start)}
          <mark ref={markRef}>{text.slice(span.start, span.end)}</mark>
          {text.slice(span.end)}
        </section>
        <button type="button" className="link-button" onClick={() => setWhole(false)}>
          Show less
        </button>
      </>
    );
  }
  const excerpt = excerptAround(text, span, CONTEXT_CHARS);
  return (
    <>
      <blockquote className="source-text">
        {excerpt.cutBefore ? "… " : ""}
        {excerpt.before}
        <mark>{excerpt.quote}</mark>
        {excerpt.after}
        {excerpt.cutAfter ? " …" : ""}
      </blockquote>
      {excerpt.cutBefore || excerpt.cutAfter ? (
        <button type="button" className="link-button" onClick={() => setWhole(true)}>
          Show the whole source
        </button>
      ) : null}
    </>
  );
}

function SourceName({ entry }: { entry: ResolvedEvidence }) {
  const { source } = entry;
  const when = source?.date ?? (source ? formatDate(source.created_at) : undefined);
  return (
    <>
      {source?.kind === "url" && source.url ? (
        <a href={source.url} target="_blank" rel="noreferrer noopener">
          {entry.sourceLabel}
        </a>
      ) : (
        <span>{entry.sourceLabel}</span>
      )}
      {when ? <span className="muted"> · {when}</span> : null}
    </>
  );
}

/**
 * The evidence behind one value, each quote shown where it stands in its source (highlighted, with the words around
 * it), in a dialog so that the page's layout stays as it is.
 */
export function EvidenceDialog({
  open,
  onClose,
  title,
  personaId,
  entries,
  sources,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  personaId: string;
  entries: EvidenceEntry[];
  sources: SourceInfo[];
}) {
  const resolved = resolveEvidence(entries, sources);
  return (
    <Dialog open={open} onClose={onClose} title={title} className="evidence-dialog">
      {resolved.length === 0 ? (
        <p className="muted">No quote supports this value.</p>
      ) : (
        <ol className="evidence-sources">
          {resolved.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same quote may appear twice from one source.
            <li key={i}>
              <p className="evidence-meta small">
                <ProvenanceBadge provenance={provenanceOf([e], sources)} /> <SourceName entry={e} />
              </p>
              <SourceExcerpt personaId={personaId} entry={e} />
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  );
}

/** The quotes behind a value in a compact list (conflicts), each opening the source viewer. */
export function EvidenceList({
  entries,
  sources,
  personaId,
  label,
}: {
  entries: EvidenceEntry[];
  sources: SourceInfo[];
  personaId: string;
  label: string;
}) {
  const [open, setOpen] = useState<number | null>(null);
  const resolved = resolveEvidence(entries, sources);
  const shown = open === null ? undefined : resolved[open];
  return (
    <section className="evidence" aria-label={`Evidence for ${label}`}>
      {resolved.length === 0 ? (
        <p className="muted small">No quote supports this value.</p>
      ) : (
        <ul>
          {resolved.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same quote may appear twice from one source.
            <li key={i}>
              <blockquote>“{e.quote}”</blockquote>
              <p className="small">
                <ProvenanceBadge provenance={provenanceOf([e], sources)} /> <SourceName entry={e} /> ·{" "}
                <button type="button" className="link-button" onClick={() => setOpen(i)}>
                  Show in source
                </button>
              </p>
            </li>
          ))}
        </ul>
      )}
      <EvidenceDialog
        open={shown !== undefined}
        onClose={() => setOpen(null)}
        title={`Evidence for ${label}`}
        personaId={personaId}
        entries={shown ? [shown] : []}
        sources={sources}
      />
    </section>
  );
}
