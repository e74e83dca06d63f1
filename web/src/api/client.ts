import { createPersonaStudioClient } from "../../../src/client/index.ts";
import type * as Api from "../../../src/client/schema.ts";
import { ApiError, type ProblemDetails, readProblem } from "../lib/problem.ts";

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

/**
 * The API client: the package's typed client (openapi-fetch over the types generated from the server's OpenAPI
 * document), sending this tab's key. Paths, parameters, bodies and answers are checked against the server's routes.
 */
export const client = createPersonaStudioClient({ baseUrl: window.location.origin, apiKey: () => apiKey.get() });
client.use({
  async onResponse({ response }) {
    if (response.status === 401) {
      const message = new ApiError(401, await readProblem(response.clone())).message;
      for (const listener of unauthorizedListeners) listener(message);
    }
    return response;
  },
});

interface Answer<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/**
 * The data of a typed call (`call(client.GET("/v1/personas/{id}", …))`); a non-2xx answer throws ApiError with its
 * problem details, a network failure ApiError status 0, an abort the AbortError itself.
 */
export async function call<D>(pending: Promise<Answer<D>>): Promise<D> {
  let answer: Answer<D>;
  try {
    answer = await pending;
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, {});
  }
  if (!answer.response.ok) throw new ApiError(answer.response.status, problemOf(answer.error));
  return answer.data as D;
}

/** An async job (202 to `Prefer: respond-async`), as `GET /v1/jobs/{id}` answers it. */
export type Job = Api.components["schemas"]["Job"];

const isJob = (value: object): value is Job => "kind" in value && "progress" in value && !("sources" in value);

/**
 * The persona of a synchronous create or update. Its routes may answer a job (202) only when asked to with
 * `Prefer: respond-async`, so a job here is a server bug, not a state to render.
 */
export function notAJob<T extends object>(value: T | Job): T {
  if (isJob(value)) throw new ApiError(202, { detail: "The server answered with a job that was not asked for" });
  return value;
}

const problemOf = (body: unknown): ProblemDetails =>
  typeof body === "object" && body !== null && !Array.isArray(body) ? (body as ProblemDetails) : {};

/**
 * A GET of an API URL met in text (a wireframe, a PRD file named in a chat), which no typed path names: the same key,
 * the same errors as `call`.
 */
export async function fetchApiUrl(path: string, options: { accept?: string; signal?: AbortSignal } = {}) {
  const headers: Record<string, string> = { Accept: options.accept ?? "*/*" };
  const key = apiKey.get();
  if (key) headers.Authorization = `Bearer ${key}`;
  let response: Response;
  try {
    response = await fetch(path, { headers, signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, {});
  }
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  return response;
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
