// Pure function calls only: nothing in this file opens a socket or performs a lookup.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyAddress, classifyHostname, parseIPv4Literal, parseIPv6 } from "./address.ts";

/** A row of the blocked-address tables: the address and a fragment of the reason the classifier must give. */
const blocked = (address: string, reason: string): [string, string] => [address, reason];

describe("classifyAddress: blocked IPv4 ranges", () => {
  // [address, fragment of the reason]; first/last addresses of each range where it matters.
  const cases: Array<[string, string]> = [
    blocked("0.0.0.0", "this-network"),
    blocked("0.255.255.255", "this-network"),
    blocked("10.0.0.1", "private"),
    blocked("10.255.255.255", "private"),
    blocked("100.64.0.1", "carrier-grade NAT"),
    blocked("100.127.255.255", "carrier-grade NAT"),
    blocked("100.100.100.200", "Alibaba"),
    blocked("127.0.0.1", "loopback"),
    blocked("127.0.0.2", "loopback"),
    blocked("127.255.255.254", "loopback"),
    blocked("169.254.0.1", "link-local"),
    blocked("169.254.169.254", "metadata"),
    blocked("169.254.170.2", "metadata"),
    blocked("168.63.129.16", "Azure"),
    blocked("172.16.0.1", "private"),
    blocked("172.31.255.255", "private"),
    blocked("192.0.0.1", "IETF protocol"),
    blocked("192.0.0.170", "IETF protocol"),
    blocked("192.0.0.192", "Oracle"),
    blocked("192.0.2.1", "TEST-NET-1"),
    blocked("192.88.99.1", "6to4 relay"),
    blocked("192.168.0.1", "private"),
    blocked("192.168.255.255", "private"),
    blocked("198.18.0.1", "benchmarking"),
    blocked("198.19.255.255", "benchmarking"),
    blocked("198.51.100.7", "TEST-NET-2"),
    blocked("203.0.113.9", "TEST-NET-3"),
    blocked("224.0.0.1", "multicast"),
    blocked("239.255.255.250", "multicast"),
    blocked("240.0.0.1", "reserved"),
    blocked("254.1.2.3", "reserved"),
    blocked("255.255.255.255", "broadcast"),
  ];
  it.each(cases)("%s is blocked (%s)", (ip, reason) => {
    const verdict = classifyAddress(ip);
    expect(verdict.blocked).toBe(true);
    expect(verdict.reason).toContain(reason);
  });
});

describe("classifyAddress: blocked IPv6 ranges", () => {
  const cases: Array<[string, string]> = [
    blocked("::", "unspecified"),
    blocked("::1", "loopback"),
    blocked("0:0:0:0:0:0:0:1", "loopback"),
    blocked("[::1]", "loopback"),
    blocked("::ffff:127.0.0.1", "IPv4-mapped"),
    blocked("::ffff:7f00:1", "loopback"),
    blocked("::ffff:10.0.0.1", "private"),
    blocked("::ffff:169.254.169.254", "metadata"),
    // Mapped addresses are refused as a class, even around a public IPv4.
    blocked("::ffff:8.8.8.8", "IPv4-mapped"),
    blocked("::ffff:0:8.8.8.8", "IPv4-translated"),
    blocked("::127.0.0.1", "IPv4-compatible"),
    blocked("::7f00:1", "IPv4-compatible"),
    blocked("::8.8.8.8", "IPv4-compatible"),
    blocked("64:ff9b::127.0.0.1", "NAT64"),
    blocked("64:ff9b::a9fe:a9fe", "metadata"),
    blocked("64:ff9b::10.1.2.3", "private"),
    blocked("64:ff9b:1::1", "local-use NAT64"),
    blocked("2002:7f00:1::", "6to4"),
    blocked("2002:c0a8:0101::1", "private"),
    blocked("2002:a9fe:a9fe::", "metadata"),
    // Teredo: a server on loopback, then a client whose inverted address is in a private range (f5ff:fffe).
    blocked("2001:0:7f00:1::", "Teredo address (2001::/32) server"),
    blocked("2001:0:4136:e378:8000:63bf:f5ff:fffe", "Teredo address (2001::/32) client"),
    blocked("100::1", "discard-only"),
    blocked("2001:2::1", "benchmarking"),
    blocked("2001:10::1", "ORCHID"),
    blocked("2001:20::1", "ORCHIDv2"),
    blocked("2001:db8::1", "documentation"),
    blocked("3fff::1", "documentation"),
    blocked("fc00::1", "unique-local"),
    blocked("fd12:3456::1", "unique-local"),
    blocked("fd00:ec2::254", "metadata"),
    blocked("fe80::1", "link-local"),
    blocked("fe80::1%eth0", "link-local"),
    blocked("febf:ffff::1", "link-local"),
    blocked("fec0::1", "site-local"),
    blocked("feff::1", "site-local"),
    blocked("ff02::1", "multicast"),
    blocked("ff05::fb", "multicast"),
    blocked("4000::1", "outside global unicast"),
    blocked("1::1", "outside global unicast"),
  ];
  it.each(cases)("%s is blocked (%s)", (ip, reason) => {
    const verdict = classifyAddress(ip);
    expect(verdict.blocked).toBe(true);
    expect(verdict.reason).toContain(reason);
  });
});

describe("classifyAddress: public addresses pass", () => {
  it.each([
    "93.184.216.34",
    "8.8.8.8",
    "1.1.1.1",
    "9.9.9.9",
    "100.63.255.255", // just below CGNAT
    "100.128.0.0", // just above CGNAT
    "172.15.255.255", // just below 172.16/12
    "172.32.0.0", // just above 172.16/12
    "192.167.255.255",
    "192.169.0.0",
    "198.17.255.255",
    "198.20.0.0",
    "223.255.255.255", // last before multicast
    "11.0.0.1",
    "2606:4700::1111",
    "2001:4860:4860::8888",
    "2a00:1450:4001:81c::200e",
    "64:ff9b::8.8.8.8", // NAT64 of a public address
    "2002:0808:0808::1", // 6to4 of 8.8.8.8
    "2001:0:4136:e378:8000:63bf:f7f7:f7f7", // Teredo: server 65.54.227.120, client 8.8.8.8 (stored inverted)
  ])("%s is allowed", (ip) => {
    expect(classifyAddress(ip)).toEqual({ blocked: false });
  });
});

describe("classifyAddress: not an address", () => {
  it.each(["", "localhost", "example.com", "127.1", "2130706433", "1.2.3.4.5", "::g", "1:2:3:4:5:6:7:8:9"])(
    "%j is refused",
    (input) => {
      expect(classifyAddress(input).blocked).toBe(true);
    },
  );
});

describe("parseIPv6", () => {
  it("expands compressed forms and embedded IPv4", () => {
    expect(parseIPv6("::1")).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6("::ffff:127.0.0.1")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    expect(parseIPv6("2606:4700::1111")).toEqual([0x2606, 0x4700, 0, 0, 0, 0, 0, 0x1111]);
    expect(parseIPv6("1:2:3:4:5:6:7:8")).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseIPv6("nope")).toBeNull();
  });
});

describe("parseIPv4Literal (WHATWG IPv4 host grammar)", () => {
  it.each([
    ["2130706433", "127.0.0.1"],
    ["0177.0.0.1", "127.0.0.1"],
    ["0x7f.1", "127.0.0.1"],
    ["0x7f.0.0.1", "127.0.0.1"],
    ["0x7f000001", "127.0.0.1"],
    ["127.1", "127.0.0.1"],
    ["127.0.1", "127.0.0.1"],
    ["0", "0.0.0.0"],
    ["0x", "0.0.0.0"],
    ["127.0.0.1.", "127.0.0.1"],
    ["017700000001", "127.0.0.1"],
  ])("%s -> %s", (input, expected) => {
    expect(parseIPv4Literal(input)).toBe(expected);
  });

  it.each(["256.0.0.1", "1.2.3.4.5", "example.com", "0x7g.1", "08.0.0.1", "4294967296", "", "1..2"])(
    "%j is not an IPv4 literal",
    (input) => {
      expect(parseIPv4Literal(input)).toBeNull();
    },
  );

  it("agrees with new URL() on the hostname it produces", () => {
    const part = fc.oneof(
      fc.integer({ min: 0, max: 300 }).map(String),
      fc.integer({ min: 0, max: 0xffffffff }).map((n) => `0x${n.toString(16)}`),
      fc.integer({ min: 0, max: 0o777 }).map((n) => `0${n.toString(8)}`),
      fc.integer({ min: 0, max: 0xffffffff }).map(String),
    );
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), (parts) => {
        const host = parts.join(".");
        let viaUrl: string | null;
        try {
          viaUrl = new URL(`http://${host}/`).hostname;
        } catch {
          viaUrl = null;
        }
        expect(parseIPv4Literal(host)).toBe(viaUrl);
      }),
      { numRuns: 2000 },
    );
  });

  it("the hostname the fetcher checks is the normalised one", () => {
    for (const raw of ["2130706433", "0177.0.0.1", "0x7f.1", "0x7f000001", "127.1", "0"]) {
      const { hostname } = new URL(`http://${raw}:8080/`);
      expect(hostname).toBe(parseIPv4Literal(raw));
      expect(classifyHostname(hostname).blocked).toBe(true);
    }
    expect(new URL("http://[::ffff:127.0.0.1]/").hostname).toBe("[::ffff:7f00:1]");
    expect(classifyHostname("[::ffff:7f00:1]").blocked).toBe(true);
  });
});

describe("classifyHostname", () => {
  it.each([
    "localhost",
    "localhost.",
    "LOCALHOST",
    "foo.localhost",
    "a.b.localhost.",
    "metadata.google.internal",
    "metadata.google.internal.",
    "metadata.goog",
    "instance-data",
    "anything.internal",
    "printer.local",
    "nas.home.arpa",
    "kubernetes.default.svc",
    "127.0.0.1",
    "0177.0.0.1",
    "2130706433",
    "[::1]",
    "[fd00:ec2::254]",
    "1.2.3.999", // ends in a number but is not valid IPv4: never hand it to libc
    "",
  ])("%j is refused", (host) => {
    expect(classifyHostname(host).blocked).toBe(true);
  });

  it.each(["example.com", "example.com.", "news.ycombinator.com", "8.8.8.8", "[2606:4700::1111]", "local.example"])(
    "%j passes (addresses still checked after resolution)",
    (host) => {
      expect(classifyHostname(host)).toEqual({ blocked: false });
    },
  );
});
