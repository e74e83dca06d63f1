import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/auth/api-keys.ts";
import { browserSuiteMode, openSession, type RunningApp, type Session, screenshot } from "./support.ts";

const FIRST_NOTES =
  "Hi, I am Maya Chen. I work as a pediatric nurse. I live in Denver. I love trail running. " +
  "I am frustrated by clunky scheduling apps.";
const NEW_NOTES = "Hi, I am Maya Chen. I live in Portland. I enjoy baking sourdough bread.";

describe.skipIf(browserSuiteMode() === "skip")("web app: personas (real browser, real server)", () => {
  let session: Session;
  let app: RunningApp;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    session = await openSession();
    ({ app, page, errors } = session);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it("serves the app with the right caching and keeps API 404s as problems", async () => {
    const index = await fetch(`${app.url}/personas/whatever`, { headers: { accept: "text/html" } });
    expect(index.status).toBe(200);
    expect(index.headers.get("cache-control")).toBe("no-cache");
    const html = await index.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(`${app.url}${asset}`);
    expect(js.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    // A production build (React's development build is ~2x larger): the initial bundle stays small.
    expect((await js.text()).length).toBeLessThan(300_000);
    const api404 = await fetch(`${app.url}/v1/nope`, { headers: { accept: "text/html" } });
    expect(api404.status).toBe(404);
    expect(api404.headers.get("content-type")).toContain("application/problem+json");
  });

  it("shows the empty state, then creates a persona from text and reveals a value's evidence", async () => {
    await page.goto(app.url);
    await page.getByText("No personas yet.").waitFor();
    await screenshot(page, "01-personas-empty");

    await page.getByRole("link", { name: "Create your first persona" }).click();
    await page.getByRole("heading", { name: "New persona" }).waitFor();
    await page.getByLabel("Text 1", { exact: true }).fill("I");
    await page.getByText("1 character", { exact: true }).waitFor();
    await page.getByLabel("Text 1", { exact: true }).fill(FIRST_NOTES);
    await page.getByText(`${FIRST_NOTES.length} characters`, { exact: true }).waitFor();
    // A link the fetcher must refuse (loopback): the persona is still built, with a warning naming it.
    await page.getByRole("button", { name: "+ Add link" }).click();
    await page.getByLabel("Link 1", { exact: true }).fill("http://127.0.0.1:9/notes");
    await screenshot(page, "02-persona-create");
    // The create goes as an async job, whose progress the page reads until the persona is stored.
    const jobReads: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/v1/jobs/")) jobReads.push(request.url());
    });
    await page.getByRole("button", { name: "Build persona" }).click();

    await page.getByRole("heading", { name: "Maya Chen", level: 1 }).waitFor();
    expect(jobReads.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator(".warnings").textContent()).toContain("127.0.0.1");
    // A value opens the source viewer: the quote highlighted where it stands in the source, the grid untouched.
    const grid = await page.locator(".field-grid").boundingBox();
    await page.getByRole("button", { name: /^Denver/ }).click();
    const viewer = page.getByRole("dialog", { name: "Location: Denver" });
    await expect.poll(() => viewer.locator("mark").textContent()).toBe("I live in Denver.");
    expect(await viewer.locator(".source-text").textContent()).toContain("I work as a pediatric nurse.");
    expect(await viewer.textContent()).toMatch(/stated/i);
    expect(await viewer.textContent()).toContain("Pasted text 1");
    expect(await page.locator(".field-grid").boundingBox()).toEqual(grid);
    await screenshot(page, "03-persona-evidence");
    await viewer.getByRole("button", { name: "Close" }).click();
    await viewer.waitFor({ state: "hidden" });
  });

  it("edits a field inline as a new version", async () => {
    await page.getByRole("button", { name: "Edit Occupation" }).click();
    const input = page.getByRole("textbox", { name: "Occupation" });
    await input.fill("Pediatric nurse at a children's hospital in the Denver metro area");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved as version 2.").waitFor();
    // A hand edit is badged as edited, not as stated, and its evidence is the edit.
    const value = page.getByRole("button", { name: /^Pediatric nurse at a children's hospital/ });
    expect(await value.locator(".badge").textContent()).toBe("edited");
    // Beside a value that wraps, the badge stays one whole word on one line.
    await page.setViewportSize({ width: 700, height: 900 });
    const lines = await value.evaluate((button) => {
      const text = button.querySelector(".value-text")?.getBoundingClientRect().height ?? 0;
      const badge = button.querySelector(".badge");
      const style = badge ? getComputedStyle(badge) : null;
      return {
        value: text / Number.parseFloat(getComputedStyle(button).lineHeight),
        badge: (badge?.getBoundingClientRect().height ?? 0) / Number.parseFloat(style?.lineHeight ?? "1"),
      };
    });
    expect(lines.value).toBeGreaterThan(1.5); // the value did wrap at this width
    expect(lines.badge).toBeLessThan(1.5);
    await page.setViewportSize({ width: 1280, height: 900 });
    await value.click();
    const viewer = page.getByRole("dialog", { name: /^Occupation: / });
    await expect.poll(() => viewer.textContent()).toContain("Manual edit");
    expect(await viewer.locator("mark").textContent()).toBe(
      "Pediatric nurse at a children's hospital in the Denver metro area",
    );
    await page.keyboard.press("Escape");
    await viewer.waitFor({ state: "hidden" });
  });

  it("adds material and shows the conflict with both values", async () => {
    await page.getByRole("tab", { name: "Add material" }).click();
    await page.getByLabel("Text 1", { exact: true }).fill(NEW_NOTES);
    // The merge goes as an async job too: the page reads it until the changes are known.
    const jobReads: string[] = [];
    const onRequest = (request: { url: () => string }) => {
      if (new URL(request.url()).pathname.startsWith("/v1/jobs/")) jobReads.push(request.url());
    };
    page.on("request", onRequest);
    await page.getByRole("button", { name: "Merge material" }).click();
    const changes = page.locator(".changes");
    await changes.waitFor();
    page.off("request", onRequest);
    expect(jobReads.length).toBeGreaterThan(0);
    const conflict = changes.locator(".conflict").filter({ hasText: "Location" });
    await expect.poll(() => conflict.textContent()).toContain("Denver");
    expect(await conflict.textContent()).toContain("Portland");
    expect(await changes.textContent()).toMatch(/Added[\s\S]*baking/i);
    // Each side's quote opens in its source.
    await conflict.getByRole("button", { name: "Show in source" }).last().click();
    const viewer = page.getByRole("dialog", { name: /Location from the new material/ });
    await expect.poll(() => viewer.locator("mark").textContent()).toBe("I live in Portland.");
    await viewer.getByRole("button", { name: "Close" }).click();
    await screenshot(page, "04-persona-add-material-conflict");
  });

  it("compares versions and restores an old one", async () => {
    await page.getByRole("tab", { name: "History" }).click();
    await page.getByRole("combobox", { name: "From" }).selectOption("1");
    await page.getByRole("combobox", { name: "To" }).selectOption("3");
    const diff = page.getByRole("definition").filter({ hasText: "Portland" });
    await expect.poll(() => diff.first().textContent()).toContain("Denver");
    await screenshot(page, "05-persona-history");

    await page.getByRole("button", { name: "Restore version 1" }).click();
    const dialog = page.getByRole("dialog", { name: "Restore version 1?" });
    await dialog.getByRole("button", { name: "Restore" }).click();
    await page.getByText("Restored as version 4.").waitFor();
    // The comparison moves on to the new current version instead of keeping the old pair.
    await expect.poll(() => page.getByRole("combobox", { name: "To" }).inputValue()).toBe("4");
    expect(await page.getByRole("combobox", { name: "From" }).inputValue()).toBe("3");
    await page.getByRole("tab", { name: "Profile" }).click();
    await page.getByRole("button", { name: /^Denver/ }).waitFor();
  });

  it("exports JSON", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export JSON" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("persona-maya-chen-v4.json");
    const path = await download.path();
    const exported = JSON.parse(readFileSync(path, "utf8")) as { version: number; persona: { location: string } };
    expect(exported.version).toBe(4);
    expect(exported.persona.location).toBe("Denver");
  });

  it("is readable at 375 px wide", async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    await page.getByRole("heading", { name: "Maya Chen", level: 1 }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "06-persona-mobile");
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("searches the list, then deletes with confirmation", async () => {
    await page.getByRole("link", { name: "Personas", exact: true }).first().click();
    const search = page.getByRole("searchbox", { name: "Search personas" });
    await search.fill("zebra keeper");
    await page.getByText("No persona matches “zebra keeper”.").waitFor();
    await search.fill("Denver");
    await page.getByRole("link", { name: "Maya Chen" }).waitFor();
    expect(page.url()).toContain("q=Denver");
    await screenshot(page, "07-personas-list");

    await page.getByRole("link", { name: "Maya Chen" }).click();
    await page.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete Maya Chen?" });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("heading", { name: "Maya Chen", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Delete" }).click();
    await dialog.getByRole("button", { name: "Delete for good" }).click();
    await page.getByText("No personas yet.").waitFor();
    expect(await (await fetch(`${app.url}/v1/personas?limit=5`)).json()).toMatchObject({ data: [] });
  });

  it("shows a missing persona as a plain-words error, with the way back rather than a pointless retry", async () => {
    await page.goto(`${app.url}/personas/per_doesnotexist`);
    await page.getByRole("heading", { name: "This persona could not be loaded", level: 1 }).waitFor();
    expect(await page.getByRole("alert").textContent()).toMatch(/not found/i);
    expect(await page.getByRole("button", { name: "Try again" }).count()).toBe(0);
    await page.getByRole("link", { name: "Back to personas" }).click();
    await page.getByRole("heading", { name: "Personas", level: 1 }).waitFor();
    expect(errors).toEqual([]);
  });

  it("highlights each quote at its stored offsets in the whole source", async () => {
    const filler = "We talked about the weather, the traffic and the new bakery on the corner for a while. ".repeat(4);
    const text =
      `Notes. Hi, I am Lena Park. I live in Denver. ${filler}` +
      `I work as a school librarian. ${filler}Since 2019 I live in Denver.`;
    const created = await fetch(`${app.url}/v1/personas`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ texts: [text] }),
    });
    const persona = (await created.json()) as {
      id: string;
      evidence: { location: { source_id: string; quote: string; start?: number; end?: number }[] };
    };
    // Both sentences support the value: two quotes far apart in one source.
    const entries = persona.evidence.location;
    expect(entries.length).toBe(2);
    const sourceId = entries[0]?.source_id;
    const source = (await (await fetch(`${app.url}/v1/personas/${persona.id}/sources/${sourceId}`)).json()) as {
      text: string;
    };
    for (const entry of entries) expect(source.text.slice(entry.start, entry.end)).toBe(entry.quote);
    expect(Math.abs((entries[1]?.start ?? 0) - (entries[0]?.start ?? 0))).toBeGreaterThan(300);

    await page.goto(`${app.url}/personas/${persona.id}`);
    await page.getByRole("button", { name: /^Denver/ }).click();
    const viewer = page.getByRole("dialog", { name: "Location: Denver" });
    const wholeButtons = viewer.getByRole("button", { name: "Show the whole source" });
    await expect.poll(() => wholeButtons.count()).toBe(2);
    await wholeButtons.nth(1).click();
    await wholeButtons.nth(0).click();
    const wholes = viewer.getByRole("region", { name: /^Whole text of/ });
    // Each highlight stands where its entry's offsets say: the text before it is the source up to `start`.
    const starts = await wholes.evaluateAll((regions) =>
      regions.map((el) => {
        const mark = el.querySelector("mark");
        const range = document.createRange();
        range.setStart(el, 0);
        if (mark) range.setEndBefore(mark);
        return range.toString().length;
      }),
    );
    expect(starts).toEqual(entries.map((e) => e.start));
    expect(await wholes.locator("mark").allTextContents()).toEqual(entries.map((e) => e.quote));
    await screenshot(page, "03b-persona-source-viewer", { fullPage: false });
    await viewer.getByRole("button", { name: "Close" }).click();
    expect(errors).toEqual([]);
  });
});

describe.skipIf(browserSuiteMode() === "skip")("web app: API keys", () => {
  let session: Session;
  let app: RunningApp;
  let page: Page;

  beforeAll(async () => {
    session = await openSession({ AUTH_MODE: "apikey" });
    ({ app, page } = session);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it("asks for a key on 401, refuses a wrong one with the server's message, and works with a valid one", async () => {
    const { key } = await createApiKey(app.services.database.db, "e2e");
    await page.goto(app.url);
    await page.getByRole("heading", { name: "Enter your API key" }).waitFor();
    expect(await page.getByRole("alert").textContent()).toMatch(/Authorization|API key/);
    await screenshot(page, "08-auth");

    await page.getByRole("textbox", { name: "API key" }).fill("ps_wrong_key");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/not valid/);

    await page.getByRole("textbox", { name: "API key" }).fill(key);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText("No personas yet.").waitFor();
    expect(page.url()).toBe(`${app.url}/`);
  });
});
