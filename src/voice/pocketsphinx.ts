/**
 * Offline transcription with CMU PocketSphinx (Debian's `pocketsphinx` + `pocketsphinx-en-us`), run as a child
 * process on audio ffmpeg decoded to 16 kHz mono. It is weak — on clean synthesised speech it gets most words wrong —
 * so it is labelled low-accuracy and its transcripts are meant to be read and corrected before they are sent.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AppError } from "../errors.ts";
import { type AudioLimits, decodeToPcm, withTempDir } from "./audio.ts";
import type { ProcessPool } from "./processes.ts";
import type { AudioInput, Transcriber, Transcript } from "./types.ts";

export const POCKETSPHINX_COMMAND = "pocketsphinx_continuous";
/** The acoustic model `pocketsphinx-en-us` installs; the program's default model paths point into it. */
export const POCKETSPHINX_MODEL_DIR = "/usr/share/pocketsphinx/model/en-us";

/** `-time yes` prints one line per word: the word, its start and end in seconds, and its posterior probability. */
const WORD_LINE = /^(\S+) (\d+\.\d+) (\d+\.\d+) (\d+(?:\.\d+)?)$/;
/** Silence, sentence markers and noise fillers: `<s>`, `</s>`, `<sil>`, `[NOISE]`, `++BREATH++`. */
const FILLER = /^(<.*>|\[.*\]|\+\+.*\+\+)$/;
/** The marker of an alternative pronunciation: "when(2)". */
const VARIANT = /\(\d+\)$/;

/** Words and their mean posterior, from the output of `pocketsphinx_continuous -time yes`. */
export function parseTimedOutput(output: string): { text: string; confidence: number | null } {
  const words: string[] = [];
  let posteriorSum = 0;
  for (const line of output.split("\n")) {
    const match = WORD_LINE.exec(line.trim());
    if (!match?.[1] || FILLER.test(match[1])) continue;
    words.push(match[1].replace(VARIANT, ""));
    posteriorSum += Number(match[4]);
  }
  const confidence = words.length > 0 ? Math.round((posteriorSum / words.length) * 100) / 100 : null;
  return { text: words.join(" "), confidence };
}

export class PocketSphinxTranscriber implements Transcriber {
  readonly engine = "pocketsphinx";
  readonly model = "en-us";
  readonly lowAccuracy = true;

  constructor(
    private readonly processes: ProcessPool,
    private readonly limits: AudioLimits,
  ) {}

  transcribe(audio: AudioInput, signal?: AbortSignal): Promise<Transcript> {
    return this.processes.job(
      "Transcription",
      async (scope) => {
        const pcm = await decodeToPcm(scope, audio, this.limits);
        return withTempDir(async (dir) => {
          const file = join(dir, "audio.raw");
          await writeFile(file, pcm.samples);
          const result = await scope.run(
            POCKETSPHINX_COMMAND,
            ["-infile", file, "-time", "yes", "-logfn", "/dev/null"],
            { maxStdoutBytes: 4 * 1024 * 1024 },
          );
          if (result.code !== 0) {
            throw new AppError("internal", `PocketSphinx failed (exit ${result.code}): ${result.stderr.slice(0, 200)}`);
          }
          const { text, confidence } = parseTimedOutput(result.stdout.toString("utf8"));
          return { text, engine: this.engine, duration_seconds: round(pcm.durationSeconds), confidence };
        });
      },
      signal,
    );
  }
}

const round = (seconds: number) => Math.round(seconds * 100) / 100;
