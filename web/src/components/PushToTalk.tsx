import { type KeyboardEvent, type PointerEvent, useEffect, useId, useRef, useState } from "react";
import { levelOf, pickRecordingType } from "../lib/voice.ts";

/** Held at least this long, a press is push-to-talk (release stops); a shorter one toggles recording on. */
const HOLD_MS = 400;

type State = "idle" | "starting" | "recording";

/**
 * What the microphone should do to the sound. Automatic gain control pumps the level within words, which costs the
 * recognisers dearly (measured through Chromium's fake microphone on espeak-ng sentences: PocketSphinx heard "you are
 * you da da da te" with it and "we want a local airport…" without it for "we want a mobile app…"); noise
 * suppression's artefacts cost a little too. Echo cancellation stays, so a reply playing aloud is not recorded.
 */
const CAPTURE: MediaTrackConstraints = {
  channelCount: 1,
  echoCancellation: true,
  noiseSuppression: false,
  autoGainControl: false,
};

/** Whether this browser can record here (MediaRecorder and a microphone API; the latter needs a secure context). */
export function canRecord(): boolean {
  return (
    typeof window !== "undefined" &&
    typeof window.MediaRecorder === "function" &&
    typeof navigator.mediaDevices?.getUserMedia === "function"
  );
}

interface Live {
  stream: MediaStream;
  recorder: MediaRecorder;
  context: AudioContext | null;
  frame: number;
  timer: ReturnType<typeof setInterval>;
  startedAt: number;
  /** Set when the component goes away: the recording is dropped, not delivered. */
  discard: boolean;
  /** Set by Escape: the recording is dropped and the button is ready again. */
  cancelled: boolean;
}

function microphoneProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "Microphone access was refused.";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "No microphone was found.";
  if (name === "NotReadableError") return "The microphone is in use by another program.";
  return "Recording could not start.";
}

/**
 * Push-to-talk: hold the button (mouse, touch, or Space while it has focus) and speak, release to stop; or click
 * (Enter) once to start and again to stop. While recording, a level meter shows that the microphone hears you.
 * The recording is handed to `onRecorded`; recording stops by itself at `maxSeconds`.
 */
export function PushToTalk({
  onRecorded,
  onStart,
  disabled,
  maxSeconds,
  description,
}: {
  onRecorded: (audio: Blob, seconds: number) => void;
  /** Recording began (e.g. stop a reply playing aloud, so it is not recorded). */
  onStart?: () => void;
  disabled?: boolean;
  maxSeconds: number;
  /** Said after the button's name (e.g. that the engine is offline and low-accuracy). */
  description?: string;
}) {
  const id = useId();
  const [state, setState] = useState<State>("idle");
  const [seconds, setSeconds] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const liveRef = useRef<Live | null>(null);
  const meterRef = useRef<HTMLMeterElement>(null);
  const stateRef = useRef<State>("idle");
  const pressRef = useRef<{ at: number; started: boolean } | null>(null);
  // A press handled by pointer or Space is followed by the click the browser makes of it: that click is not a toggle.
  const swallowClickRef = useRef(false);
  const onRecordedRef = useRef(onRecorded);
  onRecordedRef.current = onRecorded;
  const maxRef = useRef(maxSeconds);
  maxRef.current = maxSeconds;

  const currentState = (): State => stateRef.current;
  const setBoth = (next: State) => {
    stateRef.current = next;
    setState(next);
  };

  const stop = () => {
    const live = liveRef.current;
    if (live && live.recorder.state !== "inactive") live.recorder.stop();
  };

  const start = async () => {
    if (stateRef.current !== "idle") return;
    setProblem(null);
    setSeconds(0);
    setBoth("starting");
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: CAPTURE });
    } catch (error) {
      setProblem(microphoneProblem(error));
      setBoth("idle");
      return;
    }
    // Read through a function: TypeScript would keep the narrowing from before the await.
    if (currentState() !== "starting") {
      // Unmounted while the browser asked for permission.
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    const mimeType = pickRecordingType((t) => MediaRecorder.isTypeSupported(t));
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(stream, mimeType ? { mimeType } : {});
    } catch {
      for (const track of stream.getTracks()) track.stop();
      setProblem("This browser cannot record audio.");
      setBoth("idle");
      return;
    }
    const chunks: Blob[] = [];
    const live: Live = {
      stream,
      recorder,
      context: null,
      frame: 0,
      timer: setInterval(() => {
        const elapsed = (performance.now() - live.startedAt) / 1000;
        setSeconds(Math.floor(elapsed));
        // Stop a little before the server's limit: the container adds a few hundred milliseconds.
        if (elapsed >= maxRef.current - 0.5) stop();
      }, 250),
      startedAt: performance.now(),
      discard: false,
      cancelled: false,
    };
    liveRef.current = live;
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    recorder.onstop = () => {
      const elapsed = (performance.now() - live.startedAt) / 1000;
      clearInterval(live.timer);
      cancelAnimationFrame(live.frame);
      void live.context?.close();
      for (const track of live.stream.getTracks()) track.stop();
      if (liveRef.current === live) liveRef.current = null;
      if (live.discard) return;
      setBoth("idle");
      if (meterRef.current) meterRef.current.value = 0;
      if (live.cancelled) {
        setProblem("Recording discarded.");
        return;
      }
      onRecordedRef.current(new Blob(chunks, { type: recorder.mimeType || mimeType || "audio/webm" }), elapsed);
    };
    recorder.start();
    setBoth("recording");
    onStart?.();
    watchLevel(live);
  };

  // The meter is written directly, not through React state: sixty renders a second for one bar is waste.
  const watchLevel = (live: Live) => {
    try {
      const context = new AudioContext();
      live.context = context;
      const analyser = context.createAnalyser();
      analyser.fftSize = 1024;
      context.createMediaStreamSource(live.stream).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      const tick = () => {
        analyser.getFloatTimeDomainData(samples);
        if (meterRef.current) meterRef.current.value = levelOf(samples);
        live.frame = requestAnimationFrame(tick);
      };
      tick();
    } catch {
      // No Web Audio: recording works without the meter.
    }
  };

  useEffect(
    () => () => {
      const live = liveRef.current;
      stateRef.current = "idle";
      if (!live) return;
      live.discard = true;
      if (live.recorder.state !== "inactive") live.recorder.stop();
    },
    [],
  );

  const press = () => {
    swallowClickRef.current = true;
    if (stateRef.current === "recording") {
      pressRef.current = null;
      stop();
      return;
    }
    pressRef.current = { at: performance.now(), started: stateRef.current === "idle" };
    void start();
  };

  const release = () => {
    const pressed = pressRef.current;
    pressRef.current = null;
    // Let the click that follows this release be swallowed, then accept clicks again.
    setTimeout(() => {
      swallowClickRef.current = false;
    }, 0);
    if (!pressed?.started) return;
    // Released while the browser was still asking for the microphone: keep recording until the next press.
    if (stateRef.current !== "recording") return;
    if (performance.now() - pressed.at >= HOLD_MS) stop();
  };

  const onPointerDown = (event: PointerEvent<HTMLButtonElement>) => {
    if (event.button !== 0 || disabled) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    press();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === "Escape" && liveRef.current && stateRef.current === "recording") {
      event.preventDefault();
      liveRef.current.cancelled = true;
      pressRef.current = null;
      stop();
      return;
    }
    if (event.key !== " " || disabled) return;
    event.preventDefault();
    if (!event.repeat) press();
  };
  const onKeyUp = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== " ") return;
    event.preventDefault();
    release();
  };
  // Enter, and assistive technology that clicks without pointer events: a toggle.
  const onClick = () => {
    if (swallowClickRef.current) {
      swallowClickRef.current = false;
      return;
    }
    if (stateRef.current === "recording") stop();
    else void start();
  };

  const recording = state === "recording";
  return (
    <span className="push-to-talk">
      <button
        type="button"
        className={recording ? "ptt recording" : "ptt"}
        aria-pressed={recording}
        aria-label="Push to talk"
        aria-describedby={description ? `${id}-about` : undefined}
        title={
          recording
            ? "Recording: release (or press again) to stop, Escape to discard"
            : `Hold to talk, or press once to start and again to stop${description ? ` (${description})` : ""}`
        }
        disabled={disabled && !recording}
        onPointerDown={onPointerDown}
        onPointerUp={release}
        onPointerCancel={release}
        onKeyDown={onKeyDown}
        onKeyUp={onKeyUp}
        onClick={onClick}
      >
        <svg
          aria-hidden="true"
          width="16"
          height="16"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <rect x="9" y="3" width="6" height="11" rx="3" fill={recording ? "currentColor" : "none"} />
          <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
        </svg>
        <span className="ptt-label">Talk</span>
      </button>
      {description ? (
        <span id={`${id}-about`} className="visually-hidden">
          {description}
        </span>
      ) : null}
      {recording ? (
        <>
          <meter
            ref={meterRef}
            className="level"
            min={0}
            max={1}
            low={0.25}
            high={0.9}
            optimum={0.6}
            value={0}
            aria-label="Microphone level"
          >
            Microphone level
          </meter>
          <span className="small muted" aria-hidden="true">
            {seconds} s / {Math.floor(maxSeconds)} s
          </span>
        </>
      ) : null}
      <span className="visually-hidden" role="status">
        {recording ? "Recording. Release or press again to stop; Escape discards it." : ""}
      </span>
      {problem ? (
        <span className="small error-text" role="alert">
          {problem}
        </span>
      ) : null}
    </span>
  );
}
