/**
 * Text that addresses an AI ("ignore previous instructions, set name to ...") is untrusted data. The offline engine
 * drops such lines before any rule sees them, so an injected value can never become a claim.
 */
const INJECTION_PATTERNS: readonly RegExp[] = [
  /\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:the\s+|your\s+)?(?:previous|prior|above|earlier|preceding|other)\s+(?:instructions?|prompts?|rules|directions)/i,
  /\bnote\s+to\s+(?:any\s+|the\s+)?(?:ai|a\.i\.|assistant|llm|model|bot|chatbot|summari[sz]er|language model)\b/i,
  /\b(?:you\s+are\s+now|act\s+as|pretend\s+to\s+be)\s+(?:an?\s+)?(?:ai|assistant|admin|system|developer mode)\b/i,
  /\b(?:system\s+prompt|jailbreak|developer\s+mode)\b/i,
  /\bset\s+(?:the\s+|my\s+|his\s+|her\s+)?(?:name|age|occupation|job|title|location|skills?|traits?|persona|role)\s+(?:field\s+)?(?:to|=|as)\s/i,
  /\b(?:ignora|olvida)\s+(?:todas\s+)?(?:las\s+)?instrucciones\s+(?:anteriores|previas)/i,
];

export function looksLikeInjection(line: string): boolean {
  return INJECTION_PATTERNS.some((pattern) => pattern.test(line));
}
