/**
 * One writer per embedded store, with real processes: the server holds DATA_DIR; the CLI sends its creates to it and
 * refuses what it cannot send; a second server refuses to start; nothing either reported as stored is lost.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";

const dir = mkdtempSync(join(tmpdir(), "persona-lock-"));
const dataDir = join(dir, "data");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "info", PORT: "0", HOST: "127.0.0.1" };

async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["dist/bundle/main.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  return { child, url };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

function cli(args: string[]) {
  const run = spawnSync(process.execPath, ["bin/persona-studio.js", ...args], {
    env,
    encoding: "utf8",
    timeout: 240_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const Created = z.object({ id: z.string(), version: z.literal(1), persona: z.object({ name: z.string().nullable() }) });
const List = z.object({ data: z.array(z.object({ id: z.string() })) });

function note(name: string): string {
  const file = join(dir, `${name}.txt`);
  writeFileSync(file, `Hi, I'm ${name}, a 41-year-old ferry pilot in Oban.`);
  return file;
}

describe("one writer per embedded store", { timeout: 600_000 }, () => {
  it("routes the CLI through the running server, refuses a second server, and loses nothing", async () => {
    const stored: string[] = [];
    // The CLI alone creates the store and holds it only while it runs.
    const alone = cli(["create", "--text", note("Mira Holt")]);
    expect(alone.code, alone.stderr).toBe(0);
    stored.push(Created.parse(JSON.parse(alone.stdout)).id);

    const server = await startServer();
    try {
      const lock = JSON.parse(readFileSync(join(dataDir, "store.lock"), "utf8"));
      expect(lock).toMatchObject({ pid: server.child.pid, kind: "server", url: server.url });

      const viaServer = cli(["create", "--text", note("Ivo Brandt")]);
      expect(viaServer.code, viaServer.stderr).toBe(0);
      expect(viaServer.stderr).toContain(`the server at ${server.url} holds`);
      // It went as an async job, whose progress the CLI printed while it waited (at least the last stage).
      expect(viaServer.stderr).toMatch(/^ {2}done$/m);
      const created = Created.parse(JSON.parse(viaServer.stdout));
      expect(created.persona.name).toBe("Ivo Brandt");
      stored.push(created.id);
      expect((await fetch(`${server.url}/v1/personas/${created.id}`)).status).toBe(200);

      // What cannot go through the server stops with a message naming it and what to do.
      const migrate = cli(["migrate"]);
      expect(migrate.code).toBe(2);
      expect(migrate.stderr).toContain(`in use by a Persona Studio server (pid ${server.child.pid}, ${server.url})`);
      expect(migrate.stderr).toContain("Stop the server first");

      // A second server on the same store refuses to start; the first keeps serving.
      const second = spawnSync(process.execPath, ["dist/bundle/main.js"], { env, encoding: "utf8", timeout: 240_000 });
      expect(second.status).toBe(2);
      expect(second.stderr).toContain(`in use by a Persona Studio server (pid ${server.child.pid}`);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      expect(await stop(server.child)).toBe(0);
    }

    const again = await startServer();
    try {
      const list = List.parse(await (await fetch(`${again.url}/v1/personas`)).json());
      expect(list.data.map((p) => p.id).sort()).toEqual([...stored].sort());
    } finally {
      await stop(again.child);
    }
  });

  it("takes over the lock a killed process left behind", () => {
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const stale = {
      pid: Number(gone.stdout),
      host: hostname(),
      started: null,
      kind: "server",
      since: "2026-01-01T00:00:00Z",
    };
    writeFileSync(join(dataDir, "store.lock"), JSON.stringify({ ...stale, url: "http://127.0.0.1:9" }));
    const run = cli(["create", "--text", note("Lena Voss")]);
    expect(run.code, run.stderr).toBe(0);
    expect(Created.parse(JSON.parse(run.stdout)).persona.name).toBe("Lena Voss");
  });
});
