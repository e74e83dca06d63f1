import { describe, expect, it } from "vitest";
import { SPEECH_CHARS, speakableText } from "./speakable.ts";

describe("speakableText", () => {
  it("reads Markdown as plain words", () => {
    const { text, truncated } = speakableText(
      "## Next step\n\n**Who** are the _users_? See [the brief](https://x.test/a).\n\n- nurses\n2) doctors\n\n`code` and ![a chart](c.png)",
    );
    expect(truncated).toBe(false);
    expect(text).toBe("Next step.\nWho are the users? See the brief.\nnurses\ndoctors.\ncode and a chart");
  });

  it("stops at a sentence end past the limit, and says so", () => {
    const sentence = "This sentence is about forty characters. ";
    const { text, truncated } = speakableText(sentence.repeat(200));
    expect(truncated).toBe(true);
    expect(text.length).toBeLessThanOrEqual(SPEECH_CHARS);
    expect(text.endsWith("characters.")).toBe(true);
  });

  it("stays linear on hostile input", () => {
    const started = performance.now();
    speakableText(`${"[".repeat(50_000)}${"*_".repeat(50_000)}${"](".repeat(50_000)}`);
    expect(performance.now() - started).toBeLessThan(60_000);
  });
});
