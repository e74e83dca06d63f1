import { useState } from "react";
import { call, client, type Job } from "../api/client.ts";
import { describeProgress, followJob } from "../api/jobs.ts";
import { cleanMaterial, MaterialEditor, useMaterialForm } from "../components/MaterialEditor.tsx";
import { ErrorBox, useTitle } from "../components/ui.tsx";
import { Link, navigate } from "../router.tsx";

/** Create a persona from pasted text blocks and links. */
export function PersonaCreate() {
  useTitle("New persona");
  const [progress, setProgress] = useState<Job["progress"] | null>(null);
  const { material, setMaterial, busy, error, invalid, elapsed, submit } = useMaterialForm(async (body) => {
    // As an async job: the server reports its stages while large material is read, and nothing waits on one request.
    setProgress(null);
    const answer = await call(client.POST("/v1/personas", { body, params: { header: { prefer: "respond-async" } } }));
    const id = "kind" in answer ? (await followJob(answer, setProgress)).persona_id : answer.id;
    navigate(`/personas/${id}?created=1`);
  });

  const { texts, urls } = cleanMaterial(material);
  return (
    <section aria-labelledby="create-title" className="narrow">
      <p className="breadcrumbs">
        <Link href="/">Personas</Link> /
      </p>
      <h1 id="create-title">New persona</h1>
      <p className="muted">
        Add as many text blocks and links as you like. Every value in the persona will point to the words it came from;
        nothing is guessed.
      </p>
      <form onSubmit={submit} aria-busy={busy}>
        <MaterialEditor value={material} onChange={setMaterial} disabled={busy} />
        {invalid ? (
          <p className="error-text" role="alert">
            {invalid}
          </p>
        ) : null}
        {error ? <ErrorBox error={error} title="The persona was not created." /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Building…" : "Build persona"}
          </button>
          <Link href="/" className="button">
            Cancel
          </Link>
        </div>
        {busy ? (
          <div className="progress" role="status" aria-live="polite">
            <progress aria-label="Building the persona" />
            <span>
              {urls.length > 0
                ? `Fetching ${urls.length} link${urls.length === 1 ? "" : "s"} and reading `
                : "Reading "}
              {texts.length} text{texts.length === 1 ? "" : "s"} with the{" "}
              {material.engine === "llm" ? "language model" : "offline engine"}… {elapsed > 0 ? `${elapsed}s` : ""}
            </span>
            {progress ? <span className="muted">{describeProgress(progress)}</span> : null}
          </div>
        ) : null}
      </form>
    </section>
  );
}
