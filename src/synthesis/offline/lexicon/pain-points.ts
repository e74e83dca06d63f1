/**
 * Named pains that read the same wherever they appear: surface -> canonical. Not "poor sleep" (first contact 0/1:
 * someone else's), "dry season" (a season's name, 0/1), a past "couldn't log in" (a problem that was, 0/1), nor the
 * phrasings lifted from one labelled case ("we're short all the time", "70% meetings", "pays at 90 days", "dry
 * winters").
 */
export const PAIN_WORDS: readonly [RegExp, string][] = [
  [/\b(?:imposter|impostor) syndrome\b/i, "imposter syndrome"],
  [/\bburn(?:ed|t)? ?out\b/i, "burnout"],
  // Not the guidebook ("Lonely Planet") nor the exclamation ("good grief").
  [/\blonel(?:y|iness)\b(?! planet)/i, "loneliness"],
  [/(?<!\bgood )\bgrie(?:f|ving)\b/i, "grief"],
  [/\bhomesick(?:ness)?\b|\bmiss(?:ing)? home\b/i, "homesickness"],
  [/\bshort[- ]staffed\b|\bunder-?staff(?:ed|ing)\b|\bstaff shortages?\b/i, "short staffing"],
  [/\bcost of living\b/i, "high cost of living"],
  [/\b(?:too many|back-to-back) meetings\b/i, "too many meetings"],
  [/\bpa(?:y|ys|id) (?:me )?late\b|\blate pay(?:ers?|ments?)\b|\bslow payers?\b/i, "late payments"],
  [/\btranslation costs?\b/i, "translation costs"],
  [/\bno-?shows?\b/i, "no-shows"],
  [/\bdouble[- ]?book(?:ed|ings?)\b|\bsold (?:two times|twice)\b/i, "double bookings"],
  // The same fault by the name the person gives it.
  [/\bover-?book(?:ed|ings?)\b/i, "overbookings"],
  [/\bchasing (?:payments?|invoices?|money)\b/i, "late payments"],
  [/\blast-?minute cancell?ations?\b/i, "last-minute cancellations"],
  [/\b(?:charged (?:me )?twice|double[- ]charg(?:ed|ing))\b/i, "double charging"],
  [/\b(?:can'?t|cannot|unable to) log ?in\b|\blog-?in (?:issues|problems|errors)\b/i, "login problems"],
  [/\blogg(?:ed|ing|s) (?:me |us )?out (?:again|randomly|constantly|all the time)\b/i, "unexpected logouts"],
  [/\blost (?:\w+ )?(?:hours|days|weeks) of work\b|\blost (?:all )?my work\b/i, "lost work"],
  [/\b(?:exam|academic|peer|time|cost|price|deadline|financial) pressure\b/i, ""],
  [/\bdroughts?\b/i, "drought"],
  // Smoke only when the text says smoke: a fire that burned a barn is not its smoke.
  [/\b(?:wild|bush) ?fire smoke\b/i, "wildfire smoke"],
  [/\b(?:wild|bush) ?fires?\b(?! smoke)/i, "wildfires"],
  [/\b(?:scope|feature) creep\b/i, "scope creep"],
  // Not any long wait ("waited 3 months for a visa"): only parts are "parts delays".
  [/\b(?:spare|replacement) parts? (?:shortages?|delays?)\b/i, "parts delays"],
  [/\bsupply chain (?:issues|problems|delays|disruption)\b/i, "supply chain disruption"],
  [/\bundercharg(?:e|ed|ing)\b/i, "undercharging"],
  [/\b(?:back pain|bad back|knee pain)\b/i, "physical strain"],
];

/** Words that make a sentence a complaint. */
export const COMPLAINT =
  /\b(?:again|problems?|issues?|killing|kills|nightmare|hate|crazy|nuts|worst|hard|harder|difficult|struggl\w*|frustrat\w*|annoy\w*|pain|costly|expensive|too (?:many|much|high|few)|high|late|slow|broke|broken|lost|lose|losing|can'?t|cannot|never|nobody|worr\w*|scared|stress\w*|sick of|tired of|fed up|ugh|sadly|unfortunately|horror|terrible|awful|bad|already|every single|keeps?|still|eats?|brutal|exhausting|impossible|no way)\b|[😩😤🙄😫😭😡🥵]|!!/iu;

/** Topics that are pains only when the sentence complains ("Turnover is killing us", "overtime again"). */
export const PAIN_TOPICS: readonly [RegExp, string][] = [
  [
    /\b(?:staff |employee |high |constant )?turnover\b|\bresignations?\b|\bkeep losing (?:staff|people)\b/i,
    "high staff turnover",
  ],
  // Not its pay, a benefit.
  [/\bovertime\b(?! pay)/i, "overtime"],
  // A topic, not a complaint: "Funding for the sensor upgrade" is what someone is after next. Not funding won.
  [
    /(?<!\b(?:got|won|secured|received|raised|landed)\s+(?:(?:the|some|new|our|a|enough|more)\s+)?)\bfunding\b/i,
    "funding",
  ],
  [/\b(?:red tape|bureaucracy|paperwork)\b/i, "paperwork"],
  [/\b(?:commissions?|platform fees|booking fees)\b|\btakes? \d{1,2} ?%/i, "high commissions"],
  [
    /\bhousing (?:market|crisis|shortage)\b|\b(?:flat|house|apartment)[- ]hunting\b|\bfind(?:ing)? (?:a )?(?:flat|place to live|apartment)\b/i,
    "housing shortage",
  ],
  [/\bflood(?:s|ing)?\b/i, "flooding"],
  [/\b(?:low|bad|poor) (?:pay|wages|salary)\b|\bunderpaid\b/i, "low pay"],
  [/\b(?:long|awful|horrible) commutes?\b/i, "long commute"],
  [/\b(?:isolation|isolated)\b/i, "isolation"],
  [/\b(?:inflation|rising costs|costs? (?:have |has )?(?:doubled|gone up|risen))\b|\bcosts? double\b/i, "rising costs"],
];
