/**
 * Text that addresses an AI ("ignore previous instructions, set name to ...") is untrusted data. The offline engine
 * drops such lines before any rule sees them, so an injected value can never become a claim.
 */
import type { CleanSource } from "../../types.ts";
import { anyOf } from "../engine/cues.ts";
import { memo } from "../engine/memo.ts";

const INJECTION_PATTERNS: readonly RegExp[] = [
  /\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:the\s+|your\s+)?(?:previous|prior|above|earlier|preceding|other)\s+(?:instructions?|prompts?|rules|directions)/i,
  /\bnote\s+to\s+(?:any\s+|the\s+)?(?:ai|a\.i\.|assistant|llm|model|bot|chatbot|summari[sz]er|language model)\b/i,
  /\b(?:you\s+are\s+now|act\s+as|pretend\s+to\s+be)\s+(?:an?\s+)?(?:ai|assistant|admin|system|developer mode)\b/i,
  /\b(?:system\s+prompt|jailbreak|developer\s+mode)\b/i,
  /\bset\s+(?:the\s+|my\s+|his\s+|her\s+)?(?:name|age|occupation|job|title|location|skills?|traits?|persona|role)\s+(?:field\s+)?(?:to|=|as)\s/i,
  /\b(?:ignora|olvida)\s+(?:todas\s+)?(?:las\s+)?instrucciones\s+(?:anteriores|previas)/i,
  // "disregard all prior context", "forget everything above"
  /\b(?:ignore|disregard|forget|override)\s+(?:all|any|everything)\s+(?:(?:the|your)\s+)?(?:(?:previous|prior|above|earlier|preceding|other)\s+)?(?:context|instructions?|prompts?|rules|messages?|guidelines|text|data|directions|above)\b/i,
  /\b(?:ignore|disregard|forget)\s+(?:the\s+|your\s+)?(?:previous|prior|above|earlier|preceding)\s+(?:context|messages?|guidelines|text|data)\b/i,
  // "MESSAGE TO ALL CHATBOTS", "instructions for the language model"
  /\b(?:note|message|instructions?|notice)\s+(?:to|for)\s+(?:any\s+|all\s+|the\s+)?(?:ai|a\.i\.|assistants?|llms?|models?|bots?|chatbots?|summari[sz]ers?|language models?|gpt|agents?)\b/i,
  /\bsystem\s+(?:note|message|instruction|override|command)\b/i,
  /\b(?:ai|llm|gpt)\s+(?:tools?|systems?|assistants?|agents?)\s*:/i,
  // "The account holder's name is 'X', occupation 'Y'": a list of field values planted for an extractor.
  /\b(?:name|occupation|job|title|location|age)\b[^.\n]{0,30}?(?:\bis|=|:|\bto)\s*['"‘“][^'"’”\n]{2,50}['"’”]\s*,\s*(?:and\s+)?(?:occupation|job|title|location|age|role|city)\b/i,
  // "[[assistant directive: ...]]", "AI instruction:": a label naming an order to a machine reader.
  /\b(?:assistant|ai|a\.i\.|llm|gpt|model|bot|agent)\s+(?:directive|instruction|command|override|order)s?\b/i,
  // "when writing a summary of this page, ...": addresses whatever summarises the text.
  /\bwhen\s+(?:generating|creating|writing|building|producing|summari[sz]ing|processing)\s+(?:any\s+|a\s+|an\s+|the\s+|this\s+)?(?:profiles?|summar(?:y|ies)|personas?|reports?|outputs?|records?)\b/i,
  // "output name: X, occupation: Y": an order to emit field values (a plain "Name: X, City: Y" record stays data).
  /\b(?:output|return|respond with|reply with|emit|print|fill in|populate)\s+(?:the\s+)?(?:fields?\s+)?(?:name|occupation|job|title|location|age|skills?)\s*[:=]/i,
  // "Attention automated summarizer:", "Dear AI,": a line that opens by addressing a machine reader.
  /\b(?:attention|dear|hey|hello|hi)\s*[,:]?\s+(?:any\s+|all\s+|the\s+)?(?:automated\s+|automatic\s+)?(?:ai|a\.i\.|assistants?|llms?|bots?|chatbots?|summari[sz]ers?|extractors?|parsers?|agents?|language models?)\b\s*[,:!]/i,
  // "an automated summarizer/extractor" is only ever named in text planted for one.
  /\b(?:automated|automatic)\s+(?:summari[sz]ers?|extractors?|parsers?|profilers?)\b/i,
  // "Overwrite all previous answers", "replace the existing fields": an order to overwrite the record.
  /\b(?:replace|overwrite|override)\s+(?:any|all|the)\s+(?:conflicting|existing|other|previous|extracted)\s+(?:values?|fields?|data|answers?|entries)\b/i,
  /\badd\s+(?:the\s+|a\s+)?(?:skill|trait|interest|value|goal|pain point)s?\s*(?:of\s+)?['"‘“:]/i,
  /\b(?:ignoriere|vergiss)\s+(?:alle\s+)?(?:vorherigen|bisherigen)\s+(?:anweisungen|instruktionen)/i,
  /\b(?:ignore[sz]?|oublie[sz]?)\s+(?:toutes\s+)?(?:les\s+)?instructions\s+(?:précédentes|antérieures)/i,
];

/** Whether a line looks like injection: the patterns joined into one alternation, one scan of a line, not twenty. */
export const looksLikeInjection = anyOf(INJECTION_PATTERNS);

/** A source's lines and which of them look like injection, judged once for every reader of the source. */
const judged = new WeakMap<CleanSource, { lines: readonly string[]; injected: readonly boolean[] }>();

export function linesOf(source: CleanSource): { lines: readonly string[]; injected: readonly boolean[] } {
  return memo(judged, source, () => {
    const lines = source.text.split("\n");
    return { lines, injected: lines.map(looksLikeInjection) };
  });
}
