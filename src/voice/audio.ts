/**
 * Audio in: the accepted media types and their conversion (ffmpeg) to what recognisers read, 16 kHz mono 16-bit PCM.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppError } from "../errors.ts";
import type { ProcessScope } from "./processes.ts";
import type { AudioInput } from "./types.ts";

/** The media types accepted: what browsers record (webm/opus, ogg, mp4/m4a) and common files (wav, mp3, aac). */
export const AUDIO_MEDIA_TYPES = [
  "audio/webm",
  "video/webm",
  "audio/ogg",
  "audio/opus",
  "audio/wav",
  "audio/wave",
  "audio/x-wav",
  "audio/vnd.wave",
  "audio/mpeg",
  "audio/mp3",
  "audio/mp4",
  "audio/m4a",
  "audio/x-m4a",
  "audio/aac",
];
const ACCEPTED = new Set(AUDIO_MEDIA_TYPES);

/**
 * The only ffmpeg demuxers allowed to read uploads. ffmpeg still recognises the container from the bytes (a browser's
 * label is not always exact), but a file cannot select a playlist or concat demuxer that would make ffmpeg open other
 * files or URLs.
 */
const DEMUXER_WHITELIST = "matroska,webm,ogg,wav,mp3,mov,mp4,m4a,aac";

export const SAMPLE_RATE = 16_000;
const BYTES_PER_SECOND = SAMPLE_RATE * 2;

/** The bare media type, lower case: "audio/webm;codecs=opus" -> "audio/webm". */
export function baseMediaType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

export function isAcceptedAudioType(contentType: string): boolean {
  return ACCEPTED.has(baseMediaType(contentType));
}

export interface AudioLimits {
  maxBytes: number;
  maxSeconds: number;
}

/** Checks what can be checked before decoding: type, emptiness, size. */
export function checkAudio(audio: AudioInput, limits: AudioLimits): void {
  if (!isAcceptedAudioType(audio.mediaType)) {
    throw new AppError(
      "unsupported_media_type",
      `Send audio as one of ${AUDIO_MEDIA_TYPES.join(", ")}; got ${baseMediaType(audio.mediaType) || "no type"}`,
    );
  }
  if (audio.bytes.length === 0) throw new AppError("bad_request", "The audio is empty");
  if (audio.bytes.length > limits.maxBytes) {
    throw new AppError("payload_too_large", `Audio may have at most ${limits.maxBytes} bytes (VOICE_MAX_BYTES)`);
  }
}

export interface Pcm {
  /** 16 kHz mono signed 16-bit little-endian samples. */
  samples: Uint8Array;
  durationSeconds: number;
}

/** A fresh private directory, removed after `work` whatever happens. */
export async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "ps-voice-"));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Decodes audio to 16 kHz mono PCM with ffmpeg. Undecodable input is a 422; audio longer than `maxSeconds` is a 413
 * (decoding stops just past the limit, so a long file costs no more than a short one).
 */
export async function decodeToPcm(scope: ProcessScope, audio: AudioInput, limits: AudioLimits): Promise<Pcm> {
  checkAudio(audio, limits);
  return withTempDir(async (dir) => {
    // A file, not a pipe: MP4/M4A keep their index at the end, which ffmpeg can only reach by seeking.
    const input = join(dir, "input");
    const output = join(dir, "audio.raw");
    await writeFile(input, audio.bytes);
    const result = await scope.run("ffmpeg", [
      ...["-nostdin", "-hide_banner", "-loglevel", "error"],
      ...["-protocol_whitelist", "file", "-format_whitelist", DEMUXER_WHITELIST, "-i", input],
      ...["-t", String(limits.maxSeconds + 0.5), "-vn", "-ac", "1", "-ar", String(SAMPLE_RATE)],
      ...["-f", "s16le", "-acodec", "pcm_s16le", "-y", output],
    ]);
    const samples = result.code === 0 ? await readFile(output).catch(() => undefined) : undefined;
    if (!samples || samples.length < 2) {
      throw new AppError(
        "validation_failed",
        `The audio (${baseMediaType(audio.mediaType)}) could not be decoded: it is truncated, malformed, or not audio`,
      );
    }
    const durationSeconds = samples.length / BYTES_PER_SECOND;
    if (durationSeconds > limits.maxSeconds) {
      throw new AppError(
        "payload_too_large",
        `Audio may last at most ${limits.maxSeconds} s (VOICE_MAX_SECONDS); send a shorter recording`,
      );
    }
    return { samples, durationSeconds };
  });
}

/** A WAV file around 16 kHz mono 16-bit PCM (for engines that want a file format, not bare samples). */
export function wavFromPcm(samples: Uint8Array): Uint8Array {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + samples.length, 4);
  header.write("WAVEfmt ", 8, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(BYTES_PER_SECOND, 28);
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write("data", 36, "ascii");
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}
