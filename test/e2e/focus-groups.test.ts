import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, browserSuiteMode, openSession, type RunningApp, type Session, screenshot } from "./support.ts";

const PEOPLE = [
  "Hi, I am Maya Chen, 34. I work as a pediatric nurse. I live in Denver. I love trail running. " +
    "I am frustrated by clunky scheduling apps.",
  "Hello, my name is Omar Haddad. I am a charge nurse. I live in Boulder. I enjoy chess. I hate paper rotas.",
  "I'm Ines Moreau. I work as a florist. I live in Lyon. I love jazz.",
];

/** axe-core findings a person would trip over (critical, serious, moderate), one line each. */
async function axeFindings(page: Page): Promise<string[]> {
  return (await axeViolations(page)).map((f) => `${f.impact} ${f.id}: ${f.help} — ${f.targets.join(", ")}`);
}

describe.skipIf(browserSuiteMode() === "skip")("web app: focus groups (real browser, real server)", () => {
  let session: Session;
  let app: RunningApp;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    session = await openSession();
    ({ app, page, errors } = session);
    for (const text of PEOPLE) {
      const res = await fetch(`${app.url}/v1/personas`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ texts: [text] }),
      });
      expect(res.status).toBe(201);
    }
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it("starts a group, streams every persona's answer side by side, keeps the conversation and exports CSV", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(app.url);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Focus groups" }).click();
    await page.getByRole("heading", { name: "Focus groups", level: 1 }).waitFor();
    await page.getByText("No focus groups yet.", { exact: false }).waitFor();
    const start = page.getByRole("button", { name: "Start focus group" });
    await page.getByRole("checkbox", { name: /Maya Chen/ }).check();
    expect(await start.isDisabled()).toBe(true); // one persona is not a group
    await page.getByRole("checkbox", { name: /Omar Haddad/ }).check();
    expect(await findings()).toEqual([]);
    await screenshot(page, "13-focus-group-create", { fullPage: false });
    await start.click();

    await page.getByRole("heading", { name: "Focus group: Maya Chen and Omar Haddad", level: 1 }).waitFor();
    const box = page.getByRole("textbox", { name: "Question to the group" });
    await box.fill("Where do you live?");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/messages") && r.request().method() === "POST"),
      page.getByRole("button", { name: "Ask" }).click(),
    ]);
    // The answers arrive as one stream, interleaved per persona.
    expect(response.headers()["content-type"]).toContain("text/event-stream");
    const body = await response.text();
    expect((body.match(/^event: text$/gm) ?? []).length).toBeGreaterThan(1);
    expect((body.match(/^event: persona_done$/gm) ?? []).length).toBe(2);

    const round = page.getByRole("article", { name: /Question 1/ });
    const answer = (name: string) => round.getByRole("listitem").filter({ has: page.getByRole("heading", { name }) });
    // Each persona answers in character, from its own evidence.
    await expect.poll(() => answer("Maya Chen").textContent()).toMatch(/Denver/);
    await expect.poll(() => answer("Omar Haddad").textContent()).toMatch(/Boulder/);
    expect(await answer("Maya Chen").textContent()).not.toMatch(/Boulder/);
    await page.getByRole("button", { name: "Ask" }).waitFor(); // the round ended
    // Side by side on a wide screen: same row, different columns.
    const [maya, omar] = [await answer("Maya Chen").boundingBox(), await answer("Omar Haddad").boundingBox()];
    expect(maya?.y).toBe(omar?.y);
    expect((omar?.x ?? 0) - (maya?.x ?? 0)).toBeGreaterThan(100);
    expect(await findings()).toEqual([]);
    await screenshot(page, "14-focus-group", { fullPage: false });

    // Kept as a conversation: a reload shows it, and the next question adds a round.
    await page.reload();
    await page.getByRole("article", { name: /Question 1/ }).waitFor();
    await box.fill("What do you enjoy?");
    await page.getByRole("button", { name: "Ask" }).click();
    const second = page.getByRole("article", { name: /Question 2/ });
    await expect.poll(() => second.textContent()).toMatch(/chess/);
    await expect.poll(() => second.textContent()).toMatch(/trail running/);
    await page.getByRole("button", { name: "Ask" }).waitFor();

    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe("focus-group-maya-chen-and-omar-haddad.csv");
    const rows = readFileSync(await csv.path(), "utf8");
    expect(rows).toMatch(/question_at,question,persona_id,persona_name,answer,status/);
    expect(rows).toMatch(/Where do you live\?.*Maya Chen.*Denver/);
    expect(rows).toMatch(/What do you enjoy\?.*Omar Haddad.*chess/);

    // The list shows the group with its questions.
    await page.getByRole("link", { name: "Focus groups" }).first().click();
    await page.getByRole("link", { name: "Focus group: Maya Chen and Omar Haddad" }).waitFor();
    expect(await page.getByText(/2 questions/).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it("stacks the answers on a phone and stays within the screen", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByRole("link", { name: "Focus group: Maya Chen and Omar Haddad" }).click();
    const round = page.getByRole("article", { name: /Question 1/ });
    await round.waitFor();
    const [first, second] = await round
      .getByRole("listitem")
      .evaluateAll((items) => items.map((item) => item.getBoundingClientRect().toJSON() as { x: number; y: number }));
    expect(first?.x).toBe(second?.x);
    expect((second?.y ?? 0) > (first?.y ?? 0)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(await findings()).toEqual([]);
    await screenshot(page, "15-focus-group-mobile", { fullPage: false });
    await page.getByRole("link", { name: "Focus groups" }).first().click();
    await page.getByRole("heading", { name: "Focus groups", level: 1 }).waitFor();
    expect(await findings()).toEqual([]);
    expect(errors).toEqual([]);
  });

  const findings = () => axeFindings(page);
});
