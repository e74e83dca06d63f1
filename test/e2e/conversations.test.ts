import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSuiteMode, openSession, type RunningApp, type Session, screenshot } from "./support.ts";

const NOTES =
  "Hi, I am Maya Chen. I work as a pediatric nurse. I live in Denver. I love trail running. " +
  "I am frustrated by clunky scheduling apps.";

/** What to answer the offline product manager, by what she asks (her flow is in src/prd/interviewers.ts). */
const ANSWERS: [RegExp, string][] = [
  [/called/i, "Shift Swap"],
  [/vision/i, "Nurses trade shifts in two taps instead of a week of texting."],
  [/problem/i, "Swapping a shift takes days of group texts and a paper sign-off from the charge nurse."],
  [/target users/i, "Hospital nurses; charge nurses"],
  [/journey/i, "Open the app -> pick a shift -> offer it -> a colleague accepts -> the charge nurse approves"],
  [/features|must .* do/i, "Offer a shift; accept a swap; approve a swap"],
  [/acceptance|test|done/i, "A swap offer reaches eligible colleagues within one minute"],
  [/non-functional|fast|secure|reliab|perform/i, "Loads in under two seconds on a phone; works on hospital wifi"],
  [/metric|success|measure/i, "Swaps completed per week; median time to swap under one hour"],
  [/in scope/i, "Shift offers; swap approval"],
  [/non-goals|out of scope/i, "Payroll; scheduling the whole rota"],
  [/screens/i, "Shift list, Swap offer"],
  [/assum/i, "Nurses have smartphones; the hospital shares the rota as a file"],
  [/open/i, "Do unions need to approve swaps?"],
];

describe.skipIf(browserSuiteMode() === "skip")("web app: conversations and PRD (real browser, real server)", () => {
  let session: Session;
  let app: RunningApp;
  let page: Page;
  let errors: string[];
  let personaId: string;

  beforeAll(async () => {
    session = await openSession();
    ({ app, page, errors } = session);
    const created = await fetch(`${app.url}/v1/personas`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ texts: [NOTES] }),
    });
    personaId = ((await created.json()) as { id: string }).id;
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it("chats with a persona and sees the reply stream in", async () => {
    await page.goto(`${app.url}/personas/${personaId}`);
    await page.getByRole("link", { name: "Chat" }).click();
    await page.getByRole("heading", { name: "Chat with Maya Chen" }).waitFor();
    await page.getByRole("button", { name: "Start a conversation" }).click();
    const box = page.getByRole("textbox", { name: "Message to Maya Chen" });
    await box.fill("Where do you live, and what frustrates you?");
    // While the reply streams the Stop button replaces Send; remember that it did.
    await page.evaluate(() => {
      const w = window as unknown as { __sawStop: boolean };
      w.__sawStop = false;
      new MutationObserver(() => {
        if ([...document.querySelectorAll("button")].some((b) => b.textContent === "Stop")) w.__sawStop = true;
      }).observe(document.body, { subtree: true, childList: true });
    });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/messages") && r.request().method() === "POST"),
      page.getByRole("button", { name: "Send" }).click(),
    ]);
    const log = page.getByRole("log");
    await expect.poll(() => log.locator(".bubble.assistant").last().textContent()).toMatch(/Denver/);
    await page.getByRole("button", { name: "Send" }).waitFor(); // the reply ended
    // The UI asked for and read a stream: SSE with the reply in several text deltas.
    expect(response.headers()["content-type"]).toContain("text/event-stream");
    expect(((await response.text()).match(/^event: text$/gm) ?? []).length).toBeGreaterThan(1);
    expect(await page.evaluate(() => (window as unknown as { __sawStop: boolean }).__sawStop)).toBe(true);
    await screenshot(page, "09-persona-chat");

    // History survives a reload, and clearing empties it.
    await page.reload();
    await expect.poll(() => page.getByRole("log").textContent()).toMatch(/Where do you live/);

    // Past conversations are told apart by what was said in them, not only by a time.
    await page.getByRole("button", { name: "New conversation" }).click();
    const picker = page.getByRole("combobox", { name: "Conversation" });
    await expect
      .poll(() => picker.locator("option").allTextContents())
      .toEqual([
        expect.stringMatching(/^New conversation · 0 messages · /),
        expect.stringMatching(/^“Where do you live, and what frustrates you\?” · 2 messages · /),
      ]);
    await picker.selectOption({ index: 1 });
    await expect.poll(() => page.getByRole("log").textContent()).toMatch(/Where do you live/);
    await page.getByRole("button", { name: "Clear conversation" }).click();
    await page.getByRole("dialog", { name: "Clear this conversation?" }).getByRole("button", { name: "Clear" }).click();
    await page.getByText("No messages yet.").waitFor();
  });

  it("runs a PM interview to a PRD with its sections filled and a wireframe shown", async () => {
    await page.getByRole("link", { name: "Projects" }).click();
    await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();
    await page.getByText("No projects yet.").waitFor();
    await page.getByRole("textbox", { name: "Name" }).fill("Nurse Shifts");
    await page.getByRole("checkbox", { name: /Maya Chen/ }).check();
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByRole("heading", { name: "Nurse Shifts", level: 1 }).waitFor();
    expect(page.url()).toContain("/projects/nurse-shifts");
    await page.getByRole("tab", { name: /Maya Chen/ }).waitFor();
    const box = page.getByRole("textbox", { name: /^Message to / });
    await box.waitFor();

    for (let turn = 0; turn < 30; turn++) {
      const send = page.getByRole("button", { name: "Send" });
      // The log is busy until the stored reply has replaced the streamed one (the open question's buttons with it).
      await page.locator("[role=log][aria-busy=false]").waitFor();
      // The open question's options are buttons; answered questions stay in the transcript as plain lists.
      const options = page.locator("fieldset.question button.option");
      const lastReply = (await page.locator(".bubble.assistant").last().textContent()) ?? "";
      if (/PRD is complete|all sections|that's everything|we're done|covered every/i.test(lastReply)) break;
      if ((await options.count()) > 0) {
        await options.first().click();
      } else {
        // The question is the reply's last paragraph (the first ones sum up what was written).
        const question = lastReply.split(/\n\s*\n/).pop() ?? lastReply;
        const answer = ANSWERS.find(([re]) => re.test(question))?.[1];
        if (!answer) break;
        await box.fill(answer);
        await send.click();
      }
      await expect.poll(() => page.locator(".bubble.assistant").count()).toBeGreaterThan(turn + 1);
    }
    await page.getByRole("button", { name: "Stop" }).waitFor({ state: "detached" });
    const log = page.getByRole("log");

    // An answered choice question stays in the transcript, with the option that was picked marked.
    const answered = log.locator(".question.answered").filter({ hasText: "Which feature matters most" });
    await answered.waitFor();
    expect(await answered.locator(".option.chosen").textContent()).toMatch(/^A\s*Offer a shift \(your answer\)$/);

    // API paths in the interviewer's words are links and thumbnails, never raw paths.
    expect(await log.textContent()).not.toMatch(/\/v1\//);
    const sketch = log.getByRole("img", { name: "Wireframe sketch" }).first();
    await expect.poll(() => sketch.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(50);
    const [prdFile] = await Promise.all([
      page.waitForEvent("download"),
      page.locator(".bubble.assistant").last().getByRole("button", { name: "PRD.md" }).click(),
    ]);
    expect(prdFile.suggestedFilename()).toBe("shift-swap-prd.md");

    // What's next leads with the current item; the done ones are folded away.
    const next = page.getByRole("region", { name: "What's next" });
    const current = next.locator("li[aria-current='step']");
    // The panel refreshes after the last turn's tools: wait for it rather than read it once.
    await expect.poll(() => current.textContent()).toMatch(/Review the PRD/);
    expect(await next.locator("li").first().textContent()).toBe(await current.textContent());
    expect(await next.getByText(/^Done \(\d+\)$/).isVisible()).toBe(true);
    expect(await next.locator(".next-done").first().isVisible()).toBe(false);

    // Every interviewer tab shows its whole name, at this width and on a phone.
    const tabsFit = () =>
      page.getByRole("tablist", { name: "Interviewers" }).evaluate((list) => {
        const box = list.getBoundingClientRect();
        return [...list.querySelectorAll("[role=tab]")].every((tab) => {
          const r = tab.getBoundingClientRect();
          return tab.scrollWidth <= tab.clientWidth && r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
        });
      });
    expect(await tabsFit()).toBe(true);

    // The page ends where its content ends: nothing hidden in the chat log stretches it into a blank screen.
    const blankBelow = () =>
      page.evaluate(() => {
        const main = document.querySelector("main")?.getBoundingClientRect();
        return document.documentElement.scrollHeight - Math.ceil((main?.bottom ?? 0) + window.scrollY);
      });
    expect(await blankBelow()).toBeLessThanOrEqual(1);

    const prd = page.getByRole("complementary", { name: "Product requirements document" });
    await expect.poll(() => prd.locator("#prd-problem").textContent()).toMatch(/group texts/);
    expect(await prd.locator("#prd-functional_requirements").textContent()).toMatch(/FR-1/);
    expect(await prd.locator("#prd-success_metrics").textContent()).toMatch(/SM-1/);
    expect(await prd.locator("#prd-user_journeys").textContent()).toMatch(/UJ-1/);
    const activity = await page.locator(".tool-activity").allTextContents();
    expect(activity.join(" ")).toMatch(/updated FR-\d/);
    expect(activity.join(" ")).toMatch(/rendered wireframe ‘Shift list’/);

    const wireframe = prd.getByRole("img", { name: "Wireframe: Shift list" });
    await wireframe.waitFor();
    await expect.poll(() => wireframe.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(50);

    // The section navigation jumps to a section; the downloads are files.
    await prd.getByRole("link", { name: /^Wireframes/ }).click();
    expect(page.url()).toContain("#prd-wireframes");
    const [markdown] = await Promise.all([
      page.waitForEvent("download"),
      prd.getByRole("button", { name: "Download Markdown" }).click(),
    ]);
    expect(markdown.suggestedFilename()).toMatch(/-prd\.md$/);
    await wireframe.scrollIntoViewIfNeeded();
    await screenshot(page, "10-prd-workspace-wireframes", { fullPage: false });
    await page.evaluate(() => window.scrollTo(0, 0));
    await prd.evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, "11-prd-workspace", { fullPage: false });

    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, "12-prd-workspace-mobile", { fullPage: false });
    expect(await tabsFit()).toBe(true);
    expect(await blankBelow()).toBeLessThanOrEqual(1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  });
});
