import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";
import type { Provenance } from "../lib/evidence.ts";
import { errorMessage, isRetryable } from "../lib/problem.ts";
import { Link } from "../router.tsx";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

/** A whole screen that is loading: it still has its level-one heading, so the page keeps its outline. */
export function ScreenLoading({ title, label }: { title: string; label?: string }) {
  return (
    <section aria-labelledby="loading-title">
      <h1 id="loading-title" className="visually-hidden">
        {title}
      </h1>
      <Loading label={label} />
    </section>
  );
}

/** A problem, and "Try again" when trying again could help (not for a missing resource or invalid input). */
export function ErrorBox({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  return (
    <div className="error-box" role="alert">
      {title ? <strong>{title} </strong> : null}
      <span>{errorMessage(error)}</span>
      {onRetry && isRetryable(error) ? (
        <button type="button" className="link-button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** A whole screen that could not be shown: what failed as its heading, why, and the way back. */
export function ScreenError({
  title,
  error,
  onRetry,
  back,
}: {
  title: string;
  error: unknown;
  onRetry?: () => void;
  back: { href: string; label: string };
}) {
  return (
    <section className="narrow" aria-labelledby="error-title">
      <p className="breadcrumbs">
        <Link href={back.href}>{back.label}</Link> /
      </p>
      <h1 id="error-title">{title}</h1>
      <ErrorBox error={error} onRetry={onRetry} />
      <p>
        <Link href={back.href}>Back to {back.label.toLowerCase()}</Link>
      </p>
    </section>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

const PROVENANCE_TITLES: Record<Provenance, string> = {
  stated: "Said outright in the source",
  inferred: "Inferred from the source",
  imported: "Imported from a persona file",
  edited: "Edited by hand",
};

/** Where a value comes from: stated, inferred, imported or edited. */
export function ProvenanceBadge({ provenance }: { provenance: Provenance | undefined }) {
  if (!provenance) return null;
  return (
    <span className={`badge badge-${provenance}`} title={PROVENANCE_TITLES[provenance]}>
      {provenance}
    </span>
  );
}

/** "1 character", "2 characters". */
export const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString()} ${count === 1 ? one : many}`;

export type AsyncState<T> =
  | { status: "loading"; data?: T }
  | { status: "ready"; data: T }
  | { status: "error"; error: unknown; data?: T };

/** Runs `load` when `deps` change; `reload()` runs it again keeping the old data visible meanwhile. */
export function useAsync<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): AsyncState<T> & { reload: () => void; set: (data: T) => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: "loading" });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  // biome-ignore lint/correctness/useExhaustiveDependencies: deps are the caller's; tick forces a reload.
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ status: "loading", data: s.data }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: "ready", data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ status: "error", error, data: s.data }));
      },
    );
    return () => controller.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const set = useCallback((data: T) => setState({ status: "ready", data }), []);
  return { ...state, reload, set };
}

/** A modal built on <dialog>: focus moves in and is trapped, Escape and the close button call `onClose`. */
export function Dialog({
  open,
  title,
  children,
  onClose,
  className,
  actions,
}: {
  open: boolean;
  title: ReactNode;
  children: ReactNode;
  onClose: () => void;
  className?: string;
  /** The buttons at the bottom; without them the dialog has a Close button. */
  actions?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className={className ? `dialog ${className}` : "dialog"}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {open ? <div className="dialog-body">{children}</div> : null}
      <div className="actions">
        {actions ?? (
          <button type="button" onClick={onClose}>
            Close
          </button>
        )}
      </div>
    </dialog>
  );
}

/** A modal confirmation: Cancel and the action. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger,
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="button" className={danger ? "danger" : "primary"} onClick={onConfirm} disabled={busy}>
            {busy ? "Working…" : confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}

/** Seconds since `running` became true, ticking once a second; for honest progress on long requests. */
export function useElapsed(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!running) return;
    setSeconds(0);
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return seconds;
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** Sets document.title for the current screen. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Persona Studio` : "Persona Studio";
  }, [title]);
}
