import { BlockList, isIP } from 'node:net';

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) → `10.0.0.1`. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

function family(address: string): 'ipv4' | 'ipv6' | undefined {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}

/** Addresses and CIDR ranges (`10.0.0.0/8`, `127.0.0.1`, `fd00::/8`) as a matcher; throws naming a bad entry. */
export function parseTrustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split('/');
    const type = family(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const maxBits = type === 'ipv4' ? 32 : 128;
    if (!type || rest.length > 0 || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, 127.0.0.1)`);
    }
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return list;
}

/**
 * The address of the client a request comes from. Without trusted proxies it is the socket's peer. When the peer is
 * a trusted proxy (the gateway), X-Forwarded-For is read from the right, skipping further trusted proxies: the
 * first untrusted hop is the client. Entries left of it could be forged by the client and are ignored.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: BlockList | undefined,
): string {
  let address = plainAddress(peer ?? '');
  const isTrusted = (candidate: string) => {
    const type = family(candidate);
    return !!trusted && !!type && trusted.check(candidate, type);
  };
  if (!isTrusted(address)) return address;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((hop) => plainAddress(hop.trim()))
    .filter(Boolean)
    .reverse();
  for (const hop of hops) {
    if (!family(hop)) return address; // garbage: stop at the last address we could trust
    address = hop;
    if (!isTrusted(hop)) return hop;
  }
  return address;
}
