import { describe, expect, it } from "vitest";
import { nameOf, sentencesWhere } from "../../../test/support/attribution.ts";
import { isSelf } from "./engine/unit.ts";

/** The sentences attribution gives to the subject speaking about themself. */
const selfSentences = (text: string) => sentencesWhere(isSelf, text);

describe("a relative who shares the subject's surname", () => {
  const transcript = [
    "[00:00:02] SPEAKER 1: Recording now. Thanks for having me, I'm with the survey team.",
    "[00:00:10] SPEAKER 2: You're welcome. My name is Ama Mensah, I sell fabric at the central market.",
    "[00:00:25] SPEAKER 3: Sorry to butt in. I'm Kofi Mensah, her cousin. I'm a bus driver in the city.",
    "[00:00:40] SPEAKER 2: He always wants to talk. I have sold fabric for twenty years.",
  ].join("\n");

  it("keeps the subject's name and does not speak as the subject", () => {
    expect(nameOf(transcript)).toBe("Ama Mensah");
    const own = selfSentences(transcript);
    expect(own).toContain("I have sold fabric for twenty years.");
    expect(own.some((s) => s.includes("bus driver"))).toBe(false);
  });

  it("a short form of the subject's given name is the subject, not a relative", () => {
    const text = [
      "SPEAKER 1: Could you introduce yourself?",
      "SPEAKER 2: I'm Rosalind Pettigrew. Everyone calls me Ros.",
      "SPEAKER 1: Thanks, and you farm near Ashburton?",
      "SPEAKER 2: Yes. Ros Pettigrew, sheep and barley, since 1998.",
    ].join("\n");
    expect(selfSentences(text)).toContain("Yes.");
  });
});
