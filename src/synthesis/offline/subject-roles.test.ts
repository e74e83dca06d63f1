import { describe, expect, it } from "vitest";
import { nameOf, subjectSentences } from "../../../test/support/attribution.ts";
import { otherPersonRole } from "./attribution/roles.ts";

describe("people named by their part in the material (interviewer, interpreter, note-taker, relatives)", () => {
  it("a speaker who gives their own name and then asks for the other's is the interviewer", () => {
    const call = [
      "[Automatic transcript, labels may be wrong]",
      "00:00:02 SPEAKER 1: Right, we're live. I'm Tomas Berg, I'm 33, I'm in Oslo and I run the study for Lumen. And you are—",
      "00:00:11 SPEAKER 2: Agnes. Agnes Holm. I keep bees on the island and sell the honey at markets.",
      "00:00:20 SPEAKER 1: How many hives?",
      "00:00:22 SPEAKER 2: Forty, give or take. I lost six to the cold this winter.",
    ].join("\n");
    expect(nameOf(call)).toBe("Agnes Holm");
    const mine = subjectSentences(call);
    expect(mine).toContain("Forty, give or take.");
    expect(mine.some((s) => s.includes("Oslo"))).toBe(false);
  });

  it("a speaker who introduces themselves and hands over ('I'm here with—') is the interviewer", () => {
    const call = [
      "[00:00:01] SPEAKER 1: ok we're rolling. I'm Ivo Mark, I'm 41, I do fieldwork for the survey office, and I'm here with—",
      "[00:00:09] SPEAKER 2: Sanna. Sanna Lepp. I mend fishing nets for the harbour crews.",
      "[00:00:16] SPEAKER 1: great and how long for",
      "[00:00:18] SPEAKER 2: Nineteen years this spring.",
    ].join("\n");
    expect(nameOf(call)).toBe("Sanna Lepp");
    expect(subjectSentences(call).some((s) => s.includes("fieldwork"))).toBe(false);
  });

  it("a name answered to the interviewer's request outranks a third speaker who introduces themselves", () => {
    const call = [
      "[00:00:01] Speaker 1: Hello, thanks for this. I'm Rafa, I'm with the product team. Could you introduce yourself?",
      "[00:00:06] Speaker 2: Sure. Mirela Costa. I run the family pharmacy on the square.",
      "[00:00:15] Speaker 3: Sorry — hi! I'm Bruno, I'm twenty, I do the deliveries. Bye!",
      "[00:00:19] Speaker 2: Bruno, out. Bruno is my nephew. Sorry, Bruno always does this.",
      "[00:00:24] Speaker 1: What slows you down most?",
      "[00:00:27] Speaker 2: The insurance paperwork. It eats my evenings.",
    ].join("\n");
    expect(nameOf(call)).toBe("Mirela Costa");
    const mine = subjectSentences(call);
    expect(mine).toContain("It eats my evenings.");
    expect(mine.some((s) => s.includes("twenty"))).toBe(false);
  });

  it("a speaker who introduces themselves because they were asked is answering, not interviewing", () => {
    const call = [
      "Speaker 1: Could you tell me your name?",
      "Speaker 2: I'm Wen Li, I grow tea. And you are?",
      "Speaker 1: Just the intern. What do you grow besides tea?",
      "Speaker 2: Some plums.",
      "Speaker 2: They ripen in June, and I sell them at the gate.",
    ].join("\n");
    expect(nameOf(call)).toBe("Wen Li");
  });

  it("people tagged in brackets as a relative, interpreter or note-taker are not the subject", () => {
    const header = [
      "Study interview — ref 12",
      "Interviewer: Dr. Ruth Okafor",
      "Interpreter: Mr. Omar Saleh (Arabic–English)",
      "Respondent speaks through the interpreter.",
      "Also present: Ms. Lina Haddad (respondent's sister)",
      "INTERPRETER: She says: My name is Samira Haddad. I bake bread for the whole street.",
      "MS. LINA: I am Lina, I teach maths in Irbid.",
    ].join("\n");
    expect(nameOf(header)).toBe("Samira Haddad");
    expect(subjectSentences(header).some((s) => s.includes("maths"))).toBe(false);
    const minutes = [
      "Monthly 1:1",
      "Present: Tor Aas (Shift Lead), Eli Moen (People Partner, notes)",
      "- Tor ran the night shift alone for two weeks.",
      "[Notes typed by Eli Moen, People Partner.]",
    ].join("\n");
    expect(nameOf(minutes)).not.toBe("Eli Moen");
  });

  it("tells a role in brackets that marks another person from one that describes the subject", () => {
    expect(otherPersonRole("respondent's daughter")).toBe("relative");
    expect(otherPersonRole("son, 12")).toBe("relative");
    expect(otherPersonRole("INTERPRETER, Arabic–English")).toBe("conversation");
    expect(otherPersonRole("Payroll Officer, notes")).toBe("conversation");
    expect(otherPersonRole("Partner")).toBeNull();
    expect(otherPersonRole("customer")).toBeNull();
    expect(otherPersonRole("Head Baker, Leith")).toBeNull();
  });

  it("a sentence opening on a titled or bracketed name other than the subject's is about that person", () => {
    const notes = [
      "Respondent: Kofi Boateng",
      "Kofi drives a trotro in Kumasi.",
      "A neighbour (Mrs. Adjei, about 60) joined us and Kofi went quiet.",
      "[End of visit · 40 min · Field note: Mr. Yaw Darko is based in Accra and drove up.]",
    ].join("\n");
    const mine = subjectSentences(notes);
    expect(mine).toContain("Kofi drives a trotro in Kumasi.");
    expect(mine.some((s) => s.includes("Mrs. Adjei") || s.includes("Accra"))).toBe(false);
  });
});
