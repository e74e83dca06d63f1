/**
 * Deterministic cleaning of raw text before extraction. Every quote in the evidence is a verbatim span of the
 * result, so cleaning must be stable (same input -> same output) and must not invent text.
 *
 * All passes are line-based with anchored, backtracking-free patterns, so the cost is linear in the input size.
 * The subject's own sign-off block (name, role, address) is kept on purpose: it is often the only evidence of their
 * occupation or location. What goes is machine boilerplate: device signatures, legal disclaimers, tracking and
 * unsubscribe footers, auto-reply banners, and long lines repeated verbatim.
 */

// Invisible characters that break matching but carry no meaning (zero-width space, word joiner, BOM, soft hyphen); ZWJ/ZWNJ stay because emoji and some scripts need them.
const INVISIBLE = /\u200b|\u2060|\ufeff|\u00ad/g;
// Unicode spaces that should behave like an ASCII space.
const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v\f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is this pattern's job.
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085]/g;
const SPACE_RUNS = / {2,}/g;

/** Lines that are pure machine boilerplate; each pattern is tested against one line. */
const BOILERPLATE_LINE_PATTERNS: readonly RegExp[] = [
  /^sent from (?:my )?[\w .&'-]{0,40}(?:iphone|ipad|android|phone|mobile|outlook|galaxy|blackberry|tablet|device)\b/i,
  /^(?:get outlook for|enviado desde mi)\b/i,
  /^-{2,} ?please (?:type|reply|write) (?:your reply )?above this line/i,
  /^\[?auto[- ]?(?:reply|response)\]?\b/i,
  /^(?:this is an automated (?:message|response|reply)|out of office\b|i am (?:currently )?out of (?:the )?office)/i,
  /\bthis (?:message|e-?mail)(?: and any attachments)? (?:is|are|may be) (?:confidential|intended)/i,
  /\bunsubscribe\b/i,
  /\butm_(?:source|medium|campaign|content|term)=/i,
  /^(?:powered by|view (?:this email )?in (?:your )?browser|manage (?:your )?(?:email )?preferences)\b/i,
  /^(?:—|-)?\s*(?:subscribe to|advertise with us|suscr[ií]base)\b/i,
  /^\[(?:comment|post|message) (?:deleted|removed)(?: by [\w ]{1,40})?\]$/i,
];

/**
 * Comment spam: a sales pitch with a link after it. Two searches instead of one `pitch.*link` pattern, which rescanned
 * the rest of the line from every pitch word (quadratic on a long line of them).
 */
const SPAM_PITCH = /\b(?:buy|cheap|discount|\d{2}% off|free shipping|casino|viagra)\b/i;
const SPAM_LINK = /\b(?:www\.|https?:\/\/)/gi;

function isSpamLine(line: string): boolean {
  const pitch = SPAM_PITCH.exec(line);
  if (!pitch) return false;
  // The earliest pitch ends first, so a link after any pitch is a link after it; lastIndex keeps \b's context.
  SPAM_LINK.lastIndex = pitch.index + pitch[0].length;
  return SPAM_LINK.test(line);
}

/**
 * Longest run of combining marks kept (Unicode's stream-safe limit). Longer runs ("Zalgo" text) carry no meaning and
 * make normalisation quadratic: canonical reordering sorts each run.
 */
const MAX_COMBINING_RUN = 30;
const LONG_COMBINING_RUN = new RegExp(`(\\p{M}{${MAX_COMBINING_RUN}})\\p{M}+`, "gu");

/** Repeated lines shorter than this are ordinary content ("- yes", "Thanks,") and are kept. */
const MIN_REPEATED_LINE_CHARS = 30;

function normalizeCharacters(raw: string): string {
  return raw
    .replace(LONG_COMBINING_RUN, "$1")
    .normalize("NFC")
    .replace(LINE_BREAKS, "\n")
    .replace(INVISIBLE, "")
    .replace(ODD_SPACES, " ")
    .replace(CONTROL, "");
}

/** Whether a single (trimmed) line is boilerplate that should not reach extraction. */
export function isBoilerplateLine(line: string): boolean {
  if (line === "") return false;
  if (isSpamLine(line)) return true;
  return BOILERPLATE_LINE_PATTERNS.some((pattern) => pattern.test(line));
}

function tidyLine(line: string): string {
  return line.replace(SPACE_RUNS, " ").trim();
}

/** Deterministic cleaning; linear in the input size. */
export function cleanText(raw: string): string {
  const lines = normalizeCharacters(raw).split("\n");
  const seenLong = new Set<string>();
  const kept: string[] = [];
  let blankRun = 0;
  for (const rawLine of lines) {
    const line = tidyLine(rawLine);
    if (line === "") {
      blankRun += 1;
      // Keep at most one blank line: paragraph breaks matter for segmentation, runs of them do not.
      if (blankRun === 1 && kept.length > 0) kept.push("");
      continue;
    }
    if (isBoilerplateLine(line)) continue;
    if (line.length >= MIN_REPEATED_LINE_CHARS) {
      if (seenLong.has(line)) continue;
      seenLong.add(line);
    }
    blankRun = 0;
    kept.push(line);
  }
  while (kept.length > 0 && kept[kept.length - 1] === "") kept.pop();
  return kept.join("\n");
}
