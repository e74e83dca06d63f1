/**
 * One writer per embedded store. PGlite keeps the database in files under DATA_DIR with no locking of its own, so two
 * processes opening it at once (a server and the CLI) each cache pages the other overwrites: writes get lost. Whoever
 * opens the store first takes `DATA_DIR/store.lock`; everyone else is told who holds it.
 *
 * - The lock file is created atomically with its content (written to a temporary file, then hard-linked into place,
 *   which fails when the lock exists), so a reader never sees a half-written lock.
 * - A lock whose process is gone (the pid is not running, or runs a different process than the one that took it) is
 *   stale and taken over; one takeover at a time, under a short-lived `store.lock.takeover` directory.
 * - A lock held by a live process, or by another host (which cannot be checked from here), is never taken.
 * - The holder records its kind and, for a server, the address it listens on, so the CLI can send its work there.
 */

import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";

export const LockHolder = z.object({
  pid: z.number().int(),
  host: z.string(),
  /** The process's start time as the kernel reports it (/proc/PID/stat), to tell a reused pid from the holder. */
  started: z.string().nullable(),
  kind: z.enum(["server", "cli"]),
  /** Where a server holding the store answers, once it listens. */
  url: z.string().optional(),
  since: z.string(),
});
export type LockHolder = z.infer<typeof LockHolder>;

const lockPath = (dataDir: string) => join(dataDir, "store.lock");

/** Stands for a lock file that is not ours to read: another host's in effect, so it always counts as live. */
const UNREADABLE: LockHolder = { pid: -1, host: "(unreadable lock file)", started: null, kind: "cli", since: "" };

export class StoreLockedError extends Error {
  readonly holder: LockHolder;
  readonly dataDir: string;

  constructor(dataDir: string, holder: LockHolder) {
    const where = holder.host === hostname() ? "" : ` on ${holder.host}`;
    const who =
      holder.kind === "server"
        ? `a Persona Studio server (pid ${holder.pid}${where}${holder.url ? `, ${holder.url}` : ""})`
        : `another persona-studio command (pid ${holder.pid}${where})`;
    super(
      holder.pid === UNREADABLE.pid
        ? `The store in ${dataDir} has a lock file (${lockPath(dataDir)}) that cannot be read; if no other Persona ` +
            "Studio process uses the store, delete that file."
        : `The store in ${dataDir} is in use by ${who}; only one process may open it at a time.`,
    );
    this.name = "StoreLockedError";
    this.holder = holder;
    this.dataDir = dataDir;
  }
}

/** The kernel's start time of a process (field 22 of /proc/PID/stat), or null where /proc is not available. */
function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the process that wrote the lock still runs. Another host's lock always counts as live. */
export function holderIsAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if (!(error instanceof Error && "code" in error && error.code === "EPERM")) return false;
  }
  const started = processStartTime(holder.pid);
  return holder.started === null || started === null || started === holder.started;
}

/** Who holds the store, or undefined when nobody does (a stale lock counts as nobody). */
export function readStoreLock(dataDir: string): LockHolder | undefined {
  const holder = readHolder(lockPath(dataDir));
  return holder && holderIsAlive(holder) ? holder : undefined;
}

function readHolder(path: string): LockHolder | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
    throw error;
  }
  const parsed = LockHolder.safeParse(safeJson(text));
  // A lock file we cannot read was not written by this code: never taken over.
  return parsed.success ? parsed.data : UNREADABLE;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface StoreLock {
  readonly holder: LockHolder;
  /** Records where the server answers, for CLI calls made while it runs. */
  setUrl(url: string): void;
  /** Gives the store up (only if the lock is still ours). */
  release(): void;
}

const TAKEOVER_STALE_MS = 10_000;

/** Takes the store's lock or throws StoreLockedError naming the live holder. */
export function acquireStoreLock(dataDir: string, kind: LockHolder["kind"]): StoreLock {
  mkdirSync(dataDir, { recursive: true });
  const path = lockPath(dataDir);
  let holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    started: processStartTime(process.pid),
    kind,
    since: new Date().toISOString(),
  };
  for (let attempt = 0; ; attempt++) {
    if (createExclusive(path, holder)) break;
    const current = readHolder(path);
    if (current === undefined) continue; // released meanwhile
    if (holderIsAlive(current) || attempt > 20) throw new StoreLockedError(dataDir, current);
    takeOverStale(path, current);
  }
  const ours = () => {
    const current = readHolder(path);
    return current?.pid === holder.pid && current.host === holder.host && current.started === holder.started;
  };
  return {
    get holder() {
      return holder;
    },
    setUrl(url) {
      holder = { ...holder, url };
      if (!ours()) return;
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(holder));
      renameSync(temporary, path);
    },
    release() {
      if (ours()) rmSync(path, { force: true });
    },
  };
}

/** Creates the lock file with its full content in one step; false when it exists. */
function createExclusive(path: string, holder: LockHolder): boolean {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(holder));
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

/**
 * Removes a dead holder's lock, one process at a time: without the takeover directory, two processes that both saw
 * the stale lock could each remove it, and the second would remove the first one's fresh lock.
 */
function takeOverStale(path: string, stale: LockHolder): void {
  const takeover = `${path}.takeover`;
  try {
    mkdirSync(takeover);
  } catch {
    // Someone else is taking over; a takeover directory left by a crash mid-takeover expires.
    const age = Date.now() - (statSync(takeover, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > TAKEOVER_STALE_MS) rmSync(takeover, { recursive: true, force: true });
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    return;
  }
  try {
    const current = readHolder(path);
    if (current && current.pid === stale.pid && current.started === stale.started && !holderIsAlive(current)) {
      rmSync(path, { force: true });
    }
  } finally {
    rmSync(takeover, { recursive: true, force: true });
  }
}
