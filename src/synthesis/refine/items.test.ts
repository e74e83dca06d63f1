import { describe, expect, it } from "vitest";
import { completeRange, cutBeforeNoun, itemProblem, labelsAnswer, tidyItem } from "./items.ts";
import { isPersonName, personWords } from "./people.ts";

describe("items a person would write", () => {
  it.each([
    "homework",
    "soccer",
    "audiobooks",
    "route planning",
    "Excel",
    "open-water swimming",
    "patient",
    "being fair to the drivers",
    "catching up with friends",
    "sign off",
    "cut late cancellations to under 3%",
    "5k runs",
    "spend more time with family",
    "her kids' soccer games",
    "cooking WITH kids, not for them",
    "can't afford a second bad season",
    "grow her business",
    "help her team ship faster",
    "open her own bakery",
    "run her first marathon",
    "not good at marketing",
    "slow and careful work",
    "tools that work when they should",
    "stay who I am",
  ])("keeps %j", (item) => {
    expect(itemProblem(item)).toBeNull();
  });

  it.each([
    ["ha", /no head/],
    ["9", /no head/],
    ["12", /no head/],
    ["um", /no head/],
    ["it", /no head/],
    ["stuff", /no head/],
    ["everything", /no head/],
    ["If a driver's HOS", /cut mid-way/],
    ["because I", /cut mid-way|no head/],
    ["know before that", /cut mid-way|talk without/],
    ["deal with it", /pronoun fragment/],
    ["Thank you", /pronoun fragment|listener/],
    ["must finish", /subject or object/],
    ["can't afford", /subject or object/],
    ["get our", /cut mid-way/],
    ["she does the books", /opens with a pronoun/],
    ["show her everything before I retire", /pronoun fragment/],
    ["pay them properly, with insurance", /pronoun fragment/],
    ["get us to 40 hives by spring", /pronoun fragment/],
    ["a dashboard that proves the team is", /cut mid-way/],
    ["not the paperwork", /negation/],
    ["not cheap", /negation/],
    ["oddly enough", /an aside/],
  ])("rejects %j", (item, reason) => {
    expect(itemProblem(item)).toMatch(reason);
  });

  it.each([
    ["cycling", "interests"],
    ["dancing", "interests"],
    ["travel", "interests"],
    ["overtime", "pain_points"],
    ["invoices", "pain_points"],
    ["delays", "pain_points"],
    ["schedules", "pain_points"],
    ["Excel", "skills"],
    ["R", "skills"],
    ["honesty", "values"],
    ["curious", "traits"],
    ["organised", "traits"],
    ["perfectionist", "traits"],
    ["on-time delivery", "goals"],
    ["to hire a second mechanic", "goals"],
    ["explain dosage to new parents", "skills"],
    ["knowing every farmer by name", "skills"],
    ["nobody knows how the old system works", "pain_points"],
    ["skiing", "interests"],
    ["keeping field notes", "interests"],
    ["family values", "values"],
    ["nursing", "skills"],
    ["carving seats", "skills"],
    ["reading spreadsheets", "skills"],
    ["impatient customers", "pain_points"],
  ] as const)("keeps %j as %s", (item, field) => {
    expect(itemProblem(item, field)).toBeNull();
  });

  it.each([
    ["do", "pain_points", /lone verb/],
    ["knows", "interests", /lone verb/],
    ["write", "skills", /lone verb/],
    ["tiny", "interests", /lone adjective/],
    ["quick", "values", /lone adjective/],
    ["man", "values", /naming a person/],
    ["problem", "pain_points", /shell noun/],
    ["idea", "goals", /shell noun/],
    ["for the kids at weekends", "interests", /preposition/],
    ["after two failed harvests", "goals", /preposition/],
    ["to the supplier in Porto", "skills", /"to"/],
    ["to stay calm", "values", /"to"/],
    ["to the coast", "goals", /"to"/],
    ["mention it first", "goals", /talk without/],
    ["think about on the weekend", "goals", /talk without/],
    ["understand what they mean", "pain_points", /talk without/],
    ["the hardest part is explaining", "pain_points", /talk without/],
    ["fixed your printer", "skills", /listener/],
    ["what you pay for", "values", /pronoun|listener/],
    ["managing", "pain_points", /-ing form/],
    ["chasing", "skills", /-ing form/],
    ["month", "pain_points", /a time/],
    ["customers", "pain_points", /person or people/],
    ["please ring first", "pain_points", /request/],
    ["the crew trusts her judgement", "skills", /a clause/],
    ["spreadsheets are her thing", "skills", /a clause/],
    ["a bit of a perfectionist", "pain_points", /a trait/],
    ["Pain points", "pain_points", /a heading/],
    ["Next steps", "goals", /a heading/],
    ["interviewer comments", "traits", /a heading/],
    ["my key goals", "goals", /a heading/],
    ["too impatient", "pain_points", /a trait|an aside/],
  ] as const)("rejects %j as %s", (item, field, reason) => {
    expect(itemProblem(item, field)).toMatch(reason);
  });

  it("takes a form line's heading for a label, not an item; a bulleted item with a gloss stays", () => {
    expect(labelsAnswer("Hobbies", 'Q7. Hobbies: "Gardening, mostly."')).toBe(true);
    expect(labelsAnswer("Interviewer notes", "Interviewer notes: calm, answers briefly.")).toBe(true);
    expect(labelsAnswer("AutoCAD", "- AutoCAD: drew every plan for the extension.")).toBe(false);
    expect(labelsAnswer("gardening", "Hobbies: gardening, mostly.")).toBe(false);
  });

  it("drops fillers and hedges but keeps the phrase", () => {
    expect(tidyItem("lot of audiobooks")).toBe("audiobooks");
    expect(tidyItem("Um, like, hiking and stuff.")).toBe("hiking");
    expect(tidyItem("We cycle to work 4 days a week")).toBe("cycle to work 4 days a week");
    expect(tidyItem("multilingual (Welsh, English, French)")).toBe("multilingual (Welsh, English, French)");
    expect(tidyItem("get through March without losing my mind 😅")).toBe("get through March without losing my mind");
    expect(tidyItem("🔥 sourdough baking ❤️")).toBe("sourdough baking");
    expect(tidyItem("get our on-time delivery from like 88 percent")).toBe("get our on-time delivery from 88 percent");
    expect(tidyItem("sighs] night fishing")).toBe("night fishing");
    expect(tidyItem("night fishing [inaud")).toBe("night fishing");
    expect(tidyItem("[laughs]")).toBe("");
    expect(tidyItem("(sighs)")).toBe("");
    expect(tidyItem("[crosstalk] night fishing")).toBe("night fishing");
    expect(tidyItem("night fishing (laughs) mostly")).toBe("night fishing mostly");
    expect(tidyItem("*sighs* the night shifts")).toBe("the night shifts");
    expect(tidyItem("night fishing (laughs nervously)")).toBe("night fishing");
    expect(tidyItem("a *really* quiet room")).toBe("a *really* quiet room");
    expect(tidyItem("smiling (at work)")).toBe("smiling (at work)");
  });

  it("completes a range the rule cut in half from its quote", () => {
    const quote = "My goal is to get our on-time delivery from like 88 percent to 95 by the end of the year.";
    expect(completeRange("get our on-time delivery from like 88 percent", quote)).toBe(
      "get our on-time delivery from like 88 percent to 95",
    );
    expect(completeRange("move from Lyon", "I want to move from Lyon to the coast.")).toBe("move from Lyon");
  });
});

describe("items cut inside a noun phrase", () => {
  it.each([
    ["visit the ferry museum with three", "We hope to visit the ferry museum with three school classes in May."],
    ["repaint the old", "She plans to repaint the old barn doors this summer."],
    ["hand the keys to my", "I want to hand the keys to my nephew one day."],
  ])("drops %j when its quote goes on with the noun", (item, quote) => {
    expect(cutBeforeNoun(item, quote)).toBe(true);
  });

  it.each([
    ["retire at 60", "I mean to retire at 60, not later."],
    ["visit the ferry museum with three", "We hope to visit the ferry museum with three. Then lunch."],
    ["repaint the barn doors", "She plans to repaint the barn doors this summer."],
    ["keep the shop small", "I want to keep the shop small and close to home."],
    ["learn Welsh", "I want to learn Welsh properly."],
  ])("keeps %j when the phrase is whole", (item, quote) => {
    expect(cutBeforeNoun(item, quote)).toBe(false);
  });
});

describe("people's names are never items", () => {
  const source = (text: string) => ({ id: "s", kind: "text" as const, text, order: 0 });

  it("finds names from the phrasings only a person fits", () => {
    const names = personWords(
      [source("Maya on my team handles contracts. My daughter Zoe draws. Rui said no. I use Excel daily.")],
      ["Priya Shah"],
    );
    for (const name of ["Maya", "Zoe", "Rui", "Priya", "Priya Shah"]) expect(isPersonName(name, names)).toBe(true);
    expect(isPersonName("Excel", names)).toBe(false);
    expect(isPersonName("maya", names)).toBe(false);
  });
});
