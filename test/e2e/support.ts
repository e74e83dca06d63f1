import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { type Browser, chromium, type Page } from "playwright-core";
import { buildApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import type { Services } from "../../src/context.ts";
import { createLogger } from "../../src/logger.ts";
import { createServices } from "../../src/services.ts";
import { ensureWebBuilt } from "../../web/scripts/ensure-built.mjs";

export const SCREENSHOT_DIR = join(import.meta.dirname, "..", "..", ".screenshots");

/** Debian's Chromium, or CHROMIUM_PATH; undefined when neither exists. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((p): p is string => typeof p === "string" && p !== "" && existsSync(p));
}

/**
 * Whether the browser suite can run here. Without Chromium it is skipped on a workstation (with a notice) but fails
 * on CI, where `.ci/run` installs it: a silently skipped browser suite would look green.
 */
export function browserSuiteMode(): "run" | "skip" {
  if (chromiumPath()) return "run";
  if (process.env.CI) return "run"; // launchBrowser() then throws with the reason
  process.stderr.write(
    "\n[e2e] Chromium not found (set CHROMIUM_PATH or apt-get install chromium): browser tests skipped.\n",
  );
  return "skip";
}

async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) {
    throw new Error(
      "Chromium is required for the browser tests: install Debian's `chromium` package or set CHROMIUM_PATH " +
        "(CI must not skip them).",
    );
  }
  // chromium.launch() gives every browser a fresh temporary profile (user-data dir) and removes it on close.
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-dev-shm-usage",
      ...extraArgs,
    ],
  });
  return browser;
}

export interface RunningApp {
  url: string;
  services: Services;
  close: () => Promise<void>;
}

/** The real app (embedded store in a temp dir, offline engine) on a free loopback port, with the web UI built. */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  await ensureWebBuilt({ quiet: true });
  const dataDir = mkdtempSync(join(tmpdir(), "persona-studio-e2e-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: "0",
    LLM_PROVIDER: "offline",
    LOG_LEVEL: "silent",
    ...env,
  });
  const services = await createServices(config, { logger: createLogger("silent") });
  // The synthesis thread loads the engine now, as the real server does after it starts listening, rather than
  // inside the first create the browser waits for.
  await services.pool.warm();
  // Async jobs run here as in the real server (main.ts): the web app's creates go through them.
  await services.jobs.start(services);
  const app = buildApp(services);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    services,
    close: async () => {
      await new Promise<void>((resolve) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close(() => resolve());
      });
      await services.jobs.stop(0);
      await services.database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A running app and a browser page on it; `close` tears down both. */
export interface Session {
  app: RunningApp;
  page: Page;
  /** Uncaught page errors and console errors seen so far (see watchPageErrors). */
  errors: string[];
  close: () => Promise<void>;
}

/**
 * The real app (see startApp) and a fresh 1280x900 browser page on it. `chromiumArgs` are added to the standard
 * flags (e.g. a fake microphone fed from a file).
 */
export async function openSession(
  env: Record<string, string> = {},
  { chromiumArgs = [] }: { chromiumArgs?: readonly string[] } = {},
): Promise<Session> {
  const app = await startApp(env);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser(chromiumArgs);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const opened = browser;
    return {
      app,
      page,
      errors: watchPageErrors(page),
      close: async () => {
        await opened.close();
        await app.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await app.close();
    throw error;
  }
}

/** axe-core's engine, injected into pages under test (it runs in the page, on the live DOM). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the page as it is now and answers the violations of `impacts` (by default everything a person
 * would trip over: critical, serious and moderate), each with the elements it found them on.
 */
export async function axeViolations(
  page: Page,
  impacts: readonly string[] = ["critical", "serious", "moderate"],
): Promise<AxeFinding[]> {
  // Evaluated through the devtools protocol: the app's Content-Security-Policy (script-src 'self') rightly refuses
  // an injected <script>.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, { resultTypes: ["violations"] })) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? "minor",
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(" ")),
    }));
  });
  return violations.filter((v) => impacts.includes(v.impact));
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: options.fullPage ?? true });
}

/** Fails the test on any uncaught page error or console error (a broken screen should not pass quietly). */
function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) errors.push(message.text());
  });
  return errors;
}
