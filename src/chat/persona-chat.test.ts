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
import { PersonaResource } from "../personas/present.ts";
import { ConversationResource, MessageResource } from "./schemas.ts";

const Reply = z.object({ message: MessageResource });

/** Third-person account notes (the example) and a transcript where an interviewer speaks as "I" too. */
const NOTES = [
  "Account notes, 2024-06-11.",
  "Priya Sharma is 41 and works as an operations manager at a logistics firm in Columbus, Ohio.",
  "She runs a team of 12 dispatchers.",
  "Her boss Dave approves anything over $5k.",
  "She is frustrated by manual route planning in spreadsheets.",
  "She also hates chasing drivers for delivery updates by phone.",
  "On weekends she goes hiking with her kids.",
].join("\n");
const TRANSCRIPT = [
  "Discovery call, 2024-07-02.",
  "INT: Thanks for joining. I'm Hannah, I'm based in Leeds and I run the research team.",
  "Priya: Happy to help. Um, so the thing that drives me mad is the carrier portal, it logs me out every hour.",
  "INT: How do you pick new tools?",
  "Priya: I shortlist two or three vendors and my team trials them for a month.",
].join("\n");

/** The sentences of a reply, for checking that none repeats. */
const sentencesOf = (text: string) =>
  text
    .split(/(?<=[.!?”])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);

for (const store of STORES) {
  describe(`offline persona chat from the material on ${store.name}`, () => {
    let services: Services;
    let app: ReturnType<typeof buildApp>;
    let auth: Record<string, string>;
    let persona: z.infer<typeof PersonaResource>;

    beforeAll(async () => {
      services = await testServices({ DATABASE_URL: store.databaseUrl, AUTH_MODE: "apikey" });
      app = buildApp(services);
      auth = await newTenantAuth(services);
      const res = await sendJson(app, "POST", "/v1/personas", { texts: [NOTES, TRANSCRIPT] }, auth);
      expect(res.status).toBe(201);
      persona = await read(res, PersonaResource);
    });
    afterAll(async () => {
      await services.database.close();
    });

    const chat = async () => {
      const res = await sendJson(app, "POST", `/v1/personas/${persona.id}/conversations`, undefined, auth);
      expect(res.status).toBe(201);
      return (await read(res, ConversationResource)).id;
    };
    const say = async (conversationId: string, content: string) => {
      const res = await sendJson(app, "POST", `/v1/conversations/${conversationId}/messages`, { content }, auth);
      expect(res.status).toBe(200);
      return (await read(res, Reply)).message;
    };

    it("answers who signs off on purchases from the material line, in the first person, citing its source", async () => {
      const reply = await say(await chat(), "Who signs off on purchases?");
      expect(reply.content).toMatch(/My boss Dave approves anything over \$5k/);
      expect(reply.content).not.toMatch(/41|years old/);
      expect(reply.citations?.[0]).toMatchObject({
        source_id: persona.sources[0]?.id,
        quote: "Her boss Dave approves anything over $5k.",
      });
    });

    it("says the persona's own words as they are, and never speaks an interviewer's 'I' as its own", async () => {
      const c = await chat();
      const tools = await say(c, "How do you choose new software vendors?");
      expect(tools.content).toContain("I shortlist two or three vendors and my team trials them for a month.");
      expect(tools.citations?.[0]).toMatchObject({ source_id: persona.sources[1]?.id });
      const leeds = await say(c, "What do you think of Leeds and the research team?");
      expect(leeds.content).not.toMatch(/I'm based in Leeds|I run the research team/);
    });

    it("answers a frustration question from every relevant line, without a repeated template line", async () => {
      const reply = await say(await chat(), "What frustrates you at work?");
      expect(reply.content).toMatch(/route planning|carrier portal|chasing drivers/);
      const sentences = sentencesOf(reply.content);
      expect(new Set(sentences).size).toBe(sentences.length);
      expect(reply.content.match(/Something that frustrates me/g) ?? []).toHaveLength(0);
      for (const citation of reply.citations ?? []) {
        const source = persona.sources.find((s) => s.id === citation.source_id);
        expect(source).toBeDefined();
      }
      expect((reply.citations ?? []).length).toBeGreaterThanOrEqual(2);
    });

    it("says so in character when nothing in the material is relevant, in other words on the next turn", async () => {
      const c = await chat();
      const first = await say(c, "What's your favourite programming language?");
      expect(first.content).toMatch(/don't know/i);
      expect(first.content).not.toMatch(/python|java|Dave|route/i);
      expect(first.citations).toEqual([]);
      const second = await say(c, "Which football team do you support?");
      expect(second.content).toMatch(/don't know/i);
      expect(second.citations).toEqual([]);
      // Two unanswerable questions in a row are not met with the same line.
      expect(sentencesOf(second.content)[0]).not.toBe(sentencesOf(first.content)[0]);
    });

    it("answers a fact from the persona's current value, which a hand edit may have changed", async () => {
      const res = await sendJson(
        app,
        "PATCH",
        `/v1/personas/${persona.id}`,
        { age: 42 },
        {
          ...auth,
          "content-type": "application/merge-patch+json",
        },
      );
      expect(res.status).toBe(200);
      const reply = await say(await chat(), "How old are you?");
      expect(reply.content).toMatch(/I'm 42 years old/);
      expect(reply.content).not.toMatch(/41/);
    });
  });
}
