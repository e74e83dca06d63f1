// The connect-time half of the SSRF guard. Name resolution happens inside the socket's own `lookup` hook, so the
// address that is checked is the address the socket connects to: there is no second lookup an attacker's DNS
// server could answer differently (DNS rebinding).

import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { buildConnector } from "undici";
import { classifyAddress } from "./address.ts";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolve a host name to every address it has. Injected in tests so no query leaves the machine. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The OS resolver (getaddrinfo, honours /etc/hosts), every answer, in the order the OS gives them. */
export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) reject(err);
      else
        resolve(
          addresses.flatMap((a) =>
            a.family === 4 || a.family === 6 ? [{ address: a.address, family: a.family }] : [],
          ),
        );
    });
  });

/** Thrown from inside the connection attempt when an address is refused; the fetcher maps it to a FetchError. */
export class BlockedAddressError extends Error {
  override readonly name = "BlockedAddressError";
  constructor(
    readonly host: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(
      host === address
        ? `${address} is refused: ${reason}`
        : `${host} resolves to ${address}, which is refused: ${reason}`,
    );
  }
}

export class NoAddressError extends Error {
  override readonly name = "NoAddressError";
  readonly code = "ENOTFOUND";
  constructor(readonly host: string) {
    super(`${host} has no address`);
  }
}

/**
 * A `lookup` for net/tls.connect. With `checkAddresses` it refuses the connection when ANY answer is blocked,
 * rather than connecting to the allowed subset: a name that mixes public and internal answers is either
 * misconfigured or an attack (round-robin rebinding), and refusing is the choice that cannot be gamed by the
 * order in which the OS or happy-eyeballs tries the answers.
 */
export function createGuardedLookup(resolve: Resolver, checkAddresses: boolean): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    resolve(hostname).then(
      (answers) => {
        if (checkAddresses) {
          for (const answer of answers) {
            const verdict = classifyAddress(answer.address);
            if (verdict.blocked) {
              callback(new BlockedAddressError(hostname, answer.address, verdict.reason ?? "blocked"), []);
              return;
            }
          }
        }
        const family = options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : (options.family ?? 0);
        const usable = family === 4 || family === 6 ? answers.filter((a) => a.family === family) : answers;
        const first = usable[0];
        if (first === undefined) {
          callback(new NoAddressError(hostname), []);
          return;
        }
        // Node asks for every address when it does happy-eyeballs (autoSelectFamily, on by default in Node 20).
        if (options.all)
          callback(
            null,
            usable.map((a): LookupAddress => ({ address: a.address, family: a.family })),
          );
        else callback(null, first.address, first.family);
      },
      (err: unknown) => {
        callback(err instanceof Error ? err : new Error(String(err)), []);
      },
    );
  };
}

export interface GuardedConnectorOptions {
  resolve: Resolver;
  /** False only for a hop whose host:port is on the allow-list. */
  checkAddresses: boolean;
  connectTimeoutMs: number;
}

/**
 * An undici connector that resolves through the guarded lookup. Literal IP hosts never reach `lookup` (net skips
 * it), so they are checked here before the socket is created; and the peer address is checked again once
 * connected, so a future change in how Node or undici resolves cannot silently bypass the guard.
 */
export function createGuardedConnector(options: GuardedConnectorOptions): buildConnector.connector {
  const base = buildConnector({
    timeout: options.connectTimeoutMs,
    lookup: createGuardedLookup(options.resolve, options.checkAddresses),
  });
  return (connectOptions, callback) => {
    if (options.checkAddresses && isIP(connectOptions.hostname) !== 0) {
      const verdict = classifyAddress(connectOptions.hostname);
      if (verdict.blocked) {
        callback(
          new BlockedAddressError(connectOptions.hostname, connectOptions.hostname, verdict.reason ?? "blocked"),
          null,
        );
        return;
      }
    }
    base(connectOptions, (err, socket) => {
      if (err !== null) {
        callback(err, null);
        return;
      }
      if (options.checkAddresses) {
        const peer = socket.remoteAddress ?? "";
        const verdict = classifyAddress(peer);
        if (verdict.blocked) {
          socket.destroy();
          callback(new BlockedAddressError(connectOptions.hostname, peer, verdict.reason ?? "blocked"), null);
          return;
        }
      }
      callback(null, socket);
    });
  };
}
