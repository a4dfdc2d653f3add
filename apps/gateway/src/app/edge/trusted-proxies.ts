import { BlockList, isIP } from 'node:net';

/**
 * The peers whose `X-Forwarded-For` the edge believes (the ingress in front of it), from `TRUSTED_PROXIES`:
 * comma-separated addresses and CIDRs (`10.0.0.0/8, ::1`). Empty: nobody, so every client's own header is replaced.
 */
export class TrustedProxies {
  private readonly list = new BlockList();
  private readonly empty: boolean;

  constructor(setting = '') {
    const entries = setting
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    for (const entry of entries) {
      const [address, prefix, ...rest] = entry.split('/');
      const family = isIP(address);
      const bits = prefix === undefined ? undefined : Number(prefix);
      const maxBits = family === 6 ? 128 : 32;
      if (
        !family ||
        rest.length > 0 ||
        (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits))
      ) {
        throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR`);
      }
      const type = family === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, bits, type);
    }
    this.empty = entries.length === 0;
  }

  trusts(peer: string | undefined): boolean {
    if (this.empty || !peer) return false;
    // An IPv4 peer on a dual-stack socket shows as ::ffff:a.b.c.d.
    const v4 = peer.startsWith('::ffff:') && isIP(peer.slice(7)) === 4 ? peer.slice(7) : undefined;
    if (v4) return this.list.check(v4, 'ipv4');
    return this.list.check(peer, isIP(peer) === 6 ? 'ipv6' : 'ipv4');
  }
}
