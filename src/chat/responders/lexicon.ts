/**
 * Word lists of the offline persona's retrieval (data, not code): what a question's words say nothing about, and
 * which words of a question stand for which words of the material. A question rarely uses the material's words
 * ("Who signs off on purchases?" vs "her boss Dave approves anything over $5k"), so each group below lets any of its
 * phrases in a question also look for the others. Adding behaviour means adding a phrase to a group.
 */

/**
 * Amounts of money ("$5k", "£200", "40 euros") are indexed with this extra token, so a question about spending or
 * purchases finds a line that only names the amount.
 */
export const CURRENCY_TOKEN = "currencyamount";
export const CURRENCY_AMOUNT =
  /[$€£¥]\s?\d[\d,.]*(?:\s?(?:k|m|bn|million|thousand))?\b|\b\d[\d,.]*\s?(?:dollars|euros|pounds|usd|eur|gbp)\b/gi;

/** Words that carry no topic in a question or a note (asked about, not asked for). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a an the of and or to in on at for with by from as about into over under than then so if but not no nor " +
    "what which who whom whose when where why how do does did doing done you your yours yourself are is was were be " +
    "been being am i me my mine we us our ours it its this that these those there here any some much many more most " +
    "really very just please hi hello hey tell say said think thought feel know mean get got go going make thing things " +
    "kind sort lot way can could would should will shall may might must have has had let s t d ll re ve m um uh yeah " +
    "oh okay ok well like also too still even ever again anything something everything nothing one ones"
  ).split(" "),
);

/**
 * Groups of phrases that answer for one another. Phrases are matched as whole words in the question (after
 * lower-casing); every single word of the group is then searched too, with a lower weight than the question's own.
 */
export const RELATED: readonly (readonly string[])[] = [
  [
    "sign off",
    "signs off",
    "sign-off",
    "signoff",
    "approve",
    "approves",
    "approval",
    "approved",
    "authorise",
    "authorize",
    "authorises",
    "authorizes",
    "greenlight",
    "permission",
    "decide",
    "decides",
    "decision",
    "final say",
  ],
  [
    "purchase",
    "purchases",
    "purchasing",
    "buy",
    "buys",
    "buying",
    "spend",
    "spending",
    "expense",
    "expenses",
    "procurement",
    "budget",
    "cost",
    "costs",
    "price",
    "pricing",
    "pay",
    "invoice",
    CURRENCY_TOKEN,
  ],
  ["boss", "manager", "supervisor", "director", "head", "lead", "reports to", "line manager"],
  ["colleague", "colleagues", "coworker", "coworkers", "team", "teammates", "staff"],
  ["family", "kids", "children", "son", "daughter", "wife", "husband", "partner", "mother", "father", "parents"],
  ["job", "work", "role", "occupation", "career", "profession", "employer", "company"],
  ["live", "lives", "living", "based", "home", "city", "town", "moved"],
  [
    "frustrate",
    "frustrates",
    "frustrated",
    "frustrating",
    "frustration",
    "annoy",
    "annoys",
    "annoying",
    "hate",
    "hates",
    "pain",
    "problem",
    "problems",
    "struggle",
    "struggles",
    "difficult",
    "hard",
    "bother",
    "bothers",
    "drives me mad",
    "useless",
    "chaos",
  ],
  ["enjoy", "enjoys", "love", "loves", "like", "likes", "hobby", "hobbies", "fun", "free time", "weekend", "weekends"],
  ["goal", "goals", "want", "wants", "plan", "plans", "hope", "hopes", "aim", "dream", "ambition"],
  [
    "tool",
    "tools",
    "app",
    "apps",
    "software",
    "system",
    "spreadsheet",
    "spreadsheets",
    "platform",
    "vendor",
    "vendors",
    "supplier",
    "suppliers",
    "provider",
  ],
  ["choose", "chooses", "choosing", "pick", "picks", "select", "shortlist", "evaluate", "compare", "trial", "trials"],
  ["schedule", "schedules", "shift", "shifts", "rota", "roster", "rostering", "hours", "time"],
  ["money", "salary", "pay", "income", "afford", "price", "cost", CURRENCY_TOKEN],
  ["learn", "learning", "study", "studying", "course", "training", "degree", "qualification"],
  ["customer", "customers", "client", "clients", "patient", "patients", "user", "users"],
];
