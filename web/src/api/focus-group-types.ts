/** The focus-group API as the web app reads it: wire types generated from the OpenAPI document. */
import type * as Api from "../../../src/client/schema.ts";

export type FocusGroup = Api.FocusGroup;
export type FocusGroupWithMessages = Api.FocusGroupWithMessages;
export type FocusGroupMessage = Api.FocusGroupMessage;
export type FocusGroupStreamEvent = Api.FocusGroupStreamEvent;
