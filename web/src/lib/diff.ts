import {
  type DiffEntry,
  fieldLabel,
  LIST_FIELDS,
  type PersonaField,
  SCALAR_FIELDS,
  type Scalar,
} from "../api/types.ts";

/** Diff entries grouped by field in the persona's field order, for display. */
export function groupDiff(diff: DiffEntry[]): { field: string; entries: DiffEntry[] }[] {
  const order = [...SCALAR_FIELDS, ...LIST_FIELDS] as readonly string[];
  const groups = new Map<string, DiffEntry[]>();
  for (const entry of diff) {
    const list = groups.get(entry.field) ?? [];
    list.push(entry);
    groups.set(entry.field, list);
  }
  const rank = (f: string) => (order.includes(f) ? order.indexOf(f) : order.length);
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b)).map(([field, entries]) => ({ field, entries }));
}

const show = (value: Scalar | null | undefined) => (value === null || value === undefined ? "—" : String(value));

/** One line per diff entry, in words: "Location: Denver → Boulder", "Traits: added “patient”". */
export function describeDiffEntry(entry: DiffEntry): string {
  const label = fieldLabel(entry.field);
  switch (entry.op) {
    case "set":
      return `${label}: set to “${show(entry.to)}”`;
    case "unset":
      return `${label}: cleared (was “${show(entry.from)}”)`;
    case "replace":
      return `${label}: “${show(entry.from)}” → “${show(entry.to)}”`;
    case "add_item":
      return `${label}: added “${show(entry.to)}”`;
    case "remove_item":
      return `${label}: removed “${show(entry.from)}”`;
  }
}

const RESOLUTIONS: Record<string, string> = {
  keep_current: "kept the current value",
  take_proposed: "took the proposed value",
  write: "wrote another value",
};

/** "merge" -> "New material merged"; unknown causes pass through readable. */
export function describeCause(cause: string): string {
  const known: Record<string, string> = {
    create: "Created",
    created: "Created",
    merge: "New material merged",
    material: "New material merged",
    edit: "Edited",
    fields: "Edited",
    restore: "Restored",
  };
  const [head = "", ...rest] = cause.split(":");
  if (head === "restore" && rest.length > 0) return `Restored version ${rest.join(":")}`;
  // resolve:<conflict id>:<action>, written when the person settles a conflict (the diff names the field).
  if (head === "resolve" && rest.length === 2) return `Conflict resolved: ${RESOLUTIONS[rest[1] ?? ""] ?? rest[1]}`;
  const word = known[head] ?? head.replaceAll("_", " ");
  return rest.length > 0 ? `${word} ${rest.join(":")}` : word;
}

/** Fields touched by a diff, for a compact summary ("3 changes: Location, Traits"). */
export function touchedFields(diff: DiffEntry[]): PersonaField[] {
  const out: PersonaField[] = [];
  for (const entry of diff) {
    const field = entry.field as PersonaField;
    if (!out.includes(field)) out.push(field);
  }
  return out;
}
