import { COMMA_SEPARATOR } from "../engine/text.ts";
import { GEONAMES_CITIES } from "./cities.ts";
import { words } from "./words.ts";

const AT_SIGN = /@/;
const LOWER_THEN_UPPER = /\p{Ll}\p{Lu}/u;
const PLACE_SEPARATORS = /[;\n]/;
const SURNAME_PREFIX = /\b(?:Mc|Mac|De|La|Le|Du|Van|Von|O['’])(?=\p{Lu})/gu;
const WEB_DOMAIN = /\.(?:com|org|net|io|co|app|ai|dev)\b/i;
const MARKS = /\p{M}/gu;
const BEYOND_ASCII = /[^ -~]/;
/**
 * Place knowledge for the offline engine: a gazetteer (countries, regions, state codes and the cities of 50,000 people
 * or more worldwide) used to confirm that a capitalised phrase is a place, and an organisation/platform filter so
 * "Airbnb", "Booking.com" or "Acme Studios" never become a location. Small towns are not listed: a cue phrase
 * ("I live in", "based out of") still finds them; the gazetteer only adds confidence or gates weak cues.
 */

export const list = (text: string): string[] =>
  text
    .split(PLACE_SEPARATORS)
    .map((s) => s.trim())
    .filter(Boolean);

const COUNTRIES = list(`
  Afghanistan; Albania; Algeria; Andorra; Angola; Argentina; Armenia; Australia; Austria; Azerbaijan; Bahamas; Bahrain;
  Bangladesh; Barbados; Belarus; Belgium; Belize; Benin; Bhutan; Bolivia; Bosnia; Botswana; Brazil; Brunei; Bulgaria;
  Burkina Faso; Burundi; Cambodia; Cameroon; Canada; Cape Verde;  Chile; China; Colombia; Congo; Costa Rica;
  Croatia; Cuba; Cyprus; Czechia; Czech Republic; Denmark; Djibouti; Dominican Republic; Ecuador; Egypt; El Salvador;
  England; Eritrea; Estonia; Eswatini; Ethiopia; Fiji; Finland; France; Gabon; Gambia;  Germany; Ghana;
  Greece; Grenada; Guatemala; Guinea; Guyana; Haiti; Honduras; Hungary; Iceland; India; Indonesia; Iran; Iraq;
  Ireland; Israel; Italy; Ivory Coast; Jamaica; Japan;  Kazakhstan; Kenya; Korea; South Korea; North Korea;
  Kosovo; Kuwait; Kyrgyzstan; Laos; Latvia; Lebanon; Lesotho; Liberia; Libya; Liechtenstein; Lithuania; Luxembourg;
  Madagascar; Malawi; Malaysia; Maldives; Mali; Malta; Mauritania; Mauritius; Mexico; Moldova; Monaco; Mongolia;
  Montenegro; Morocco; Mozambique; Myanmar; Namibia; Nepal; Netherlands; The Netherlands; New Zealand; Nicaragua;
  Niger; Nigeria; North Macedonia; Northern Ireland; Norway; Oman; Pakistan; Palestine; Panama; Papua New Guinea;
  Paraguay; Peru; Philippines; Poland; Portugal; Qatar; Romania; Russia; Rwanda; Samoa; San Marino; Saudi Arabia;
  Scotland; Senegal; Serbia; Seychelles; Sierra Leone; Singapore; Slovakia; Slovenia; Somalia; South Africa;
  South Sudan; Spain; Sri Lanka; Sudan; Suriname; Sweden; Switzerland; Syria; Taiwan; Tajikistan; Tanzania; Thailand;
  Togo; Tonga; Trinidad; Tunisia; Turkey; Türkiye; Turkmenistan; Uganda; Ukraine; United Arab Emirates; UAE;
  United Kingdom; UK; United States; USA; US; Uruguay; Uzbekistan; Vanuatu; Venezuela; Vietnam; Wales; Yemen; Zambia;
  Zimbabwe; Puerto Rico; Greenland; Faroe Islands; Hong Kong; Macau; Catalonia; Basque Country; Sardinia; Sicily;
  Corsica; Bavaria; Saxony; Tuscany; Andalusia; Galicia; Brittany; Normandy; Provence; Flanders; Wallonia; Quebec;
  Québec; Ontario; British Columbia; Alberta; Manitoba; Saskatchewan; Nova Scotia; New Brunswick; Newfoundland;
  Tasmania; Queensland;  New South Wales; Patagonia; Lapland; Cornwall; Yorkshire;   Lombardy;
  Piedmont; Maharashtra; Karnataka; Kerala; Tamil Nadu; Punjab; Bengal; Gujarat; Rajasthan; West Java; Bali; Java;
  Sumatra; Borneo; Mindanao; Luzon; Hokkaido; Okinawa; Kyushu; Jeju
`);

const US_STATES = list(`
  Alabama; Alaska; Arizona; Arkansas; California; Colorado; Connecticut; Delaware; Florida; Hawaii; Idaho; Illinois;
  Indiana; Iowa; Kansas; Kentucky; Louisiana; Maine; Maryland; Massachusetts; Michigan; Minnesota; Mississippi;
  Missouri; Montana; Nebraska; Nevada; New Hampshire; New Jersey; New Mexico; New York; North Carolina; North Dakota;
  Ohio; Oklahoma; Oregon; Pennsylvania; Rhode Island; South Carolina; South Dakota; Tennessee; Texas; Utah; Vermont;
  Virginia; Washington; West Virginia; Wisconsin; Wyoming
`);

/** Two-letter state, province and territory codes ("Austin, TX", "Socorro, NM", "Halifax, NS"). */
const REGION_CODES: ReadonlySet<string> = new Set(
  (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA " +
    "RI SC SD TN TX UT VT VA WA WV WI WY DC PR AB BC MB NB NL NS NT NU ON PE QC SK YT NSW QLD VIC TAS WA SA ACT NT"
  ).split(" "),
);

/**
 * Cities: every GeoNames city of 50,000 people or more (cities.ts, written by scripts/gazetteer.ts), and by hand only
 * the names GeoNames files under another spelling or not as a city of that size: exonyms and old names ("Cologne",
 * "Bombay"), local spellings ("Wien", "Praha"), boroughs and islands ("Bronx", "Maui"), short names the generated
 * list leaves out ("Ho", "Jos"), and capitals under 50,000 ("Valletta", "Apia"). Smaller towns are not listed.
 */
const CITIES = [
  ...list(GEONAMES_CITIES),
  ...list(`
  Galway; München; Frankfurt; Nuremberg; Wien; Ghent; Aarhus; Lisboa; Milano; Napoli; Torino; Firenze; Patras;
  Heraklion; Warszawa; Wroclaw; Praha; Cluj; Kiev; Odesa; St Petersburg; Marrakech; Fez; Bombay; Bangalore; Mysuru;
  Astana; Ulaanbaatar; Xi'an; Cebu; Makati; Saigon; Penang; New York; NYC; Bronx; Quebec City; Ciudad de México; CDMX;
  Oaxaca de Juárez; La Habana; Bariloche; Ulm; Pau; Reggio Emilia; Castellón; Den Bosch; Almere; Plzeň; Niš;
  Long Island; Maui; London Ontario; Kingston Ontario; Hamilton NZ; Nuku'alofa; Mangaluru; Bhubaneswar; Dehradun;
  Pondicherry; Hai Phong; Da Lat; Melaka; Tagbilaran; Lombok; Cheongju; Sulaymaniyah; Basra; Ajman; Misrata; Jos; Uyo;
  Ho; Djibouti City; Hargeisa; Mekelle; Mbombela; Gqeberha; Tucumán; Puerto Ordaz; Cap-Haïtien; St. George's;
  Ciudad Juárez; Pachuca; Xalapa; Acapulco; Los Cabos; Tuxtla Gutiérrez; Limerick; Hull; Cologne; Hanover; Geneva;
  Lucerne; Antwerp; Bruges; Gothenburg; Seville; San Sebastián; Roma; Padua; Valletta; Madras; Calcutta; Goa; Nara;
  Saint Louis; Querétaro; Panama City; Port of Spain; Halle; Las Palmas; St. Paul; Sudbury; Sunshine Coast; Apia;
  Papeete; Bacolod; Banjul; Castries; Kingstown; Durango; Jerez
`),
];

/**
 * A place name as the gazetteer looks it up: lowercased, accents dropped, since writers often leave them out
 * ("Krakow" is "Kraków", "Chania" is "Chaniá").
 */
export function placeKey(phrase: string): string {
  const lower = phrase.trim().toLowerCase();
  return BEYOND_ASCII.test(lower) ? lower.normalize("NFD").replace(MARKS, "") : lower;
}

const COUNTRY_SET = new Set(COUNTRIES.map(placeKey));

/** Whether the phrase is a country or large region ("Turkey", "Quebec"), not a city. */
export function isCountry(phrase: string): boolean {
  return COUNTRY_SET.has(placeKey(phrase));
}

const PLACE_SET = new Set([...COUNTRIES, ...US_STATES, ...CITIES].map(placeKey));

/** Whether the phrase is a listed place, or ends in one ("Haeundae, Busan", "Socorro, NM", "Leipzig-Plagwitz"). */
export function isKnownPlace(phrase: string): boolean {
  const text = phrase.trim();
  if (PLACE_SET.has(placeKey(text))) return true;
  const parts = text.split(COMMA_SEPARATOR);
  const last = parts[parts.length - 1] ?? "";
  if (parts.length > 1 && (PLACE_SET.has(placeKey(last)) || REGION_CODES.has(last))) return true;
  const first = parts[0] ?? "";
  if (PLACE_SET.has(placeKey(first))) return true;
  // "Leipzig-Plagwitz", "Poznań-Komorniki": a city with its district.
  const head = first.split("-")[0] ?? "";
  return head !== first && PLACE_SET.has(placeKey(head));
}

/** Platforms, apps and well-known brands that follow "from"/"on"/"in" but are never where someone lives. */
const PLATFORMS = new Set(
  words(`
    airbnb booking booking.com vrbo expedia tripadvisor etsy amazon ebay uber lyft deliveroo doordash instagram
    facebook tiktok youtube linkedin twitter whatsapp telegram signal slack zoom teams google apple microsoft netflix
    spotify shopify substack patreon twitch discord reddit fiverr upwork vinted depop paypal stripe excel notion canva
    figma trello jira asana tesla ikea starbucks walmart target costco tesco aldi lidl ryanair easyjet steam xbox
    playstation nintendo github gitlab wordpress squarespace wix mailchimp hubspot salesforce quickbooks xero gmail
    outlook duolingo strava garmin peloton glovo rappi grab gojek tokopedia shopee lazada mercadolibre bolt wolt
    kickstarter indiegogo gofundme medium tumblr pinterest snapchat threads mastodon bluesky
  `),
);

/**
 * Capitalised words that follow "in" in a job sentence without naming a place: departments ("a team in Marketing"),
 * school subjects ("a teacher in Maths"), languages ("classes in French") and work settings ("a nurse in ICU"); and
 * the work arrangements a form's location field holds ("Location: Remote").
 */
const NOT_PLACES = new Set([
  ...words(`
    marketing sales operations ops product engineering finance accounting accounts hr it support admin
    administration research development r&d design legal compliance procurement purchasing logistics quality qa
    security data analytics strategy communications comms pr partnerships recruitment recruiting talent payroll
    facilities maintenance maths math mathematics physics chemistry biology history geography economics english
    literature law medicine nursing pharmacy psychology sociology philosophy music art drama science french german
    spanish italian portuguese dutch arabic mandarin chinese japanese korean russian polish turkish hindi urdu
    swahili greek latin icu a&e er nicu picu theatre surgery oncology paediatrics pediatrics radiology cardiology
    emergency outpatients year reception
  `),
  // Work arrangements a "Location:" field often holds instead of a town.
  ...words("remote hybrid online virtual anywhere worldwide various onsite on-site tbd tbc n/a"),
  // Names of more than one word, kept whole (split, "care" or "success" alone would be refused as places).
  "customer success",
  "customer service",
  "customer support",
  "computer science",
  "primary care",
]);

/** A department, subject, language, hospital unit or work arrangement rather than a place ("Maths", "ICU", "Remote"). */
export function isNotAPlace(phrase: string): boolean {
  return NOT_PLACES.has(phrase.trim().toLowerCase());
}

/** Last words that mark an organisation, venue or product rather than a place. */
const ORG_WORD =
  /\b(?:Inc|Ltd|LLC|GmbH|AG|SA|SL|BV|Pty|Corp|Co|Company|Studios?|Labs?|Group|Bank|University|College|School|Academy|Hospital|Clinic|Farms?|Agency|Pilates|Yoga|Caf[eé]|Coffee|Kitchen|Brewery|Winery|Airlines?|Airways|Motors|Systems|Solutions|Technologies|Tech|Partners|Media|Games|Capital|Ventures|Foundation|Trust|Council|Club|FC|Hotel|Restaurant|Bar|Pub|Shop|Store|Support|Team|App|Pro|Plus|Cloud|Software|Health|Care|Fitness|Gym|Network|Digital|Consulting|Services|Fulfilment|Fulfillment|Logistics|Festival|Conference|Summit|Marathon|League|Cup|Stadium|Arena|Park|Street|Road|Avenue)\.?$/;

/** An organisation, platform or product name rather than a place ("Airbnb", "StayGrid", "Acme Studios"). */
export function looksLikeOrganisation(phrase: string): boolean {
  const text = phrase.trim();
  const first = (text.split(COMMA_SEPARATOR)[0] ?? text).trim();
  if (PLATFORMS.has(first.toLowerCase())) return true;
  if (WEB_DOMAIN.test(text) || AT_SIGN.test(text)) return true;
  // Inner capitals ("StayGrid", "LabLeap") mark brands; "McAllen", "DeKalb", "LaSalle" are places.
  if (LOWER_THEN_UPPER.test(first.replace(SURNAME_PREFIX, ""))) return true;
  if (isKnownPlace(text)) return false;
  return ORG_WORD.test(first);
}
