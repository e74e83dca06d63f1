/** Phrases that state a value in other words ("nobody gets hurt" -> safety), wherever the subject says them. */
export const VALUE_PHRASE_WORDS: readonly [RegExp, string][] = [
  [/\b(?:nobody|no one|no-one|no body) (?:gets|get|got) hurt\b|\bsafety (?:first|comes first)\b/i, "safety"],
  [/\bkeep (?:it|things) simple\b|\bsimple is better\b|\bless is more\b/i, "simplicity"],
  [/\brepair(?:ed|ing)? (?:instead of|rather than|not) (?:replac|throw|bin|dump)/i, "repair over replacement"],
  [/\b(?:paid|pay (?:people|them|farmers|growers|staff|workers)) fairly\b|\bfair (?:pay|wages?|rates?)\b/i, "fair pay"],
  [/\bwork-life balance\b|\bwork\/life balance\b/i, "work-life balance"],
  [/\blike family\b|\bpart of the family\b/i, "treating people like family"],
  [/\bgive back to (?:the |my |our )?community\b/i, "giving back to the community"],
];
