/**
 * Which voice engines this node has: decided once at start-up from the configuration and the programs installed.
 * `auto` prefers a configured provider (accurate), then the offline programs, then none (audio answers 501).
 */
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { type Config, ConfigError } from "../config.ts";
import type { AudioLimits } from "./audio.ts";
import { ESPEAK_COMMAND, EspeakSynthesizer } from "./espeak.ts";
import { POCKETSPHINX_COMMAND, POCKETSPHINX_MODEL_DIR, PocketSphinxTranscriber } from "./pocketsphinx.ts";
import { ProcessPool } from "./processes.ts";
import type { Synthesizer, Transcriber } from "./types.ts";

export type VoiceConfig = Config["voice"];

export interface Voice {
  transcriber: Transcriber | undefined;
  synthesizer: Synthesizer | undefined;
  limits: AudioLimits;
  processes: ProcessPool;
}

/** The offline programs found on this machine. */
export interface OfflinePrograms {
  ffmpeg: boolean;
  pocketsphinx: boolean;
  espeak: boolean;
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

async function onPath(command: string, path: string): Promise<boolean> {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    if (await isExecutable(join(dir, command))) return true;
  }
  return false;
}

export async function findOfflinePrograms(path = process.env.PATH ?? ""): Promise<OfflinePrograms> {
  const [ffmpeg, pocketsphinx, model, espeak] = await Promise.all([
    onPath("ffmpeg", path),
    onPath(POCKETSPHINX_COMMAND, path),
    access(POCKETSPHINX_MODEL_DIR).then(
      () => true,
      () => false,
    ),
    onPath(ESPEAK_COMMAND, path),
  ]);
  return { ffmpeg, pocketsphinx: pocketsphinx && model, espeak };
}

export async function createVoice(config: VoiceConfig, programs?: OfflinePrograms): Promise<Voice> {
  const found = programs ?? (await findOfflinePrograms());
  const processes = new ProcessPool({
    concurrency: config.processes,
    queueMax: config.queueMax,
    timeoutMs: config.timeoutMs,
  });
  const limits = { maxBytes: config.maxBytes, maxSeconds: config.maxSeconds };
  const transcriber = pick(
    config.transcription,
    found.ffmpeg && found.pocketsphinx,
    "VOICE_TRANSCRIPTION",
    "ffmpeg and pocketsphinx (with pocketsphinx-en-us)",
  )
    ? new PocketSphinxTranscriber(processes, limits)
    : undefined;
  const synthesizer = pick(config.speech, found.espeak, "VOICE_SPEECH", "espeak-ng")
    ? new EspeakSynthesizer(processes, config.espeakVoice, found.ffmpeg)
    : undefined;
  return { transcriber, synthesizer, limits, processes };
}

/** Whether to use the offline engine; asking for it explicitly without its programs fails start-up, clearly. */
function pick(choice: VoiceConfig["transcription"], installed: boolean, variable: string, programs: string): boolean {
  if (choice === "offline" && !installed) {
    throw new ConfigError(`${variable}=offline needs ${programs} installed (Debian packages of the same names)`);
  }
  return installed && (choice === "offline" || choice === "auto");
}
