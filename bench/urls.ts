/**
 * urls: one create from 20 URLs (offline engine) on the project's server (its own process), the pages served from
 * this process on loopback, each answering after 0.3-1.0 s, spread over 5 hosts (127.0.0.1-127.0.0.5, 4 pages each;
 * allowed through FETCH_ALLOW_HOSTS), against fetching the slowest page alone directly. Median of 3 alternating.
 * Goal (issue 13): the create takes at most the slowest page + 10 %.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { alternate, fmt, verdict } from "./support/measure.ts";
import { serveProject } from "./support/process.ts";
import { benchStoreNames, openBenchStore, PROJECT_ENV } from "./support/stores.ts";

const HOSTS = 5;
const PAGES = 20;
const delayOf = (page: number) => 300 + Math.round((700 * page) / (PAGES - 1));

/** One page server per loopback address; page i answers after delayOf(i) with a paragraph of its own. */
async function startPages(): Promise<{ urls: string[]; allow: string[]; close(): void }> {
  const servers: Server[] = [];
  const allow: string[] = [];
  const urls: string[] = [];
  for (let host = 1; host <= HOSTS; host++) {
    const server = createServer((req, res) => {
      const page = Number(/\/page\/(\d+)/.exec(req.url ?? "")?.[1] ?? 0);
      setTimeout(() => {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(
          `<!doctype html><html><head><title>Notes ${page}</title></head><body><article><h1>Interview ${page}</h1>` +
            `<p>P: I'm Priya Raman, I work as a logistics coordinator in Pune. In week ${page} the shift planning ` +
            `tool crashed ${page % 7} times, and the ${page}th supplier changed its order at the last minute.</p>` +
            "</article></body></html>",
        );
      }, delayOf(page));
    });
    await new Promise<void>((resolve) => server.listen(0, `127.0.0.${host}`, resolve));
    servers.push(server);
    allow.push(`127.0.0.${host}:${(server.address() as AddressInfo).port}`);
  }
  for (let page = 0; page < PAGES; page++) urls.push(`http://${allow[page % HOSTS]}/page/${page}`);
  return {
    urls,
    allow,
    close: () => {
      for (const server of servers) server.close();
    },
  };
}

export async function benchUrls(): Promise<void> {
  const pages = await startPages();
  const store = await openBenchStore(benchStoreNames()[0] ?? "pglite");
  const app = await serveProject({
    ...store.env,
    ...PROJECT_ENV,
    FETCH_ALLOW_HOSTS: pages.allow.join(","),
  });
  const create = async () => {
    const started = performance.now();
    const res = await fetch(`${app.url}/v1/personas`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${store.key}` },
      body: JSON.stringify({ urls: pages.urls }),
    });
    const body = (await res.json()) as { sources?: unknown[] };
    if (res.status !== 201 || body.sources?.length !== PAGES) {
      throw new Error(`create answered ${res.status} with ${body.sources?.length ?? 0} sources`);
    }
    return { ms: performance.now() - started };
  };
  const slowest = async () => {
    const started = performance.now();
    await (await fetch(pages.urls[PAGES - 1] ?? "")).text();
    return { ms: performance.now() - started };
  };
  try {
    console.log(`urls (${PAGES} URLs over ${HOSTS} hosts in one create, pages 0.3-1.0 s; median of 3, alternating)`);
    await create(); // warm-up
    const { project, bare } = await alternate(create, slowest);
    console.log(
      `  create ${fmt(project.ms / 1000, 2)} s | slowest page alone ${fmt(bare.ms / 1000, 2)} s | ` +
        `x${(project.ms / bare.ms).toFixed(2)} | goal <= 1.1x: ${verdict(project.ms <= 1.1 * bare.ms)}`,
    );
  } finally {
    await app.stop();
    pages.close();
    store.dispose();
  }
}
