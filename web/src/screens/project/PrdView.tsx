import { useState } from "react";
import {
  PRD_SECTIONS,
  type Prd,
  type PrdDocument,
  type PrdSectionKey,
  type WhatsNextItem,
  type WireframeRef,
} from "../../api/chat-types.ts";
import { ApiImage } from "../../components/ApiResource.tsx";
import { ErrorBox, Loading } from "../../components/ui.tsx";
import { WhatsNext } from "./WhatsNext.tsx";

/** How many entries a section holds (text sections: 1 when written). */
export function sectionCount(doc: PrdDocument, key: PrdSectionKey): number {
  const value = doc[key];
  if (Array.isArray(value)) return value.length;
  return value ? 1 : 0;
}

function SectionBody({ doc, section, revision }: { doc: PrdDocument; section: PrdSectionKey; revision: number }) {
  switch (section) {
    case "overview":
    case "problem":
      return <p>{doc[section]}</p>;
    case "target_users":
      return (
        <ul>
          {doc.target_users.map((u) => (
            <li key={u.id}>
              <strong>{u.id}</strong> {u.description}
            </li>
          ))}
        </ul>
      );
    case "user_journeys":
      return (
        <>
          {doc.user_journeys.map((j) => (
            <div key={j.id}>
              <p>
                <strong>{j.id}</strong> {j.title}
              </p>
              <ol>
                {j.steps.map((s, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: steps are ordered text.
                  <li key={i}>{s}</li>
                ))}
              </ol>
            </div>
          ))}
        </>
      );
    case "functional_requirements":
      return (
        <ul className="requirements">
          {doc.functional_requirements.map((r) => (
            <li key={r.id}>
              <strong>{r.id}</strong> <span className={`badge priority-${r.priority}`}>{r.priority}</span> {r.title}
              {r.description ? <p className="small">{r.description}</p> : null}
              {r.acceptance_criteria.length > 0 ? (
                <ul className="small">
                  {r.acceptance_criteria.map((c, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: criteria are ordered text.
                    <li key={i}>{c}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      );
    case "non_functional_requirements":
      return (
        <ul>
          {doc.non_functional_requirements.map((r) => (
            <li key={r.id}>
              <strong>{r.id}</strong> {r.category ? <em>{r.category}: </em> : null}
              {r.requirement}
            </li>
          ))}
        </ul>
      );
    case "success_metrics":
      return (
        <ul>
          {doc.success_metrics.map((m) => (
            <li key={m.id}>
              <strong>{m.id}</strong> {m.metric}
              {m.target ? <span className="muted"> — target: {m.target}</span> : null}
            </li>
          ))}
        </ul>
      );
    case "wireframes":
      return <WireframeGallery wireframes={doc.wireframes} revision={revision} />;
    case "decision_log":
      return (
        <ul>
          {doc.decision_log.map((d) => (
            <li key={d.id}>
              <strong>{d.id}</strong> {d.decision}
              {d.rationale ? <span className="muted"> — {d.rationale}</span> : null}
            </li>
          ))}
        </ul>
      );
    default:
      return (
        <ul>
          {doc[section].map((n) => (
            <li key={n.id}>
              <strong>{n.id}</strong> {n.text}
            </li>
          ))}
        </ul>
      );
  }
}

/** Wireframe PNGs, fetched again when the PRD revision changes (a re-rendered wireframe keeps its URL). */
function WireframeGallery({ wireframes, revision }: { wireframes: WireframeRef[]; revision: number }) {
  return (
    <ul className="gallery">
      {wireframes.map((w) => (
        <li key={w.id}>
          <figure>
            <ApiImage path={w.url} alt={`Wireframe: ${w.name}`} refresh={revision} />
            <figcaption>
              <strong>{w.id}</strong> {w.name}
            </figcaption>
          </figure>
        </li>
      ))}
    </ul>
  );
}

export function PrdView({
  prd,
  loading,
  error,
  onRetry,
  whatsNext,
  onDownload,
}: {
  prd: Prd | null;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  whatsNext: WhatsNextItem[];
  onDownload: (format: "markdown" | "html") => Promise<void>;
}) {
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const download = (format: "markdown" | "html") => {
    setDownloadError(null);
    onDownload(format).catch(setDownloadError);
  };
  return (
    <>
      <WhatsNext items={whatsNext} />
      <section className="card prd" aria-labelledby="prd-title">
        <div className="prd-head">
          <h2 id="prd-title">PRD{prd ? <span className="muted small"> · revision {prd.revision}</span> : null}</h2>
          <div className="actions">
            <button type="button" onClick={() => download("markdown")}>
              Download Markdown
            </button>
            <button type="button" onClick={() => download("html")}>
              Download HTML
            </button>
          </div>
        </div>
        {downloadError ? <ErrorBox error={downloadError} /> : null}
        {error ? <ErrorBox error={error} onRetry={onRetry} /> : null}
        {loading ? <Loading label="Loading the PRD…" /> : null}
        {prd ? (
          <>
            <nav aria-label="PRD sections" className="prd-nav">
              <ul>
                {PRD_SECTIONS.map(([key, title]) => {
                  const count = sectionCount(prd.document, key);
                  return (
                    <li key={key}>
                      <a href={`#prd-${key}`} className={count ? "filled" : "empty-section"}>
                        {title}
                        {count ? ` (${count})` : ""}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </nav>
            {PRD_SECTIONS.map(([key, title]) => (
              <section
                key={key}
                id={`prd-${key}`}
                className="prd-section"
                aria-labelledby={`prd-h-${key}`}
                tabIndex={-1}
              >
                <h3 id={`prd-h-${key}`}>{title}</h3>
                {sectionCount(prd.document, key) > 0 ? (
                  <SectionBody doc={prd.document} section={key} revision={prd.revision} />
                ) : (
                  <p className="muted small">Not written yet.</p>
                )}
              </section>
            ))}
          </>
        ) : null}
      </section>
    </>
  );
}
