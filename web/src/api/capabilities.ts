import { useEffect, useState } from "react";
import type * as Api from "../../../src/client/schema.ts";
import { call, client } from "./client.ts";

/** GET /v1/capabilities: what the server can do, so the app offers only what works. */
export type Capabilities = Api.Capabilities;

/** Speech in and out; an engine is null when the server has none (then audio answers 501). */
export type VoiceCapabilities = Capabilities["voice"];

let pending: Promise<Capabilities> | undefined;

/** Fetched once per page load (they only change when the server restarts); a failure is retried next time. */
export function loadCapabilities(): Promise<Capabilities> {
  pending ??= call(client.GET("/v1/capabilities")).catch((error: unknown) => {
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
