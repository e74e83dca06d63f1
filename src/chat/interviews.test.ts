import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  buildApp,
  newTenantAuth,
  readJson as read,
  STORES,
  sendJson,
  testServices,
} from "../../test/support/services.ts";
import type { Services } from "../context.ts";
import { PrdResource } from "../prd/get-prd.ts";
import { ProjectResource } from "../prd/schemas.ts";
import { ConversationResource, MessageResource } from "./schemas.ts";

const Reply = z.object({ message: MessageResource, user_message: MessageResource });
const Page = z.object({ data: z.array(MessageResource), next_cursor: z.string().nullable() });
const Interviewers = z.object({ data: z.array(z.object({ id: z.string(), name: z.string() })) });

/** A PM interview the way people answer: names in phrases, asides that belong to other sections, free-text choices. */
const PM_ANSWERS: Record<string, string> = {
  name: "Let's call it YardWatch",
  overview: "YardWatch tells families when their garden needs care. It must work offline and sync later…",
  problem: "Plants die while families are busy or away.",
  target_users: "Busy parents; retirees. Open question: do we support multiple households?",
  user_journeys: "Open the app -> see alerts -> water the zone",
  features: "HOS risk alerts 2 hours ahead; watering schedule; iPhone app",
  priority: "the watering schedule, because it saves the most plants",
  acceptance: "An alert arrives 2 hours before frost; the schedule survives a restart",
  nfr: "Loads in under 2 seconds",
  metrics: "Weekly active families: 500 by June",
  scope: "Alerts; schedules",
  non_goals: "Social feed",
  screens: "Alerts: frost warning, zone list; Zone details: moisture, water now button",
  assumptions: "Families have Wi-Fi at home",
  open_questions: "Which sensors do we support?",
  release: "a public beta since we need feedback",
};

for (const store of STORES) {
  describe(`offline interviews that listen, on ${store.name}`, () => {
    let services: Services;
    let app: ReturnType<typeof buildApp>;
    let auth: Record<string, string>;

    beforeAll(async () => {
      services = await testServices({ DATABASE_URL: store.databaseUrl, AUTH_MODE: "apikey" });
      app = buildApp(services);
      auth = await newTenantAuth(services);
    });
    afterAll(async () => {
      await services.database.close();
    });

    const call = (method: string, path: string, body?: unknown) => sendJson(app, method, path, body, auth);
    const say = async (conversationId: string, content: string) => {
      const res = await call("POST", `/v1/conversations/${conversationId}/messages`, { content });
      expect(res.status).toBe(200);
      return read(res, Reply);
    };
    const project = async (name: string) => read(await call("POST", "/v1/projects", { name }), ProjectResource);
    const interview = async (projectId: string, interviewer: string) => {
      const res = await call("POST", `/v1/projects/${projectId}/conversations`, { interviewer });
      expect(res.status).toBe(201);
      return read(res, ConversationResource);
    };
    const firstMessage = async (conversationId: string) =>
      (await read(await call("GET", `/v1/conversations/${conversationId}/messages`), Page)).data[0];
    const prdOf = async (projectId: string) =>
      (await read(await call("GET", `/v1/projects/${projectId}/prd`), PrdResource)).document;

    async function runPm(projectId: string) {
      const c = await interview(projectId, "pm");
      let last = await firstMessage(c.id);
      for (let turn = 0; turn < 30 && last; turn++) {
        const step = typeof last.content === "string" ? stepOf(last) : undefined;
        if (!step) break;
        const reply = await say(c.id, PM_ANSWERS[step] ?? "skip");
        last = reply.message;
        if (/last question/.test(reply.message.content)) break;
      }
    }
    // The step an assistant message asked is not on the wire; the interviewer's flow order is, so follow the questions.
    const stepOf = (m: { content: string; question: { question: string } | null }) => {
      const text = `${m.content} ${m.question?.question ?? ""}`;
      const order: Array<[string, RegExp]> = [
        ["release", /how should the first release ship/],
        ["name", /What is the product called/],
        ["overview", /what is the vision/],
        ["problem", /What problem does it solve/],
        ["target_users", /Who are the target users/],
        ["user_journeys", /main user journey/],
        ["features", /List the key features/],
        ["priority", /Which feature matters most/],
        ["acceptance", /How will we know each feature works/],
        ["nfr", /Any non-functional requirements/],
        ["metrics", /How will we measure success/],
        ["scope", /What is in scope/],
        ["non_goals", /the non-goals/],
        ["screens", /Which screens should we sketch/],
        ["assumptions", /What are we assuming/],
        ["open_questions", /Which questions are still open/],
      ];
      return order.find(([, re]) => re.test(text))?.[0];
    };

    it("hears names in phrases, files asides where they belong and writes no placeholder text", async () => {
      const p = await project("Untitled");
      await runPm(p.id);
      const prd = await read(await call("GET", `/v1/projects/${p.id}/prd`), PrdResource);
      expect(prd.name).toBe("YardWatch");
      const doc = prd.document;
      expect(doc.overview).toBe("YardWatch tells families when their garden needs care.");
      expect(doc.non_functional_requirements.map((r) => [r.category, r.requirement])).toEqual([
        ["Reliability", "It must work offline and sync later…"],
        ["Performance", "Loads in under 2 seconds"],
      ]);
      expect(doc.target_users.map((u) => u.description)).toEqual(["Busy parents", "Retirees"]);
      expect(doc.open_questions.map((q) => q.text)).toEqual([
        "Do we support multiple households?",
        "Which sensors do we support?",
      ]);
      expect(doc.functional_requirements.map((r) => [r.title, r.priority, r.acceptance_criteria])).toEqual([
        ["HOS risk alerts 2 hours ahead", "P1", ["An alert arrives 2 hours before frost"]],
        ["Watering schedule", "P0", ["The schedule survives a restart"]],
        ["iPhone app", "P1", []],
      ]);
      expect(doc.decision_log.map((d) => [d.decision, d.rationale])).toEqual([
        ["The first release ships as: Public beta", "we need feedback"],
      ]);
      const md = await (await call("GET", `/v1/projects/${p.id}/prd?format=markdown`)).text();
      for (const odd of ["Let's call it", "IPhone", "chosen in the", "A user can", "from start to finish"]) {
        expect(md, odd).not.toContain(odd);
      }
      expect(md).toContain("because we need feedback");

      // Two described screens, two different sketches, each with what the user said is on it.
      expect(doc.wireframes.map((w) => w.name)).toEqual(["Alerts", "Zone details"]);
      const { wireframes } = await import("../db/schema.ts");
      const { eq } = await import("drizzle-orm");
      const rows = await services.database.db.select().from(wireframes).where(eq(wireframes.projectId, p.id));
      const ascii = new Map(rows.map((r) => [r.name, r.ascii]));
      expect(ascii.get("Alerts")).toContain("Frost warning");
      expect(ascii.get("Zone details")).toContain("Moisture");
      expect(ascii.get("Zone details")).toContain("[ Water now ]");
      expect(ascii.get("Alerts")).not.toBe(ascii.get("Zone details"));
    });

    it("asks a choice with its options whichever interviewer opens first, and reads free-text choices", async () => {
      const p = await project("Garden");
      await runPm(p.id);
      // The PM covered users, journeys and screens: the UX designer opens on its platform choice, options shown.
      const ux = await interview(p.id, "ux");
      const opening = await firstMessage(ux.id);
      expect(opening?.content).toMatch(/Which platform should we design for first/);
      expect(opening?.question).toEqual({
        question: "Which platform should we design for first?",
        options: [
          { key: "A", label: "Mobile web" },
          { key: "B", label: "Native mobile app" },
          { key: "C", label: "Desktop web" },
        ],
      });
      const answered = await say(ux.id, "an iPhone app");
      expect(answered.message.content).not.toMatch(/letters/);
      expect(answered.message.content).toMatch(/accessibility/);

      // The engineer opens on hosting (the PM covered the constraints); a letter answers it.
      const engineer = await interview(p.id, "engineer");
      expect((await firstMessage(engineer.id))?.question?.options.map((o) => o.label)).toEqual([
        "Managed cloud",
        "Self-hosted",
        "On the user's device",
      ]);
      await say(engineer.id, "B");

      const doc = await prdOf(p.id);
      expect(doc.non_functional_requirements.map((r) => r.requirement)).toContain("Design for native mobile app first");
      expect(doc.decision_log.map((d) => d.decision)).toContain("It runs on: Self-hosted");
    });

    it("asks for the name again when an answer names nothing, and files what belongs elsewhere meanwhile", async () => {
      const p = await project("Working title");
      const c = await interview(p.id, "pm");
      const aside = await say(c.id, "Open question: do we support multiple households?");
      expect(aside.message.content).toMatch(/Open questions \(OQ-1\)/);
      expect(aside.message.content).toMatch(/What is the product called/);
      const vague = await say(c.id, "I want something that helps families keep track of their garden every week");
      expect(vague.message.content).toMatch(/Just the name, please/);
      await say(c.id, "we call it YardWatch, it watches the yard");
      expect((await read(await call("GET", `/v1/projects/${p.id}`), ProjectResource)).name).toBe("YardWatch");
      expect((await prdOf(p.id)).open_questions.map((q) => q.text)).toEqual(["Do we support multiple households?"]);
    });

    it("names the built-in interviewers by their role, never like a research persona", async () => {
      const list = await read(await call("GET", "/v1/interviewers"), Interviewers);
      expect(list.data.map((i) => i.name)).toEqual(["PM", "UX", "Eng"]);
      const c = await interview((await project("Hello")).id, "pm");
      expect((await firstMessage(c.id))?.content).toMatch(/^Hi, I'm your product manager\./);
    });
  });
}
