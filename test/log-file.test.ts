import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.ts";

describe("LOG_FILE", () => {
  const dir = mkdtempSync(join(tmpdir(), "persona-logs-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the same redacted lines to a file that rotates by size and keeps LOG_FILE_KEEP old files", async () => {
    let stdoutLines = 0;
    const stdout = new Writable({
      write(_chunk, _encoding, done) {
        stdoutLines += 1;
        done();
      },
    });
    const logger = createLogger("info", stdout, { path: join(dir, "app.log"), maxSize: "1k", keep: 2 });
    for (let i = 0; i < 60; i += 1) {
      logger.info({ i, authorization: "Bearer ps_secret", pad: "x".repeat(100) }, "line");
      if (i % 10 === 9) await sleep(50); // rotation is checked as the worker writes
    }
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    let files: string[] = [];
    for (let wait = 0; wait < 100; wait += 1) {
      files = readdirSync(dir).filter((f) => f.startsWith("app"));
      const text = files.map((f) => readFileSync(join(dir, f), "utf8")).join("");
      if (text.includes('"i":59')) break;
      await sleep(100);
    }
    expect(stdoutLines).toBe(60);
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(files.length).toBeLessThanOrEqual(3); // 2 kept + the active one
    const text = files.map((f) => readFileSync(join(dir, f), "utf8")).join("");
    expect(text).toContain('"i":59');
    expect(text).not.toContain("ps_secret");
  }, 60_000);
});
