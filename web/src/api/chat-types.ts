/** Wire types of the conversations, projects and PRD API (/v1/conversations, /v1/projects, /v1/interviewers). */

export interface ToolCall {
  id: string;
  name: string;
  args: unknown;
}

export interface ToolResult {
  id: string;
  name: string;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export interface QuestionOption {
  key: string;
  label: string;
}

export interface Question {
  question: string;
  options: QuestionOption[];
}

export type MessageStatus = "complete" | "incomplete" | "error";

export interface Message {
  id: string;
  conversation_id: string;
  seq: number;
  role: "user" | "assistant";
  content: string;
  status: MessageStatus;
  tool_calls: ToolCall[];
  tool_results: ToolResult[];
  question: Question | null;
  citations?: { field: string; source_id: string; quote: string }[];
  created_at: string;
}

export interface Conversation {
  id: string;
  kind: "persona" | "interview";
  persona_id: string | null;
  project_id: string | null;
  interviewer: string | null;
  engine: "offline" | "llm";
  streaming: boolean;
  message_count: number;
  summary: string | null;
  created_at: string;
  updated_at: string;
}

/** An item of GET /v1/personas/{id}/conversations and GET /v1/projects/{id}/conversations. */
export interface ConversationListItem extends Conversation {
  last_message_at: string | null;
  preview: string | null;
}

export interface Project {
  id: string;
  name: string;
  slug: string;
  persona_ids: string[];
  prd_revision: number;
  sections: { covered: string[]; missing: string[] };
  created_at: string;
  updated_at: string;
}

export interface Interviewer {
  id: string;
  name: string;
  role: string;
  communication_style: string;
  principles: string[];
  sections: string[];
}

export interface PrdItem {
  id: string;
  [key: string]: unknown;
}

export interface WireframeRef {
  id: string;
  wireframe_id: string;
  name: string;
  url: string;
}

export interface PrdDocument {
  overview: string | null;
  problem: string | null;
  target_users: { id: string; description: string; persona_id: string | null }[];
  user_journeys: { id: string; title: string; steps: string[] }[];
  functional_requirements: {
    id: string;
    title: string;
    description: string | null;
    priority: "P0" | "P1" | "P2";
    acceptance_criteria: string[];
  }[];
  non_functional_requirements: { id: string; category: string | null; requirement: string }[];
  success_metrics: { id: string; metric: string; target: string | null }[];
  scope: { id: string; text: string }[];
  non_goals: { id: string; text: string }[];
  wireframes: WireframeRef[];
  open_questions: { id: string; text: string }[];
  assumptions: { id: string; text: string }[];
  decision_log: { id: string; decision: string; rationale: string | null; date: string }[];
}

export interface Prd {
  project_id: string;
  name: string;
  revision: number;
  cause: string;
  updated_at: string;
  document: PrdDocument;
}

export interface WhatsNextItem {
  id: string;
  title: string;
  status: "todo" | "in_progress" | "done";
}

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
