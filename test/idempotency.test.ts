import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Services } from "../src/context.ts";
import { rowsOf } from "../src/db/migrate.ts";
import { buildApp, newTenantAuth, STORES, sendJson, testServices } from "./support/services.ts";

const Created = z.object({ id: z.string() });
const Page = z.object({ data: z.array(z.object({ id: z.string() })) });
const Problem = z.object({ status: z.number(), code: z.string() });

/**
 * Idempotency-Key on two nodes (two sets of services with their own pools on Postgres; on the embedded store, two
 * apps on one store): a retry gets the first answer wherever it lands, a reused key with another request is refused,
 * and a request still running is reported as such.
 */
for (const store of STORES) {
  describe(`Idempotency-Key on ${store.name}`, () => {
    let nodes: Services[];
    let apps: Array<ReturnType<typeof buildApp>>;
    let pages: Server;
    let pageBase: string;
    // The slow page: each request waits until the test lets it go.
    let arrived: () => void = () => {};
    let release: () => void = () => {};

    beforeAll(async () => {
      pages = createServer((req, res) => {
        if (req.url !== "/slow") return void res.writeHead(404).end();
        arrived();
        release = () =>
          res
            .writeHead(200, { "content-type": "text/html; charset=utf-8" })
            .end("<html><body><p>I'm Nora Quist, a potter in Bergen. I love long walks.</p></body></html>");
      });
      await new Promise<void>((resolve) => pages.listen(0, "127.0.0.1", resolve));
      pageBase = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
      const env = {
        DATABASE_URL: store.databaseUrl,
        AUTH_MODE: "apikey",
        RATE_LIMIT_PER_MINUTE: "0",
        FETCH_ALLOW_HOSTS: new URL(pageBase).host,
      };
      const first = await testServices(env);
      nodes = store.databaseUrl ? [first, await testServices(env)] : [first];
      apps = [buildApp(first), buildApp(nodes[1] ?? first)];
    }, 120_000);
    afterAll(async () => {
      for (const node of nodes) await node.database.close();
      await new Promise((resolve) => pages.close(resolve));
    });

    const node = (i: 0 | 1) => apps[i] as ReturnType<typeof buildApp>;
    const key = () => `"${crypto.randomUUID()}"`;
    const maya = { texts: ["Hi, I am Maya Chen, a 34-year-old pediatric nurse in Denver."] };

    it("replays the first answer to the same request on any node, for at least a day", async () => {
      const auth = await newTenantAuth(nodes[0] as Services);
      const headers = { ...auth, "idempotency-key": key() };
      const first = await sendJson(node(0), "POST", "/v1/personas", maya, headers);
      expect(first.status).toBe(201);
      expect(first.headers.get("idempotent-replayed")).toBeNull();
      const firstBody = await first.text();

      const retry = await sendJson(node(1), "POST", "/v1/personas", maya, headers);
      expect(retry.status).toBe(201);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect(retry.headers.get("location")).toBe(first.headers.get("location"));
      expect(retry.headers.get("etag")).toBe(first.headers.get("etag"));
      expect(retry.headers.get("content-type")).toBe(first.headers.get("content-type"));
      expect(await retry.text()).toBe(firstBody);

      const list = Page.parse(await (await node(1).request("/v1/personas", { headers: auth })).json());
      expect(list.data.map((p) => p.id)).toEqual([Created.parse(JSON.parse(firstBody)).id]);

      const [kept] = rowsOf<{ hours: number }>(
        await (nodes[0] as Services).database.db.execute(
          sql`SELECT extract(epoch FROM expires_at - created_at) / 3600 AS hours FROM idempotency_keys
              WHERE key = ${headers["idempotency-key"].slice(1, -1)}`,
        ),
      );
      expect(Number(kept?.hours)).toBeGreaterThanOrEqual(24);
    });

    it("refuses the same key for another request with 422, and keeps each tenant's keys apart", async () => {
      const auth = await newTenantAuth(nodes[0] as Services);
      const idem = key();
      const headers = { ...auth, "idempotency-key": idem };
      expect((await sendJson(node(0), "POST", "/v1/personas", maya, headers)).status).toBe(201);

      const other = await sendJson(node(1), "POST", "/v1/personas", { texts: ["I'm Ravi Rao, a driver."] }, headers);
      expect(other.status).toBe(422);
      expect(Problem.parse(await other.json()).code).toBe("idempotency_key_reused");
      const otherPath = await sendJson(node(1), "POST", "/v1/projects", { name: "Same key" }, headers);
      expect(otherPath.status).toBe(422);

      // Another tenant's request with the same key is its own.
      const stranger = { ...(await newTenantAuth(nodes[0] as Services)), "idempotency-key": idem };
      const theirs = await sendJson(node(1), "POST", "/v1/personas", { texts: ["I'm Ravi Rao, a driver."] }, stranger);
      expect(theirs.status).toBe(201);
      expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    });

    it("answers 409 while the first request is still running, then the first request's answer", async () => {
      const auth = await newTenantAuth(nodes[0] as Services);
      const headers = { ...auth, "idempotency-key": key() };
      const body = { urls: [`${pageBase}/slow`] };
      const waiting = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      const first = sendJson(node(0), "POST", "/v1/personas", body, headers);
      await waiting; // the first request is now fetching the page

      const busy = await sendJson(node(1), "POST", "/v1/personas", body, headers);
      expect(busy.status).toBe(409);
      expect(Problem.parse(await busy.json()).code).toBe("idempotency_key_in_flight");
      expect(Number(busy.headers.get("retry-after"))).toBeGreaterThan(0);
      const mismatch = await sendJson(node(1), "POST", "/v1/personas", maya, headers);
      expect(mismatch.status).toBe(422);

      release();
      const done = await first;
      expect(done.status).toBe(201);
      const doneBody = await done.text();
      const again = await sendJson(node(1), "POST", "/v1/personas", body, headers);
      expect(again.status).toBe(201);
      expect(await again.text()).toBe(doneBody);
    });

    it("stores a streamed reply once it has ended and replays it without sending the message twice", async () => {
      const auth = await newTenantAuth(nodes[0] as Services);
      const persona = Created.parse(await (await sendJson(node(0), "POST", "/v1/personas", maya, auth)).json());
      const chat = Created.parse(
        await (await sendJson(node(0), "POST", `/v1/personas/${persona.id}/conversations`, {}, auth)).json(),
      );
      const headers = { ...auth, accept: "text/event-stream", "idempotency-key": key() };
      const path = `/v1/conversations/${chat.id}/messages`;
      const streamed = await sendJson(node(0), "POST", path, { content: "Where do you work?" }, headers);
      expect(streamed.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const events = await streamed.text();
      expect(events).toMatch(/event: /);

      // The stored copy is written once the stream has ended, just after the client's copy.
      let replay: Response | undefined;
      for (let attempt = 0; attempt < 50; attempt += 1) {
        replay = await sendJson(node(1), "POST", path, { content: "Where do you work?" }, headers);
        if (replay.status !== 409) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(replay?.status).toBe(200);
      expect(replay?.headers.get("idempotent-replayed")).toBe("true");
      expect(await replay?.text()).toBe(events);

      const messages = z
        .object({ data: z.array(z.object({ role: z.string() })) })
        .parse(await (await node(1).request(`${path}?limit=50`, { headers: auth })).json());
      expect(messages.data.map((m) => m.role)).toEqual(["user", "assistant"]);
    });

    it("runs the request again once its key has expired, and refuses malformed keys", async () => {
      const auth = await newTenantAuth(nodes[0] as Services);
      const idem = key();
      const headers = { ...auth, "idempotency-key": idem };
      expect((await sendJson(node(0), "POST", "/v1/projects", { name: "First" }, headers)).status).toBe(201);
      await (nodes[0] as Services).database.db.execute(
        sql`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = ${idem.slice(1, -1)}`,
      );
      const later = await sendJson(node(1), "POST", "/v1/projects", { name: "Second" }, headers);
      expect(later.status).toBe(201);
      expect(later.headers.get("idempotent-replayed")).toBeNull();

      for (const bad of ['"', '"a"b"', "x".repeat(256), "caf\u00e9"]) {
        const res = await sendJson(
          node(0),
          "POST",
          "/v1/projects",
          { name: "Bad" },
          { ...auth, "idempotency-key": bad },
        );
        expect(res.status, bad).toBe(400);
      }
      // Without a key nothing is stored: the same request twice makes two projects.
      const a = Created.parse(await (await sendJson(node(0), "POST", "/v1/projects", { name: "Twice" }, auth)).json());
      const b = Created.parse(await (await sendJson(node(1), "POST", "/v1/projects", { name: "Twice" }, auth)).json());
      expect(a.id).not.toBe(b.id);
    });
  });
}
