import { describe, expect, it } from "vitest";
import { nameOf, subjectSentences } from "../../../test/support/attribution.ts";

describe("multi-speaker material: the host and other speakers are not the subject", () => {
  it("the first speaker welcoming listeners to a named show is its host, under either of their labels", () => {
    const show = [
      "Harbour Voices, episode 8",
      "PETRA VOSS: Welcome to Harbour Voices. I'm Petra Voss, a radio producer, and I'm 47. My guest repairs boats.",
      "ANSELM GRUBER: Thank you, Petra. I'm Anselm Gruber, I'm 62 and I repair wooden boats on the lake.",
      "VOSS: How did you start?",
      "GRUBER: My uncle had a yard. I swept it as a boy.",
      "VOSS: What worries you?",
      "GRUBER: Nobody young wants to learn the trade.",
    ].join("\n");
    expect(nameOf(show)).toBe("Anselm Gruber");
    const mine = subjectSentences(show);
    expect(mine.some((s) => s.includes("radio producer"))).toBe(false);
    expect(mine).toContain("Nobody young wants to learn the trade.");
  });

  it("a short label shared by two longer labels (one family's surname) stays unresolved", () => {
    const talk = [
      "Interviewer: Can you both introduce yourselves?",
      "MILA HORVAT: I'm Mila Horvat, I grow lavender on the island.",
      "LUKA HORVAT: And I'm Luka, I help at harvest.",
      "HORVAT: We both do the markets.",
      "Interviewer: What is hardest?",
      "MILA HORVAT: The drought. Two bad summers in a row.",
    ].join("\n");
    expect(nameOf(talk)).toBe("Mila Horvat");
  });
});
