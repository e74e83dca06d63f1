import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { fetchApiUrl } from "../api/client.ts";
import { errorMessage } from "../lib/problem.ts";
import { readVoiceSettings, type VoiceSettings, writeVoiceSettings } from "../lib/voice.ts";

const storage = (): Storage | undefined => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
};

// One copy per page, so every chat panel shows the same settings; other tabs update it through the storage event.
let current: VoiceSettings | undefined;
const listeners = new Set<() => void>();

function snapshot(): VoiceSettings {
  current ??= readVoiceSettings(storage());
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== null && event.key !== "persona-studio.voice") return;
    current = readVoiceSettings(storage());
    listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** The voice settings (persisted in localStorage) and a setter that changes some of them. */
export function useVoiceSettings(): [VoiceSettings, (change: Partial<VoiceSettings>) => void] {
  const settings = useSyncExternalStore(subscribe, snapshot, snapshot);
  const update = useCallback((change: Partial<VoiceSettings>) => {
    current = { ...snapshot(), ...change };
    writeVoiceSettings(storage(), current);
    for (const listener of listeners) listener();
  }, []);
  return [settings, update];
}

export interface ReplyPlayer {
  /** The message playing (or being fetched to play), if any. */
  active: string | null;
  loading: boolean;
  error: string | null;
  /** Plays the message, or stops it when it is the one playing. */
  toggle: (messageId: string) => void;
  play: (messageId: string) => void;
  stop: () => void;
}

/**
 * Plays assistant messages spoken by the server (GET …/messages/{mid}/audio, fetched with the API key, so the audio
 * element gets a blob: URL). One message plays at a time; fetched audio is kept for the life of the conversation.
 */
export function useReplyPlayer(conversationId: string): ReplyPlayer {
  const [active, setActive] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const audioRef = useRef<HTMLAudioElement | null>(null);
  const urlsRef = useRef(new Map<string, string>());
  const fetchRef = useRef<AbortController | null>(null);

  const stop = useCallback(() => {
    fetchRef.current?.abort();
    fetchRef.current = null;
    audioRef.current?.pause();
    setActive(null);
    setLoading(false);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new conversation drops the previous one's audio.
  useEffect(() => {
    const urls = urlsRef.current;
    return () => {
      fetchRef.current?.abort();
      audioRef.current?.pause();
      for (const url of urls.values()) URL.revokeObjectURL(url);
      urls.clear();
      setActive(null);
    };
  }, [conversationId]);

  const play = useCallback(
    async (messageId: string) => {
      stop();
      setError(null);
      setActive(messageId);
      if (!audioRef.current) audioRef.current = new Audio();
      const audio = audioRef.current;
      let url = urlsRef.current.get(messageId);
      if (!url) {
        const controller = new AbortController();
        fetchRef.current = controller;
        setLoading(true);
        try {
          // Opus in Ogg is a tenth of the size of WAV; browsers that cannot play it get WAV.
          const format = audio.canPlayType('audio/ogg; codecs="opus"') ? "ogg" : "wav";
          const response = await fetchApiUrl(
            `/v1/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/audio?format=${format}`,
            { accept: format === "ogg" ? "audio/ogg" : "audio/wav", signal: controller.signal },
          );
          url = URL.createObjectURL(await response.blob());
          urlsRef.current.set(messageId, url);
        } catch (failure) {
          if (controller.signal.aborted) return;
          setError(errorMessage(failure));
          setActive(null);
          return;
        } finally {
          if (fetchRef.current === controller) fetchRef.current = null;
          setLoading(false);
        }
      }
      audio.src = url;
      audio.onended = () => setActive((now) => (now === messageId ? null : now));
      try {
        await audio.play();
      } catch (failure) {
        // NotAllowedError: the browser's autoplay policy (no click on the page yet); AbortError: another play.
        if (failure instanceof DOMException && failure.name === "AbortError") return;
        setError(
          failure instanceof DOMException && failure.name === "NotAllowedError"
            ? "The browser blocked playing sound; press Play reply."
            : "The reply could not be played.",
        );
        setActive(null);
      }
    },
    [conversationId, stop],
  );

  const toggle = useCallback(
    (messageId: string) => {
      if (active === messageId) stop();
      else void play(messageId);
    },
    [active, play, stop],
  );

  return { active, loading, error, toggle, play: (id) => void play(id), stop };
}
