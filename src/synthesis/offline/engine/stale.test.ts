import { describe, expect, it } from "vitest";
import { extractOffline } from "../../extract-offline.ts";
import type { CleanSource } from "../../types.ts";

const OLD_PAGE = [
  "Meet our vets: Dr. Oyun Batbayar",
  "Profile updated 14 September 2021",
  "Dr. Oyun Batbayar, 29, is a mobile veterinarian with the Steppe project in Bulgan.",
  "Her biggest worry is the long ride to the nearest lab.",
  "Her dream is to set up a permanent veterinary post in Bulgan town.",
].join("\n");

const email = (body: string, date = "Sun, 9 Feb 2025 21:37 +0800"): string =>
  [
    "From: Oyun Batbayar <oyun@nomadpaws.example>",
    "To: Claire Fontaine <claire@vets.example>",
    `Date: ${date}`,
    "Subject: catching up",
    "",
    "Dear Claire,",
    "",
    body,
    "",
    "With warm regards,",
    "Oyun",
  ].join("\n");

const NEW_LIFE =
  "Since June 2023 I run my own small-animal clinic in Ulaanbaatar. I would like to open a second clinic in a ger district.";

function values(texts: readonly string[], field: "goals" | "pain_points"): string[] {
  const sources: CleanSource[] = texts.map((text, order) => ({ id: `s${order}`, kind: "text", text, order }));
  return extractOffline(sources)
    .claims.filter((c) => c.field === field)
    .map((c) => String(c.value));
}

const goals = (texts: readonly string[]) => values(texts, "goals");

/** The old page with its role and place as labelled fields, which the engine reads confidently. */
const OLD_PROFILE = OLD_PAGE.replace(
  "Profile updated 14 September 2021\n",
  "Profile updated 14 September 2021\nRole: Mobile veterinarian\nLocation: Bulgan, Mongolia\n",
);
const SIGNED = `${email("I run my own small-animal clinic. I would like to open a second clinic in a ger district.")}
Dr. Oyun Batbayar — Small-animal veterinarian, Nomad Paws Clinic, Ulaanbaatar`;

describe("lists from an outdated source", () => {
  it("drops an older dated source's goals when a newer one says the subject moved since", () => {
    const found = goals([email(`I moved to Ulaanbaatar at the end of 2022. ${NEW_LIFE}`), OLD_PAGE]);
    expect(found.some((g) => /second clinic/.test(g))).toBe(true);
    expect(found.some((g) => /veterinary post/.test(g))).toBe(false);
  });

  it("drops them when the newer source calls the older one out of date", () => {
    const found = goals([
      email(`Your sheet links my old profile page; that page is out of date. ${NEW_LIFE}`),
      OLD_PAGE,
    ]);
    expect(found.some((g) => /veterinary post/.test(g))).toBe(false);
  });

  it("drops an older source's goals and pain points when a newer one restates job and place differently", () => {
    expect(values([OLD_PROFILE], "goals").some((g) => /veterinary post/.test(g))).toBe(true);
    expect(values([OLD_PROFILE], "pain_points").some((p) => /ride to the nearest lab/.test(p))).toBe(true);
    expect(values([SIGNED, OLD_PROFILE], "goals").some((g) => /veterinary post/.test(g))).toBe(false);
    expect(values([SIGNED, OLD_PROFILE], "pain_points").some((p) => /ride to the nearest lab/.test(p))).toBe(false);
  });

  it("keeps an older source's skills and interests: they outlast a move", () => {
    const page = `${OLD_PROFILE}\nIn her spare time she loves horse riding and chess.`;
    const claims = extractOffline(
      [SIGNED, page].map((text, order) => ({ id: `s${order}`, kind: "text" as const, text, order })),
    ).claims;
    expect(claims.some((c) => c.field === "interests" && /horse riding/.test(String(c.value)))).toBe(true);
  });

  it("keeps them when the move is dated before the older source", () => {
    const found = goals([email(`I moved to Ulaanbaatar in 2012 to study. ${NEW_LIFE}`), OLD_PAGE]);
    expect(found.some((g) => /veterinary post/.test(g))).toBe(true);
  });

  it("keeps them when nothing says the life changed", () => {
    const found = goals([email("I would like to open a second clinic in a ger district."), OLD_PAGE]);
    expect(found.some((g) => /veterinary post/.test(g))).toBe(true);
  });

  it("keeps them when the sources carry no dates: nothing says which is older", () => {
    const undated = OLD_PAGE.replace("Profile updated 14 September 2021\n", "");
    const found = goals([email(`I moved to Ulaanbaatar at the end of 2022. ${NEW_LIFE}`, "Sunday"), undated]);
    expect(found.some((g) => /veterinary post/.test(g))).toBe(true);
  });
});
