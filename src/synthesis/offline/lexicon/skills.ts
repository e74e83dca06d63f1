import { phrases, words } from "./words.ts";

/** Well-known tools and technologies; mentioned as used by the subject they are skills. */
export const TOOL_WORDS: readonly string[] = phrases(`
  Excel, Google Sheets, Python, Godot, Unity, Unreal, Figma, SQL, Photoshop, Illustrator, InDesign, Tableau,
  Power BI, R, JavaScript, TypeScript, Rust, Go, Kubernetes, Terraform, AutoCAD, Blender, QuickBooks, Salesforce,
  Notion, Jira, WordPress, Canva, Premiere, Final Cut, Ableton, Logic Pro, SPSS, Stata, MATLAB, Java, C#, C++,
  React, DaVinci Resolve, Premiere Pro, After Effects, Final Cut Pro, Lightroom, Capture One, Procreate, Sketch,
  Miro, Trados, memoQ, Wordfast, SAP, HubSpot, Shopify, Xero, Sage, Zendesk, Asana, Trello, Airtable, Zapier,
  Mailchimp, Squarespace, Webflow, Git, GitHub, Docker, AWS, Azure, Linux, Node.js, Django, Ruby on Rails, PHP,
  Swift, Kotlin, Flutter, ArcGIS, QGIS, Revit, SketchUp, Rhino, SolidWorks, Fusion 360, Pro Tools, FL Studio,
  Cubase, Maya, ZBrush, Houdini, Cinema 4D, Looker, dbt, Snowflake, SAS, NVivo, Qualtrics, Xcode, Jupyter, pandas,
  Power Automate, NetSuite, Lightspeed, Square, Mastercam, Unreal Engine, Adobe Illustrator, Adobe Premiere,
  Google Analytics, Google Ads, Tally, Smartsheet, Monday.com, ClickUp, Confluence
`);

/** Tool names that open an English sentence as plain words ("Go, Brian!", "Square one"): a use word must come first. */
export const SENTENCE_WORD_TOOLS: ReadonlySet<string> = new Set(
  words("Go Rust Unity Notion Sketch Square Sage Swift Tally"),
);

export const LANGUAGES: readonly string[] = words(`
  English Spanish French German Italian Portuguese Mandarin Cantonese Japanese Korean Arabic Hindi Urdu Bengali
  Punjabi Swahili Kikuyu Yoruba Igbo Hausa Zulu Xhosa Amharic Tagalog Filipino Vietnamese Thai Indonesian Malay
  Russian Polish Ukrainian Turkish Greek Dutch Swedish Norwegian Danish Finnish Irish Welsh Gaelic Catalan Basque
  Galician Hebrew Persian Farsi Tamil Telugu Somali BSL ASL LSF Auslan ISL Libras Malayalam Kannada Marathi Gujarati
  Nepali Sinhala Burmese Khmer Lao Mongolian Kazakh Uzbek Georgian Armenian Azerbaijani Romanian Bulgarian Serbian
  Croatian Bosnian Slovak Slovenian Czech Hungarian Estonian Latvian Lithuanian Icelandic Albanian Maltese
  Luxembourgish Afrikaans Wolof Twi Lingala Shona Tigrinya Oromo Quechua Aymara Guarani Nahuatl Zapotec Mixtec Maori
  Samoan Tongan Hawaiian Cebuano Javanese Sundanese Pashto Dari Kurdish Yiddish Latin Esperanto Breton Cornish Scots
  Flemish Sami
`);
