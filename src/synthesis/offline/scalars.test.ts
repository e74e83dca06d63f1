import { describe, expect, it } from "vitest";
import { extractOffline } from "../extract-offline.ts";
import type { CleanSource } from "../types.ts";

/** The scalar value the offline engine picks for `field` from the given texts (one source per text). */
function scalar(field: string, ...texts: string[]): string | number | null {
  const sources: CleanSource[] = texts.map((text, order) => ({ id: `s${order}`, kind: "text", text, order }));
  const claim = extractOffline(sources).claims.find((c) => c.field === field);
  return claim ? claim.value : null;
}

describe("age", () => {
  it.each([
    ["I'm 52 and still learning new tricks at work.", 52],
    ["Frankly I am 61 years old now and tired of paperwork.", 61],
    ["turning 45 in June, which feels unreal", 44],
    ["Quick note for the team: my 30th is next Friday, drinks on me.", 29],
    ["My 50th was last weekend and the cake was enormous.", 50],
    ["31 today and I still can't cook rice properly.", 31],
    ["Long-time lurker here. 27F, junior architect, first post.", 27],
    ["I'm Bruna, I'm a vet and I turn 35 next Tuesday!", 34],
    ["Hoi! Ik ben Joris, 42 jaar, en ik woon in Zwolle.", 42],
    ["Member profile: Omar Farouk, 46, quantity surveyor, Doha.", 46],
    ["Dina here — 36 years old, midwife, Quito.", 36],
    ["Bio: Teresa Lindqvist, age 52, lives in Uppsala.", 52],
    ["How old are you? Forty-two.", 42],
    ["I'm Gil, seventy-three years old and still sailing.", 73],
    ["Profile: Ilse Vermeer\nIlse's a radiographer in Arnhem. She's 44.", 44],
    ["Aloha! Keanu here, 24, just got my first job on the boats.", 24],
    ["I'm a retired postman, 71, and I walk the dog twice a day.", 71],
    ["Ich bin 33 Jahre alt und wohne seit Jahren hier.", 33],
    ["Bonjour ! J'ai 47 ans et je cuisine tous les jours.", 47],
    ["Olá, tenho 28 anos e adoro surfar.", 28],
    ["Hallo zusammen! Ich bin Jonas, 31, und repariere Fahrräder.", 31],
    ["Hi, I'm Tomasz Wiśniewski — 44, freelance sound engineer.", 44],
  ])("%j -> %j", (text, age) => {
    expect(scalar("age", text)).toBe(age);
  });

  it("answers a form's age question", () => {
    expect(scalar("age", "How old are you? 63\nWhere do you live? Near the coast.")).toBe(63);
  });

  it("takes no age stated a year or more before the newest date of the material", () => {
    const page = "Guest list, 3 June 2019\nMara Voss, 30, bakes rye bread in Kiel.";
    expect(scalar("age", page, "Date: 8 May 2025\nHello, Mara here: could we try the pilot?")).toBeNull();
    // Within the year the statement still holds.
    expect(scalar("age", page, "Date: 20 October 2019\nHello, Mara here: could we try the pilot?")).toBe(30);
  });

  it.each([
    ["Our bakery was founded in 1998 and I have worked here for 20 years."],
    ["My students are aged 11 to 14 and very loud."],
    ["💬 Marta Silva (Recruiter, Northwind): I'm 41 and I still love this job"],
    ["I've been teaching for 19 years now."],
    ["It was 25F outside this morning, far too cold for me."],
    ["Posted by mo_bakes\n💬 Reply from Sam: I'm 30 and still waiting on my license lol"],
    ["I'm Gus. Our farm, 40 years old this year, is my pride."],
    ["I'm Jo. My kids, age 5 and 7, love it."],
    ["I'm Paul. At age 25 I quit my job."],
    ["I'm Eva. My house is 100 years old and my dog is 12 years old."],
    // A count of years of something else, and a working-hours range.
    ["I'm 6 years sober and proud of it."],
    ["I'm 9 to 5 in an office, so evenings are mine."],
    ["Posts by Ana Sosa\nI lead the bird walk.\n  ↳ Comment, Gonzalo P. (Canelones): Ana, I'm 35 and came last month!"],
    ["Posts by Ana Sosa\nI lead the bird walk.\n  ↳ Reply from Gonzalo: Ana, I'm 35 and loved it!"],
  ])("takes no age from %j", (text) => {
    expect(scalar("age", text)).toBeNull();
  });
});

describe("occupation", () => {
  it.each([
    ["I teach biology at a small secondary school outside the city.", "biology teacher"],
    ["I've been nursing for nine years, mostly on night shifts.", "nurse"],
    ["Been farming this valley since my father retired.", "farmer"],
    ["If you're new here: I brew beer. It's my day job and my obsession.", "beer brewer"],
    ["I've been translating Korean novels for a decade.", "translator"],
    ["My day job is data analyst for a regional bank.", "data analyst"],
    ["Big news: started as Senior Backend Engineer at Fernwood last month.", "Senior Backend Engineer"],
    ["As a community pharmacist in a busy town, I see everything.", "community pharmacist"],
    ["I'm the head gardener at a historic estate, and I love it.", "head gardener"],
    ["I run a small guesthouse by the harbour with my husband.", "guesthouse owner"],
    ["Ich bin Mara, 29, gelernte Tischlerin und arbeite in einer Werkstatt.", "carpenter"],
    ["Je suis infirmière depuis dix ans.", "nurse"],
    ["I've been driving buses for twenty years and I still enjoy it.", "bus driver"],
    ["I've spent the last six years as a line cook in a busy diner.", "line cook"],
    ["I work from home these days as a freelance bookkeeper.", "freelance bookkeeper"],
    ["We've been running our tiny bookshop since 2012.", "bookshop owner"],
    ["About me: Staff nurse on a busy surgical ward. Dog person.", "Staff nurse"],
    ["Profile: Ilse Vermeer\nIlse's a radiographer in Arnhem. She's 44.", "radiographer"],
    ["About Kenji Sato\nKenji joined Larkfield as a quality inspector in 2020.", "quality inspector"],
    ["Meet Ana Folau\nAna has been a school librarian for 12 years.", "school librarian"],
    ["I'm Ola, the founder/CEO of a small robotics startup.", "founder/CEO"],
    ["I'm Ravi, an RN in a busy ICU.", "RN"],
    ["I'm Mira, a QA team lead at a games studio.", "QA team lead"],
    ["I'm Aron. I make violins.", "violin maker"],
    ["I'm Bo. I make furniture for a living.", "furniture maker"],
    ["I'm Dee. I run a dental clinic in a small town.", "dentist"],
    ["I'm Eve. I run a law firm with two partners.", "lawyer"],
    ["I'm Fox. I teach history, mostly to teenagers, in a big comprehensive school.", "history teacher"],
    ["What do you do? Nurse at St Mary's, mostly nights.", "Nurse"],
    ["Ciao! Sono Giulia, ho 33 anni e faccio la fotografa a Trieste.", "photographer"],
    ["Hallo, ik ben Bram en ik werk als timmerman in Deventer.", "carpenter"],
    ["Olá! Sou o Tiago, sou carpinteiro em Braga.", "carpenter"],
    ["I'm Leo, in my 40s, and I design kitchens for a living.", "kitchen designer"],
    ["I'm Pita, and I'm a tour guide most of the year.", "tour guide"],
    ["I'm Ivo, a senior social worker with the county.", "senior social worker"],
    // A rank that is also an adjective keeps the noun it qualifies.
    ["KAI LEHTO, principal oboe\n\nKai Lehto plays with the city orchestra.", "principal oboe"],
    ["I'm the principal at a small village school.", "principal"],
  ])("%j -> %j", (text, role) => {
    expect(scalar("occupation", text)).toBe(role);
  });

  it("reads a fragment answer after an interview question", () => {
    const text = "INT: And what do you do?\nP3: Wedding photographer — mostly outdoor ceremonies.";
    expect(scalar("occupation", text)).toBe("Wedding photographer");
  });

  it("reads a form answer to a day-job question", () => {
    expect(scalar("occupation", "What's your day job? Paediatric physiotherapist, part-time.")).toBe(
      "Paediatric physiotherapist",
    );
  });

  it("drops a word of praise before the role", () => {
    expect(scalar("occupation", "Profile: Kemi Adebayo\nKemi is a diligent QA engineer who loves puzzles.")).toBe(
      "QA engineer",
    );
  });

  it("does not take a degree alone as the occupation", () => {
    const text = "Committee meeting 3\nCandidate: Mina Kowal (PhD, year 3) · Advisor: Prof. Ann Reid\nMina presented.";
    expect(scalar("occupation", text)).toBeNull();
    expect(scalar("occupation", "Ana Ruiz (MBA) is our new head of sales.\nAna starts Monday.")).not.toBe("MBA");
  });

  it("keeps two joined titles in a contact line, '&' spelled 'and'", () => {
    const text = "Oskar Lindqvist — Owner & Head Chef\nOskar wants a new booking system before summer.";
    expect(scalar("occupation", text)).toBe("Owner and Head Chef");
    // The second title runs to its last head word: "Principal" alone would cut the job off.
    const vet = "Lerato Dube\nOwner & Principal Veterinarian, Hillside Animal Clinic\nLerato wants online booking.";
    expect(scalar("occupation", vet)).toBe("Owner and Principal Veterinarian");
    // A bare "owner" says nothing of the work: the title joined to it by "and" is kept.
    expect(scalar("occupation", "I'm the owner and head baker — bread and cakes for the village.")).toBe(
      "owner and head baker",
    );
  });

  it("prefers the newer dated role", () => {
    const text =
      "2021-04-02\nAs a junior copywriter at Blue Ox, I wrote taglines all day.\n2024-05-10\nStarted as Content Lead at Harbourline today!";
    expect(scalar("occupation", text)).toBe("Content Lead");
  });

  it.each([
    ["I bake sourdough on weekends for my friends."],
    ["I've been teaching myself the guitar for two years."],
    ["I'm a hard worker and a natural leader."],
    ["I'm a proud dog owner and a big believer in naps."],
    ["From: Noor Haddad\nTo: Felix Brandt\nSubject: invoice"],
    ["I used to be an ex-pro cyclist."],
    ["I'm Noor, and I coach my daughter's football team on Saturdays."],
    ["I'm Femi. My manager, a former nurse, is 58."],
    ["I'm Bea. I started a new school this year and I'm nervous."],
    ["I'm Cem. I run a workshop for new parents once a month."],
    ["I'm Cy. I make dinner for the kids most nights."],
    ["Occupation: we need a tool for invoices"],
    ["I'm Ben. I'm a dad, a runner, and a terrible cook."],
    ["I'm Dana. I'm a nurse by training but these days I work in sales."],
    ["I'm Wanjiru. Tram into town this morning: a conductor who sang at every stop."],
    // Owning or founding something, with nothing of the work, is no occupation.
    ["Signed up by Mira Holm\nMira Holm, founder/owner · Harbour Lane 4"],
    // "social" is an adjective: only a head it modifies ("social worker") names a job.
    ["I'm Rhys and I'm a social butterfly at weddings."],
    ["I'm a social media junkie, to be honest."],
    // Ownership joined only to a rank says nothing of the work; a placeholder or the form's own part is no job.
    ["Signed up by Mira Holm\nMira Holm\nOwner & Director"],
    ["Occupation: N/A (between jobs)\nI'm Ola, 33, and I miss having a routine."],
    ["Position: Applicant\nName: Dolores Abate"],
    // A verb of work without its object is an activity: "yes, I bake" is no baker.
    ["I'm Uma. Oh yes, Tomas, I bake."],
  ])("takes no occupation from %j", (text) => {
    expect(scalar("occupation", text)).toBeNull();
  });
});

describe("location", () => {
  it.each([
    ["These days I'm based out of Valparaíso and loving the hills.", "Valparaíso"],
    ["It's early morning here in Kraków and the coffee is strong.", "Kraków"],
    ["Hi all, I'm calling from a very snowy Winnipeg today.", "Winnipeg"],
    ["I'm a Nairobi-based sound engineer working mostly on podcasts.", "Nairobi"],
    ["Where do you live? Ghent, near the old harbour.", "Ghent"],
    ["City / area: Tallinn (Kalamaja)", "Tallinn"],
    ["Ich wohne in Graz und arbeite im Krankenhaus.", "Graz"],
    [
      "Hi Tom,\nI am sending the invoice for the shelving job today.\nThanks again,\nMarisol Ortega\nTaller Ortega · Avenida del Sol 221, Colonia Centro, Mérida, Yuc.",
      "Mérida",
    ],
    [
      "Hallo Frau Berg,\nich habe das Rad repariert, Abholung ab Montag.\nViele Grüße\nJonas Keller\nRadladen Keller · Kastanienweg 7, 79098 Freiburg",
      "Freiburg",
    ],
    [
      "Hi Sam,\nI can deliver forty boxes of pears next week if the weather holds.\nCheers,\nDana Whitfield\nHollow Creek Orchard · Hood River, OR",
      "Hood River, OR",
    ],
    ["We run a small farm just outside Ballarat with our two kids.", "Ballarat"],
    ["Originally from Accra, but I've lived in Hamburg for nine years now.", "Hamburg"],
    ["When I'm not at work I climb. Live in Flagstaff, AZ.", "Flagstaff, AZ"],
    ["I drive a bus for the city of Tampere and love the early shifts.", "Tampere"],
    ["Je m'appelle Inès, je suis fleuriste à Nantes.", "Nantes"],
    ["I'm Pavel — 31 — backend developer at a Warsaw startup.", "Warsaw"],
    ["I'm Mei. I was born in 1990 in Tainan and now live in Calgary.", "Calgary"],
    ["Kia ora from Napier! I'm Hemi and I fix boats.", "Napier"],
    ["I'm Bea. I'm originally from Cork but I live in Boston now.", "Boston"],
    ["Hi, I'm Dana and I live in St. Albans with my two dogs.", "St. Albans"],
    // A note line drops the subject of "lives"; a name with an age between still owns the verb.
    ["Profile: Dana Okafor\nLives in Leeds with two cats.", "Leeds"],
    ["Dana Okafor, 41, lives in Leeds.", "Leeds"],
    ["Hi, Hana here. Moved to Lyon in 2019 and then to Annecy last year.", "Annecy"],
    ["Notes: Greta is 63, a retired nurse from Bremen, now lives near Kiel.", "Kiel"],
    ["I own a tiny nail salon in Accra and I'm turning 30 next month.", "Accra"],
    ["Hallo, ik ben Bram en ik werk als timmerman in Deventer.", "Deventer"],
    ["Hola, soy Lucía, soy enfermera en Valencia y tengo 31 años.", "Valencia"],
    ["Olá! Sou o Tiago, sou carpinteiro em Braga.", "Braga"],
    ["I'm thirty-four and I run a food truck in Portland.", "Portland"],
    ["I'm Ivy. I live in Shibuya, Tokyo, with two cats.", "Tokyo"],
    ["Hi all, I'm Sam and I'm in Leeds. I fix boilers.", "Leeds"],
    ["I'm Uma, a resident of Galway for twenty years.", "Galway"],
    ["I'm Vic. I love Melbourne, where I live with my partner.", "Melbourne"],
    ["Thanks so much,\nXavier Dubois\nSenior Architect\nLyon, France", "Lyon, France"],
    [
      "Hi team, quick update from my side.\nBest,\nDr. Samuel Osei\nConsultant Cardiologist, St Luke's Hospital, Accra",
      "Accra",
    ],
    ["I'm an analyst at a small fintech, working remotely from Cork for colleagues who are mostly in Berlin.", "Cork"],
  ])("%j -> %j", (text, place) => {
    expect(scalar("location", text)).toBe(place);
  });

  it("reads a signature's organisation line as the writer's, not another person's", () => {
    const email = [
      "From: Kaveh Rostami",
      "Re: committee meeting · School of Plant Biology",
      "Hi all, the draft is attached.",
      "Best,",
      "Kaveh",
      "",
      "Kaveh Rostami",
      "PhD Candidate · Soil Lab",
      "School of Plant Biology, University of Regina · Regina, SK",
    ].join("\n");
    expect(scalar("location", email)).toBe("Regina, SK");
  });

  it("lets a newer move beat an older record's city field", () => {
    const text = [
      "Contact: Gil Romero | City: Omaha, NE | Record last edited: 2022-11-30",
      "ACTIVITY · 2022-11-25 · call",
      "- Gil runs the night shift at the depot.",
      "ACTIVITY · 2025-06-12 · call",
      "- Moved the kids to Tucson spring '24.",
    ].join("\n");
    expect(scalar("location", text)).toBe("Tucson");
  });

  it("reads a district the text places in its one known town as that town", () => {
    const text = [
      "Visit notes · Porto · 3 May 2025 · Where: her studio, Bonfim quarter",
      "I'm Rita, I make ceramics. I've had my little studio here in Bonfim for six years.",
    ].join("\n");
    expect(scalar("location", text)).toBe("Porto");
  });

  it("lets the newer dated statement win", () => {
    const text =
      "2020-02-01\nLiving in Bristol for now, who knows what's next.\n2023-08-15\nNew job! Joined as a nurse at St Mary's in Galway this week.";
    expect(scalar("location", text)).toBe("Galway");
  });

  it.each([
    ["Another guest from Airbnb cancelled on me last night, so annoying."],
    ["My bike is still in my parents' garage in Leeds, sadly."],
    ["My goal is to open a second studio in Bologna by next summer."],
    ["I grew up in Tampere but never went back."],
    ["My business partner Kofi Mensah (finance, based in Accra) handles the books."],
    ["I'm Ana. Our shop ships to customers in Germany and France."],
    ["I'm Karl. Our company was founded in 1987 in Stuttgart by my grandfather."],
    ["I'm Eli. I visited Kyoto last spring and I want to move to Vancouver someday."],
    ["I'm Lin. We loved Paris, Rome, and Vienna on our honeymoon."],
    ["I'm Hal. Last year I spoke in Heidelberg at a conference."],
    ["I'm Kai. I flew from Denver to Boston for a wedding."],
    ["I'm Theo. Ordered from Etsy again, and my parcel came from Shenzhen."],
    ["I'm Lea. We spent a week in Lisbon on holiday."],
    ["I'm Tia. I'm in Berlin for a conference this week."],
    ["I'm Yan. I'm in a bad mood today."],
    ["I'm Zed. I'm in IT and I love it."],
    ["Hi, I'm Tom, I'm from Brightline and we make scheduling software."],
    ["Hi Sara, this is Tom calling from Brightline about your renewal."],
    ["I'm Amy. I run the chess club at the Eastfield library every week."],
    ["I'm Ravi. I'm a designer at a small agency that's mostly in Lisbon."],
    ["Goals\n- Open a 3rd shop in Ghent in 2028."],
    // Another person's home: a kinship subject, or a named other person before "lives".
    ["I'm Dee. My sister lives in Leeds and I visit her most weekends."],
    ["Name: Olu Adeyemi\nThe boiler is broken. The landlord, Mr Grant, lives in Spain and doesn't answer."],
  ])("takes no location from %j", (text) => {
    expect(scalar("location", text)).toBeNull();
  });
});
