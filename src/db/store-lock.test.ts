import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireStoreLock, LockHolder, readStoreLock, StoreLockedError } from "./store-lock.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "persona-lock-"));
  dirs.push(dir);
  return dir;
}
const lockFile = (dir: string) => join(dir, "store.lock");
const writeLock = (dir: string, holder: Partial<LockHolder>) =>
  writeFileSync(
    lockFile(dir),
    JSON.stringify({
      pid: 1,
      host: hostname(),
      started: null,
      kind: "server",
      since: "2026-01-01T00:00:00Z",
      ...holder,
    }),
  );

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("the embedded store's lock", () => {
  it("is taken by one holder at a time, records a server's address and is free again after release", () => {
    const dir = dataDir();
    const lock = acquireStoreLock(dir, "server");
    lock.setUrl("http://127.0.0.1:3000");
    expect(readStoreLock(dir)).toMatchObject({ pid: process.pid, kind: "server", url: "http://127.0.0.1:3000" });
    const refused = (() => {
      try {
        acquireStoreLock(dir, "cli");
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(StoreLockedError);
    expect(String(refused)).toContain(`pid ${process.pid}`);
    expect(String(refused)).toContain("http://127.0.0.1:3000");
    lock.release();
    expect(readStoreLock(dir)).toBeUndefined();
    acquireStoreLock(dir, "cli").release();
  });

  it("takes over the lock of a process that is gone, and of a reused pid", () => {
    const dir = dataDir();
    writeLock(dir, { pid: deadPid() });
    expect(readStoreLock(dir)).toBeUndefined();
    const lock = acquireStoreLock(dir, "cli");
    expect(LockHolder.parse(JSON.parse(readFileSync(lockFile(dir), "utf8"))).pid).toBe(process.pid);
    lock.release();

    // Our own pid, but started at another time: the process that wrote it is gone and the pid was reused.
    writeLock(dir, { pid: process.pid, started: "1" });
    acquireStoreLock(dir, "cli").release();
  });

  it.each([
    ["a live process", { pid: process.ppid }],
    ["another host", { pid: deadPid(), host: "another-host.example" }],
  ])("never takes the lock of %s", (_, holder) => {
    const dir = dataDir();
    writeLock(dir, holder);
    expect(() => acquireStoreLock(dir, "cli")).toThrow(StoreLockedError);
    expect(JSON.parse(readFileSync(lockFile(dir), "utf8"))).toMatchObject(holder);
  });

  it("never takes a lock file it cannot read, and says so", () => {
    const dir = dataDir();
    writeFileSync(lockFile(dir), "not json");
    expect(() => acquireStoreLock(dir, "cli")).toThrow(/store\.lock/);
    expect(readFileSync(lockFile(dir), "utf8")).toBe("not json");
  });
});
