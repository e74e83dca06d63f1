/** Pastimes: lexicon entries with their labels and the words that put a sentence in free time. */

interface LexiconEntry {
  pattern: RegExp;
  label: string;
}

/** The sports a youth team plays, which a parent coaches. */
export const YOUTH_SPORTS =
  "rugby|football|soccer|netball|hockey|basketball|cricket|volleyball|baseball|softball|handball|tennis|swimming|athletics";

/** Leisure activities: pattern -> short canonical interest. */
export const INTEREST_ENTRIES: readonly LexiconEntry[] = [
  { pattern: /\b(?:open[- ]water|cold[- ]water|wild|sea)[- ]?swim/i, label: "open-water swimming" },
  { pattern: /\bswim(?:s|ming)?\b/i, label: "swimming" },
  { pattern: /\bI (?:also )?cook\b|\bcooking\b/i, label: "cooking" },
  { pattern: /\bbak(?:e|es|ing)\b/i, label: "baking" },
  { pattern: /\b(?:snare )?drum(?:s|ming)?\b/i, label: "drumming" },
  { pattern: /\bchoir\b|\bsing(?:s|ing)? (?:alto|soprano|tenor|bass)\b/i, label: "choir singing" },
  { pattern: /\bknit(?:s|ting)?\b/i, label: "knitting" },
  { pattern: /\b(?:crochet(?:ing)?|ganchillo)\b/i, label: "crochet" },
  { pattern: /\bpodcasts? (?:de|about|on) (\p{L}+)/iu, label: "podcasts" },
  { pattern: /\b()(\p{L}+) podcasts?\b/iu, label: "podcasts" },
  { pattern: /\b(?:crime|mystery|detective) (?:novels?|fiction|books?)\b/i, label: "crime novels" },
  { pattern: /\bread(?:s|ing)? (?:every |lots of |a lot of )?(?:novels?|books?|fiction)\b/i, label: "reading" },
  {
    pattern:
      /\b(?:garden(?:ing)?|grow(?:s|ing)? (?:far too many |lots of )?(?:sweet peas|flowers|roses|vegetables|veg|tomatoes|herbs))\b/i,
    label: "gardening",
  },
  { pattern: /\bbadminton\b/i, label: "badminton" },
  { pattern: /\b(?:hik(?:e|es|ing)|hillwalking|trekking)\b/i, label: "hiking" },
  { pattern: /\bbouldering\b/i, label: "bouldering" },
  { pattern: /\b(?:rock[- ])?climbing\b/i, label: "climbing" },
  { pattern: /\b(?:pottery|ceramics)\b/i, label: "pottery" },
  { pattern: /\b(?:birdwatching|bird-watching|birding)\b/i, label: "birdwatching" },
  { pattern: /\bkaraoke\b/i, label: "karaoke" },
  { pattern: /\bforag(?:e|es|ing)\b/i, label: "foraging" },
  // Canoeing is not kayaking: each keeps its own name.
  { pattern: /\bkayak(?:s|ing)?\b/i, label: "kayaking" },
  { pattern: /\bcanoe(?:s|ing)?\b/i, label: "canoeing" },
  { pattern: /\b(?:sailing|surfing|skiing|snowboarding|skateboarding|scuba diving|camping|stargazing)\b/i, label: "" },
  { pattern: /\bwoodwork(?:ing)?\b/i, label: "woodworking" },
  { pattern: /\bboard ?games?\b/i, label: "board games" },
  {
    pattern:
      /\b(?:home-?brewing|brew(?:s|ing)? (?:my own |our own |some )?(?:beer|cider|kombucha|mead|sake|wine|ale))\b/i,
    label: "home brewing",
  },
  { pattern: /\b(?:sewing|quilting|embroidery|origami|calligraphy)\b/i, label: "" },
  { pattern: /\b(?:cycling|cyclist|bike rides?)\b/i, label: "cycling" },
  { pattern: /\b(?:yoga|pilates)\b/i, label: "" },
  // Not "two years running", "three times running": the idiom for "in a row" names no pastime.
  {
    pattern:
      /\b(?:(?<!\b(?:years?|times|seasons?|months?|weeks?|days?|nights?|games?|terms?)\s)running|marathons?|parkrun)\b/i,
    label: "running",
  },
  // What is collected is the whole noun phrase up to a preposition, conjunction or punctuation ("old tin toys at
  // fairs" -> "tin toys"), never its first word alone ("tin"), which names something else.
  {
    pattern:
      /\bcollect(?:s|ing)? (?:old |vintage |retro )?((?:[\p{L}-]+ ){0,2}?[\p{L}-]+)(?=\s*(?:$|[^\s\p{L}])|\s+(?:at|in|on|from|with|for|and|or|but|when|since|as|to|of|while|because)\b)/iu,
    label: "collecting",
  },
  { pattern: /\bchess\b/i, label: "chess" },
  { pattern: /\b(?:photography|taking photos)\b/i, label: "photography" },
  // The word the text used: sketching is not painting.
  { pattern: /\b(?:painting|sketching|drawing)\b/i, label: "" },
  { pattern: /\bfishing\b/i, label: "fishing" },
  { pattern: /\b(?:video games|gaming)\b/i, label: "gaming" },
  {
    pattern: new RegExp(String.raw`\bcoach(?:es|ing)? (?:the |a |an )?(?:[\w'-]+ ){0,3}(?:${YOUTH_SPORTS})\b`, "i"),
    label: "youth sports coaching",
  },
  {
    pattern:
      /\b(?:lifelong |big |huge |die-hard |massive )?(?!(?:Big|Huge|Massive|Lifelong|Avid|Keen|Die-hard|Such|The|A|An|Not|No)\b)(\p{Lu}[\p{L}]+) fan\b/u,
    label: "fan",
  },
  // A dance is also a music: "plays in a tango trio", "a salsa band", "a cumbia-punk band" (a genre word between) are
  // music, not dancing.
  {
    pattern:
      /\b(?:dancing|salsa|tango|line dancing|ballroom)\b(?![\s-]+(?:[\w]+[\s-]+)?(?:trio|quartet|quintet|band|orchestra|ensemble|music|musicians?)\b)/i,
    label: "dancing",
  },
  { pattern: /\bsauna\b/i, label: "sauna" },
  {
    pattern: /\b(?:film photography|analog(?:ue)? photography|shoot(?:s|ing)? film|develop(?:s|ing)? film)\b/i,
    label: "film photography",
  },
  { pattern: /\b(?:northern lights|aurora)\b/i, label: "northern lights photography" },
  {
    pattern:
      /\b(?:vinyl|LPs|records? (?:shops?|collection|fairs?)|(?:old|vintage|rare|pop|jazz|soul|funk|punk|\d0s) records)\b/,
    label: "collecting records",
  },
  { pattern: /\b(?:DJ(?:s|ing|ed)?|deejay(?:ing)?)\b/, label: "DJing" },
  { pattern: /\b(?:community|amateur|local) theat(?:re|er)\b|\bam-?dram\b|\bimprov\b/i, label: "community theatre" },
  { pattern: /\b(?:stand-?up comedy|open mics?)\b/i, label: "stand-up comedy" },
  { pattern: /\b(?:meditat(?:e|es|ing|ion)|mindfulness)\b/i, label: "meditation" },
  {
    pattern:
      /\b(?:tennis|padel|squash|table tennis|ping pong|golf|volleyball|basketball|baseball|softball|netball|handball|hockey|rugby|cricket|football|soccer|futsal|frisbee|ultimate)\b/i,
    label: "",
  },
  {
    pattern:
      /\b(?:karate|judo|jiu-?jitsu|BJJ|taekwondo|kung fu|aikido|boxing|kickboxing|muay thai|fencing|capoeira)\b/i,
    label: "martial arts",
  },
  { pattern: /\b(?:triathlons?|ironman)\b/i, label: "triathlon" },
  {
    pattern:
      /\b(?:mountaineering|alpinism|trail running|ultra-?running|paragliding|kitesurfing|windsurfing|paddleboarding|rowing|snorkell?ing|free-?diving|skating|ice skating|horse riding|horseback riding|motorcycling|motorbiking)\b/i,
    label: "",
  },
  { pattern: /\b(?:scuba|diving)\b/i, label: "diving" },
  { pattern: /\b(?:allotment|community garden|veg patch|vegetable patch)\b/i, label: "allotment gardening" },
  { pattern: /\b(?:beekeeping|bee-keeping|my hives?)\b/i, label: "beekeeping" },
  { pattern: /\b(?:astronomy|telescope)\b/i, label: "astronomy" },
  { pattern: /\b(?:crosswords?|sudoku|jigsaws?|puzzles)\b/i, label: "puzzles" },
  {
    pattern: /\b(?:D&D|dungeons (?:&|and) dragons|tabletop (?:RPGs?|games?)|role-?playing games?|warhammer)\b/i,
    label: "tabletop games",
  },
  { pattern: /\b(?:anime|manga)\b/i, label: "anime" },
  { pattern: /\b(?:comics|comic books|graphic novels)\b/i, label: "comics" },
  { pattern: /\blego\b/i, label: "LEGO" },
  { pattern: /\b(?:model (?:trains|railways?|kits|planes)|scale models)\b/i, label: "model making" },
  { pattern: /\b(?:genealogy|family history)\b/i, label: "genealogy" },
  { pattern: /\b(?:poetry|writing poems)\b/i, label: "poetry" },
  { pattern: /\bjournall?ing\b/i, label: "journaling" },
  { pattern: /\bvolunteer(?:s|ing)?\b/i, label: "volunteering" },
  { pattern: /\b(?:live music|gigs|concerts)\b/i, label: "live music" },
  {
    pattern:
      /\b(?:jam sessions?|(?:music|folk|trad|blues|jazz|cajun|open|weekly|monthly|saturday|sunday|friday) jams?)\b/i,
    label: "music jams",
  },
  { pattern: /\b(?:opera|ballet)\b/i, label: "" },
  { pattern: /\b(?:travel(?:l?ing)?|backpacking)\b/i, label: "travel" },
  // A sourdough starter is fed to bake bread: baking, not the fermenting of foods as a pastime.
  { pattern: /\bsourdough\b/i, label: "sourdough baking" },
  { pattern: /\b(?:fermenting|fermentation)\b/i, label: "" },
  {
    pattern: /\brestor(?:e|es|ing) (?:old |vintage |classic )?(?:cars|bikes|motorbikes|furniture|radios)\b/i,
    label: "restoration",
  },
  { pattern: /\bDIY\b/, label: "DIY" },
  { pattern: /\b(?:wandern|randonnée)\b/i, label: "hiking" },
  { pattern: /\b(?:klettern|bouldern|escalade)\b/i, label: "climbing" },
  { pattern: /\b(?:angeln|pêche)\b/i, label: "fishing" },
  { pattern: /\b(?:segeln|voile)\b/i, label: "sailing" },
  { pattern: /\b(?:gärtnern|jardinage|schrebergarten|kleingarten)\b/i, label: "gardening" },
  { pattern: /\b(?:radfahren|vélo)\b/i, label: "cycling" },
  {
    pattern:
      /\b(guitar|piano|violin|cello|ukulele|saxophone|bagpipes|fiddle|banjo|mandolin|harmonica|accordion|flute|trumpet)\b/i,
    label: "instrument",
  },
];

/** Context that marks a sentence as about free time. */
export const LEISURE_CONTEXT =
  /\b(?:outside (?:of )?work|outside (?:the|her|his) (?:office|day job)|off the (?:farm|clock|job|tools)|when (?:I'm|I am|he's|she's|he is|she is) not (?:working|on)|switch off|free time|spare time|days? off|weekends?|on (?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)|(?:mon|tues|wednes|thurs|fri|satur|sun)(?:day)?s? (?:nights?|mornings?|evenings?)|hobb(?:y|ies)|me-?time|for fun|to relax|keeps? me sane|these days|downtime|tiempo libre|me gusta|I love|I enjoy|I'm into|passion|fan\b|sundays? at|unwind|community (?:group|team)|paddles|personal(?=:)|when I'?m not at|when I am not at|at home for fun|as a hobby|obsessed with|jam|(?:my|our|a) band|season tickets?|cheer(?:s|ing)? (?:on|for)|root(?:s|ing)? for|shout(?:s|ing)? for|(?:satur|sun)days? afternoons?)\b/i;

/**
 * Questions that ask about free time. Not "anything else?": an interview's closing question, answered with requests
 * and goodbyes ("Add a number people can ring", "Thanks so much, Ingrid") that were read as pastimes.
 */
export const LEISURE_QUESTION =
  /\b(?:outside (?:of )?work|free time|spare time|switch off|hobb(?:y|ies)|for fun|keeps you sane|not (?:working|making)|weekends?|relax|when you(?:'re| are) not|not (?:at|in|on) (?:work|the)|cope|unwind|recharge|decompress|off duty|time off|days? off|personal life|passions?|interests|what do you (?:do|enjoy|love) (?:for fun|when you|outside|besides|in your))\b/i;
