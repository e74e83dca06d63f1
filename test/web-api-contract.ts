/**
 * The web app mirrors the API's wire types by hand (web/src/api/*-types.ts) so that its bundle carries no zod.
 * This file keeps the mirror honest: `tsc --noEmit -p .` (run by .ci/run) fails when a response the server can send
 * no longer fits the type the web app reads it as. Nothing here runs; it only has to compile.
 */
import type { z } from "zod";
import type * as Server from "../src/chat/schemas.ts";
import type { PersonaSummary } from "../src/personas/list.ts";
import type { Changes, Conflict } from "../src/personas/merge.ts";
import type { PersonaResource } from "../src/personas/present.ts";
import type { PersonaVersion, VersionSummary } from "../src/personas/versions.ts";
import type { PrdResource } from "../src/prd/get-prd.ts";
import type { InterviewerResource } from "../src/prd/interviewers.ts";
import type { ProjectResource, WhatsNextItem } from "../src/prd/schemas.ts";
import type { Capabilities } from "../src/system/capabilities.ts";
import type * as WebCapabilities from "../web/src/api/capabilities.ts";
import type * as WebChat from "../web/src/api/chat-types.ts";
import type * as Web from "../web/src/api/types.ts";

/** Compiles only when every value the server sends (`Sent`) is a value the web app accepts (`Read`). */
type Fits<Sent, Read> = [Sent] extends [Read] ? true : { sent: Sent; read_as: Read };
type Check<T extends true> = T;

export type WebApiContract = [
  Check<Fits<z.output<typeof PersonaResource>, Web.PersonaResource>>,
  Check<Fits<PersonaSummary, Web.PersonaListItem>>,
  Check<Fits<z.output<typeof Changes>, Web.Changes>>,
  Check<Fits<z.output<typeof Conflict>, Web.Conflict>>,
  Check<Fits<z.output<typeof VersionSummary>, Web.VersionSummary>>,
  Check<Fits<z.output<typeof PersonaVersion>, Web.PersonaVersion>>,
  Check<Fits<z.output<typeof Server.MessageResource>, WebChat.Message>>,
  Check<Fits<z.output<typeof Server.ConversationResource>, WebChat.Conversation>>,
  Check<Fits<z.output<typeof Server.ConversationListItem>, WebChat.ConversationListItem>>,
  Check<Fits<z.output<typeof ProjectResource>, WebChat.Project>>,
  Check<Fits<z.output<typeof InterviewerResource>, WebChat.Interviewer>>,
  Check<Fits<z.output<typeof PrdResource>, WebChat.Prd>>,
  Check<Fits<z.output<typeof WhatsNextItem>, WebChat.WhatsNextItem>>,
  Check<Fits<z.output<typeof Capabilities>, WebCapabilities.Capabilities>>,
];
