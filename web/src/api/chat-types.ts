/** The conversations, projects and PRD API as the web app reads it: wire types generated from the OpenAPI document. */
import type * as Api from "../../../src/client/schema.ts";

export type ToolCall = Api.ToolCall;
export type ToolResult = Api.ToolResult;
export type Question = Api.Question;
export type QuestionOption = Question["options"][number];
export type Message = Api.Message;
export type MessageStatus = Message["status"];
export type Conversation = Api.Conversation;
export type ConversationListItem = Api.ConversationListItem;
export type Project = Api.Project;
export type Interviewer = Api.Interviewer;
export type PrdDocument = Api.PrdDocument;
export type WireframeRef = PrdDocument["wireframes"][number];
export type Prd = Api.Prd;
export type WhatsNextItem = Api.WhatsNextItem;
export type ChatStreamEvent = Api.ChatStreamEvent;

export const PRD_SECTIONS = [
  ["overview", "Overview and vision"],
  ["problem", "Problem"],
  ["target_users", "Target users"],
  ["user_journeys", "User journeys"],
  ["functional_requirements", "Functional requirements"],
  ["non_functional_requirements", "Non-functional requirements"],
  ["success_metrics", "Success metrics"],
  ["scope", "Scope"],
  ["non_goals", "Non-goals"],
  ["wireframes", "Wireframes"],
  ["open_questions", "Open questions"],
  ["assumptions", "Assumptions"],
  ["decision_log", "Decision log"],
] as const;
export type PrdSectionKey = (typeof PRD_SECTIONS)[number][0];
