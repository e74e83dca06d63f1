import type { Ctx } from "../context.ts";
import { AppError } from "../errors.ts";
import { checkAudio } from "./audio.ts";
import type { AudioInput, Transcript } from "./types.ts";

/** Transcribes audio with this node's engine; 501 when it has none. An empty `text` means no speech was heard. */
export async function transcribeAudio({
  ctx,
  audio,
  signal,
}: {
  ctx: Ctx;
  audio: AudioInput;
  signal?: AbortSignal;
}): Promise<Transcript & { low_accuracy: boolean }> {
  const transcriber = ctx.voice.transcriber;
  if (!transcriber) {
    throw new AppError(
      "voice_unavailable",
      "This server cannot transcribe audio: configure a voice provider or install pocketsphinx and ffmpeg",
    );
  }
  checkAudio(audio, ctx.voice.limits); // before waiting for a slot: empty, wrong-type and huge audio fail at once
  const transcript = await transcriber.transcribe(audio, signal);
  return { ...transcript, low_accuracy: transcriber.lowAccuracy };
}
