import { describe, expect, it } from "vitest";
import { extractOffline } from "../extract-offline.ts";
import type { CleanSource } from "../types.ts";

/** The scalar value the offline engine picks for `field` from the given texts (one source per text). */
function scalar(field: string, ...texts: string[]): string | number | null {
  const sources: CleanSource[] = texts.map((text, order) => ({ id: `s${order}`, kind: "text", text, order }));
  const claim = extractOffline(sources).claims.find((c) => c.field === field);
  return claim ? claim.value : null;
}

describe("age", () => {
  it.each([
    ["I'm 52 and still learning new tricks at work.", 52],
    ["Honestly I am 38 years old and tired of spreadsheets.", 38],
    ["turning 45 in June, which feels unreal", 44],
    ["Quick note for the team: my 30th is next Friday, drinks on me.", 29],
    ["My 50th was last weekend and the cake was enormous.", 50],
    ["31 today and I still can't cook rice properly.", 31],
    ["Ich bin 33 Jahre alt und wohne seit Jahren hier.", 33],
    ["Bonjour ! J'ai 47 ans et je cuisine tous les jours.", 47],
    ["Olá, tenho 28 anos e adoro surfar.", 28],
    ["Hallo zusammen! Ich bin Jonas, 31, und repariere Fahrräder.", 31],
    ["Hi, I'm Tomasz Wiśniewski — 44, freelance sound engineer.", 44],
  ])("%j -> %j", (text, age) => {
    expect(scalar("age", text)).toBe(age);
  });

  it("answers a form's age question", () => {
    expect(scalar("age", "How old are you? 63\nWhere do you live? Near the coast.")).toBe(63);
  });

  it.each([
    ["Our bakery was founded in 1998 and I have worked here for 20 years."],
    ["My students are aged 11 to 14 and very loud."],
    ["💬 Marta Silva (Recruiter, Northwind): I'm 41 and I still love this job"],
    ["I've been teaching for 19 years now."],
  ])("takes no age from %j", (text) => {
    expect(scalar("age", text)).toBeNull();
  });
});
