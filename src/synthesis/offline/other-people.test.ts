/**
 * Facts of people other than the subject that the material states in the first person or close to the subject:
 * a relative who speaks up in a transcript, an interviewer or rep introducing themselves, the manager in 1:1 notes,
 * the reader of an email ("your team in ..."). Each case here failed before its condition was added.
 */
import { describe, expect, it } from "vitest";
import { sources } from "../../../test/support/attribution.ts";
import { extractOffline } from "../extract-offline.ts";
import { identifySubject } from "./attribution/subject.ts";
import { addressedAt } from "./engine/context.ts";

function scalar(field: string, ...texts: string[]): string | number | null {
  const claim = extractOffline(sources(...texts)).claims.find((c) => c.field === field);
  return claim ? claim.value : null;
}

describe("a relative who speaks in a transcript", () => {
  const relativeTagged = [
    "Speaker 1: Thanks for having me. Could you introduce yourself?",
    "Speaker 2: Of course. My name is Efua Mensah. I am sixty years old and I grow plantain near Techiman.",
    "Speaker 1: And how long have you farmed?",
    "Speaker 2: Forty years, since I was a girl.",
    "Speaker 3: Sorry to cut in. I'm Kojo Mensah, her grandson. I'm nineteen, I'm a nursing student in Accra.",
    "Speaker 1: Welcome. What is hardest on the farm?",
    "Speaker 2: The rains come late now.",
  ].join("\n");

  it("keeps the age and job a relative gives of themselves out of the subject's", () => {
    expect(scalar("name", relativeTagged)).toBe("Efua Mensah");
    expect(scalar("age", relativeTagged)).toBe(60);
    expect(scalar("occupation", relativeTagged)).not.toBe("nursing student");
  });

  it("marks the relative's label as another speaker's", () => {
    const { model } = identifySubject(sources(relativeTagged));
    expect(model.otherLabels.has("speaker 3")).toBe(true);
    expect(model.subjectLabels.has("speaker 3")).toBe(false);
    expect(model.people?.has("kojo")).toBe(true);
  });

  it("does not take a relative with another surname for the subject", () => {
    // Speaking first, the relative would otherwise compete with the subject's own introduction.
    const text = [
      "Speaker 1: Could you introduce yourself?",
      "Speaker 3: I'm Kwabena Asante, her son-in-law, I'm an electrician in Sunyani.",
      "Speaker 2: My name is Efua Mensah. I grow plantain near Techiman.",
      "Speaker 1: What is hardest?",
      "Speaker 2: The rains come late now.",
    ].join("\n");
    const { model, name } = identifySubject(sources(text));
    expect(name?.value).toBe("Efua Mensah");
    expect(model.otherLabels.has("speaker 3")).toBe(true);
    expect(scalar("occupation", text)).not.toBe("electrician");
  });

  it("tells apart two speakers who share a surname even when no relation is said", () => {
    // No "her grandson": two speakers each giving their own full name are two people, surname or not.
    const untagged = relativeTagged.replace(", her grandson", "");
    const { model } = identifySubject(sources(untagged));
    expect(model.subjectLabels.has("speaker 3")).toBe(false);
    expect(scalar("age", untagged)).toBe(60);
  });

  it("still joins a signed short given name to the full name in a header (one person)", () => {
    const text = [
      "Dr. Oluwaseun Adeyemi",
      "Oluwaseun Adeyemi, 41, runs a dental practice in Ibadan.",
      "",
      "From: Seun Adeyemi",
      "I moved the practice last year and I am happy with it.",
    ].join("\n");
    const { model } = identifySubject(sources(text));
    expect(model.people?.has("seun")).toBe(false);
  });
});

describe("an interviewer or note-taker who says who they are", () => {
  it("does not give the subject the interviewer's own facts from a labelled turn", () => {
    const text = [
      "Interview 4 (cleaned)",
      "Interviewer: Tomas Vidal (Research Lead)",
      "Participant: Ingrid Dahl",
      "",
      "TOMAS: Thanks for your time. A bit on my side first: I'm 37, and I live in Porto with my family. Could you introduce yourself?",
      "INGRID: Sure. I am Ingrid Dahl, I teach music.",
      "TOMAS: What is hardest at the moment?",
      "INGRID: Funding for instruments.",
    ].join("\n");
    expect(scalar("location", text)).not.toBe("Porto");
    expect(scalar("age", text)).not.toBe(37);
  });

  it("does not give the subject the facts a rep gives of themselves in their own notes", () => {
    const text = [
      "CRM — Opportunity: Hollis Joinery",
      "Owner: Dana Whitfield (Account Executive) · Stage: Demo",
      "Met with Marek Hollis, owner of Hollis Joinery. He wants fewer spreadsheets.",
      "He hates long contracts.",
      "Handoff note from me: I'm Dana, 33, based in Austin until the spring.",
    ].join("\n");
    expect(scalar("location", text)).not.toBe("Austin");
    expect(scalar("age", text)).not.toBe(33);
  });

  it("takes the person a call was held with when notes write 'w/' for 'with'", () => {
    const text = ["Call log", "Spoke w/ Marta Quintero, owner of a tile shop. She wants online ordering."].join("\n");
    expect(scalar("name", text)).toBe("Marta Quintero");
  });
});

describe("notes following one attendee", () => {
  it("takes the attendee the notes keep coming back to, not the manager who opens a sentence", () => {
    const text = [
      "Unit 3 — quarterly 1:1 — notes",
      "Attendees: Ravi Menon (Shift Lead, Unit 3), Sunita Kapoor (Operations Director), Anil Das (HR, notes)",
      "1. Numbers (Ravi)",
      "- Output 88% of plan. R. says the new press is the bottleneck.",
      "- R. wants a second press line by autumn.",
      "2. Issues raised by Ravi",
      "- Absences after the festival. R. thinks a bonus would help.",
      "Sunita wants him to write it up.",
      "- R. asked for his team to get safety boots first.",
      "3. Actions",
      "- [Ravi] Press proposal by May",
    ].join("\n");
    expect(scalar("name", text)).toBe("Ravi Menon");
    expect(scalar("occupation", text)).not.toBe("Operations Director");
  });

  it("takes no attendee when none is followed clearly more than the others", () => {
    const text = [
      "Committee meeting",
      "Present: Joan Pike (chair), Omar Reyes (treasurer)",
      "Joan opened. Omar gave the figures. Joan asked about the roof. Omar will get quotes.",
    ].join("\n");
    expect(scalar("name", text)).toBeNull();
  });

  it("leaves sales notes to the listed customer", () => {
    const text = [
      "Attendees: Greta Holm (AE), Peter Lund (SE), Maja Berg (customer)",
      "Greta ran the demo. Greta asked about budget. Greta will follow up. Greta sends pricing. Maja liked it.",
    ].join("\n");
    expect(scalar("name", text)).toBe("Maja Berg");
  });
});

describe("a relative named with a bracketed aside", () => {
  it("keeps the relative's job out of the subject's", () => {
    const text = [
      "Met with Carlos Ibarra, who runs a print shop.",
      "His son Diego Ibarra (24, dental hygienist, lives in Puebla) set up the shop's website.",
    ].join("\n");
    expect(scalar("occupation", text)).not.toBe("dental hygienist");
  });
});

describe("prose that introduces a list is not a speaker's header", () => {
  it("keeps the writer's list items after a line ending on a colon", () => {
    const text = [
      "From: Linh Tran <linh@example.test>",
      "To: Sam Ode <sam@example.test>",
      "",
      "Hi Sam,",
      "A few fixes, since you shared my page from the 2019 conference. It is out of date:",
      "- I'm 31 now, not 26.",
      "- I live in Hue these days.",
      "",
      "Linh",
    ].join("\n");
    expect(scalar("age", text)).toBe(31);
  });
});

describe("the reader's place in an email", () => {
  it("reads 'your ... in X' as the addressee's, not the writer's", () => {
    expect(addressedAt("please say hello to your colleagues in Oslo", 38)).toBe(true);
    expect(addressedAt("after your visit I moved my team in Bergen", 38)).toBe(false);
  });

  it("gives the subject no location from where the reader's team sits", () => {
    const text = ["Hi Ola,", "Thanks again, and please thank your team in Oslo for the review.", "Best,", "Kari Moen"];
    expect(scalar("location", text.join("\n"))).toBeNull();
  });
});

describe("a clause about a colleague after a semicolon", () => {
  it("keeps a named colleague's tool out of the writer's skills", () => {
    const text = [
      "From: Ilka Brandt <ilka@example.test>",
      "To: Ole Sand <ole@example.test>",
      "Cc: Jonas Weber <jonas@example.test>",
      "",
      "Hi Ole, I draw all the levels and I write the dialogue; Jonas (our coder) builds everything in Unity.",
      "I also teach drawing on Saturdays.",
      "Ilka",
    ].join("\n");
    const skills = extractOffline(sources(text))
      .claims.filter((c) => c.field === "skills")
      .map((c) => String(c.value).toLowerCase());
    expect(skills).not.toContain("unity");
  });
});

describe("an unlabelled line whose writer gives another name", () => {
  it("keeps that writer's job out of the subject's", () => {
    const text = [
      "Hi, I'm Joost from the study team, I'm a data analyst and I'll write up this call.",
      "Hello, my name is Tiri Walker and I fix tractors for a dealer out of town.",
    ].join("\n");
    expect(scalar("name", text)).toBe("Tiri Walker");
    expect(scalar("occupation", text)).not.toBe("data analyst");
  });
});
