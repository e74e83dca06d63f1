/**
 * Offline speech with espeak-ng (Debian's `espeak-ng`): robotic but intelligible, instant, and private. WAV comes
 * straight from espeak-ng; Ogg/Opus (a tenth of the size) is encoded from it with ffmpeg when ffmpeg is installed.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { AppError } from "../errors.ts";
import { withTempDir } from "./audio.ts";
import type { ProcessPool } from "./processes.ts";
import type { SpeechFormat, SpokenAudio, Synthesizer } from "./types.ts";

export const ESPEAK_COMMAND = "espeak-ng";

export class EspeakSynthesizer implements Synthesizer {
  readonly engine = "espeak-ng";
  readonly formats: SpeechFormat[];
  readonly voice: string;

  constructor(
    private readonly processes: ProcessPool,
    /** An espeak-ng voice name, e.g. "en-us" (VOICE_ESPEAK_VOICE). */
    readonly model: string,
    withFfmpeg: boolean,
  ) {
    this.formats = withFfmpeg ? ["ogg", "wav"] : ["wav"];
    this.voice = `${this.engine}:${model}`;
  }

  speak(text: string, format: SpeechFormat, signal?: AbortSignal): Promise<SpokenAudio> {
    return this.processes.job(
      "Speech",
      (scope) =>
        withTempDir(async (dir) => {
          const wav = join(dir, "speech.wav");
          // The text goes in on stdin: as an argument, text starting with "-" would be read as an option.
          const spoken = await scope.run(ESPEAK_COMMAND, ["-v", this.model, "-w", wav, "--stdin"], { stdin: text });
          if (spoken.code !== 0) throw new AppError("internal", `espeak-ng failed: ${spoken.stderr.slice(0, 200)}`);
          if (format === "wav") return { bytes: await readFile(wav), format };
          const ogg = join(dir, "speech.ogg");
          const encoded = await scope.run("ffmpeg", [
            ...["-nostdin", "-hide_banner", "-loglevel", "error", "-f", "wav", "-i", wav],
            ...["-c:a", "libopus", "-b:a", "32k", "-f", "ogg", "-y", ogg],
          ]);
          if (encoded.code !== 0) throw new AppError("internal", `ffmpeg failed: ${encoded.stderr.slice(0, 200)}`);
          return { bytes: await readFile(ogg), format };
        }),
      signal,
    );
  }
}
