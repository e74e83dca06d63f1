/** Which of the exported wireframe limits was exceeded. */
export type WireframeLimit = "characters" | "lines" | "columns" | "pixels";

/** Base class, so callers (e.g. an HTTP route) can map every wireframe input problem with one instanceof check. */
export class WireframeError extends Error {
  override name = "WireframeError";
}

/** The input is larger than one of the MAX_WIREFRAME_* limits; `limit`, `max` and `actual` say which and by how much. */
export class WireframeTooLargeError extends WireframeError {
  override name = "WireframeTooLargeError";
  readonly limit: WireframeLimit;
  readonly max: number;
  readonly actual: number;

  constructor(limit: WireframeLimit, max: number, actual: number) {
    super(`wireframe too large: ${actual} ${limit} exceeds the limit of ${max} ${limit}`);
    this.limit = limit;
    this.max = max;
    this.actual = actual;
  }
}

/** The input has nothing to draw: empty, or only whitespace, newlines and zero-width characters. */
export class EmptyWireframeError extends WireframeError {
  override name = "EmptyWireframeError";

  constructor() {
    super("wireframe is empty: the text has no visible characters");
  }
}
