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

  it("keeps them when the newer source only moves a meeting (a rescheduling, not a move)", () => {
    const found = goals([email("We moved the call to Friday. I would like to open a second workshop."), OLD_PAGE]);
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

/** A crew page whose heading line sits above its date line, and a later email from the subject after a move. */
const CREW_PAGE = [
  "Our pilots – Nordic Pilot Service – Bodø",
  "Tove Lindqvist, 41, is a harbour pilot in Bodø.",
  "Page updated 8 May 2019",
  "Role: Harbour pilot",
  "Location: Bodø, Norway",
  "Tove guides cargo ships through the narrow channel in every kind of weather.",
].join("\n");
const FERRY_NEWS = [
  "From: Tove Lindqvist <tove@nordlys.example>",
  "To: Arne Dahl <arne@pilots.example>",
  "Date: Thu, 6 Jun 2024 09:10 +0200",
  "Subject: news",
  "",
  "Dear Arne,",
  "",
  "I turned 46 this spring and I moved to Tromsø last year. I love the ferries.",
  "",
  "Best,",
  "Tove",
  "Tove Lindqvist — Ferry dispatcher, Nordlys Ferries",
].join("\n");

function scalar(texts: readonly string[], field: "occupation" | "age"): string | undefined {
  const sources: CleanSource[] = texts.map((text, order) => ({ id: `s${order}`, kind: "text", text, order }));
  const claim = extractOffline(sources).claims.find((c) => c.field === field);
  return claim === undefined ? undefined : String(claim.value);
}

describe("scalars from an outdated source", () => {
  it("lets a newer source's job win over a stale page's, even its lines above the page's date", () => {
    expect(scalar([CREW_PAGE], "occupation")).toMatch(/harbour pilot/i);
    expect(scalar([FERRY_NEWS, CREW_PAGE], "occupation")).toMatch(/ferry dispatcher/i);
  });

  it("keeps the page's job when neither source is dated: an undated page is never outdated", () => {
    const undatedPage = CREW_PAGE.replace("Page updated 8 May 2019\n", "");
    const undatedNews = FERRY_NEWS.replace("Date: Thu, 6 Jun 2024 09:10 +0200\n", "");
    expect(scalar([undatedNews, undatedPage], "occupation")).toMatch(/harbour pilot/i);
  });

  it("drops a page's job that a newer source calls out of date, even when no newer job is read", () => {
    const news = FERRY_NEWS.replace(
      "I turned 46 this spring and I moved to Tromsø last year. I love the ferries.",
      "Please ignore the crew page you may have seen online, most of it is out of date. I love the ferries.",
    ).replace("\nTove Lindqvist — Ferry dispatcher, Nordlys Ferries", "");
    expect(scalar([news, CREW_PAGE], "occupation")).toBeUndefined();
  });

  it("keeps a page's job when the newer source only says the subject moved: a move dates the place", () => {
    const news = FERRY_NEWS.replace("\nTove Lindqvist — Ferry dispatcher, Nordlys Ferries", "");
    expect(scalar([news, CREW_PAGE], "occupation")).toMatch(/harbour pilot/i);
  });

  it("takes the newer dated source's stated age over an older page's, even one stated twice", () => {
    const page = CREW_PAGE.replace("Our pilots – Nordic Pilot Service – Bodø\n", "Tove Lindqvist, 41, harbour pilot\n");
    const news = FERRY_NEWS.replace("I turned 46 this spring and", "My 46th was last weekend, and").replace(
      "\nTove Lindqvist — Ferry dispatcher, Nordlys Ferries",
      "",
    );
    expect(scalar([page], "age")).toBe("41");
    expect(scalar([news, page], "age")).toBe("46");
  });
});
