import { describe, expect, it } from "vitest";
import { INTERVIEWERS } from "../interviewers.ts";
import { readChoice } from "./choice.ts";
import { extractProductName } from "./name.ts";
import { routeAnswer } from "./route.ts";
import { capitalize } from "./text.ts";

const stepOf = (interviewer: string, id: string) => {
  const step = INTERVIEWERS.find((i) => i.id === interviewer)?.flow.find((s) => s.id === id);
  if (!step || !Array.isArray(step.options)) throw new Error(`no choice step ${interviewer}/${id}`);
  return { options: step.options, aliases: step.aliases ?? {} };
};

describe("product names from the ways people say them", () => {
  const cases: Array<[string, string | undefined]> = [
    ["Let's call it YardWatch", "YardWatch"],
    ["let's call it YardWatch.", "YardWatch"],
    ["We call it YardWatch internally", "YardWatch internally"],
    ["we call it YardWatch, it watches the yard", "YardWatch"],
    ["It's called YardWatch", "YardWatch"],
    ["It will be called Trail Buddy for now", "Trail Buddy"],
    ['It\'s called "Trailmate".', "Trailmate"],
    ["The name is Shiftly", "Shiftly"],
    ["Working title: Nightjar", "Nightjar"],
    ["Let's go with Harbor", "Harbor"],
    ["It's Trail.io", "Trail.io"],
    ["YardWatch", "YardWatch"],
    ["Trailmate app", "Trailmate app"],
    ["I want something that helps families keep track of their garden every week", undefined],
  ];
  for (const [answer, name] of cases) {
    it(`"${answer}" -> ${name ?? "nothing"}`, () => expect(extractProductName(answer)).toBe(name));
  }
});

describe("free-text answers to choice questions", () => {
  const platform = stepOf("ux", "platform");
  const hosting = stepOf("engineer", "hosting");
  const release = stepOf("pm", "release");
  const cases: Array<[string, { options: string[]; aliases: Record<string, string[]> }, string, boolean]> = [
    ["B", platform, "Native mobile app", false],
    ["b) please", platform, "Native mobile app", false],
    ["option c", platform, "Desktop web", false],
    ["Native mobile app", platform, "Native mobile app", false],
    ["an iPhone app", platform, "Native mobile app", false],
    ["Android and iOS first", platform, "Native mobile app", false],
    ["people use it on their laptops at work", platform, "Desktop web", false],
    ["in the phone browser", platform, "Mobile web", false],
    ["a smartwatch", platform, "A smartwatch", true],
    ["AWS", hosting, "Managed cloud", false],
    ["on our own servers", hosting, "Self-hosted", false],
    ["locally on the phone, no server", hosting, "On the user's device", false],
    ["A public beta", release, "Public beta", false],
    ["Just our staff at first", release, "Internal beta", false],
    ["we launch to everyone", release, "General availability", false],
  ];
  for (const [answer, step, label, own] of cases) {
    it(`"${answer}" -> ${own ? "kept as the user's answer" : label}`, () =>
      expect(readChoice(answer, step.options, step.aliases)).toMatchObject({ label, own }));
  }

  it("keeps the reason given", () => {
    expect(readChoice("C, because hospitals block app stores", platform.options, platform.aliases)).toEqual({
      label: "Desktop web",
      own: false,
      rationale: "hospitals block app stores",
    });
    expect(readChoice("Internal beta", release.options)?.rationale).toBeNull();
  });

  it("does not guess between two options an answer fits equally", () => {
    expect(readChoice("mobile", platform.options, platform.aliases)).toMatchObject({ own: true, label: "Mobile" });
  });
});

describe("answers that belong to another section", () => {
  it("files a quality requirement said while naming screens as a non-functional requirement", () => {
    const routed = routeAnswer("Today, Trail details. It must work offline and sync later…", "wireframes");
    expect(routed.filed).toEqual([
      { section: "non_functional_requirements", text: "It must work offline and sync later…", category: "Reliability" },
    ]);
    expect(routed.rest).toBe("Today, Trail details.");
  });

  it("files labelled open questions, non-goals and assumptions wherever they are said", () => {
    const routed = routeAnswer(
      "Parents of young kids. Open question: do we support multiple households? Non-goal: a social feed. Assumption: every family has one smartphone",
      "target_users",
    );
    expect(routed.filed).toEqual([
      { section: "open_questions", text: "Do we support multiple households?", category: null },
      { section: "non_goals", text: "A social feed", category: null },
      { section: "assumptions", text: "Every family has one smartphone", category: null },
    ]);
    expect(routed.rest).toBe("Parents of young kids.");
  });

  it("leaves what belongs to the question asked where it is", () => {
    expect(
      routeAnswer("It must load in under 2 seconds; data encrypted at rest", "non_functional_requirements"),
    ).toEqual({
      rest: "It must load in under 2 seconds; data encrypted at rest",
      filed: [],
    });
    expect(routeAnswer("Open question: which roster formats?", "open_questions")).toEqual({
      rest: "which roster formats?",
      filed: [],
    });
    // A feature a user uses is not a quality requirement.
    expect(routeAnswer("Users must be able to share a trail with friends.", "functional_requirements").filed).toEqual(
      [],
    );
    const text = "Shift workers can't plan exercise.\n\nTheir rosters change weekly.";
    expect(routeAnswer(text, "problem")).toEqual({ rest: text, filed: [] });
  });

  it("files the whole answer when none of it answers the question", () => {
    const routed = routeAnswer("Open question: do we support multiple households?", null);
    expect(routed.rest).toBe("");
    expect(routed.filed).toHaveLength(1);
  });
});

describe("capitalize", () => {
  it("leaves words with their own capitals alone", () => {
    expect(capitalize("iPhone app")).toBe("iPhone app");
    expect(capitalize("eBay sync")).toBe("eBay sync");
    expect(capitalize("trail maps")).toBe("Trail maps");
    expect(capitalize("HOS risk alerts")).toBe("HOS risk alerts");
  });
});
