/**
 * Voice through a provider with the AI SDK's transcription and speech APIs: OpenAI (`whisper-1`,
 * `gpt-4o-transcribe`, `tts-1`, …) or any server speaking OpenAI's /audio/transcriptions and /audio/speech — e.g. a
 * local Whisper server, the accurate private option. The SDK is loaded on first use, like the language model.
 */
import type { SpeechModel, TranscriptionModel } from "ai";
import { type AudioLimits, checkAudio, decodeToPcm, wavFromPcm } from "./audio.ts";
import type { ProcessPool } from "./processes.ts";
import type { AudioInput, SpeechFormat, SpokenAudio, Synthesizer, Transcriber, Transcript } from "./types.ts";

export interface VoiceProviderConfig {
  /** OpenAI's API when unset. */
  baseUrl: string | undefined;
  apiKey: string | undefined;
  transcriptionModel: string;
  speechModel: string;
  speechVoice: string;
  /** Budget of one call to the provider (VOICE_TIMEOUT_MS). */
  timeoutMs: number;
}

/** What OpenAI's speech API calls the formats this server answers in (its "opus" is Ogg/Opus). */
const PROVIDER_FORMATS: Record<SpeechFormat, string> = { ogg: "opus", wav: "wav" };

async function openai(config: VoiceProviderConfig) {
  const { createOpenAI } = await import("@ai-sdk/openai");
  // Local servers usually want no key, but the SDK insists on one.
  return createOpenAI({ apiKey: config.apiKey ?? "none", ...(config.baseUrl ? { baseURL: config.baseUrl } : {}) });
}

export class ProviderTranscriber implements Transcriber {
  readonly engine = "openai";
  readonly lowAccuracy = false;
  readonly model: string;
  private loaded: Promise<TranscriptionModel> | undefined;

  constructor(
    private readonly config: VoiceProviderConfig,
    private readonly limits: AudioLimits,
    /** With ffmpeg, audio is checked and sent as 16 kHz mono WAV: every server reads it, and the duration limit holds. */
    private readonly processes: ProcessPool | undefined,
  ) {
    this.model = config.transcriptionModel;
  }

  async transcribe(audio: AudioInput, signal?: AbortSignal): Promise<Transcript> {
    checkAudio(audio, this.limits);
    const pcm = this.processes
      ? await this.processes.job("Decoding", (scope) => decodeToPcm(scope, audio, this.limits), signal)
      : undefined;
    this.loaded ??= openai(this.config).then((provider) => provider.transcription(this.config.transcriptionModel));
    const model = await this.loaded;
    // Loaded on first use, like the SDK itself: resilience.ts imports the AI SDK, which offline nodes never need.
    const [{ experimental_transcribe, NoTranscriptGeneratedError }, { withLlmResilience }] = await Promise.all([
      import("ai"),
      import("../llm/resilience.ts"),
    ]);
    const result = await withLlmResilience(
      ({ signal: attempt }) =>
        experimental_transcribe({
          model,
          audio: pcm ? wavFromPcm(pcm.samples) : audio.bytes,
          maxRetries: 0,
          abortSignal: attempt,
        }).catch((error: unknown) => {
          // The SDK reports "heard nothing" as an error; for us it is an empty transcript (silence is not a fault).
          if (NoTranscriptGeneratedError.isInstance(error)) return { text: "", durationInSeconds: undefined };
          throw error;
        }),
      { label: "transcription", policy: { timeoutMs: this.config.timeoutMs }, ...(signal ? { signal } : {}) },
    );
    const duration = result.durationInSeconds ?? pcm?.durationSeconds ?? 0;
    return { text: result.text.trim(), engine: this.engine, duration_seconds: round(duration), confidence: null };
  }
}

export class ProviderSynthesizer implements Synthesizer {
  readonly engine = "openai";
  readonly formats: SpeechFormat[] = ["ogg", "wav"];
  readonly model: string;
  readonly voice: string;
  private loaded: Promise<SpeechModel> | undefined;

  constructor(private readonly config: VoiceProviderConfig) {
    this.model = config.speechModel;
    this.voice = `${this.engine}:${config.speechModel}:${config.speechVoice}`;
  }

  async speak(text: string, format: SpeechFormat, signal?: AbortSignal): Promise<SpokenAudio> {
    this.loaded ??= openai(this.config).then((provider) => provider.speech(this.config.speechModel));
    const model = await this.loaded;
    const [{ experimental_generateSpeech }, { withLlmResilience }] = await Promise.all([
      import("ai"),
      import("../llm/resilience.ts"),
    ]);
    const result = await withLlmResilience(
      ({ signal: attempt }) =>
        experimental_generateSpeech({
          model,
          text,
          voice: this.config.speechVoice,
          outputFormat: PROVIDER_FORMATS[format],
          maxRetries: 0,
          abortSignal: attempt,
        }),
      { label: "speech", policy: { timeoutMs: this.config.timeoutMs }, ...(signal ? { signal } : {}) },
    );
    return { bytes: result.audio.uint8Array, format };
  }
}

const round = (seconds: number) => Math.round(seconds * 100) / 100;
