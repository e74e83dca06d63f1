import { useEffect, useState } from "react";
import { fetchApiUrl, saveBlob } from "../api/client.ts";
import { errorMessage } from "../lib/problem.ts";

/**
 * An API resource as an object URL, fetched with the session's key (an <img src> or <a href> could not send it).
 * `refresh` fetches it again when it changes (a wireframe re-rendered under the same URL); the browser's HTTP cache
 * revalidates with the ETag. The URL is revoked when it is replaced or the component goes.
 */
function useApiObjectUrl(path: string, accept: string, refresh?: unknown): { url?: string; error?: string } {
  const [state, setState] = useState<{ url?: string; error?: string }>({});
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` is a reason to fetch again.
  useEffect(() => {
    const controller = new AbortController();
    let url: string | undefined;
    fetchApiUrl(path, { accept, signal: controller.signal })
      .then((r) => r.blob())
      .then(
        (blob) => {
          if (controller.signal.aborted) return;
          url = URL.createObjectURL(blob);
          setState({ url });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setState({ error: errorMessage(error) });
        },
      );
    return () => {
      controller.abort();
      // Revoked a little later: the new image may still be decoding from the old URL.
      if (url) setTimeout(() => URL.revokeObjectURL(url as string), 1000);
    };
  }, [path, accept, refresh]);
  return state;
}

/** An image from the API (a wireframe PNG), linking to itself at full size. */
export function ApiImage({
  path,
  alt,
  className,
  refresh,
}: {
  path: string;
  alt: string;
  className?: string;
  refresh?: unknown;
}) {
  const { url, error } = useApiObjectUrl(path, "image/png", refresh);
  if (error) return <span className="error-text">{error}</span>;
  if (!url)
    return <span className={`image-placeholder ${className ?? ""}`} role="img" aria-label={`${alt} (loading)`} />;
  return (
    <a href={url} target="_blank" rel="noreferrer" className={className}>
      <img src={url} alt={alt} />
    </a>
  );
}

/** The file name a download answer suggests, or `fallback`. */
function filenameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get("content-disposition") ?? "";
  return /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
}

/** A link-like button that downloads an API resource with the session's key. */
export function ApiDownload({ path, label, filename }: { path: string; label: string; filename: string }) {
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    setError(null);
    try {
      const url = new URL(path, window.location.origin);
      url.searchParams.set("download", "1");
      const response = await fetchApiUrl(url.pathname + url.search);
      saveBlob(await response.blob(), filenameOf(response, filename));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <button type="button" className="link-button inline" onClick={download}>
        {label}
      </button>
      {error ? (
        <span className="error-text" role="alert">
          {" "}
          {errorMessage(error)}
        </span>
      ) : null}
    </>
  );
}
