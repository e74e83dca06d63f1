/**
 * The cue phrases that introduce a complaint ("I'm frustrated by ...", "The worst part is ..."), one row each;
 * pain-points.ts turns every row into a rule whose value is the phrase after the cue.
 */
/** Cue phrases that introduce a complaint: [name, cue words, pattern, confidence, example, its pain]. */
export const PAIN_CUES: readonly (readonly [string, readonly string[], RegExp, number, string, string])[] = [
  [
    "frustrated-by",
    ["frustrat"],
    /\bfrustrat\w*\s+(?:by|with|about|that)\s+([^.;!?]+)/gi,
    0.7,
    "I'm frustrated with the rota app.",
    "rota app",
  ],
  [
    "worst-part",
    ["hardest", "worst", "biggest", "scariest", "toughest", "main", "greatest"],
    // "main"/"biggest"/"greatest" only with a word for trouble: "the main thing is to enjoy it", "the biggest part of my
    // week is teaching" name no pain. "is" as a word: "this job is ..." is not where the complaint starts. Not someone
    // else's ("my tenants' biggest worry", "the hardest part for a beginner") unless "for me/us". Not what it is not
    // ("the biggest problem is never the weather").
    /(?<!['’]s?\s)\b(?:(?:hardest|worst|scariest|toughest) (?:part|thing)|(?:hardest|worst|biggest|scariest|toughest|main|greatest) (?:problem|headaches?|challenge|issue|frustration|complaint|gripe|struggle|pain|worry))s?(?:(?!\bfor\s+(?!me\b|us\b))[^:?]){0,45}?(?:\b(?:is|are)|:)\s+(?!(?:not|never|hardly)\b)([^.;!?]+)/gi,
    0.65,
    "The worst part of this job is the commute.",
    "commute",
  ],
  [
    "is-killing",
    ["killing"],
    // Not "killing it": doing very well.
    /^([\p{L}' -]{3,50}?)\s+(?:is|are)\s+killing\b(?!\s+it\b)/giu,
    0.6,
    "Fuel costs are killing us.",
    "Fuel costs",
  ],
  [
    "drives-me-crazy",
    ["drive", "drove"],
    /\b(?:drives?|drove|driving) me (?:absolutely |completely |a bit |slightly )?(?:crazy|nuts|mad|insane|bananas|up the wall|round the bend|to despair)\b[^.;!?]{0,20}?(?:\s(?:is|are|was)|:|—|–)\s*([^.;!?]+)/giu,
    0.7,
    "What drives me nuts is how understaffed we are.",
    "understaffed",
  ],
  [
    "gets-to-me",
    ["keeps me", "gets", "bugs me", "annoys me", "frustrates me", "kills me", "stresses me", "worries me"],
    /\b(?:what|the thing that|one thing that)\s+(?:really\s+)?(?:keeps me (?:up|awake)(?: at night)?|gets (?:to )?me|bugs me|annoys me|frustrates me|kills me|stresses me out|worries me)\b[^.;!?]{0,20}?(?:\s(?:is|are|was)|:|—|–)\s*([^.;!?]+)/giu,
    0.7,
    "The thing that really gets me is the paperwork.",
    "paperwork",
  ],
  [
    "fed-up",
    ["sick", "tired", "fed up"],
    /\b(?:I'm|I’m|I am|we're|we are)\s+(?:so\s+|really\s+)?(?:sick|tired|fed up)\s+(?:of|with)\s+([^.;!?]+)/giu,
    0.7,
    "I'm fed up with surprise invoices.",
    "surprise invoices",
  ],
  [
    "so-frustrating-when",
    [
      "frustrating",
      "annoying",
      "exhausting",
      "stressful",
      "maddening",
      "infuriating",
      "demoralis",
      "demoraliz",
      "painful",
    ],
    // Not "it was": one time that is over ("it was so annoying when the van broke down").
    /\b(?:it's|it’s|it is|it gets)\s+(?:so\s+|really\s+|incredibly\s+|super\s+|just\s+)?(?:frustrating|annoying|exhausting|stressful|maddening|infuriating|demoralising|demoralizing|painful)\s+(?:when|that|how)\s+([^.;!?]+)/giu,
    0.62,
    "It's so annoying when the printer jams.",
    "printer jams",
  ],
  [
    "concerned-about",
    ["concerned", "worried", "anxious", "nervous", "stressed"],
    // The speaker's, or the noted person's ("she's"), now: not anyone's ("my accountant is concerned about") nor a
    // worry that was ("I was worried about the move").
    /(?:^|\b(?:I'm|I’m|I am|she's|he's|she is|he is)\s+(?:(?:very|really|a bit|quite|so)\s+)?)(?:concerned|worried|anxious|nervous|stressed)\s+(?:about|that|by)\s+([^.;!?]+)/giu,
    0.62,
    "Concerned about onboarding time.",
    "onboarding time",
  ],
];
