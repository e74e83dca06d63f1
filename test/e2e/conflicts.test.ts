import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, browserSuiteMode, openSession, type RunningApp, type Session, screenshot } from "./support.ts";

const NOTES = "Call notes. Hi, I am Maya Chen. I am 34 years old. I work as a pediatric nurse. I live in Denver.";
// Proposes another value for each of the three fields the person is about to set by hand.
const LATER = "Follow-up call. Hi, I am Maya Chen. I am 36 years old. I work as a school nurse. I live in Portland.";

interface Persona {
  id: string;
  version: number;
  persona: { age: number | null; occupation: string | null; location: string | null };
}

describe.skipIf(browserSuiteMode() === "skip")("web app: resolving conflicts (real browser, real server)", () => {
  let session: Session;
  let app: RunningApp;
  let page: Page;
  let errors: string[];
  let id: string;

  beforeAll(async () => {
    session = await openSession();
    ({ app, page, errors } = session);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${app.url}${path}`);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const pending = async () => (await api<{ data: { field: string }[] }>(`/v1/personas/${id}/conflicts`)).data;
  const panel = () => page.getByRole("region", { name: /conflicts? to resolve$/ });
  const item = (field: string) =>
    panel()
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: field }) });

  async function editByHand(label: string, value: string, version: number) {
    await page.getByRole("button", { name: `Edit ${label}` }).click();
    await page.getByRole("textbox", { name: label, exact: true }).fill(value);
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText(`Saved as version ${version}.`).waitFor();
  }

  it("shows no panel before there is a conflict, then the three clashes a merge finds against hand-set values", async () => {
    const res = await fetch(`${app.url}/v1/personas`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ texts: [NOTES] }),
    });
    const created = (await res.json()) as Persona;
    id = created.id;
    expect(created.persona).toMatchObject({ age: 34, location: "Denver" });

    await page.goto(`${app.url}/personas/${id}`);
    await page.getByRole("heading", { name: "Maya Chen", level: 1 }).waitFor();
    expect(await panel().count()).toBe(0);

    await editByHand("Location", "Aurora", 2);
    await editByHand("Occupation", "ICU nurse", 3);
    await editByHand("Age", "35", 4);

    await page.getByRole("tab", { name: "Add material" }).click();
    await page.getByLabel("Text 1", { exact: true }).fill(LATER);
    await page.getByRole("button", { name: "Merge material" }).click();
    await page.locator(".changes").waitFor();

    // The hand-set values stayed; the material's values wait in the panel, whichever tab is open.
    await panel().getByRole("heading", { name: "3 conflicts to resolve", exact: true }).waitFor();
    expect((await pending()).map((c) => c.field).sort()).toEqual(["age", "location", "occupation"]);
    const location = item("Location");
    expect(await location.textContent()).toContain("You set the current value by hand");
    expect(await location.locator(".side").first().textContent()).toContain("Aurora");
    expect(await location.locator(".side").last().textContent()).toContain("Portland");
    // The proposed value's evidence is the material's own words, and opens in its source.
    expect(await location.locator(".side").last().locator("blockquote").textContent()).toContain("I live in Portland.");
    await location.locator(".side").last().getByRole("button", { name: "Show in source" }).click();
    const viewer = page.getByRole("dialog", { name: "Evidence for Location, proposed value" });
    await expect.poll(() => viewer.locator("mark").textContent()).toBe("I live in Portland.");
    await viewer.getByRole("button", { name: "Close" }).click();
    await viewer.waitFor({ state: "hidden" });

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "09-persona-conflicts");
  });

  it("keeps the current value (from the keyboard)", async () => {
    const keep = item("Location").getByRole("button", { name: "Keep current" });
    await keep.focus();
    await page.keyboard.press("Enter");
    await page.getByText("Location is now “Aurora” (version 6).").waitFor();
    await panel().getByRole("heading", { name: "2 conflicts to resolve", exact: true }).waitFor();
    expect(await item("Location").count()).toBe(0);
    const persona = await api<Persona>(`/v1/personas/${id}`);
    expect(persona).toMatchObject({ version: 6, persona: { location: "Aurora" } });
  });

  it("takes the proposed value, and the profile shows it with the material's evidence", async () => {
    await item("Occupation").getByRole("button", { name: "Take proposed" }).click();
    await page.getByText(/^Occupation is now “School nurse” \(version 7\)\.$/i).waitFor();
    await panel().getByRole("heading", { name: "1 conflict to resolve", exact: true }).waitFor();
    await page.getByRole("tab", { name: "Profile" }).click();
    const value = page.getByRole("button", { name: /^School nurse/i });
    await value.waitFor();
    expect(await value.locator(".badge").textContent()).toBe("stated");
  });

  it("writes another value: refuses an empty one, then saves a number typed and submitted from the keyboard", async () => {
    const age = item("Age");
    await age.getByRole("button", { name: "Write another value" }).click();
    const input = age.getByRole("textbox", { name: "Another value for age" });
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.fill("");
    await page.keyboard.press("Enter");
    await expect.poll(() => age.getByRole("alert").textContent()).toContain("Write the value for age");
    expect(await axeViolations(page)).toEqual([]);
    await input.fill("37");
    await page.keyboard.press("Enter");
    await page.getByText("Age is now “37” (version 8).").waitFor();
    await panel().waitFor({ state: "detached" });
    expect(await pending()).toEqual([]);
    const persona = await api<Persona>(`/v1/personas/${id}`);
    expect(persona).toMatchObject({ version: 8, persona: { age: 37, location: "Aurora" } });
    expect(persona.persona.occupation?.toLowerCase()).toBe("school nurse");
  });

  it("lists each resolution as a version with its cause", async () => {
    const versions = await api<{ data: { version: number; cause: string }[] }>(`/v1/personas/${id}/versions`);
    expect(versions.data.slice(-3).map((v) => v.cause.replace(/cfl_\w+/, "ID"))).toEqual([
      "resolve:ID:keep_current",
      "resolve:ID:take_proposed",
      "resolve:ID:write",
    ]);
    await page.getByRole("tab", { name: "History" }).click();
    const list = page.locator(".versions > li");
    await expect.poll(() => list.count()).toBe(8);
    expect(await list.nth(0).textContent()).toContain("Conflict resolved: wrote another value");
    expect(await list.nth(0).textContent()).toContain("37");
    expect(await list.nth(1).textContent()).toContain("Conflict resolved: took the proposed value");
    expect(await list.nth(2).textContent()).toContain("Conflict resolved: kept the current value");
    await screenshot(page, "10-persona-conflicts-history");
    expect(errors).toEqual([]);
  });
});
