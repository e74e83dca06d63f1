import { z } from "@hono/zod-openapi";
import { PRD_SECTIONS, type PrdSection } from "./schemas.ts";

/**
 * How the offline interviewer turns an answer into tool calls (see src/chat/responders/interviewer-offline.ts):
 * - project_name: set_project_name (unless "keep")
 * - text: update_prd replace of a text section
 * - notes: update_prd append of {text} items, one per listed item
 * - target_users, journey, features, acceptance, nfr, metrics: update_prd with the section's item shape
 * - priority (choice): the chosen functional requirement becomes P0
 * - decision (choice): a decision-log entry
 * - platform (choice): a platform non-functional requirement
 * - screens: render_wireframe, one skeleton per named screen
 */
export type ApplyKind =
  | "project_name"
  | "text"
  | "notes"
  | "target_users"
  | "journey"
  | "features"
  | "acceptance"
  | "priority"
  | "nfr"
  | "metrics"
  | "screens"
  | "decision"
  | "platform";

export interface FlowStep {
  id: string;
  /** The PRD section the answer lands in; null for the project name. */
  section: PrdSection | null;
  title: string;
  /** `{name}` is replaced by the project name. */
  question: string;
  apply: ApplyKind;
  /** Choice steps ask through ask_user_question with lettered options; "features" lists the requirements. */
  options?: string[] | "features";
  /** For nfr steps: the category when the answer does not name one. */
  category?: string;
  /** For decision steps: how the chosen label reads in the decision log. */
  decision?: string;
  /**
   * Choice steps: other words people use for each option, so a free-text answer ("an iPhone app") finds its option
   * ("Native mobile app"). A free-text answer that matches no option is kept as the user's own answer.
   */
  aliases?: Record<string, string[]>;
}

export interface Interviewer {
  id: "pm" | "ux" | "engineer";
  name: string;
  role: string;
  communication_style: string;
  principles: string[];
  sections: PrdSection[];
  greeting: string;
  flow: FlowStep[];
}

export const INTERVIEWERS: Interviewer[] = [
  {
    id: "pm",
    // Built-ins go by short role names: human names belong to research personas, so the two never look alike in
    // tabs (which show the name with the role beside it).
    name: "PM",
    role: "Product manager",
    communication_style: "Friendly, structured and brief; one question at a time; sums up what it heard.",
    principles: [
      "Start from the problem and the people who have it, not from features.",
      "Every requirement needs a priority and a test that shows it works.",
      "Write down what is out of scope as carefully as what is in.",
      "Record decisions with their reasons.",
    ],
    // The product manager owns the whole document.
    sections: [...PRD_SECTIONS],
    greeting: "Hi, I'm your product manager. I'll walk you through the PRD one question at a time.",
    flow: [
      {
        id: "name",
        section: null,
        title: "Name the product",
        question: 'What is the product called? (Reply "keep" to keep "{name}".)',
        apply: "project_name",
      },
      {
        id: "overview",
        section: "overview",
        title: "Vision",
        question: "In a sentence or two, what is the vision: what will {name} do for its users?",
        apply: "text",
      },
      {
        id: "problem",
        section: "problem",
        title: "Problem",
        question: "What problem does it solve? What goes wrong for people today without it?",
        apply: "text",
      },
      {
        id: "target_users",
        section: "target_users",
        title: "Target users",
        question: "Who are the target users? Name one or more groups, separated by semicolons.",
        apply: "target_users",
      },
      {
        id: "user_journeys",
        section: "user_journeys",
        title: "Main user journey",
        question: 'Walk me through the main user journey: the steps a user takes, separated by "->".',
        apply: "journey",
      },
      {
        id: "features",
        section: "functional_requirements",
        title: "Functional requirements",
        question: "What must {name} do? List the key features, separated by semicolons.",
        apply: "features",
      },
      {
        id: "priority",
        section: "functional_requirements",
        title: "Priorities",
        question: "Which feature matters most for the first release?",
        apply: "priority",
        options: "features",
      },
      {
        id: "acceptance",
        section: "functional_requirements",
        title: "Acceptance criteria",
        question:
          "How will we know each feature works? Give one testable acceptance criterion per feature, in the same order, separated by semicolons.",
        apply: "acceptance",
      },
      {
        id: "nfr",
        section: "non_functional_requirements",
        title: "Non-functional requirements",
        question:
          "Any non-functional requirements: performance, security, privacy, accessibility, platforms? Separate them with semicolons.",
        apply: "nfr",
      },
      {
        id: "metrics",
        section: "success_metrics",
        title: "Success metrics",
        question:
          'How will we measure success? List metrics with targets, like "weekly active users: 1,000 by March", separated by semicolons.',
        apply: "metrics",
      },
      {
        id: "scope",
        section: "scope",
        title: "Scope",
        question: "What is in scope for the first release? Separate items with semicolons.",
        apply: "notes",
      },
      {
        id: "non_goals",
        section: "non_goals",
        title: "Non-goals",
        question: "What is explicitly out of scope: the non-goals? Separate them with semicolons.",
        apply: "notes",
      },
      {
        id: "screens",
        section: "wireframes",
        title: "Wireframes",
        question: "Which screens should we sketch? Name them, separated by commas.",
        apply: "screens",
      },
      {
        id: "assumptions",
        section: "assumptions",
        title: "Assumptions",
        question:
          "What are we assuming to be true about the users, the market or the technology? Separate with semicolons.",
        apply: "notes",
      },
      {
        id: "open_questions",
        section: "open_questions",
        title: "Open questions",
        question: "Which questions are still open? Separate them with semicolons.",
        apply: "notes",
      },
      {
        id: "release",
        section: "decision_log",
        title: "Release plan",
        question: "Last one: how should the first release ship?",
        apply: "decision",
        options: ["Internal beta", "Public beta", "General availability"],
        aliases: {
          "Internal beta": ["internal", "staff", "employees", "our team", "dogfood", "private beta", "alpha"],
          "Public beta": ["beta", "early access", "waitlist", "pilot", "preview", "open beta"],
          "General availability": ["ga", "everyone", "all users", "full launch", "public launch", "launch", "release"],
        },
        decision: "The first release ships as: {label}",
      },
    ],
  },
  {
    id: "ux",
    name: "UX",
    role: "UX designer",
    communication_style: "Warm and curious; asks about situations and feelings; thinks in screens and flows.",
    principles: [
      "Design for a real person in a real situation.",
      "The main journey must work before anything else is added.",
      "Accessible by default.",
      "Sketch early: a rough wireframe beats a long description.",
    ],
    sections: ["target_users", "user_journeys", "wireframes", "non_functional_requirements", "open_questions"],
    greeting: "Hello! I'm the UX designer. Let's picture the people using {name} and the screens they'll see.",
    flow: [
      {
        id: "target_users",
        section: "target_users",
        title: "Users and their situation",
        question:
          "Who will use {name}, and in what situation: where are they, on what device, how much time do they have? Separate groups with semicolons.",
        apply: "target_users",
      },
      {
        id: "user_journeys",
        section: "user_journeys",
        title: "Most important journey",
        question: 'Describe the most important journey step by step, separated by "->".',
        apply: "journey",
      },
      {
        id: "screens",
        section: "wireframes",
        title: "Screens",
        question: "Which screens does that journey need? Name them, separated by commas.",
        apply: "screens",
      },
      {
        id: "platform",
        section: "non_functional_requirements",
        title: "Platform",
        question: "Which platform should we design for first?",
        apply: "platform",
        options: ["Mobile web", "Native mobile app", "Desktop web"],
        aliases: {
          "Mobile web": ["phone browser", "mobile browser", "responsive", "pwa", "mobile site", "web app on phones"],
          "Native mobile app": [
            "iphone",
            "ios",
            "android",
            "app store",
            "play store",
            "native",
            "mobile app",
            "phone app",
          ],
          "Desktop web": ["desktop", "laptop", "computer", "pc", "mac", "big screen", "office"],
        },
      },
      {
        id: "accessibility",
        section: "non_functional_requirements",
        title: "Accessibility",
        question:
          "What accessibility needs should the design meet (for example WCAG 2.2 AA, screen readers, large text)? Separate them with semicolons.",
        apply: "nfr",
        category: "Accessibility",
      },
      {
        id: "research",
        section: "open_questions",
        title: "Research questions",
        question: "What do you still want to learn from users? Separate questions with semicolons.",
        apply: "notes",
      },
    ],
  },
  {
    id: "engineer",
    name: "Eng",
    role: "Engineer",
    communication_style: "Direct and precise; asks for numbers; names risks early.",
    principles: [
      "A requirement without a number is a wish.",
      "Prefer boring, well-understood technology.",
      "Security and privacy are requirements, not features.",
      "Write down assumptions so they can be tested.",
    ],
    sections: ["non_functional_requirements", "decision_log", "assumptions", "open_questions"],
    greeting: "Hi, I'm the engineer. A few precise questions about constraints and risks for {name}.",
    flow: [
      {
        id: "constraints",
        section: "non_functional_requirements",
        title: "Technical constraints",
        question:
          "What are the hard technical constraints: performance, scale, security, privacy? Give numbers where you can, separated by semicolons.",
        apply: "nfr",
      },
      {
        id: "hosting",
        section: "decision_log",
        title: "Hosting",
        question: "Where should it run?",
        apply: "decision",
        options: ["Managed cloud", "Self-hosted", "On the user's device"],
        aliases: {
          "Managed cloud": [
            "cloud",
            "aws",
            "azure",
            "gcp",
            "google cloud",
            "saas",
            "hosted",
            "vercel",
            "netlify",
            "heroku",
          ],
          "Self-hosted": [
            "self host",
            "on prem",
            "on premise",
            "on premises",
            "our own servers",
            "our servers",
            "data center",
            "docker",
            "kubernetes",
          ],
          "On the user's device": [
            "on device",
            "on-device",
            "locally",
            "local only",
            "offline",
            "phone only",
            "no server",
            "client side",
          ],
        },
        decision: "It runs on: {label}",
      },
      {
        id: "integrations",
        section: "non_functional_requirements",
        title: "Integrations",
        question: "Which systems, APIs or data sources does it depend on? Separate them with semicolons.",
        apply: "nfr",
        category: "Integration",
      },
      {
        id: "assumptions",
        section: "assumptions",
        title: "Technical assumptions",
        question: "What are we assuming about the technology, the data or the team? Separate with semicolons.",
        apply: "notes",
      },
      {
        id: "risks",
        section: "open_questions",
        title: "Risks and unknowns",
        question: "What are the biggest technical risks or unknowns? Separate them with semicolons.",
        apply: "notes",
      },
    ],
  },
];

export const BUILT_IN_INTERVIEWERS = INTERVIEWERS.map((i) => i.id);

export function findInterviewer(id: string): Interviewer | undefined {
  return INTERVIEWERS.find((i) => i.id === id);
}

export const InterviewerResource = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.string(),
    communication_style: z.string(),
    principles: z.array(z.string()),
    sections: z.array(z.string()),
    questions: z.array(
      z.object({
        id: z.string(),
        section: z.string().nullable(),
        title: z.string(),
        question: z.string(),
        kind: z.enum(["text", "choice"]),
        options: z.array(z.string()).optional(),
      }),
    ),
  })
  .openapi("Interviewer");
export type InterviewerResource = z.infer<typeof InterviewerResource>;

export function presentInterviewer(i: Interviewer): InterviewerResource {
  return {
    id: i.id,
    name: i.name,
    role: i.role,
    communication_style: i.communication_style,
    principles: i.principles,
    sections: i.sections,
    questions: i.flow.map((s) => ({
      id: s.id,
      section: s.section,
      title: s.title,
      question: s.question,
      kind: s.options ? "choice" : "text",
      ...(Array.isArray(s.options) ? { options: s.options } : {}),
    })),
  };
}
