/**
 * Voice in the web app, the parts that need no React: the settings (kept in localStorage, shared by every chat on the
 * page), the recording format, the level of a chunk of samples, and the words that tell the user about a transcript.
 */

export interface VoiceSettings {
  /** Play each reply as soon as it has been written. */
  autoPlay: boolean;
  /**
   * Send a recording as audio (the server transcribes and answers in one step) instead of showing its transcript in
   * the message box first. Ignored for a low-accuracy engine, whose transcripts always need reading.
   */
  sendDirectly: boolean;
}

export const DEFAULT_VOICE_SETTINGS: VoiceSettings = { autoPlay: false, sendDirectly: false };

const STORAGE_KEY = "persona-studio.voice";

/** The part of `Storage` used here (so tests can pass a Map-backed one). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Settings as stored; anything missing, malformed or of the wrong type falls back to the default. */
export function readVoiceSettings(store: KeyValueStore | undefined): VoiceSettings {
  let raw: string | null = null;
  try {
    raw = store?.getItem(STORAGE_KEY) ?? null;
  } catch {
    // storage disabled (private mode, a sandboxed frame): the defaults
  }
  if (!raw) return { ...DEFAULT_VOICE_SETTINGS };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ...DEFAULT_VOICE_SETTINGS };
  }
  const value = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  return {
    autoPlay: typeof value.autoPlay === "boolean" ? value.autoPlay : DEFAULT_VOICE_SETTINGS.autoPlay,
    sendDirectly: typeof value.sendDirectly === "boolean" ? value.sendDirectly : DEFAULT_VOICE_SETTINGS.sendDirectly,
  };
}

/** Stores the settings; false when the browser refused (they then last until the page is closed). */
export function writeVoiceSettings(store: KeyValueStore | undefined, settings: VoiceSettings): boolean {
  try {
    store?.setItem(STORAGE_KEY, JSON.stringify(settings));
    return store !== undefined;
  } catch {
    return false;
  }
}

/**
 * The recording format: the first the browser's MediaRecorder can write that the server accepts (webm/opus in
 * Chromium and Firefox, mp4/aac in Safari); "" lets the browser choose.
 */
export const RECORDING_TYPES = [
  "audio/webm;codecs=opus",
  "audio/webm",
  "audio/ogg;codecs=opus",
  "audio/mp4",
  "audio/mp4;codecs=mp4a.40.2",
] as const;

export function pickRecordingType(isSupported: (type: string) => boolean): string {
  return RECORDING_TYPES.find((type) => isSupported(type)) ?? "";
}

/** A file name for the upload, so the server can also tell the format by its extension. */
export function recordingFileName(mediaType: string): string {
  const base = mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (base.endsWith("/ogg")) return "recording.ogg";
  if (base.endsWith("/mp4") || base.endsWith("/aac")) return "recording.m4a";
  if (base.endsWith("/wav")) return "recording.wav";
  return "recording.webm";
}

/**
 * The loudness of a block of samples (-1..1) as 0..1 for the level meter: the RMS on a decibel scale from -60 dB
 * (silence) to 0 dB, because a linear RMS leaves ordinary speech at the bottom fifth of the bar.
 */
export function levelOf(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] ?? 0;
    sum += s * s;
  }
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db + 60) / 60));
}

/** What to tell the user about a transcript placed in the message box for correction. */
export function transcriptNotice({
  engine,
  lowAccuracy,
  text,
  notice,
}: {
  engine: string;
  lowAccuracy: boolean;
  text: string;
  notice: string | null;
}): string {
  if (!text.trim()) return notice ?? "No speech was recognised. Record again closer to the microphone, or type.";
  if (lowAccuracy) {
    return `Transcribed offline by ${engineName(engine)}, which gets many words wrong: read it, correct it, then send.`;
  }
  return `Transcribed by ${engineName(engine)}: check it, then send.`;
}

/** Engine ids as people read them. */
export function engineName(engine: string): string {
  switch (engine) {
    case "pocketsphinx":
      return "PocketSphinx";
    case "espeak-ng":
      return "eSpeak NG";
    case "openai":
      return "the speech provider";
    default:
      return engine;
  }
}
