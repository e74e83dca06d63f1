const AT_SIGN = /@/;
const COMMA = /\s*,\s*/;
const LOWER_THEN_UPPER = /\p{Ll}\p{Lu}/u;
const PLACE_SEPARATORS = /[;\n]/;
const SURNAME_PREFIX = /\b(?:Mc|Mac|De|La|Le|Du|Van|Von|O['’])(?=\p{Lu})/gu;
const WEB_DOMAIN = /\.(?:com|org|net|io|co|app|ai|dev)\b/i;
/**
 * Place knowledge for the offline engine: a small gazetteer (countries, regions, state codes and a few hundred
 * cities worldwide) used to confirm that a capitalised phrase is a place, and an organisation/platform filter so
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
  Croatia; Cuba; Cyprus; Czechia; Czech Republic; Denmark; Djibouti; Dominican Republic; Ecuador; Egypt; El 
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

const CITIES = list(`
  London; Manchester; Birmingham; Leeds; Liverpool; Sheffield; Bristol; Newcastle; Nottingham; Leicester; Glasgow;
  Edinburgh; Aberdeen; Dundee; Cardiff; Swansea; Belfast; Dublin; Cork; Galway; Limerick; Brighton; Oxford;
  Cambridge; York;  Norwich; Exeter; Plymouth; Southampton; Portsmouth;  Coventry; Derby; Hull;
  Paris; Lyon; Marseille; Toulouse;  Nantes; Strasbourg; Montpellier; Bordeaux; Lille; Rennes; Grenoble;
  Berlin; Hamburg; Munich; München; Cologne; Köln; Frankfurt; Stuttgart; Düsseldorf; Dortmund; Essen; Leipzig;
  Bremen; Dresden; Hanover; Hannover; Nuremberg; Nürnberg; Bonn; Münster; Freiburg; Heidelberg; Mannheim; Kiel;
  Vienna; Wien; Graz; Salzburg; Innsbruck; Linz; Zurich; Zürich; Geneva; Genève; Basel; Bern; Lausanne; Lucerne;
  Amsterdam; Rotterdam; The Hague; Utrecht; Eindhoven; Groningen; Leiden; Maastricht; Brussels; Antwerp; Ghent;
  Bruges; Liège; Luxembourg; Copenhagen; Aarhus; Odense; Stockholm; Gothenburg; Göteborg; Malmö; Uppsala; Oslo;
  Bergen; Trondheim; Stavanger; Tromsø; Helsinki; Tampere; Turku; Oulu; Reykjavik; Reykjavík; Madrid; Barcelona;
  Valencia; Seville; Sevilla; Zaragoza; Málaga; Malaga; Bilbao; Granada; Palma; Alicante; Córdoba; Valladolid;
  Vigo; Gijón; Salamanca; San Sebastián; Santander; Lisbon; Lisboa; Porto; Braga; Coimbra; Faro; Funchal; Rome;
  Roma; Milan; Milano; Naples; Napoli; Turin; Torino; Palermo; Genoa; Bologna; Florence; Firenze; Venice; Verona;
  Bari; Catania; Trieste; Padua; Athens; Thessaloniki; Patras; Heraklion; Warsaw; Warszawa; Kraków; Krakow; Łódź;
  Wrocław; Wroclaw; Poznań; Poznan; Gdańsk; Gdansk; Szczecin; Lublin; Katowice; Prague; Praha; Brno; Ostrava;
  Bratislava; Košice; Budapest; Debrecen; Szeged; Bucharest; Cluj-Napoca; Cluj; Timișoara; Iași; Sofia; Plovdiv;
  Varna; Belgrade; Novi Sad; Zagreb;  Rijeka; Ljubljana; Sarajevo; Skopje; Tirana; Podgorica; Vilnius; Kaunas;
  Riga; Tallinn; Tartu; Kyiv; Kiev; Lviv; Odesa; Odessa; Kharkiv; Minsk; Chișinău; Moscow; Saint Petersburg;
  St Petersburg; Novosibirsk; Yekaterinburg; Kazan; Tbilisi; Yerevan; Baku; Istanbul; İstanbul; Ankara; İzmir;
  Izmir; Bursa; Antalya; Adana; Bodrum; Nicosia; Limassol; Valletta; Tel Aviv; Jerusalem; Haifa; Beirut; Amman;
  Damascus; Baghdad; Tehran; Riyadh; Jeddah; Dubai; Abu Dhabi; Doha; Muscat; Kuwait City; Manama; Cairo;
  Alexandria; Casablanca; Marrakesh; Marrakech; Rabat; Fez; Tunis; Algiers; Tripoli; Lagos; Abuja; Ibadan; Kano;
  Port Harcourt; Accra; Kumasi; Tamale; Dakar; Abidjan; Bamako; Ouagadougou; Freetown; Monrovia; Nairobi; Mombasa;
  Kisumu; Kampala; Kigali; Dar es Salaam; Arusha; Zanzibar; Addis Ababa; Khartoum; Mogadishu; Kinshasa; Luanda;
  Lusaka; Harare; Bulawayo; Maputo; Windhoek; Gaborone; Johannesburg; Cape Town; Durban; Pretoria; Port Elizabeth;
  Antananarivo; Mumbai; Bombay; Delhi; New Delhi; Bengaluru; Bangalore; Chennai; Madras; Hyderabad; Kolkata;
  Calcutta; Pune; Ahmedabad; Jaipur; Lucknow; Kochi; Cochin; Goa; Chandigarh; Indore; Bhopal; Nagpur; Surat;
  Coimbatore; Mysore; Mysuru; Thiruvananthapuram; Karachi; Lahore; Islamabad; Rawalpindi; Peshawar; Dhaka;
  Chittagong; Kathmandu; Pokhara; Colombo; Kandy; Thimphu; Kabul; Tashkent; Almaty; Astana; Bishkek; Ulaanbaatar;
  Beijing; Shanghai; Guangzhou; Shenzhen; Chengdu; Chongqing; Wuhan; Hangzhou; Nanjing; Xi'an; Tianjin; Suzhou;
  Qingdao; Xiamen; Kunming; Harbin; Hong Kong; Macau; Taipei; Kaohsiung; Taichung; Tainan; Tokyo; Osaka; Kyoto;
  Yokohama; Nagoya; Sapporo; Fukuoka; Kobe; Hiroshima; Sendai; Nara; Seoul; Busan; Incheon; Daegu; Daejeon;
  Gwangju; Ulsan; Suwon; Pyongyang; Manila; Quezon City; Cebu; Davao; Makati; Bangkok; Chiang Mai; Phuket; Hanoi;
  Ho Chi Minh City; Saigon; Da Nang;  Phnom Penh; Siem Reap; Vientiane; Yangon; Mandalay; Kuala Lumpur; Penang;
  George Town; Johor Bahru; Kota Kinabalu; Kuching; Singapore; Jakarta; Bandung; Surabaya; Yogyakarta; Medan;
  Semarang; Denpasar; Makassar; Malang; Bogor; Sydney; Melbourne; Brisbane; Perth; Adelaide; Canberra; Hobart;
  Darwin; Gold Coast; Newcastle; Auckland; Wellington; Christchurch; Dunedin; Queenstown; Suva; New York;
  New York City; NYC; Brooklyn; Queens; Manhattan; Bronx; Los Angeles; Chicago; Houston; Phoenix; Philadelphia;
  San Antonio; San Diego; Dallas; San Jose; Austin; Jacksonville; Fort Worth;   San Francisco;
  Indianapolis; Seattle; Denver; Boston; El Paso; Nashville; Detroit; Oklahoma City; Portland; Las Vegas; Memphis;
  Louisville; Baltimore; Milwaukee; Albuquerque; Tucson; Fresno; Sacramento; Kansas City;  Atlanta; Omaha;
  Colorado Springs; Raleigh; Miami; Oakland; Minneapolis; Tulsa; Cleveland; Wichita;  New Orleans;
  Tampa; Honolulu; Anchorage; Pittsburgh; Cincinnati; St. Louis; Saint Louis; Orlando; Buffalo;  Boise;
  Salt Lake City;  Spokane; Des Moines; Birmingham; Rochester; Baton Rouge;  Shreveport;
  Charleston; Savannah; Asheville;   Hartford; New Haven; Albany; Syracuse; Ann Arbor;
  Santa Fe; Berkeley; Palo Alto; Santa Barbara; Santa Cruz; Eugene; Tacoma; Bozeman; Missoula; Hilo; Juneau;
  Fairbanks; Toronto; Montreal; Montréal; Vancouver; Calgary; Edmonton; Ottawa; Winnipeg; Quebec City; 
  Halifax;  Saskatoon;  St. John's; Kitchener;  London; Mexico City; Ciudad de México;
  CDMX; Guadalajara; Monterrey; Puebla; Tijuana; León; Mérida; Oaxaca; Oaxaca de Juárez; Cancún; Querétaro;
  San Miguel de Allende; Guatemala City; San  Tegucigalpa; Managua; San José; Panama City; Havana; La Habana;
  Santo Domingo; San Juan;  Port of Spain; Bogotá; Bogota; Medellín; Medellin; Cali; Cartagena;
  Barranquilla; Caracas; Maracaibo; Quito; Guayaquil; Cuenca; Lima; Cusco; Arequipa; La Paz; Santa Cruz de la Sierra;
  Sucre;  Valparaíso; Valparaiso; Concepción; Temuco; Punta Arenas; Buenos Aires; Córdoba; Rosario;
  Mendoza; Mar del Plata; Bariloche; Salta; Montevideo; Asunción; São Paulo; Sao Paulo; Rio de Janeiro; 
  Brasília; Brasilia;  Fortaleza; Belo Horizonte; Manaus; Curitiba; Recife; Porto Alegre; Belém;
  Florianópolis; Goiânia

  Wolverhampton; Sunderland; Middlesbrough; Bradford; Huddersfield; Stoke-on-Trent; Milton Keynes; Northampton;
  Peterborough; Ipswich; Colchester; Canterbury; Chester; Lancaster; Preston; Blackpool; Bolton; Wigan; Carlisle;
  Inverness; Stirling; Perth; Lincoln; Worcester; Gloucester; Cheltenham; Bournemouth; Poole; Swindon; Salisbury;
  Winchester; Guildford; Harrogate; Durham; Truro; Falmouth; Wrexham; Newport; Derry; Waterford; Kilkenny; Sligo;
  Augsburg; Regensburg; Würzburg; Erfurt; Jena; Magdeburg; Rostock; Lübeck; Potsdam; Kassel; Karlsruhe; Ulm;
  Konstanz; Aachen; Bielefeld; Wuppertal; Bochum; Duisburg; Halle; Chemnitz; Saarbrücken; Mainz; Wiesbaden;
  Darmstadt; Göttingen; Oldenburg; Osnabrück; Braunschweig; Tübingen; Passau; Bamberg; Trier; Koblenz;
  Toulon; Angers; Dijon; Reims; Le Havre; Rouen; Caen; Brest; Tours; Orléans; Limoges; Clermont-Ferrand; Metz;
  Nancy; Besançon; Perpignan; Avignon; Annecy; Chambéry; Biarritz; Bayonne; Pau; La Rochelle; Poitiers; Amiens;
  Modena; Parma; Reggio Emilia; Perugia; Pisa; Lucca; Siena; Ravenna; Rimini; Ancona; Pescara; Lecce; Salerno;
  Messina; Cagliari; Sassari; Bergamo; Brescia; Como; Trento; Bolzano; Udine; Vicenza; Treviso; Cremona; Pavia;
  Murcia; Cartagena; Almería; Cádiz; Jerez; Huelva; Badajoz; Cáceres; Toledo; Segovia; Ávila; Burgos; León;
  Oviedo; Pamplona; Logroño; Vitoria; Girona; Tarragona; Lleida; Castellón; Las Palmas; Santa Cruz de Tenerife; Ibiza;
  Aveiro; Guimarães; Viseu; Évora; Setúbal; Leiria; Tilburg; Breda; Nijmegen; Arnhem; Haarlem; Delft; Zwolle; Enschede;
  Den Bosch; Deventer; Apeldoorn; Almere; Amersfoort; Leuven; Mechelen; Namur; Mons; Charleroi; Bergen op Zoom;
  Aalborg; Esbjerg; Linköping; Örebro; Västerås; Umeå; Luleå; Lund; Helsingborg; Kristiansand; Drammen; Bodø;
  Ålesund; Jyväskylä; Kuopio; Lahti; Pori; Rovaniemi; Gdynia; Sopot; Bydgoszcz; Toruń; Białystok; Rzeszów; Olsztyn;
  Opole; Kielce; Zakopane; Olomouc; Plzeň; Liberec; České Budějovice; Pécs; Győr; Miskolc; Brașov; Constanța; Sibiu;
  Oradea; Craiova; Burgas; Niš; Kragujevac; Mostar; Banja Luka; Zadar; Dubrovnik; Pula; Maribor; Kotor; Durrës;
  Izmit; Eskişehir; Konya; Gaziantep; Trabzon; Kayseri; Mersin; Çanakkale; Fethiye; Alanya; Marmaris;
  Sacramento; Fort Collins; Boulder; Aspen; Flagstaff; Scottsdale; Tempe; Reno; Spokane; Olympia; Bellingham;
  Eugene; Salem; Bend; Anchorage; Knoxville; Chattanooga; Lexington; Greenville; Columbia; Durham; Chapel Hill;
  Wilmington; Norfolk; Virginia Beach; Alexandria; Annapolis; Harrisburg; Scranton; Allentown; Erie; Toledo; Akron;
  Dayton; Grand Rapids; Lansing; Kalamazoo; Green Bay; Duluth; St. Paul; Saint Paul; Fargo; Sioux Falls; Lincoln;
  Topeka; Little Rock; Jackson; Mobile; Montgomery; Huntsville; Tallahassee; Gainesville; Pensacola; Sarasota;
  Fort Lauderdale; West Palm Beach; Key West; St. Petersburg; Corpus Christi; Lubbock; Amarillo; Waco; Galveston;
  Laredo; McAllen; Brownsville; Las Cruces; Provo; Ogden; Cheyenne; Billings; Rapid City; Des Moines; Cedar Rapids;
  Iowa City; Springfield; Peoria; Champaign; Evanston; Naperville; Gary; South Bend; Fort Wayne; Bloomington;
  Worcester; Springfield; Portland; Bangor; Concord; Manchester; Stamford; Bridgeport; Newark; Jersey City;
  Hoboken; Princeton; Trenton; Ithaca; Schenectady; Yonkers; Long Island; Staten Island; Oakland; Fremont;
  Stockton; Modesto; Bakersfield; Riverside; San Bernardino; Long Beach; Anaheim; Irvine; Pasadena; Santa Monica;
  Malibu; Ventura; Santa Rosa; Napa; Sonoma; Monterey; Carmel; Redding; Chico; Davis; Palm Springs; Kailua; Kona;
  Maui; Lahaina; Mississauga; Brampton; Surrey; Burnaby; Richmond Hill; Markham; Oakville; Guelph; London Ontario;
  Kingston Ontario; Sudbury; Thunder Bay; Sherbrooke; Trois-Rivières; Gatineau; Laval; Longueuil; Moncton;
  Fredericton; Charlottetown; Whitehorse; Yellowknife; Iqaluit; Kelowna; Kamloops; Nanaimo; Lethbridge; Red Deer;
  Geelong; Ballarat; Bendigo; Townsville; Cairns; Toowoomba; Wollongong; Launceston; Alice Springs; Fremantle;
  Byron Bay; Sunshine Coast; Hamilton NZ; Tauranga; Napier; Hastings; Nelson; Palmerston North; Rotorua; Invercargill;
  Whangārei; Nadi; Apia; Nuku'alofa; Port Moresby; Nouméa; Papeete; Vadodara; Nashik; Visakhapatnam; Vijayawada;
  Madurai; Tiruchirappalli; Mangaluru; Mangalore; Udaipur; Jodhpur; Agra; Varanasi; Kanpur; Patna; Ranchi;
  Bhubaneswar; Guwahati; Shillong; Dehradun; Shimla; Amritsar; Ludhiana; Srinagar; Jammu; Raipur; Aurangabad;
  Kozhikode; Thrissur; Pondicherry; Puducherry; Faisalabad; Multan; Quetta; Sylhet; Khulna; Galle; Jaffna;
  Chiang Rai; Pattaya; Krabi; Hat Yai; Nha Trang; Hai Phong; Can Tho; Da Lat; Luang Prabang; Battambang; Ipoh;
  Malacca; Melaka; Iloilo; Baguio; Bacolod; Zamboanga; Cagayan de Oro; Tagbilaran; Palembang; Pekanbaru; Padang;
  Balikpapan; Manado; Lombok; Mataram; Solo; Surakarta; Bukittinggi; Ubud; Dalian; Shenyang; Changsha;
  Zhengzhou; Jinan; Hefei; Fuzhou; Nanning; Guilin; Lhasa; Urumqi; Lanzhou; Ningbo; Wuxi; Dongguan; Foshan;
  Zhuhai; Sanya; Kanazawa; Kagoshima; Nagasaki; Okayama; Kumamoto; Matsuyama; Naha; Hakodate; Niigata; Shizuoka;
  Hamamatsu; Kawasaki; Chiba; Saitama; Jeonju; Gyeongju; Changwon; Pohang; Cheongju; Chuncheon; Gangneung;
  Bukhara; Samarkand; Dushanbe; Ashgabat; Batumi; Kutaisi; Gyumri; Ganja; Erbil; Sulaymaniyah; Basra;
  Mosul; Isfahan; Shiraz; Tabriz; Mashhad; Medina; Mecca; Dammam; Sharjah; Ajman; Salalah; Aqaba; Petra; Eilat;
  Nazareth; Ramallah; Gaza; Bethlehem; Sidon; Tyre; Aleppo; Homs; Luxor; Aswan; Giza; Port Said; Suez; Hurghada;
  Sharm el-Sheikh; Tangier; Agadir; Essaouira; Chefchaouen; Oran; Constantine; Sfax; Sousse; Benghazi; Misrata;
  Enugu; Owerri; Onitsha; Benin City; Jos; Kaduna; Zaria; Maiduguri; Calabar; Uyo; Warri; Abeokuta; Ilorin; Osogbo;
  Cape Coast; Takoradi; Ho; Lomé; Cotonou; Porto-Novo; Niamey; Nouakchott; Conakry; Bissau; Banjul; Praia;
  Yaoundé; Douala; Libreville; Brazzaville; Bangui; N'Djamena; Juba; Asmara; Djibouti City; Hargeisa; Bahir Dar;
  Gondar; Mekelle; Hawassa; Dire Dawa; Eldoret; Nakuru; Nyeri; Malindi; Lamu; Gulu; Mbarara; Jinja; Entebbe;
  Goma; Bukavu; Lubumbashi; Kisangani; Mwanza; Dodoma; Moshi; Mbeya; Tanga; Blantyre; Lilongwe; Zomba; Ndola;
  Kitwe; Livingstone; Mutare; Gweru; Beira; Nampula; Swakopmund; Walvis Bay; Francistown; Maseru; Mbabane;
  Bloemfontein; Polokwane; Nelspruit; Mbombela; Kimberley; East London; Gqeberha; Stellenbosch; Pietermaritzburg;
  Soweto; Toamasina; Port Louis; Victoria Falls; Campinas; Santos; Niterói; Vitória; Campo Grande; Cuiabá; Londrina;
  Maringá; Joinville; Blumenau; Pelotas; Caxias do Sul; Uberlândia; Juiz de Fora; Ribeirão Preto; São Luís;
  Teresina; João Pessoa; Maceió; Aracaju; Feira de Santana; Porto Seguro; Ilhéus; Foz do Iguaçu; Florianopolis;
  Rosario; La Plata; San Miguel de Tucumán; Tucumán; Neuquén; Ushuaia; El Calafate; Puerto Madryn; Viña del Mar;
  Antofagasta; Iquique; Arica; La Serena; Puerto Montt; Valdivia; Rancagua; Chillán; Santa Cruz; Tarija;
  Cochabamba; Oruro; Potosí; Trujillo; Chiclayo; Piura; Iquitos; Puno; Huancayo; Ayacucho; Cajamarca; Manta;
  Loja; Ambato; Riobamba; Otavalo; Bucaramanga; Pereira; Manizales; Armenia; Santa Marta; Pasto; Popayán; Ibagué;
  Villavicencio; Neiva; Valledupar; Cúcuta; Barquisimeto; Valencia; Mérida; Maracay; Puerto Ordaz;
  Georgetown; Paramaribo; Cayenne; Port-au-Prince; Cap-Haïtien; Santiago de los Caballeros; Punta Cana; Ponce;
  Mayagüez; Bridgetown; Castries; Kingstown; St. George's; Nassau; Montego Bay; Ocho Rios; Belize City; San Pedro Sula;
  Quetzaltenango; Antigua; León; Granada; Liberia; Limón; David; Colón; Hermosillo; Culiacán; Mazatlán; Chihuahua;
  Ciudad Juárez; Saltillo; Torreón; Durango; Zacatecas; Aguascalientes; San Luis Potosí; Morelia; Toluca;
  Cuernavaca; Pachuca; Xalapa; Veracruz; Villahermosa; Campeche; Chetumal; Playa del Carmen; Tulum; Acapulco;
  Puerto Vallarta; Ensenada; Mexicali; La Paz; Los Cabos; San Cristóbal de las Casas; Tuxtla Gutiérrez;
  Guanajuato
`);

const COUNTRY_SET = new Set(COUNTRIES.map((p) => p.toLowerCase()));

/** Whether the phrase is a country or large region ("Turkey", "Quebec"), not a city. */
export function isCountry(phrase: string): boolean {
  return COUNTRY_SET.has(phrase.trim().toLowerCase());
}

const PLACE_SET = new Set([...COUNTRIES, ...US_STATES, ...CITIES].map((p) => p.toLowerCase()));

/** Whether the phrase is a listed place, or ends in one ("Haeundae, Busan", "Socorro, NM", "Leipzig-Plagwitz"). */
export function isKnownPlace(phrase: string): boolean {
  const text = phrase.trim();
  if (PLACE_SET.has(text.toLowerCase())) return true;
  const parts = text.split(COMMA);
  const last = parts[parts.length - 1] ?? "";
  if (parts.length > 1 && (PLACE_SET.has(last.toLowerCase()) || REGION_CODES.has(last))) return true;
  const first = parts[0] ?? "";
  if (PLACE_SET.has(first.toLowerCase())) return true;
  // "Leipzig-Plagwitz", "Poznań-Komorniki": a city with its district.
  const head = first.split("-")[0] ?? "";
  return head !== first && PLACE_SET.has(head.toLowerCase());
}

/** Platforms, apps and well-known brands that follow "from"/"on"/"in" but are never where someone lives. */
const PLATFORMS = new Set(
  (
    "airbnb booking booking.com vrbo expedia tripadvisor etsy amazon ebay uber lyft deliveroo doordash instagram " +
    "facebook tiktok youtube linkedin twitter whatsapp telegram signal slack zoom teams google apple microsoft " +
    "netflix spotify shopify substack patreon twitch discord reddit fiverr upwork vinted depop paypal stripe excel " +
    "notion canva figma trello jira asana tesla ikea starbucks walmart target costco tesco aldi lidl ryanair " +
    "easyjet steam xbox playstation nintendo github gitlab wordpress squarespace wix mailchimp hubspot salesforce " +
    "quickbooks xero gmail outlook duolingo strava garmin peloton glovo rappi grab gojek tokopedia shopee lazada " +
    "mercadolibre bolt wolt kickstarter indiegogo gofundme medium tumblr pinterest snapchat threads mastodon bluesky"
  ).split(" "),
);

/**
 * Capitalised words that follow "in" in a job sentence without naming a place: departments ("a team in Marketing"),
 * school subjects ("a teacher in Maths"), languages ("classes in French") and work settings ("a nurse in ICU").
 */
const NOT_PLACES = new Set([
  ...(
    "marketing sales operations ops product engineering finance accounting accounts hr it support admin " +
    "administration research development r&d design legal compliance procurement purchasing logistics " +
    "quality qa security data analytics strategy communications comms pr partnerships recruitment recruiting " +
    "talent payroll facilities maintenance " +
    "maths math mathematics physics chemistry biology history geography economics english literature " +
    "law medicine nursing pharmacy psychology sociology philosophy music art drama science " +
    "french german spanish italian portuguese dutch arabic mandarin chinese japanese korean russian polish " +
    "turkish hindi urdu swahili greek latin icu a&e er nicu picu theatre surgery oncology paediatrics pediatrics " +
    "radiology cardiology emergency outpatients year reception"
  ).split(" "),
  // Names of more than one word, kept whole (split, "care" or "success" alone would be refused as places).
  "customer success",
  "customer service",
  "customer support",
  "computer science",
  "primary care",
]);

/** A department, subject, language or hospital unit rather than a place ("Marketing", "Maths", "ICU"). */
export function isNotAPlace(phrase: string): boolean {
  return NOT_PLACES.has(phrase.trim().toLowerCase());
}

/** Last words that mark an organisation, venue or product rather than a place. */
const ORG_WORD =
  /\b(?:Inc|Ltd|LLC|GmbH|AG|SA|SL|BV|Pty|Corp|Co|Company|Studios?|Labs?|Group|Bank|University|College|School|Academy|Hospital|Clinic|Farms?|Agency|Pilates|Yoga|Caf[eé]|Coffee|Kitchen|Brewery|Winery|Airlines?|Airways|Motors|Systems|Solutions|Technologies|Tech|Partners|Media|Games|Capital|Ventures|Foundation|Trust|Council|Club|FC|Hotel|Restaurant|Bar|Pub|Shop|Store|Support|Team|App|Pro|Plus|Cloud|Software|Health|Care|Fitness|Gym|Network|Digital|Consulting|Services|Fulfilment|Fulfillment|Logistics|Festival|Conference|Summit|Marathon|League|Cup|Stadium|Arena|Park|Street|Road|Avenue)\.?$/;

/** An organisation, platform or product name rather than a place ("Airbnb", "StayGrid", "Acme Studios"). */
export function looksLikeOrganisation(phrase: string): boolean {
  const text = phrase.trim();
  const first = (text.split(COMMA)[0] ?? text).trim();
  if (PLATFORMS.has(first.toLowerCase())) return true;
  if (WEB_DOMAIN.test(text) || AT_SIGN.test(text)) return true;
  // Inner capitals ("StayGrid", "LabLeap") mark brands; "McAllen", "DeKalb", "LaSalle" are places.
  if (LOWER_THEN_UPPER.test(first.replace(SURNAME_PREFIX, ""))) return true;
  if (isKnownPlace(text)) return false;
  return ORG_WORD.test(first);
}
