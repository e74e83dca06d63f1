/** Test speech: sentences spoken by espeak-ng, and the word error rate of what a recogniser heard. */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** What a team might say in a PRD interview; the reference transcripts for the offline round trip. */
export const TEST_SENTENCES = [
  "we want a mobile app for small teams",
  "the users are nurses who work night shifts",
  "our main goal is to reduce the time spent on paperwork",
  "people should be able to share a report with their manager",
  "the first release must work without an internet connection",
];

const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, " ")
    .split(/\s+/)
    .filter(Boolean);

/** Word-level edit distance (substitutions, insertions, deletions) and the reference length. */
export function wordErrors(reference: string, hypothesis: string): { errors: number; words: number } {
  const ref = words(reference);
  const hyp = words(hypothesis);
  let previous = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const current = [i];
    for (let j = 1; j <= hyp.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (ref[i - 1] === hyp[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return { errors: previous[hyp.length] ?? 0, words: ref.length };
}

/** A WAV of `text` spoken by espeak-ng (the same program the server speaks with), written into `dir`. */
export async function speakToWav(dir: string, name: string, text: string): Promise<{ path: string; bytes: Buffer }> {
  const path = join(dir, `${name}.wav`);
  await run("espeak-ng", ["-v", "en-us", "-w", path, text]);
  return { path, bytes: await readFile(path) };
}

/** Converts a file with ffmpeg (the format follows the extension of `to`). */
export async function convertAudio(from: string, to: string, args: string[] = []): Promise<Buffer> {
  await run("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-i", from, ...args, "-y", to]);
  return readFile(to);
}
