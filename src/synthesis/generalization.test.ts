import { describe, expect, it } from "vitest";
import { assemblePersona } from "./assemble.ts";
import { cleanText } from "./clean.ts";
import { OfflineExtractor } from "./extract-offline.ts";
import type { CleanSource } from "./types.ts";

/**
 * Common phrasings a user will paste, written for this test (not taken from the evaluation set). The offline engine
 * must read them; they guard against rules that only fit the evaluation cases.
 */
async function personaOf(...texts: string[]) {
  const sources: CleanSource[] = texts.map((t, i) => ({ id: `s${i}`, kind: "text", text: cleanText(t), order: i }));
  const { claims } = await new OfflineExtractor().extract(sources);
  return assemblePersona(claims, sources).persona;
}

describe("the offline engine on everyday phrasings", () => {
  it("places the person where their work runs out of, never from 'running out of'", async () => {
    const p = await personaOf("Um, so I'm Priya, I'm 41, I run operations for a delivery company out of Leicester.");
    expect(p.location).toBe("Leicester");
    expect(p.background).toBe("Priya, 41, operations manager in Leicester.");
    expect(p.occupation).toBe("operations manager");
    expect((await personaOf("I'm Priya. We keep running out of Leicester Red at the deli.")).location).toBeNull();
  });

  it("reads how the person wants to be contacted, including what they refuse", async () => {
    const p = await personaOf(
      "Interviewer: Tell me about yourself.\nDana: I'm Dana Ruiz, I manage a bakery in Porto.\nInterviewer: How should we follow up with you?\nDana: Email, short. Do not call me.",
    );
    expect(p.communication_style).toBe("email; short; no phone calls");
  });

  it.each([
    ["My name is Maya Chen. I work as a nurse.", "Maya Chen"],
    ["Hi, I'm Maya Chen, a nurse in Denver.", "Maya Chen"],
    ["Hello! I am Tomasz Nowak and I run a bike shop.", "Tomasz Nowak"],
    ["This is Aisha Bello, writing about the invoice problem.", "Aisha Bello"],
    ["Name: Jorge Alvarez\nRole: Warehouse manager", "Jorge Alvarez"],
    ["Interview notes, 2024-03-02.\nMy name is Maya Chen. I'm 34 years old.", "Maya Chen"],
    ["Rosa Diaz is a 41-year-old architect who lives in Valencia.", "Rosa Diaz"],
  ])("name from %j", async (text, name) => {
    expect((await personaOf(text)).name).toBe(name);
  });

  it.each([
    ["I'm 34 years old and I teach maths.", 34],
    ["I am 52.", 52],
    ["Rosa Diaz is a 41-year-old architect.", 41],
    ["Age: 29", 29],
    ["I'll be turning 40 next month.", 39],
    ["I graduated in 2009 and have worked here for 12 years.", null],
  ])("age from %j", async (text, age) => {
    expect((await personaOf(text)).age).toBe(age);
  });

  it.each([
    ["I work as a pediatric nurse in Denver, Colorado.", "Denver, Colorado"],
    ["I live in Lyon, France with my partner.", "Lyon, France"],
    ["Based in Nairobi, Kenya. I design water pumps.", "Nairobi, Kenya"],
    ["Rosa Diaz is an architect who lives in Valencia.", "Valencia"],
    ["I'm originally from Cork but I moved to Boston, Massachusetts in 2015.", "Boston, Massachusetts"],
  ])("location from %j", async (text, location) => {
    expect((await personaOf(text)).location).toBe(location);
  });

  it.each([
    ["I work as a pediatric nurse in Denver.", /nurse/],
    ["I'm a freelance photographer.", /photographer/],
    ["Rosa Diaz is a 41-year-old architect who lives in Valencia.", /architect/],
    ["By day I'm a software engineer at a fintech startup.", /software engineer/],
  ])("occupation from %j", async (text, occupation) => {
    expect((await personaOf(text)).occupation).toMatch(occupation);
  });

  it("reads interests, goals and pain points from cue phrases", async () => {
    const p = await personaOf(
      "I'm Ken Ito. I love trail running and I enjoy baking sourdough. My goal is to become a nurse educator. " +
        "I'm frustrated by last-minute shift changes.",
    );
    expect(p.interests.join(" | ")).toMatch(/trail running/);
    expect(p.interests.join(" | ")).toMatch(/sourdough/);
    expect(p.goals.join(" | ")).toMatch(/nurse educator/);
    expect(p.pain_points.join(" | ")).toMatch(/last-minute shift changes/);
  });

  it.each([
    ["What do you do at the weekend? Board games mostly, and I knit my own socks.", [/board games/, /knitting/]],
    ["INT: Hobbies?\nP3: Woodwork, and I grow chillies on the windowsill.", [/woodwork/, /growing chillies/]],
    ["When I'm not at the clinic, I'm kayaking or playing the banjo.", [/kayaking/, /banjo/]],
    ["On weekends I go bouldering, and I play the fiddle in a folk band.", [/bouldering/, /fiddle/]],
  ])("reads hobbies written as nouns or clauses: %j", async (text, wanted) => {
    const p = await personaOf(text);
    for (const pattern of wanted) expect(p.interests.join(" | ")).toMatch(pattern);
    // Places and companions are where the hobby happens, not part of it.
    expect(p.interests.join(" | ")).not.toMatch(/windowsill|folk band|clinic/);
  });

  it("cuts list items at relative clauses, comparatives and bare 'noun + verb' stubs", async () => {
    const p = await personaOf(
      "I'm Ana Ruiz, a vet. The rota app crashes every Friday, which makes a busy morning even worse. " +
        "Animal welfare matters most — I'd rather be late than rush a diagnosis.",
      "What frustrates you most? Parcels arrive when I'm at work and sit on the step all day.",
    );
    const all = [...p.pain_points, ...p.values, ...p.goals];
    expect(p.pain_points.join(" | ")).toMatch(/rota app/);
    expect(all.some((item) => /^which\b|\bthan\b/i.test(item))).toBe(false);
    expect(p.pain_points).not.toContainEqual(expect.stringMatching(/^parcels arrive$/i));
  });

  it("reads labelled pain, goal and value lines in notes about the subject", async () => {
    const p = await personaOf(
      "Call notes 2025-02-01 with Maria Lopez (customer)\n" +
        "- Maria runs a bakery in Porto.\n" +
        "- Pains: flour prices, late deliveries from the mill -> empty shelves by noon. Also the card terminal drops out.\n" +
        "- Goals for next year: open a café corner; hire two staff\n" +
        "- Values: quality, local sourcing\n" +
        "- Our rep Jonas wants to upsell the loyalty module.",
    );
    expect(p.pain_points).toEqual(expect.arrayContaining(["flour prices", "late deliveries from the mill"]));
    expect(p.pain_points.join(" | ")).toMatch(/card terminal drops out/);
    // The arrow leads to a consequence; the complaint is what comes before it.
    expect(p.pain_points.join(" | ")).not.toMatch(/empty shelves/);
    expect(p.goals).toEqual(expect.arrayContaining(["open a café corner", "hire two staff"]));
    expect(p.values).toEqual(expect.arrayContaining(["quality", "local sourcing"]));
    expect(p.goals.join(" | ")).not.toMatch(/loyalty|upsell/);
  });

  it("reads nothing from a label filled in with 'none' or 'n/a'", async () => {
    const p = await personaOf(
      "Notes on Kim Lee (customer)\n- Goals: none really, happy as is\n- Pain: n/a\n- Values: TBD",
    );
    expect([...p.goals, ...p.pain_points, ...p.values]).toEqual([]);
  });

  it("reads bulleted lists under 'Frustrations:' and 'Values:' headings", async () => {
    const p = await personaOf(
      "Interview summary: Dev Patel, plumber in Leeds\n\nFrustrations:\n- Late invoices\n- Parking vans\n\nValues:\n- honesty\n- tidy work",
    );
    expect(p.pain_points).toEqual(expect.arrayContaining(["Late invoices", "Parking vans"]));
    expect(p.values).toEqual(expect.arrayContaining(["honesty", "tidy work"]));
  });

  it("treats a bare question line as framing the next line's answer", async () => {
    const p = await personaOf(
      "I'm Dev Patel, a plumber in Leeds.\nHobbies?\nFishing, and I restore old radios.\nBiggest frustration?\nSuppliers who never answer the phone.",
    );
    expect(p.interests.join(" | ")).toMatch(/fishing/);
    expect(p.pain_points.join(" | ")).toMatch(/suppliers who never answer/i);
    // The questions themselves are not the subject's statements.
    expect([...p.interests, ...p.pain_points].join(" | ")).not.toMatch(/\?|hobbies|biggest frustration/i);
  });

  it.each([
    ["My laptop keeps crashing during video calls.", /^laptop crashes$/],
    ["The booking system crashes every Monday morning, which means phoning everyone back.", /^booking system crashes$/],
    ["Honestly the van's sat nav crashed twice on the motorway.", /sat nav crashes/],
    ["The card reader disconnected again during the lunch rush.", /^card reader disconnects$/],
  ])("turns a fault verb into a short pain point: %j", async (text, pattern) => {
    const p = await personaOf(`I'm Sam Hill, a courier. ${text}`);
    expect(p.pain_points).toContainEqual(expect.stringMatching(pattern));
    expect(p.pain_points.join(" | ")).not.toMatch(/\bwhich\b|\bmeans\b/);
  });

  it("reads missing features and things that cannot be done as pain points, not people who 'have no idea'", async () => {
    const p = await personaOf(
      "I'm Sam Hill, a courier. The driver app has no dark mode, and delivery notes can't be edited after pickup. " +
        "My manager has no idea how long the routes take.",
    );
    expect(p.pain_points).toEqual(expect.arrayContaining(["no dark mode", "delivery notes can't be edited"]));
    expect(p.pain_points.join(" | ")).not.toMatch(/idea/);
  });

  it.each([
    ["Honesty comes first — I'd rather lose a job than lie to a client.", /^honesty$/i],
    ["What matters most to me is fair pay, which is rare in this trade.", /^fair pay$/i],
  ])("keeps the value and drops comparisons and relative clauses: %j", async (text, pattern) => {
    const p = await personaOf(`I'm Sam Hill, a courier. ${text}`);
    expect(p.values).toContainEqual(expect.stringMatching(pattern));
    expect(p.values.join(" | ")).not.toMatch(/\bthan\b|\bwhich\b/);
  });

  it("drops a pain answer that is only 'noun + verb' with nothing wrong in it", async () => {
    const p = await personaOf(
      "What's the hardest part of the job? Customers call while I'm driving, so I miss orders.",
    );
    expect(p.pain_points).not.toContainEqual(expect.stringMatching(/^customers call$/i));
  });

  it.each([
    ["Quiero ahorrar para comprar una casa.", "goals", /save/],
    ["Me gustaría aprender a cocinar.", "goals", /learn/],
    ["Lo que más me preocupa es el tráfico.", "pain_points", /traffic/],
    ["Lo que más me molesta son los horarios.", "pain_points", /schedules/],
  ] as const)("reads the Spanish cue in %j", async (text, field, pattern) => {
    expect((await personaOf(text))[field].join(" | ")).toMatch(pattern);
  });

  it("reads the README's example in full", async () => {
    const p = await personaOf(
      "Hi, I am Maya Chen, a 34-year-old pediatric nurse in Denver. I love trail running and I am frustrated by clunky scheduling apps.",
    );
    expect(p).toMatchObject({ name: "Maya Chen", age: 34, occupation: "pediatric nurse", location: "Denver" });
    expect(p.interests).toEqual(["trail running"]);
    expect(p.pain_points).toEqual(["clunky scheduling apps"]);
  });

  it.each([
    ["I'm a 29-year-old barista in Leeds.", { age: 29, occupation: "barista", location: "Leeds" }],
    [
      "Kofi Mensah, 45, is a cocoa farmer near Kumasi, Ghana.",
      { name: "Kofi Mensah", age: 45, occupation: "cocoa farmer" },
    ],
    [
      "I've been a firefighter in Calgary for ten years.",
      { occupation: "firefighter", location: "Calgary", age: null },
    ],
  ])("reads age, occupation and place from one clause: %j", async (text, expected) => {
    expect(await personaOf(text)).toMatchObject(expected);
  });

  it("leaves everything empty for text that is not about a person", async () => {
    const p = await personaOf("The quarterly report is attached. Revenue grew 4% and costs were flat.");
    expect(p).toMatchObject({ name: null, age: null, occupation: null, location: null });
    expect([...p.traits, ...p.interests, ...p.goals, ...p.pain_points, ...p.values]).toEqual([]);
  });

  it("lets the newer of two dated notes win a clash", async () => {
    const p = await personaOf(
      "Notes 2023-01-10. I'm Lee Park and I live in Austin, Texas.",
      "Notes 2024-06-01. Lee Park here: I moved and now live in Portland, Oregon.",
    );
    expect(p.location).toBe("Portland, Oregon");
  });
});
