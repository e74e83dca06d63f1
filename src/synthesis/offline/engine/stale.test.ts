import { describe, expect, it } from "vitest";
import { extractOffline } from "../../extract-offline.ts";
import type { CleanSource } from "../../types.ts";

const OLD_PAGE = [
  "Meet our tuners: Ilse Varga",
  "Page updated 3 October 2021",
  "Ilse Varga, 31, is a travelling piano tuner with the Tisza music trust in Eger.",
  "Her biggest worry is the long drive to the nearest parts supplier.",
  "Her dream is to run a permanent repair workshop in Eger.",
].join("\n");

const email = (body: string, date = "Tue, 4 Mar 2025 08:15 +0100"): string =>
  [
    "From: Ilse Varga <ilse@vargapianos.example>",
    "To: Jonas Berg <jonas@tuners.example>",
    `Date: ${date}`,
    "Subject: catching up",
    "",
    "Dear Jonas,",
    "",
    body,
    "",
    "With warm regards,",
    "Ilse",
  ].join("\n");

const NEW_LIFE =
  "I have had my own piano workshop in Budapest since 2023. I would like to open a second workshop in Óbuda.";

function values(texts: readonly string[], field: "goals" | "pain_points"): string[] {
  const sources: CleanSource[] = texts.map((text, order) => ({ id: `s${order}`, kind: "text", text, order }));
  return extractOffline(sources)
    .claims.filter((c) => c.field === field)
    .map((c) => String(c.value));
}

const goals = (texts: readonly string[]) => values(texts, "goals");

/** The old page with its role and place as labelled fields, which the engine reads confidently. */
const OLD_PROFILE = OLD_PAGE.replace(
  "Page updated 3 October 2021\n",
  "Page updated 3 October 2021\nRole: Travelling piano tuner\nLocation: Eger, Hungary\n",
);
const SIGNED = `${email("I run my own piano workshop. I would like to open a second workshop in Óbuda.")}
Ilse Varga — Piano technician, Varga Pianos, Budapest`;

describe("lists from an outdated source", () => {
  it("drops an older dated source's goals when a newer one says the subject moved since", () => {
    const found = goals([email(`I moved to Budapest at the end of 2022. ${NEW_LIFE}`), OLD_PAGE]);
    expect(found.some((g) => /second workshop/.test(g))).toBe(true);
    expect(found.some((g) => /repair workshop/.test(g))).toBe(false);
  });

  it("drops them when the newer source calls the older one out of date", () => {
    const found = goals([
      email(`Your sheet links my old profile page, which is sadly out of date. ${NEW_LIFE}`),
      OLD_PAGE,
    ]);
    expect(found.some((g) => /repair workshop/.test(g))).toBe(false);
  });

  it("drops an older source's goals and pain points when a newer one restates job and place differently", () => {
    expect(values([OLD_PROFILE], "goals").some((g) => /repair workshop/.test(g))).toBe(true);
    expect(values([OLD_PROFILE], "pain_points").some((p) => /drive to the nearest parts supplier/.test(p))).toBe(true);
    expect(values([SIGNED, OLD_PROFILE], "goals").some((g) => /repair workshop/.test(g))).toBe(false);
    expect(
      values([SIGNED, OLD_PROFILE], "pain_points").some((p) => /drive to the nearest parts supplier/.test(p)),
    ).toBe(false);
  });

  it("keeps an older source's skills and interests: they outlast a move", () => {
    const page = `${OLD_PROFILE}\nIn her spare time she loves rowing and chess.`;
    const claims = extractOffline(
      [SIGNED, page].map((text, order) => ({ id: `s${order}`, kind: "text" as const, text, order })),
    ).claims;
    expect(claims.some((c) => c.field === "interests" && /rowing/.test(String(c.value)))).toBe(true);
  });

  it("keeps them when the move is dated before the older source", () => {
    const found = goals([email(`I moved to Budapest in 2012 to study. ${NEW_LIFE}`), OLD_PAGE]);
    expect(found.some((g) => /repair workshop/.test(g))).toBe(true);
  });

  it("keeps them when nothing says the life changed", () => {
    const found = goals([email("I would like to open a second workshop in Óbuda."), OLD_PAGE]);
    expect(found.some((g) => /repair workshop/.test(g))).toBe(true);
  });

  it("keeps them when the sources carry no dates: nothing says which is older", () => {
    const undated = OLD_PAGE.replace("Page updated 3 October 2021\n", "");
    const found = goals([email(`I moved to Budapest at the end of 2022. ${NEW_LIFE}`, "Sunday"), undated]);
    expect(found.some((g) => /repair workshop/.test(g))).toBe(true);
  });
});
