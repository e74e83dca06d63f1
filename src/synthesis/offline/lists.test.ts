import { describe, expect, it } from "vitest";
import type { PersonaField } from "../../personas/schemas.ts";
import type { CleanSource } from "../types.ts";
import { shorten } from "./engine/text.ts";
import type { Unit } from "./engine/unit.ts";
import { goalCandidates } from "./fields/goals.ts";
import { interestCandidates } from "./fields/interests.ts";
import { painCandidates } from "./fields/pain-points.ts";
import { skillCandidates } from "./fields/skills.ts";
import { traitCandidates } from "./fields/traits.ts";
import { valueCandidates } from "./fields/values.ts";
import { foreignCandidates } from "./languages/cues.ts";
import { translateGerman } from "./languages/german.ts";

const source: CleanSource = { id: "s1", kind: "text", text: "", order: 0 };

interface UnitOptions {
  question?: string;
  section?: string;
  speaker?: Unit["speaker"];
  topic?: Unit["topic"];
  topicBy?: Unit["topicBy"];
  line?: string;
}

function unit(text: string, index: number, options: UnitOptions = {}): Unit {
  return {
    source,
    text,
    line: options.line ?? text,
    speaker: options.speaker ?? "subject",
    topic: options.topic ?? "subject",
    firstPerson: /\b(?:I|I'm|I've|my|me)\b/.test(text),
    quoted: false,
    date: null,
    section: options.section ?? "",
    question: options.question ?? "",
    topicBy: options.topicBy ?? "first",
    label: null,
    index,
  };
}

function units(texts: readonly string[], options: UnitOptions = {}): Unit[] {
  return texts.map((text, i) => unit(text, i, options));
}

type Rule = (u: readonly Unit[]) => { field: PersonaField; value: string | number }[];

function values(rule: Rule, texts: readonly string[], options: UnitOptions = {}): string[] {
  return [...new Set(rule(units(texts, options)).map((c) => String(c.value)))];
}

const skills: Rule = (u) => skillCandidates(u, null);

describe("shorten", () => {
  it("cuts a long phrase at a preposition and keeps short ones", () => {
    expect(shorten("open a little weekend school for young potters in Porto", 8)).toBe(
      "open a little weekend school for young potters",
    );
    expect(shorten("fix the roof", 5)).toBe("fix the roof");
  });
});

describe("pain points", () => {
  it("reads complaint cue families", () => {
    expect(values(painCandidates, ["What drives me nuts is how understaffed we are."])).toContain("understaffed");
    expect(values(painCandidates, ["The worst part is the commute."])).toContain("commute");
    expect(values(painCandidates, ["I'm fed up with surprise invoices."])).toContain("surprise invoices");
    expect(values(painCandidates, ["Honestly the booking portal is a nightmare."])).toContain("booking portal");
    expect(values(painCandidates, ["Half the drills are broken."])).toContain("broken drills");
    expect(values(painCandidates, ["Our printers are from 2009."])).toContain("outdated printers");
    expect(values(painCandidates, ["The wifi here is not stable."])).toContain("unstable wifi");
    expect(values(painCandidates, ["Staff turnover is brutal this year."]).join("|")).toMatch(/turnover/i);
  });

  it("reads short lines under a pain heading, but not bare fragments answering a complaint question", () => {
    expect(values(painCandidates, ["Late invoices", "Parking vans"], { section: "Frustrations" })).toEqual(
      expect.arrayContaining(["Late invoices", "Parking vans"]),
    );
    // Answers like "Numbers." or "Eleven at night." were right 1 time in 5 on the sets written apart from the engine.
    const found = values(painCandidates, ["Rain.", "Too much of it.", "And mould."], {
      question: "what keeps you up at night?",
    });
    expect(found).toEqual([]);
  });

  it("stays empty without a complaint", () => {
    expect(values(painCandidates, ["I did some overtime to buy a bike."])).toEqual([]);
    expect(values(painCandidates, ["The garden is lovely in June."])).toEqual([]);
  });

  it("ignores complaints by other people", () => {
    const other = units(["What drives me crazy is my landlord."], { speaker: "other", topic: "other" });
    expect(painCandidates(other)).toEqual([]);
  });
});

describe("values", () => {
  it("reads what the subject cares about, trimmed to a short item", () => {
    expect(values(valueCandidates, ["I really care about getting the details right, and that takes time."])).toContain(
      "getting the details right",
    );
    expect(values(valueCandidates, ["Nobody gets hurt on my watch."])).toContain("safety");
    expect(values(valueCandidates, ["Honesty, full stop."], { question: "what matters most to you?" })).toContain(
      "Honesty",
    );
    expect(values(valueCandidates, ["Clean water for the village is why I do this work."])).toContain(
      "Clean water for the village",
    );
  });

  it("stays empty for a plain statement", () => {
    expect(values(valueCandidates, ["I drove to the depot at six."])).toEqual([]);
  });
});

describe("goals", () => {
  it("reads plan and ambition phrasings", () => {
    expect(values(goalCandidates, ["My plan is to open a second shop by next year."])).toContain("open a second shop");
    expect(values(goalCandidates, ["I'm doing a part-time MSc in data science."])).toContain(
      "complete part-time MSc in data science",
    );
    expect(values(goalCandidates, ["One day, a small vineyard of my own."])).toContain("small vineyard of my own");
    expect(values(goalCandidates, ["I applied for the head chef role last week."])).toContain("become head chef");
    expect(values(goalCandidates, ["I'm studying for the advanced sommelier certification."])).toContain(
      "get advanced sommelier certification",
    );
  });

  it("resolves 'it' to the exam named just before", () => {
    expect(values(goalCandidates, ["I booked the B1 Italian exam.", "Hoping to pass it in May."])).toContain(
      "pass B1 Italian exam",
    );
  });

  it("stays empty when nothing is wanted", () => {
    expect(values(goalCandidates, ["I don't plan to move.", "The shop opened in 2019."])).toEqual([]);
  });
});

describe("interests", () => {
  it("reads free-time lead-ins without a comma and bare verbs after a label", () => {
    expect(values(interestCandidates, ["When I'm not at the garage I'm cheering for the Leeds Rhinos."])).toContain(
      "Leeds Rhinos",
    );
    expect(values(interestCandidates, ["Weekend ritual: swim at the lido, then bake bread."])).toEqual(
      expect.arrayContaining(["swimming", "baking bread"]),
    );
    expect(values(interestCandidates, ["Weekends I do amateur dramatics."])).toContain("amateur dramatics");
    expect(values(interestCandidates, ["I'm really into bouldering these days."])).toContain("bouldering");
  });

  it("does not read work as a hobby", () => {
    expect(values(interestCandidates, ["I fix boilers for a living."])).toEqual([]);
    expect(values(interestCandidates, ["Nurse, nights."], { question: "what do you do for work?" })).toEqual([]);
  });
});

describe("skills", () => {
  it("reads tools, languages of interpreting and years of practice, but not a credential as a skill", () => {
    expect(values(skills, ["I cut the footage in DaVinci Resolve."])).toContain("DaVinci Resolve");
    // A credential names a role ("licensed guide", "chartered engineer"): right 0 times in 3 on the apart sets.
    expect(values(skills, ["I'm a certified scuba instructor."])).not.toContain("certified scuba instructor");
    expect(values(skills, ["Court interpreter — Polish and Czech."])).toEqual(
      expect.arrayContaining(["Polish interpreting", "Czech interpreting"]),
    );
    expect(values(skills, ["I've been repairing watches for twenty years."])).toContain("repairing watches");
  });

  it("ignores tools someone else uses", () => {
    const other = units(["He edits in DaVinci Resolve."], { speaker: "other", topic: "other" });
    expect(skillCandidates(other, null)).toEqual([]);
  });
});

describe("traits", () => {
  it("reads self-descriptions and what others call the subject", () => {
    expect(values(traitCandidates, ["I'm kind of strict about deadlines."])).toContain("strict");
    expect(values(traitCandidates, ["Stubborn."], { question: "one word for yourself?" })).toContain("stubborn");
    expect(values(traitCandidates, ["My friends would say loyal."])).toContain("loyal");
    expect(values(traitCandidates, ["I colour-code everything."])).toContain("organized");
  });

  it("does not read another person's traits", () => {
    const other = units(["She was loud and generous."], { speaker: "other", topic: "other", topicBy: "pronoun" });
    expect(traitCandidates(other)).toEqual([]);
  });
});

describe("German and French snippets", () => {
  it("reads German cue phrases into English items", () => {
    expect(values(foreignCandidates, ["Was mich wirklich nervt: die Bürokratie."])).toContain("bureaucracy");
    expect(
      values(foreignCandidates, ["Ziele fürs nächste Jahr: einen Laden eröffnen und die Meisterprüfung machen."]),
    ).toEqual(expect.arrayContaining(["open shop", "get master craftsman exam"]));
    expect(values(foreignCandidates, ["Mon objectif c'est d'ouvrir un atelier."])).toContain("open workshop");
    expect(translateGerman("die Buchhaltung")).toBe("bookkeeping");
  });

  it("stays empty for German small talk", () => {
    expect(values(foreignCandidates, ["Moin zusammen!", "Grüße aus Kiel!"])).toEqual([]);
  });
});

describe("more interest phrasings", () => {
  it("reads hobby lists, enthusiast nouns and time spent", () => {
    expect(values(interestCandidates, ["My hobbies are darts and origami."])).toEqual(
      expect.arrayContaining(["darts", "origami"]),
    );
    expect(values(interestCandidates, ["Outside of work I'm an avid cyclist."])).toContain("cycling");
    expect(values(interestCandidates, ["I spend my weekends restoring radios."])).toContain("restoring radios");
  });

  it("does not read a job as a hobby", () => {
    expect(values(interestCandidates, ["I teach yoga to nurses at the hospital."])).toEqual([]);
    expect(values(interestCandidates, ["Big fan of clear invoices."])).toEqual([]);
  });
});

describe("more complaint phrasings", () => {
  it("reads strain, decline, no-shows and things that go astray", () => {
    expect(values(painCandidates, ["We can't afford another flood."])).toContain("can't afford another flood");
    expect(values(painCandidates, ["Orders are down 12% on last spring."])).toContain("orders down 12%");
    expect(values(painCandidates, ["The courier never shows up before noon."])).toContain("courier never shows up");
    expect(values(painCandidates, ["Parcels get lost at the depot."])).toContain("lost parcels");
    expect(values(painCandidates, ["It's so annoying when the printer jams."])).toContain("printer jams");
    expect(values(painCandidates, ["I'm always behind on invoicing."])).toContain("behind on invoicing");
  });

  it("does not read the job description as a skill list", () => {
    expect(values(skills, ["The hardest thing about the job is the noise."])).toEqual([]);
  });
});

describe("more goal and value phrasings", () => {
  it("reads saving, training, looking-to and working-on goals", () => {
    expect(values(goalCandidates, ["I'm saving up for a sailboat."])).toContain("save for sailboat");
    expect(values(goalCandidates, ["I'm training for the Oslo half marathon."])).toContain("run Oslo half marathon");
    expect(values(goalCandidates, ["We're looking to open a stall at the market."])).toContain(
      "open a stall at the market",
    );
    expect(values(goalCandidates, ["I'm working on getting my pilot's licence."])).toContain("get my pilot's licence");
  });

  it("reads convictions and things not to compromise on, not hedges", () => {
    expect(values(valueCandidates, ["I'd never compromise on hygiene."])).toContain("hygiene");
    expect(values(valueCandidates, ["I believe every patient deserves time."])).toContain(
      "every patient deserves time",
    );
    expect(values(valueCandidates, ["I believe it's on Tuesday."])).toEqual([]);
  });
});

describe("more skill and trait phrasings", () => {
  it("reads go-to areas, held licences, 'handy with' and 'I do all our X'", () => {
    expect(values(skills, ["I'm the go-to person for payroll."])).toContain("payroll");
    expect(values(skills, ["I've got a crane operator licence."])).toContain("crane operator licence");
    expect(values(skills, ["I'm handy with a lathe."])).toContain("lathe");
    expect(values(skills, ["I do all our newsletters."])).toContain("newsletters");
    expect(values(skills, ["I know my way around Excel."])).toContain("Excel");
  });

  it("reads hedged self-descriptions but not denied ones", () => {
    expect(values(traitCandidates, ["I can be impatient."])).toContain("impatient");
    expect(values(traitCandidates, ["I'm not patient with paperwork."])).toEqual([]);
    expect(values(traitCandidates, ["People call me the organiser."])).toContain("organized");
  });
});

describe("third-person bios and notes", () => {
  const bio: UnitOptions = { speaker: "unknown", topic: "subject", topicBy: "pronoun" };
  const third = (rule: Rule, text: string) => [
    ...new Set(rule([{ ...unit(text, 0, bio), firstPerson: false }]).map((c) => String(c.value))),
  ];

  it("reads likes, experience, descriptions and languages", () => {
    expect(third(interestCandidates, "She loves restoring canal boats.")).toContain("restoring canal boats");
    expect(third(skills, "She has 20 years of experience in payroll.")).toContain("payroll");
    expect(third(traitCandidates, "Colleagues describe her as patient and precise.")).toEqual(
      expect.arrayContaining(["patient", "precise"]),
    );
    expect(third(traitCandidates, "He is known for his directness.")).toContain("direct");
    expect(third(skills, "She is fluent in Greek and Italian.")).toEqual(expect.arrayContaining(["Greek", "Italian"]));
  });

  it("keeps a languages list apart from a single language", () => {
    expect(third(skills, "She is fluent in Greek and Italian.")).not.toContain("Greek and Italian");
  });
});

describe("notes and support-ticket phrasings", () => {
  const notes: UnitOptions = { speaker: "unknown", topic: "subject", topicBy: "name" };
  const noted = (rule: Rule, text: string) => [
    ...new Set(rule([{ ...unit(text, 0, notes), firstPerson: false }]).map((c) => String(c.value))),
  ];

  it("reads concerns, blockers and wants from call notes", () => {
    expect(noted(painCandidates, "Concerned about onboarding time.")).toContain("onboarding time");
    expect(noted(painCandidates, "Blocker: procurement approval.")).toContain("procurement approval");
    // A wanted thing in notes ("Wants a shared calendar") is a request about a product, not a goal: no rule reads it.
    expect(noted(goalCandidates, "Wants a shared calendar for both clinics.")).toEqual([]);
    expect(noted(goalCandidates, "Looking for a way to automate reminders.")).toContain("automate reminders");
  });

  it("reads ticket complaints", () => {
    expect(values(painCandidates, ["You charged me twice for March."])).toContain("double charging");
    expect(values(painCandidates, ["Since Monday I can't log in."])).toContain("login problems");
    expect(values(painCandidates, ["Once again the backup has failed."])).toContain("backup failures");
  });
});

describe("broad families: value answers", () => {
  it("reads value words anywhere early in an answer to a values question", () => {
    const answer = (texts: string[]) =>
      values(valueCandidates, texts, { question: "what matters most to you in your work?" });
    expect(answer(["Getting the dose right first time.", "Also transparency, patients see every note."])).toContain(
      "transparency",
    );
    expect(answer(["Being on time.", "And patience, because kids learn slowly."])).toContain("patience");
  });

  it("leaves value words without weight or said by others empty", () => {
    expect(values(valueCandidates, ["Thank you for your patience."])).toEqual([]);
    expect(values(valueCandidates, ["We talked about quality for an hour."])).toEqual([]);
    expect(
      values(valueCandidates, ["Reliability = huge for him, he said."], { speaker: "other", topic: "other" }),
    ).toEqual([]);
    expect(values(valueCandidates, ["Is privacy worth more than convenience?"])).toEqual([]);
  });
});

describe("broad families: later sentences of a goal answer", () => {
  const answer = (texts: string[], question = "Where do you want to be in five years?") => {
    const list = units([question, ...texts]);
    return [...new Set(goalCandidates(list).map((c) => String(c.value)))];
  };

  it("reads aims that open on an action verb after the first answer sentence", () => {
    expect(answer(["Finish my nursing degree.", "Then open a small clinic and hire two nurses."])).toEqual(
      expect.arrayContaining(["open a small clinic", "hire two nurses"]),
    );
    expect(answer(["Get my CDL.", "Maybe buy a second truck."], "What's next for you?")).toContain(
      "buy a second truck",
    );
    expect(
      answer(["More money, honestly.", "Also publish the family cookbook."], "Any plans for next year?"),
    ).toContain("publish the family cookbook");
  });

  it("reads a reply block quoted under a survey question", () => {
    const list = [
      unit("8. Where do you want to be in 2 years?", 0),
      unit("> Pass the bar exam.", 1, { line: "> Pass the bar exam. Build a small client list." }),
      unit("Build a small client list.", 2, { line: "> Pass the bar exam. Build a small client list." }),
    ];
    expect(goalCandidates(list).map((c) => String(c.value))).toContain("Build a small client list");
  });

  it("leaves other questions, other speakers and non-verb openings empty", () => {
    expect(answer(["Good question.", "Finish the tiles in the bathroom."], "What did you do last weekend?")).toEqual(
      [],
    );
    expect(answer(["Running a bakery is hard.", "Bread sells out by ten."]).filter((v) => /bread/i.test(v))).toEqual(
      [],
    );
    const other = units(["Where do you want to be in 2 years?", "Not sure.", "Hire a manager, says her dad."], {
      speaker: "other",
      topic: "other",
    });
    expect(goalCandidates(other)).toEqual([]);
  });
});

describe("broad families: contrasted and run-together traits", () => {
  const notes: UnitOptions = { speaker: "unknown", topic: "subject", topicBy: "name" };
  const noted = (text: string) => [
    ...new Set(traitCandidates([{ ...unit(text, 0, notes), firstPerson: false }]).map((c) => String(c.value))),
  ];

  it("reads the trait after 'but' in a self-description", () => {
    expect(values(traitCandidates, ["I am shy but very curious about people."])).toContain("curious");
    expect(values(traitCandidates, ["I'm old-school but really organised with money."])).toContain("organized");
    expect(values(traitCandidates, ["Honestly I'm impatient, but I'm playful with the kids."])).toContain("playful");
  });

  it("reads a note clause that runs trait words together", () => {
    expect(noted("Curious, warm, very funny; asked lots of questions.")).toEqual(
      expect.arrayContaining(["curious", "warm", "funny"]),
    );
    expect(noted("Speaks slowly; very calm but decisive when pushed.")).toEqual(
      expect.arrayContaining(["calm", "decisive"]),
    );
  });

  it("leaves single words, other people and questions empty", () => {
    expect(noted("Warm welcome at reception, coffee was cold.")).toEqual([]);
    const other = [
      { ...unit("Curious, warm, very funny.", 0, { speaker: "other", topic: "other" }), firstPerson: false },
    ];
    expect(traitCandidates(other)).toEqual([]);
    expect(values(traitCandidates, ["Am I shy but curious?"])).toEqual([]);
  });
});

describe("broad families: rising costs", () => {
  it("reads a cost that has risen as a pain", () => {
    expect(values(painCandidates, ["Good walnut costs twice what it did five years ago."])).toContain(
      "rising walnut prices",
    );
  });

  it("leaves good news, other people and questions empty", () => {
    expect(values(painCandidates, ["My followers doubled this year!"])).toEqual([]);
    expect(values(painCandidates, ["Has your rent gone up?"])).toEqual([]);
    expect(values(painCandidates, ["Her rent has tripled, poor thing."], { speaker: "other", topic: "other" })).toEqual(
      [],
    );
  });
});

describe("broad families: free-time label leads", () => {
  it("reads bare pastimes after an off-work label", () => {
    expect(values(interestCandidates, ["Off the clock: pottery on Sundays and way too many board games."])).toEqual(
      expect.arrayContaining(["pottery", "board games"]),
    );
    expect(values(interestCandidates, ["Off the clock: climbing, and far too many houseplants."])).toEqual(
      expect.arrayContaining(["climbing", "houseplants"]),
    );
    expect(values(interestCandidates, ["Spare time: chess."])).toContain("chess");
  });

  it("leaves other people's off-work lines and questions empty", () => {
    expect(
      values(interestCandidates, ["Off the clock: pottery and chess."], { speaker: "other", topic: "other" }),
    ).toEqual([]);
    expect(values(interestCandidates, ["Off the clock: what do you do?"])).toEqual([]);
  });
});

describe("broad families: marks of expertise", () => {
  it("reads what the subject specialises in or is the specialist for", () => {
    expect(values(skills, ["I specialise in soil testing and drip irrigation."])).toEqual(
      expect.arrayContaining(["soil testing", "drip irrigation"]),
    );
    expect(values(skills, ["She specializes in paediatric dentistry."])).toContain("paediatric dentistry");
    expect(values(skills, ["He is our sourdough specialist."])).toContain("sourdough");
    expect(values(skills, ["I'm the person to ask about tax returns."])).toContain("tax returns");
  });

  it("leaves other people's expertise and empty markers out", () => {
    expect(values(skills, ["Her cousin specialises in tax law."], { speaker: "other", topic: "other" })).toEqual([]);
    expect(values(skills, ["We called in an expert."])).toEqual([]);
  });
});

describe("items the text does not state of the person (shared scopes and each field's kind of value)", () => {
  it("skills: a tool the person only wants things in, or says they are no good with, is no skill", () => {
    expect(values(skills, ["He wants the invoices sent in Excel for his accountant."])).toEqual([]);
    expect(values(skills, ["I'm honestly not great with Photoshop."])).toEqual([]);
    expect(values(skills, ["He sends the invoices in Excel every month."])).toEqual(["Excel"]);
  });

  it("traits: a trait word used as a noun, or an appearance then corrected, is no trait", () => {
    expect(values(traitCandidates, ["Right now I am treating a patient."])).toEqual([]);
    expect(values(traitCandidates, ["I look stern, but I laugh a lot and I am cheerful."])).toEqual(["cheerful"]);
    expect(values(traitCandidates, ["I'm a patient person."])).toEqual(["patient"]);
  });

  it("values: a word naming who says or wants something is no value", () => {
    const answer = (text: string) => values(valueCandidates, [text], { question: "what matters most to you?" });
    expect(answer("Honesty, whatever my family says.")).toEqual(["Honesty"]);
  });
});
