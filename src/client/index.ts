/**
 * The typed client of the Persona Studio API: openapi-fetch over the types that openapi-typescript generates from the
 * server's own OpenAPI document (schema.ts, `npm run client:generate`). Every path, parameter, body and answer is
 * typed; nothing here is written by hand but the authentication.
 *
 *   import { createPersonaStudioClient } from "persona-studio/client";
 *   const api = createPersonaStudioClient({ baseUrl: "http://127.0.0.1:3000", apiKey: process.env.PS_KEY });
 *   const { data, error } = await api.POST("/v1/personas", { body: { texts: ["I'm Maya, a nurse in Denver."] } });
 */
import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import type { paths } from "./schema.ts";

export type * from "./schema.ts";

export interface PersonaStudioClientOptions extends Omit<ClientOptions, "baseUrl"> {
  /** The server's origin, e.g. "http://127.0.0.1:3000" (the paths start with /v1). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; a function is asked on every request (a key that can change or be cleared). */
  apiKey?: string | null | (() => string | null | undefined);
}

export type PersonaStudioClient = Client<paths>;

export function createPersonaStudioClient({ apiKey, ...options }: PersonaStudioClientOptions): PersonaStudioClient {
  const client = createClient<paths>(options);
  if (apiKey) {
    client.use({
      onRequest({ request }) {
        const key = typeof apiKey === "function" ? apiKey() : apiKey;
        if (key) request.headers.set("Authorization", `Bearer ${key}`);
        return request;
      },
    });
  }
  return client;
}
