import { ApiError, readProblem } from "../lib/problem.ts";

const KEY_STORAGE = "persona-studio.api-key";

/** The API key for this browser tab (sessionStorage: gone when the tab closes, never sent to another origin). */
export const apiKey = {
  get(): string | null {
    try {
      return sessionStorage.getItem(KEY_STORAGE);
    } catch {
      return null;
    }
  },
  set(key: string): void {
    sessionStorage.setItem(KEY_STORAGE, key);
  },
  clear(): void {
    try {
      sessionStorage.removeItem(KEY_STORAGE);
    } catch {
      // storage disabled: nothing to clear
    }
  },
};

type UnauthorizedListener = (message: string) => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called with the server's message whenever a request answers 401; the app routes to the key screen. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Defaults to application/json when there is a body. */
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  accept?: string;
}

/** Sends a request to the API with the session's key; a non-2xx answer throws ApiError with its problem details. */
export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? "application/json", ...options.headers };
  const key = apiKey.get();
  if (key) headers.Authorization = `Bearer ${key}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["Content-Type"] = options.contentType ?? "application/json";
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method: options.method ?? "GET", headers, body, signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, {});
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    const error = new ApiError(response.status, problem);
    if (response.status === 401) {
      for (const listener of unauthorizedListeners) listener(error.message);
    }
    throw error;
  }
  return response;
}

/** JSON request; 204 answers undefined. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Saves a blob as a file through a temporary link (works for authenticated downloads). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-system-safe name part: "Maya Chen" -> "maya-chen". */
export function slugify(value: string): string {
  return (
    value
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "file"
  );
}
