/** True when web/dist is missing or older than any of its inputs. */
export function webBuildIsStale(): Promise<boolean>;
/** Builds web/dist if it is stale; answers whether it built. */
export function ensureWebBuilt(options?: { quiet?: boolean }): Promise<boolean>;
