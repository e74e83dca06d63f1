/** Units as attribution would give them, for tests of the offline engine's rules and runner. */
import type { Unit } from "../../src/synthesis/offline/engine/unit.ts";
import type { CleanSource } from "../../src/synthesis/types.ts";

const source: CleanSource = { id: "s1", kind: "text", text: "", order: 0 };

const FIRST_PERSON = /\b(?:I|I'm|my|me)\b/;

/** A sentence the subject says about themself; `attributed` overrides what attribution would say about it. */
export function saidBySubject(text: string, attributed: Partial<Unit> = {}): Unit {
  return {
    source,
    text,
    line: text,
    speaker: "subject",
    topic: "subject",
    firstPerson: FIRST_PERSON.test(text),
    quoted: false,
    date: null,
    section: "",
    question: "",
    topicBy: "first",
    label: null,
    index: 0,
    ...attributed,
  };
}
