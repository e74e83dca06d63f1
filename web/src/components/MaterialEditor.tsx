import { type FormEvent, useId, useState } from "react";
import { useCapabilities } from "../api/capabilities.ts";
import { plural, useElapsed } from "./ui.tsx";

export interface Material {
  texts: string[];
  urls: string[];
  engine: "offline" | "llm";
}

export const emptyMaterial = (): Material => ({ texts: [""], urls: [], engine: "offline" });

/** Trims blocks, drops empty ones; answers a message when nothing is left to send or a link is not http(s). */
export function cleanMaterial(material: Material): { texts: string[]; urls: string[]; problem?: string } {
  const texts = material.texts.filter((t) => t.trim() !== "");
  const urls = material.urls.map((u) => u.trim()).filter((u) => u !== "");
  const bad = urls.find((u) => !URL.canParse(u) || !/^https?:$/.test(new URL(u).protocol));
  if (bad) return { texts, urls, problem: `“${bad}” is not a web address (it must start with http:// or https://).` };
  if (texts.length === 0 && urls.length === 0) return { texts, urls, problem: "Paste some text or add a link first." };
  return { texts, urls };
}

/**
 * The state of a form that sends material (create, add material): checks it before sending, tracks busy time and
 * the error. `send` gets the cleaned material; what it throws is shown as the form's error.
 */
export function useMaterialForm(
  send: (material: { texts: string[]; urls: string[]; engine: Material["engine"] }) => Promise<void>,
) {
  const [material, setMaterial] = useState<Material>(emptyMaterial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const elapsed = useElapsed(busy);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { texts, urls, problem } = cleanMaterial(material);
    setInvalid(problem ?? null);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      await send({ texts, urls, engine: material.engine });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { material, setMaterial, busy, error, invalid, elapsed, submit };
}

/** Text blocks and links that can be added and removed, plus the engine choice when the server has a model. */
export function MaterialEditor({
  value,
  onChange,
  disabled,
}: {
  value: Material;
  onChange: (next: Material) => void;
  disabled?: boolean;
}) {
  const id = useId();
  // The engine choice is offered only when the server has a language model configured.
  const llm = useCapabilities()?.engines.llm;
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const setText = (i: number, text: string) =>
    onChange({ ...value, texts: value.texts.map((t, j) => (j === i ? text : t)) });
  const setUrl = (i: number, url: string) =>
    onChange({ ...value, urls: value.urls.map((u, j) => (j === i ? url : u)) });
  return (
    <fieldset className="material" disabled={disabled}>
      <legend className="visually-hidden">Material</legend>
      <div className="stack">
        {value.texts.map((text, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no identity beyond their position.
          <div className="block" key={i}>
            <div className="block-head">
              <label htmlFor={`${id}-text-${i}`}>Text {i + 1}</label>
              {value.texts.length > 1 || value.urls.length > 0 ? (
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove text ${i + 1}`}
                  onClick={() => onChange({ ...value, texts: value.texts.filter((_, j) => j !== i) })}
                >
                  Remove
                </button>
              ) : null}
            </div>
            <textarea
              id={`${id}-text-${i}`}
              value={text}
              rows={6}
              // biome-ignore lint/a11y/noAutofocus: focus follows the block the person just added.
              autoFocus={focusIndex === i}
              placeholder="Paste interview notes, a bio, support tickets…"
              onChange={(e) => setText(i, e.target.value)}
            />
            <small className="muted">{plural(text.length, "character")}</small>
          </div>
        ))}
        {value.urls.map((url, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: links have no identity beyond their position.
          <div className="block" key={`u${i}`}>
            <div className="block-head">
              <label htmlFor={`${id}-url-${i}`}>Link {i + 1}</label>
              <button
                type="button"
                className="link-button"
                aria-label={`Remove link ${i + 1}`}
                onClick={() => onChange({ ...value, urls: value.urls.filter((_, j) => j !== i) })}
              >
                Remove
              </button>
            </div>
            <input
              id={`${id}-url-${i}`}
              type="url"
              inputMode="url"
              value={url}
              placeholder="https://example.com/about"
              onChange={(e) => setUrl(i, e.target.value)}
            />
          </div>
        ))}
      </div>
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            setFocusIndex(value.texts.length);
            onChange({ ...value, texts: [...value.texts, ""] });
          }}
        >
          + Add text
        </button>
        <button type="button" onClick={() => onChange({ ...value, urls: [...value.urls, ""] })}>
          + Add link
        </button>
      </div>
      {llm ? (
        <fieldset className="engine">
          <legend>Engine</legend>
          <label>
            <input
              type="radio"
              name={`${id}-engine`}
              checked={value.engine === "offline"}
              onChange={() => onChange({ ...value, engine: "offline" })}
            />{" "}
            Offline <small className="muted">(rule-based, no API key, instant)</small>
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-engine`}
              checked={value.engine === "llm"}
              onChange={() => onChange({ ...value, engine: "llm" })}
            />{" "}
            Language model{" "}
            <small className="muted">
              ({llm.provider} · {llm.model})
            </small>
          </label>
        </fieldset>
      ) : (
        <p className="muted engine-note">
          Read by the offline engine (no language model is configured on this server).
        </p>
      )}
    </fieldset>
  );
}
