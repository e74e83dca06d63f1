/** RFC 9457 problem details as the API sends them, and how the UI says them in plain words. */
export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  request_id?: string;
  errors?: FieldError[];
}

/** An HTTP failure from the API (or the network), carrying the problem details when the server sent them. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(status: number, problem: ProblemDetails) {
    super(problemMessage(problem, status));
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }
}

const STATUS_WORDS: Record<number, string> = {
  0: "The server could not be reached. Check that it is running and try again.",
  400: "The request was not understood.",
  401: "You need a valid API key to do this.",
  403: "You are not allowed to do this.",
  404: "It was not found. It may have been deleted.",
  409: "Something else is in progress; wait for it to finish and try again.",
  412: "Someone changed this in the meantime. Reload to see the latest version, then try again.",
  413: "That is too much material for one request.",
  415: "The request was sent in a format the server does not accept.",
  422: "Some of what you entered is not valid.",
  429: "Too many requests. Wait a moment and try again.",
  500: "Something went wrong on the server. Nothing was changed.",
  502: "The language model provider answered with an error.",
  503: "The service is not available right now. Try again shortly.",
  504: "The language model provider took too long to answer.",
};

const PATH_WORDS: Record<string, string> = {
  texts: "Text",
  urls: "Link",
  content: "Message",
  name: "Name",
  q: "Search",
};

/** "texts/2" -> "Text 3"; "persona/traits/0" -> "traits 1"; "" -> "". Indexes become 1-based for people. */
export function humanPath(path: string): string {
  if (!path) return "";
  const parts = path.split(/[/.]/).filter((p) => p !== "");
  const words: string[] = [];
  for (const part of parts) {
    if (/^\d+$/.test(part)) words.push(String(Number(part) + 1));
    else words.push(PATH_WORDS[part] ?? part.replaceAll("_", " "));
  }
  return words.join(" ");
}

/** One sentence (or a few) a person can act on, from a problem and its status. */
export function problemMessage(problem: ProblemDetails | undefined, status: number): string {
  const base =
    problem?.detail?.trim() || problem?.title?.trim() || STATUS_WORDS[status] || `Request failed (${status}).`;
  const sentence = /[.!?]$/.test(base) ? base : `${base}.`;
  const fields = (problem?.errors ?? [])
    .slice(0, 5)
    .map((e) => {
      const where = humanPath(e.path);
      return where ? `${where}: ${e.message}` : e.message;
    })
    .filter((line) => line !== "" && !sentence.includes(line));
  const more = (problem?.errors?.length ?? 0) > 5 ? ` (and ${(problem?.errors?.length ?? 0) - 5} more)` : "";
  return fields.length > 0 ? `${sentence} ${fields.join("; ")}${more}.` : sentence;
}

/** Parses a failed response's body as problem details when it is one; otherwise an empty problem. */
export async function readProblem(response: Response): Promise<ProblemDetails> {
  const type = response.headers.get("content-type") ?? "";
  if (!/json/.test(type)) return {};
  try {
    const body: unknown = await response.json();
    return isProblem(body) ? body : {};
  } catch {
    return {};
  }
}

function isProblem(value: unknown): value is ProblemDetails {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Any thrown thing as a message for the screen. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof DOMException && error.name === "AbortError") return "Stopped.";
  if (error instanceof TypeError) return STATUS_WORDS[0] ?? "Network error.";
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}

/**
 * Whether trying the same request again could help: a network failure, a timeout, a rate limit or a server-side
 * failure can pass; a missing resource, a refusal or invalid input will answer the same again.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ApiError)
    return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
  return !(error instanceof DOMException && error.name === "AbortError");
}
