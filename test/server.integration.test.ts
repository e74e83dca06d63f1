import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { STORES } from "./support/services.ts";

/** Starts the real server (the bundled `dist/bundle/main.js` that `npm start` runs) on a free loopback port; waits until it listens. */
async function startServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["dist/bundle/main.js"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", LLM_PROVIDER: "offline", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(buffer);
      if (match?.[1]) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  return { url, child };
}

function stopServer(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

const Resource = z.object({ id: z.string(), version: z.number(), persona: z.object({ name: z.string().nullable() }) });

for (const store of STORES) {
  describe(`the real server on ${store.name}`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), "persona-studio-"));
    const env: Record<string, string> = store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : { DATA_DIR: dataDir };
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it("serves requests, shuts down gracefully on SIGTERM and keeps the data across a restart", async () => {
      const first = await startServer(env);
      let id: string;
      try {
        expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
        const created = await fetch(`${first.url}/v1/personas`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ texts: ["My name is Rosa Diaz. I'm a 41-year-old architect in Valencia."] }),
        });
        expect(created.status).toBe(201);
        id = Resource.parse(await created.json()).id;
        const patched = await fetch(`${first.url}/v1/personas/${id}`, {
          method: "PATCH",
          headers: { "content-type": "application/merge-patch+json" },
          body: JSON.stringify({ interests: ["sailing"] }),
        });
        expect(patched.status).toBe(200);
      } finally {
        expect(await stopServer(first.child)).toBe(0);
      }

      const second = await startServer(env);
      try {
        const got = await fetch(`${second.url}/v1/personas/${id}`);
        expect(got.status).toBe(200);
        const body = Resource.parse(await got.json());
        expect(body.version).toBe(2);
        expect(body.persona.name).toBe("Rosa Diaz");
      } finally {
        expect(await stopServer(second.child)).toBe(0);
      }
    }, 180_000);
  });
}

describe("shutdown under heavy work", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "persona-studio-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("exits on SIGTERM within its grace period while a create is still running, and stores nothing of it", async () => {
    const env = { DATA_DIR: dataDir, SHUTDOWN_GRACE_MS: "500" };
    const first = await startServer(env);
    // ~8,000,000 characters on distinct lines: seconds of work on a thread.
    const heavy = Array.from({ length: 160_000 }, (_, i) => `Line ${i}: I work as a nurse and I love hiking.`).join(
      "\n",
    );
    const pending = fetch(`${first.url}/v1/personas`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ texts: [heavy] }),
    }).then(
      (res) => res.status,
      () => "connection closed",
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // Exit code 0: drained and closed in order, not killed by the last-resort timer.
    expect(await stopServer(first.child)).toBe(0);
    expect([503, "connection closed"]).toContain(await pending);

    const second = await startServer(env);
    try {
      const list = z
        .object({ data: z.array(z.unknown()) })
        .parse(await (await fetch(`${second.url}/v1/personas`)).json());
      expect(list.data).toEqual([]);
    } finally {
      expect(await stopServer(second.child)).toBe(0);
    }
  }, 180_000);
});

describe("start-up configuration", () => {
  it("refuses AUTH_MODE=none on a non-loopback HOST, naming the variable", async () => {
    const child = spawn(process.execPath, ["dist/bundle/main.js"], {
      env: { ...process.env, HOST: "0.0.0.0", AUTH_MODE: "none", DATA_DIR: "memory://" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(2);
    expect(stderr).toContain("AUTH_MODE");
  });
});
