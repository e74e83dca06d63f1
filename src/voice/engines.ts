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
import { ProviderSynthesizer, ProviderTranscriber } from "./provider.ts";
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
  const provider = config.provider ? { ...config.provider, timeoutMs: config.timeoutMs } : undefined;
  const transcriber = choose<Transcriber>(config.transcription, {
    provider: provider && (() => new ProviderTranscriber(provider, limits, found.ffmpeg ? processes : undefined)),
    offline: found.ffmpeg && found.pocketsphinx ? () => new PocketSphinxTranscriber(processes, limits) : undefined,
    variable: "VOICE_TRANSCRIPTION",
    programs: "ffmpeg and pocketsphinx (with pocketsphinx-en-us)",
  });
  const synthesizer = choose<Synthesizer>(config.speech, {
    provider: provider && (() => new ProviderSynthesizer(provider)),
    offline: found.espeak ? () => new EspeakSynthesizer(processes, config.espeakVoice, found.ffmpeg) : undefined,
    variable: "VOICE_SPEECH",
    programs: "espeak-ng",
  });
  return { transcriber, synthesizer, limits, processes };
}

/**
 * The engine for a VOICE_* choice: `auto` takes the provider when one is configured, else the offline engine when its
 * programs are installed. Asking for the offline engine explicitly without its programs fails start-up, clearly.
 */
function choose<T>(
  choice: VoiceConfig["transcription"],
  options: { provider: (() => T) | undefined; offline: (() => T) | undefined; variable: string; programs: string },
): T | undefined {
  if (choice === "offline" && !options.offline) {
    throw new ConfigError(
      `${options.variable}=offline needs ${options.programs} installed (Debian packages of the same names)`,
    );
  }
  const make =
    choice === "provider"
      ? options.provider
      : choice === "offline"
        ? options.offline
        : choice === "auto"
          ? (options.provider ?? options.offline)
          : undefined;
  return make?.();
}
