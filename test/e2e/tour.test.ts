import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/auth/api-keys.ts";
import { type AxeFinding, axeViolations, browserSuiteMode, openSession, type Session, screenshot } from "./support.ts";

/**
 * Every main screen at 1440 and 375 px: no axe-core violation a person would trip over (critical, serious, moderate),
 * nothing wider than the viewport, and a screenshot of each in .screenshots/tour/ (`npm run screenshots`).
 */

const WIDTHS = [1440, 375] as const;

const MAYA =
  "Call notes 2024-05-02. Hi, I am Maya Chen, 34. I work as a pediatric nurse at a children's hospital. I live in " +
  "Denver. I love trail running and baking. I am frustrated by clunky scheduling apps and by swapping shifts over " +
  "group texts. I want to spend more evenings with my kids.";
const OMAR = "Hello, my name is Omar Haddad. I am a charge nurse in Boulder. I enjoy chess. I hate paper rotas.";

/** Answers to the offline product manager, in the order of her flow (src/prd/interviewers.ts). */
const PM_ANSWERS = [
  "Shift Swap",
  "Nurses trade shifts in two taps instead of a week of texting.",
  "Swapping a shift takes days of group texts and a paper sign-off from the charge nurse.",
  "Hospital nurses; charge nurses",
  "Open the app -> pick a shift -> offer it -> a colleague accepts -> the charge nurse approves",
  "Offer a shift; accept a swap; approve a swap",
  "A", // the priority question is a choice: this answers it with its first option
];

interface Fixture {
  personaId: string;
  otherId: string;
  projectSlug: string;
  focusGroupId: string;
}

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: { "content-type": "application/json", ...(init.headers as Record<string, string>) },
  });
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The data every screen shows, made through the API (the screens themselves are tested elsewhere). */
async function makeFixture(base: string): Promise<Fixture> {
  const post = <T>(path: string, body: unknown) =>
    json<T>(`${base}${path}`, { method: "POST", body: JSON.stringify(body) });
  const maya = await post<{ id: string }>("/v1/personas", { texts: [MAYA] });
  const omar = await post<{ id: string }>("/v1/personas", { texts: [OMAR] });
  // A manual edit with a value long enough to wrap onto two lines in its card.
  await json(`${base}/v1/personas/${maya.id}`, {
    method: "PATCH",
    headers: { "content-type": "application/merge-patch+json" },
    body: JSON.stringify({ occupation: "Pediatric nurse on the night shift at Denver Children's Hospital, ward 4B" }),
  });
  // Material that proposes another occupation: a pending conflict, so the persona screen shows the conflicts panel.
  await json(`${base}/v1/personas/${maya.id}`, {
    method: "PATCH",
    body: JSON.stringify({ texts: ["Follow-up call. Hi, I am Maya Chen. I work as a school nurse."] }),
  });
  const project = await post<{ id: string; slug: string }>("/v1/projects", {
    name: "Nurse Shifts",
    persona_ids: [maya.id],
  });
  const interview = await post<{ id: string }>(`/v1/projects/${project.id}/conversations`, { interviewer: "pm" });
  for (const content of PM_ANSWERS) await post(`/v1/conversations/${interview.id}/messages`, { content });
  const chat = await post<{ id: string }>(`/v1/personas/${maya.id}/conversations`, {});
  await post(`/v1/conversations/${chat.id}/messages`, { content: "Where do you live, and what frustrates you?" });
  const project2 = await json<{ slug: string }>(`${base}/v1/projects/${project.id}`);
  const group = await post<{ id: string }>("/v1/focus-groups", { persona_ids: [maya.id, omar.id] });
  await post(`/v1/focus-groups/${group.id}/messages`, { content: "Where do you live, and what frustrates you?" });
  return { personaId: maya.id, otherId: omar.id, projectSlug: project2.slug, focusGroupId: group.id };
}

interface Screen {
  name: string;
  path: (f: Fixture) => string;
  /** Waits until the screen shows its content (not a loading state). */
  ready: (page: Page) => Promise<void>;
  /** Brings the screen to the state to check once loaded (open a tab, a dialog…). */
  open?: (page: Page) => Promise<void>;
}

const SCREENS: Screen[] = [
  {
    name: "personas",
    path: () => "/",
    ready: (page) => page.getByRole("link", { name: "Maya Chen" }).waitFor(),
  },
  {
    name: "persona-create",
    path: () => "/personas/new",
    ready: (page) => page.getByRole("heading", { name: "New persona" }).waitFor(),
  },
  {
    name: "persona",
    path: (f) => `/personas/${f.personaId}`,
    ready: async (page) => {
      await page.getByRole("heading", { name: "Maya Chen", level: 1 }).waitFor();
      await page.getByRole("heading", { name: "1 conflict to resolve" }).waitFor();
    },
  },
  {
    name: "persona-conflict-write",
    path: (f) => `/personas/${f.personaId}`,
    ready: (page) => page.getByRole("heading", { name: "1 conflict to resolve" }).waitFor(),
    open: async (page) => {
      await page.getByRole("button", { name: "Write another value" }).click();
      await page.getByRole("textbox", { name: "Another value for occupation" }).waitFor();
    },
  },
  {
    name: "persona-evidence",
    path: (f) => `/personas/${f.personaId}`,
    ready: (page) => page.getByRole("heading", { name: "Maya Chen", level: 1 }).waitFor(),
    open: async (page) => {
      await page.getByRole("button", { name: /^Denver/ }).click();
      await page.getByRole("dialog").waitFor();
    },
  },
  {
    name: "persona-history",
    path: (f) => `/personas/${f.personaId}`,
    ready: (page) => page.getByRole("heading", { name: "Maya Chen", level: 1 }).waitFor(),
    open: async (page) => {
      await page.getByRole("tab", { name: "History" }).click();
      await page.getByRole("heading", { name: "Compare versions" }).waitFor();
    },
  },
  {
    name: "persona-add-material",
    path: (f) => `/personas/${f.personaId}`,
    ready: (page) => page.getByRole("heading", { name: "Maya Chen", level: 1 }).waitFor(),
    open: async (page) => {
      await page.getByRole("tab", { name: "Add material" }).click();
      await page.getByRole("button", { name: "Merge material" }).waitFor();
    },
  },
  {
    name: "persona-chat",
    path: (f) => `/personas/${f.personaId}/chat`,
    ready: (page) => page.locator(".bubble.assistant").first().waitFor(),
  },
  {
    name: "projects",
    path: () => "/projects",
    ready: (page) => page.getByRole("link", { name: "Shift Swap" }).waitFor(),
  },
  {
    name: "workspace",
    path: (f) => `/projects/${f.projectSlug}`,
    ready: (page) => page.locator(".bubble.assistant").nth(3).waitFor(),
  },
  {
    name: "focus-groups",
    path: () => "/focus-groups",
    ready: (page) => page.getByRole("link", { name: /^Focus group: / }).waitFor(),
  },
  {
    name: "focus-group",
    path: (f) => `/focus-groups/${f.focusGroupId}`,
    ready: (page) => page.locator(".answer-name").nth(1).waitFor(),
  },
  {
    name: "not-found",
    path: () => "/personas/per_doesnotexist",
    ready: (page) => page.getByRole("alert").waitFor(),
  },
];

/** Findings as one line each, so a failure reads as a list of what to fix. */
const describeFindings = (findings: AxeFinding[]) =>
  findings.map((f) => `${f.impact} ${f.id}: ${f.help} — ${f.targets.join(", ")}`);

async function check(page: Page, name: string, width: number): Promise<string[]> {
  const findings = describeFindings(await axeViolations(page));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) findings.push(`layout: the page is ${overflow} px wider than the viewport`);
  await screenshot(page, `tour/${name}@${width}`, { fullPage: false });
  return findings;
}

describe.skipIf(browserSuiteMode() === "skip")("every screen at 1440 and 375 px (axe-core, layout)", () => {
  let session: Session;
  let fixture: Fixture;
  const report: Record<string, number> = {};

  beforeAll(async () => {
    session = await openSession();
    fixture = await makeFixture(session.app.url);
  }, 180_000);

  afterAll(async () => {
    process.stderr.write(`\n[tour] axe findings per screen: ${JSON.stringify(report)}\n`);
    await session?.close();
  });

  for (const width of WIDTHS) {
    for (const screen of SCREENS) {
      it(`${screen.name} at ${width} px`, async () => {
        const { page } = session;
        await page.setViewportSize({ width, height: width > 800 ? 900 : 812 });
        await page.goto(`${session.app.url}${screen.path(fixture)}`);
        await screen.ready(page);
        await screen.open?.(page);
        const findings = await check(page, screen.name, width);
        report[`${screen.name}@${width}`] = findings.length;
        expect(findings).toEqual([]);
      });
    }

    it(`loading states at ${width} px`, async () => {
      const { page } = session;
      await page.setViewportSize({ width, height: width > 800 ? 900 : 812 });
      const findings: string[] = [];
      for (const [name, path, pattern] of [
        ["loading-personas", "/", "**/v1/personas?*"],
        ["loading-persona", `/personas/${fixture.personaId}`, `**/v1/personas/${fixture.personaId}`],
        ["loading-workspace", `/projects/${fixture.projectSlug}`, `**/v1/projects/${fixture.projectSlug}`],
      ] as const) {
        // Hold the screen's first request until axe has looked at the loading state.
        let release = () => {};
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        await page.route(pattern, async (route) => {
          await held;
          await route.continue();
        });
        await page.goto(`${session.app.url}${path}`);
        await page.getByRole("status").first().waitFor();
        findings.push(...(await check(page, name, width)).map((f) => `${name}: ${f}`));
        release();
        await page.unrouteAll({ behavior: "wait" });
      }
      report[`loading@${width}`] = findings.length;
      expect(findings).toEqual([]);
    });
  }
});

describe.skipIf(browserSuiteMode() === "skip")("the API key screen at 1440 and 375 px", () => {
  let session: Session;

  beforeAll(async () => {
    session = await openSession({ AUTH_MODE: "apikey" });
    await createApiKey(session.app.services.database.db, "tour");
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  for (const width of WIDTHS) {
    it(`auth at ${width} px`, async () => {
      const { page } = session;
      await page.setViewportSize({ width, height: width > 800 ? 900 : 812 });
      await page.goto(session.app.url);
      await page.getByRole("heading", { name: "Enter your API key" }).waitFor();
      expect(await check(page, "auth", width)).toEqual([]);
    });
  }
});
