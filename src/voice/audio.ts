/**
 * Audio in: the accepted media types and their conversion (ffmpeg) to what recognisers read, 16 kHz mono 16-bit PCM.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppError } from "../errors.ts";
import type { ProcessScope } from "./processes.ts";
import type { AudioInput } from "./types.ts";

/**
 * Accepted media types -> the ffmpeg demuxer that reads them. The demuxer is forced rather than guessed, so a file
 * cannot pick a playlist or concat demuxer that would make ffmpeg open other files or URLs.
 */
const DEMUXERS: Record<string, string> = {
  "audio/webm": "matroska",
  "video/webm": "matroska",
  "audio/ogg": "ogg",
  "audio/opus": "ogg",
  "audio/wav": "wav",
  "audio/wave": "wav",
  "audio/x-wav": "wav",
  "audio/vnd.wave": "wav",
  "audio/mpeg": "mp3",
  "audio/mp3": "mp3",
  "audio/mp4": "mov",
  "audio/m4a": "mov",
  "audio/x-m4a": "mov",
  "audio/aac": "aac",
};
export const AUDIO_MEDIA_TYPES = Object.keys(DEMUXERS);

export const SAMPLE_RATE = 16_000;
const BYTES_PER_SECOND = SAMPLE_RATE * 2;

/** The bare media type, lower case: "audio/webm;codecs=opus" -> "audio/webm". */
export function baseMediaType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

export function isAcceptedAudioType(contentType: string): boolean {
  return baseMediaType(contentType) in DEMUXERS;
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
  const demuxer = DEMUXERS[baseMediaType(audio.mediaType)] ?? "wav";
  return withTempDir(async (dir) => {
    // A file, not a pipe: MP4/M4A keep their index at the end, which ffmpeg can only reach by seeking.
    const input = join(dir, "input");
    const output = join(dir, "audio.raw");
    await writeFile(input, audio.bytes);
    const result = await scope.run("ffmpeg", [
      ...["-nostdin", "-hide_banner", "-loglevel", "error", "-protocol_whitelist", "file"],
      ...["-f", demuxer, "-i", input],
      ...["-t", String(limits.maxSeconds + 0.5), "-vn", "-ac", "1", "-ar", String(SAMPLE_RATE)],
      ...["-f", "s16le", "-acodec", "pcm_s16le", "-y", output],
    ]);
    const samples = result.code === 0 ? await readFile(output).catch(() => undefined) : undefined;
    if (!samples || samples.length < 2) {
      throw new AppError(
        "validation_failed",
        `The audio could not be decoded as ${baseMediaType(audio.mediaType)}: it is truncated, malformed or not that format`,
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
