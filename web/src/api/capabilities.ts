import { useEffect, useState } from "react";
import { api } from "./client.ts";

/** GET /v1/capabilities: what the server can do, so the app offers only what works. */
export interface Capabilities {
  engines: {
    offline: true;
    llm: { provider: string; model: string; chat_model?: string; max_output_tokens?: number } | null;
  };
  /** Where data is kept (newer servers say). */
  store?: "embedded" | "postgres";
  default_engine: "offline" | "llm";
  auth_mode: "none" | "apikey" | "jwt";
  voice: VoiceCapabilities;
  limits: { body_bytes: number; texts: number; urls: number; chars_per_text: number; requests_per_minute: number };
}

/** Speech in and out; an engine is null when the server has none (then audio answers 501). */
export interface VoiceCapabilities {
  transcription: { engine: string; model: string | null; low_accuracy: boolean } | null;
  speech: { engine: string; model: string | null; formats: Array<"ogg" | "wav"> } | null;
  limits: { audio_bytes: number; audio_seconds: number };
  media_types: string[];
}

let pending: Promise<Capabilities> | undefined;

/** Fetched once per page load (they only change when the server restarts); a failure is retried next time. */
export function loadCapabilities(): Promise<Capabilities> {
  pending ??= api<Capabilities>("/v1/capabilities").catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

/** The server's capabilities once known; undefined while loading or when they could not be read. */
export function useCapabilities(): Capabilities | undefined {
  const [capabilities, setCapabilities] = useState<Capabilities>();
  useEffect(() => {
    let live = true;
    loadCapabilities()
      .then((value) => {
        if (live) setCapabilities(value);
      })
      .catch(() => {
        // Without them the editor simply offers the offline engine, which always works.
      });
    return () => {
      live = false;
    };
  }, []);
  return capabilities;
}
