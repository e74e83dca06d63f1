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

  it("a speaker who names themselves and hands over with 'and this is—' runs the interview", () => {
    const call = [
      "00:00:01 Speaker 1: right, recording. I'm Oren Katz, I'm 26, I study viticulture in Montpellier. And this is—",
      "00:00:08 Speaker 2: Maëlle. Maëlle Girard. I make goat cheese above the village.",
      "00:00:15 Speaker 1: how many goats",
      "00:00:17 Speaker 2: Sixty, and two very bad-tempered billies.",
    ].join("\n");
    expect(nameOf(call)).toBe("Maëlle Girard");
  });

  it("a speaker who cuts in as someone's relative is not the subject, even when the turns left them answering", () => {
    const call = [
      "[00:00:01] Speaker 1: Okay we're on. My name's Claire, I'm 31, I'm a researcher in Brisbane. Thanks for doing this.",
      "[00:00:07] Speaker 2: No worries. Brendan Walsh. I drive road trains out of Mount Isa.",
      "[00:00:12] Speaker 1: How long have you been driving?",
      "[00:00:14] Speaker 2: Since I was twenty. I'm 52 now.",
      "[00:00:18] Speaker 3: [crosstalk] He's 53 in May! I'm Jenny, his wife, I'm 49, I do the books from home in Cloncurry.",
      "[00:00:25] Speaker 2: Yeah alright. What else you want to know?",
    ].join("\n");
    expect(subjectSentences(call).some((s) => s.includes("Jenny"))).toBe(false);
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

  it("of a meeting's attendees, the one left when the other keeps the notes is who the notes follow", () => {
    const notes = [
      "Riverside Allotments — committee meeting — notes",
      "Present: Farida Lowe (chair), Tobias Ekwueme Hart (plot holder)",
      "Notes kept by: Farida",
      "- TEH reported the east gate lock is broken again.",
      "- TEH wants a rainwater tank near plot 12; Farida to ask the council.",
      "- TEH offered to run a seed swap in April.",
      "- TEH asked for the waiting list to be published.",
    ].join("\n");
    expect(nameOf(notes)).toBe("Tobias Ekwueme Hart");
  });
});

describe("an organisation's name is not a person's", () => {
  it("a name the text says is a business, or one with a firm's word, is never the subject's name", () => {
    expect(
      nameOf("Kopi Senja — customer story\nKopi Senja is a small coffee roastery in Malang. The owner roasts by hand."),
    ).toBeNull();
    expect(
      nameOf("Hello,\n\nOur calendar shows double bookings again.\n\nKind regards,\nLumen Yoga Studio"),
    ).toBeNull();
    expect(nameOf("Pedal Point is a bike shop in Coimbra.\nRui Fernandes is the mechanic there and is 41.")).toBe(
      "Rui Fernandes",
    );
  });

  it("a firm named after its founder does not count as mentions of the founder", () => {
    const bio = [
      "Workshop bio",
      "Ilse Voogd is chief tuner at Brouwer Pianobouw in Zwolle, where she leads the tuning of new instruments.",
      "At Brouwer Pianobouw she also restores old pianos, and Brouwer Pianobouw sells them on.",
    ].join("\n");
    const team = "Team\nKarel Brouwer\nFounder and owner, 70.\nIlse Voogd\nChief tuner.\nNoor Visser\nApprentice.";
    expect(nameOf(bio, team)).toBe("Ilse Voogd");
  });

  it("reads Mac and Mc surnames whole, so a relative sharing one is told apart", () => {
    const notes = [
      "Attendees: Ewan McKay (owner), Morag McKay (his wife, 58, does the books), Jo Patel (rep)",
      "- Ewan wants the orders on paper.",
    ].join("\n");
    expect(nameOf(notes)).not.toBe("Morag Mc");
  });
});

describe("whose age", () => {
  it("another given name with an age between commas is someone else once the subject is known", () => {
    const page = [
      "About us",
      "Hi, I'm Sofia Rinaldi, I'm a ceramicist in Faenza and I started this studio in 2015.",
      "Our team:",
      "Marco, 33, glazes and fires.",
    ].join("\n");
    expect(subjectSentences(page).some((s) => s.includes("Marco"))).toBe(false);
  });
});

describe("support tickets", () => {
  it("an agent whose label carries a long role in brackets introducing themselves is not the requester", () => {
    const ticket = [
      "Requester: Dilnoza Karimova",
      "Our label printer stopped after the update.",
      "Agent (Pavel Novak, Shelfly Support — Brno office): Hi Dilnoza, I'm Pavel, I joined the team last month. I've reset the printer link.",
      "Thanks, it prints again.",
      "Dilnoza Karimova",
    ].join("\n");
    expect(nameOf(ticket)).toBe("Dilnoza Karimova");
  });
});
