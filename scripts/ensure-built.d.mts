/** True when dist/ is missing or older than the server's sources or build settings. */
export function serverBuildIsStale(): Promise<boolean>;
/** Compiles src/ into dist/ when stale; resolves true when it built. */
export function ensureServerBuilt(options?: { quiet?: boolean }): Promise<boolean>;
/** The server and the web app, both up to date. */
export function ensureBuilt(options?: { quiet?: boolean }): Promise<void>;
