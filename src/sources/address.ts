// Pure address and host-name classification for the SSRF guard. No I/O here: the fetcher calls these on every
// hop and on every address the resolver returns, and the tests call them without sending a packet.

import { isIPv4, isIPv6 } from "node:net";

export interface AddressVerdict {
  blocked: boolean;
  /** Why the address is refused (absent when it is allowed). Safe to show to users: names a range, not a secret. */
  reason?: string;
}

const ALLOWED: AddressVerdict = { blocked: false };

function blocked(reason: string): AddressVerdict {
  return { blocked: true, reason };
}

// ---------------------------------------------------------------------------------------------------------------
// IPv4

/** Parse a canonical dotted-quad IPv4 address into an unsigned 32-bit number, or null. */
function ipv4ToNumber(ip: string): number | null {
  if (!isIPv4(ip)) return null;
  let n = 0;
  for (const part of ip.split(".")) n = n * 256 + Number(part);
  return n >>> 0;
}

function numberToIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join(".");
}

interface V4Range {
  base: number;
  prefix: number;
  reason: string;
}

function v4(cidr: string, reason: string): V4Range {
  const [addr, bits] = cidr.split("/");
  const base = ipv4ToNumber(addr ?? "");
  if (base === null || bits === undefined) throw new Error(`bad IPv4 CIDR in table: ${cidr}`);
  return { base, prefix: Number(bits), reason };
}

// Order matters: the first match gives the reason, so specific entries (metadata, broadcast) precede their
// enclosing ranges. Sources: IANA IPv4 Special-Purpose Address Registry (RFC 6890 and updates) plus the
// well-known cloud metadata endpoints.
const V4_BLOCKED: readonly V4Range[] = [
  v4("169.254.169.254/32", "cloud metadata endpoint (169.254.169.254)"),
  v4("169.254.170.2/32", "container metadata endpoint (169.254.170.2)"),
  v4("168.63.129.16/32", "Azure platform endpoint (168.63.129.16)"),
  v4("100.100.100.200/32", "Alibaba Cloud metadata endpoint (100.100.100.200)"),
  v4("192.0.0.192/32", "Oracle Cloud metadata endpoint (192.0.0.192)"),
  v4("255.255.255.255/32", "broadcast address"),
  v4("0.0.0.0/8", "unspecified / this-network address (0.0.0.0/8)"),
  v4("10.0.0.0/8", "private address (10.0.0.0/8)"),
  v4("100.64.0.0/10", "carrier-grade NAT address (100.64.0.0/10)"),
  v4("127.0.0.0/8", "loopback address (127.0.0.0/8)"),
  v4("169.254.0.0/16", "link-local address (169.254.0.0/16)"),
  v4("172.16.0.0/12", "private address (172.16.0.0/12)"),
  v4("192.0.0.0/24", "IETF protocol assignment (192.0.0.0/24)"),
  v4("192.0.2.0/24", "documentation address TEST-NET-1 (192.0.2.0/24)"),
  v4("192.88.99.0/24", "deprecated 6to4 relay anycast (192.88.99.0/24)"),
  v4("192.168.0.0/16", "private address (192.168.0.0/16)"),
  v4("198.18.0.0/15", "benchmarking address (198.18.0.0/15)"),
  v4("198.51.100.0/24", "documentation address TEST-NET-2 (198.51.100.0/24)"),
  v4("203.0.113.0/24", "documentation address TEST-NET-3 (203.0.113.0/24)"),
  v4("224.0.0.0/4", "multicast address (224.0.0.0/4)"),
  v4("240.0.0.0/4", "reserved address (240.0.0.0/4)"),
];

function inV4Range(n: number, r: V4Range): boolean {
  if (r.prefix === 0) return true;
  const mask = (0xffffffff << (32 - r.prefix)) >>> 0;
  return (n & mask) >>> 0 === (r.base & mask) >>> 0;
}

function classifyIPv4Number(n: number): AddressVerdict {
  for (const r of V4_BLOCKED) if (inV4Range(n, r)) return blocked(r.reason);
  return ALLOWED;
}

// ---------------------------------------------------------------------------------------------------------------
// IPv6

/** Parse an IPv6 address (any textual form node:net accepts, zone id allowed) into eight 16-bit groups. */
export function parseIPv6(input: string): number[] | null {
  // The zone id names an interface on this machine, not part of the address; it cannot make a blocked address
  // allowed, so classify what precedes it.
  const ip = input.split("%")[0] ?? "";
  if (!isIPv6(ip)) return null;
  let text = ip.toLowerCase();
  // Trailing dotted IPv4 (::ffff:1.2.3.4, ::1.2.3.4, 64:ff9b::1.2.3.4): rewrite as two hex groups.
  const lastColon = text.lastIndexOf(":");
  const tail = text.slice(lastColon + 1);
  if (tail.includes(".")) {
    const n = ipv4ToNumber(tail);
    if (n === null) return null;
    text = `${text.slice(0, lastColon + 1)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? head.length !== 8 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest].map((g) =>
    Number.parseInt(g, 16),
  );
  if (groups.length !== 8 || groups.some((g) => !Number.isInteger(g) || g < 0 || g > 0xffff)) return null;
  return groups;
}

function group(g: number[], i: number): number {
  return g[i] ?? 0;
}

/** True when the first `bits` bits of the address equal those of the prefix given as groups. */
function hasPrefix(g: number[], prefixGroups: number[], bits: number): boolean {
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const take = Math.min(16, bits);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if ((group(g, i) & mask) !== (group(prefixGroups, i) & mask)) return false;
  }
  return true;
}

function v4FromGroups(hi: number, lo: number): number {
  return ((hi << 16) | lo) >>> 0;
}

function embedded(kind: string, n: number): AddressVerdict {
  const inner = classifyIPv4Number(n);
  if (!inner.blocked) return ALLOWED;
  return blocked(`${kind} embedding ${numberToIPv4(n)}: ${inner.reason}`);
}

interface V6Range {
  prefix: number[];
  bits: number;
  reason: string;
}

function v6(cidr: string, reason: string): V6Range {
  const [addr, bits] = cidr.split("/");
  const prefix = parseIPv6(addr ?? "");
  if (prefix === null || bits === undefined) throw new Error(`bad IPv6 CIDR in table: ${cidr}`);
  return { prefix, bits: Number(bits), reason };
}

// Ranges refused whatever they contain. Embedded-IPv4 forms are handled separately below so that the reason can
// name the inner address. Source: IANA IPv6 Special-Purpose Address Registry.
const V6_BLOCKED: readonly V6Range[] = [
  v6("fd00:ec2::254/128", "cloud metadata endpoint (fd00:ec2::254)"),
  v6("::/128", "unspecified address (::)"),
  v6("::1/128", "loopback address (::1)"),
  v6("64:ff9b:1::/48", "local-use NAT64 address (64:ff9b:1::/48)"),
  v6("100::/64", "discard-only address (100::/64)"),
  v6("2001:2::/48", "benchmarking address (2001:2::/48)"),
  v6("2001:10::/28", "deprecated ORCHID address (2001:10::/28)"),
  v6("2001:20::/28", "ORCHIDv2 address (2001:20::/28)"),
  v6("2001:db8::/32", "documentation address (2001:db8::/32)"),
  v6("3fff::/20", "documentation address (3fff::/20)"),
  v6("fc00::/7", "unique-local address (fc00::/7)"),
  v6("fe80::/10", "link-local address (fe80::/10)"),
  v6("fec0::/10", "site-local address (fec0::/10)"),
  v6("ff00::/8", "multicast address (ff00::/8)"),
];

const MAPPED = v6("::ffff:0:0/96", "");
const TRANSLATED = v6("::ffff:0:0:0/96", "");
const COMPATIBLE = v6("::/96", "");
const NAT64 = v6("64:ff9b::/96", "");
const SIX_TO_FOUR = v6("2002::/16", "");
const TEREDO = v6("2001::/32", "");
const GLOBAL_UNICAST = v6("2000::/3", "");

function classifyIPv6Groups(g: number[]): AddressVerdict {
  for (const r of V6_BLOCKED) if (hasPrefix(g, r.prefix, r.bits)) return blocked(r.reason);

  const low32 = v4FromGroups(group(g, 6), group(g, 7));
  // IPv4-mapped/-compatible/-translated addresses never come back from a legitimate AAAA lookup, and the OS turns
  // them into IPv4 connections; refuse them whatever they embed (the architecture lists them as a class), but name
  // the inner address so the message is useful.
  if (hasPrefix(g, MAPPED.prefix, MAPPED.bits)) {
    const inner = classifyIPv4Number(low32);
    return blocked(
      `IPv4-mapped IPv6 address (::ffff:${numberToIPv4(low32)})${inner.reason ? `: ${inner.reason}` : ""}`,
    );
  }
  if (hasPrefix(g, TRANSLATED.prefix, TRANSLATED.bits)) {
    return blocked(`IPv4-translated IPv6 address (::ffff:0:${numberToIPv4(low32)})`);
  }
  if (hasPrefix(g, COMPATIBLE.prefix, COMPATIBLE.bits)) {
    return blocked(`IPv4-compatible IPv6 address (::${numberToIPv4(low32)})`);
  }
  // NAT64, 6to4 and Teredo are real transition mechanisms that reach public hosts, so they pass unless the IPv4
  // address they carry is itself refused.
  if (hasPrefix(g, NAT64.prefix, NAT64.bits)) return embedded("NAT64 address (64:ff9b::/96)", low32);
  if (hasPrefix(g, SIX_TO_FOUR.prefix, SIX_TO_FOUR.bits)) {
    return embedded("6to4 address (2002::/16)", v4FromGroups(group(g, 1), group(g, 2)));
  }
  if (hasPrefix(g, TEREDO.prefix, TEREDO.bits)) {
    const server = embedded("Teredo address (2001::/32) server", v4FromGroups(group(g, 2), group(g, 3)));
    if (server.blocked) return server;
    // RFC 4380: the client's public IPv4 is stored bit-inverted in the last 32 bits.
    return embedded("Teredo address (2001::/32) client", ~low32 >>> 0);
  }
  // Everything outside 2000::/3 that reached here is unassigned or reserved space: not a public web server.
  if (!hasPrefix(g, GLOBAL_UNICAST.prefix, GLOBAL_UNICAST.bits)) {
    return blocked("reserved IPv6 address (outside global unicast 2000::/3)");
  }
  return ALLOWED;
}

// ---------------------------------------------------------------------------------------------------------------
// Public API

/**
 * Classify one IP address (IPv4 dotted quad, or IPv6 in any textual form, optionally in brackets or with a zone
 * id). Anything that is not an IP address is refused: callers must resolve names first.
 */
export function classifyAddress(ip: string): AddressVerdict {
  const bare = ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip;
  const n4 = ipv4ToNumber(bare);
  if (n4 !== null) return classifyIPv4Number(n4);
  const g = parseIPv6(bare);
  if (g !== null) return classifyIPv6Groups(g);
  return blocked(`not an IP address: ${JSON.stringify(ip)}`);
}

/**
 * Parse an IPv4 host the way the WHATWG URL standard does (decimal `2130706433`, octal `0177.0.0.1`, hex
 * `0x7f.1`, short `127.1`, one trailing dot) and return its dotted quad; null when the text is not an IPv4
 * host in that grammar (including out-of-range values, which the URL parser rejects as invalid).
 *
 * `new URL()` already does this; the parser exists so that host names that did not come through `new URL()`
 * (configuration, resolver answers) are read the same way, and so the tests can prove the two agree.
 */
export function parseIPv4Literal(host: string): string | null {
  const parts = host.split(".");
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  if (parts.length === 0 || parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const n = parseIPv4Part(part);
    if (n === null) return null;
    numbers.push(n);
  }
  const last = numbers.pop() ?? 0;
  if (numbers.some((n) => n > 255)) return null;
  if (last >= 256 ** (4 - numbers.length)) return null;
  let value = last;
  numbers.forEach((n, i) => {
    value += n * 256 ** (3 - i);
  });
  return numberToIPv4(value >>> 0);
}

function parseIPv4Part(part: string): number | null {
  if (part === "") return null;
  let radix = 10;
  let digits = part;
  if (/^0x/i.test(part)) {
    radix = 16;
    digits = part.slice(2);
  } else if (part.length > 1 && part.startsWith("0")) {
    radix = 8;
    digits = part.slice(1);
  }
  // "0x" alone is zero in the URL standard.
  if (digits === "") return 0;
  const valid = radix === 16 ? /^[0-9a-f]+$/i : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return null;
  const n = Number.parseInt(digits, radix);
  // Anything beyond 2^32 is out of range for every position; cap early so huge inputs stay exact.
  return Number.isSafeInteger(n) ? n : Number.MAX_SAFE_INTEGER;
}

// Names that point inside the machine or the cloud account whatever DNS says, refused before any lookup so that
// no query for them leaves the host (RFC 6761 localhost, RFC 6762 .local, ICANN .internal, RFC 8375 home.arpa).
const BLOCKED_NAMES = new Set([
  "localhost",
  "localhost.localdomain",
  "ip6-localhost",
  "ip6-loopback",
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "instance-data",
  "instance-data.ec2.internal",
  "kubernetes",
  "kubernetes.default",
  "kubernetes.default.svc",
]);
const BLOCKED_SUFFIXES = [".localhost", ".local", ".internal", ".localdomain", ".home.arpa", ".svc.cluster.local"];

/**
 * Classify a URL host name (as `new URL().hostname` gives it: lower-case, IPv6 in brackets, IPv4 normalised).
 * IP literals are classified as addresses; names are refused only when they are local or metadata names — a
 * name that passes here still has every resolved address checked at connect time.
 */
export function classifyHostname(hostname: string): AddressVerdict {
  if (hostname === "") return blocked("empty host name");
  const host = hostname.toLowerCase();
  if (host.startsWith("[")) return classifyAddress(host);
  const v4literal = parseIPv4Literal(host);
  if (v4literal !== null) return classifyAddress(v4literal);
  // The URL standard treats a host whose last label is a number as IPv4 and rejects it when it does not parse;
  // do the same so that libc's looser inet_aton never gets to interpret it.
  const lastLabel = host.replace(/\.$/, "").split(".").pop() ?? "";
  if (/^(0x[0-9a-f]*|[0-9]+)$/i.test(lastLabel)) return blocked(`invalid IPv4 literal (${host})`);
  if (isIPv6(host)) return classifyAddress(host);
  // A trailing dot is the same name (fully qualified); strip it so "localhost." cannot slip past the list.
  const name = host.replace(/\.+$/, "");
  if (name === "") return blocked("empty host name");
  if (BLOCKED_NAMES.has(name)) return blocked(`local or metadata host name (${name})`);
  for (const suffix of BLOCKED_SUFFIXES) {
    if (name.endsWith(suffix)) return blocked(`local or internal host name (*${suffix})`);
  }
  return ALLOWED;
}
