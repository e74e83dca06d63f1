/** Audio as it arrives: the bytes and the media type the client declared. */
export interface AudioInput {
  bytes: Uint8Array;
  mediaType: string;
}

/** What a transcription engine heard. */
export interface Transcript {
  text: string;
  /** The engine's name, e.g. "pocketsphinx" or "openai". */
  engine: string;
  /** Seconds of audio heard. */
  duration_seconds: number;
  /** 0..1 where the engine gives one (PocketSphinx: mean word posterior), else null. */
  confidence: number | null;
}

export interface Transcriber {
  engine: string;
  model: string | null;
  /** Shown to users: its transcripts need reading before they are sent. */
  lowAccuracy: boolean;
  transcribe(audio: AudioInput, signal?: AbortSignal): Promise<Transcript>;
}

export type SpeechFormat = "ogg" | "wav";
export const SPEECH_MEDIA_TYPES: Record<SpeechFormat, string> = { ogg: "audio/ogg", wav: "audio/wav" };

export interface SpokenAudio {
  bytes: Uint8Array;
  format: SpeechFormat;
}

export interface Synthesizer {
  engine: string;
  model: string | null;
  /** Names everything that changes the sound (engine, model, voice): cached audio is kept per voice. */
  voice: string;
  /** The formats it can answer in; the first is its default. */
  formats: SpeechFormat[];
  speak(text: string, format: SpeechFormat, signal?: AbortSignal): Promise<SpokenAudio>;
}
