import { forwardedRequestHeaders } from './edge-proxy';
import { TrustedProxies } from './trusted-proxies';

describe('TrustedProxies', () => {
  it('trusts the listed addresses and ranges only, IPv4 peers on dual-stack sockets included', () => {
    const trusted = new TrustedProxies('10.0.0.0/8, 192.168.1.7, fd00::/8');
    for (const peer of ['10.1.2.3', '::ffff:10.1.2.3', '192.168.1.7', 'fd12::1'])
      expect(trusted.trusts(peer)).toBe(true);
    for (const peer of ['11.0.0.1', '192.168.1.8', '::ffff:192.168.1.8', '::1', 'fe80::1', '', undefined]) {
      expect({ peer, trusted: trusted.trusts(peer) }).toEqual({ peer, trusted: false });
    }
  });

  it('trusts nobody when unset', () => {
    expect(new TrustedProxies().trusts('127.0.0.1')).toBe(false);
    expect(new TrustedProxies('').trusts('10.0.0.1')).toBe(false);
  });

  it('refuses a setting that is not addresses or CIDRs, naming the entry', () => {
    for (const bad of ['10.0.0.0/33', 'ingress', '10.0.0.1/8/1', '::1/129', '10.0.0/8']) {
      expect(() => new TrustedProxies(bad)).toThrow(`"${bad}"`);
    }
  });
});

describe('X-Forwarded-* sent upstream', () => {
  const trusted = new TrustedProxies('10.0.0.0/8');
  const forward = (ip: string, headers: Record<string, string>) =>
    forwardedRequestHeaders(
      { id: 'r1', ip, protocol: 'http', headers: { host: 'shop.example', ...headers } },
      headers,
      trusted,
    );

  it("replaces a client's own chain with its address", () => {
    const sent = forward('203.0.113.9', {
      'x-forwarded-for': '198.51.100.1',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'evil.example',
    });
    expect(sent).toMatchObject({
      'x-forwarded-for': '203.0.113.9',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': 'shop.example',
    });
  });

  it("extends the ingress's chain and keeps what it says about the original request", () => {
    const sent = forward('10.0.0.5', {
      'x-forwarded-for': '198.51.100.1',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'shop.example',
    });
    expect(sent).toMatchObject({
      'x-forwarded-for': '198.51.100.1, 10.0.0.5',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'shop.example',
    });
    expect(forward('10.0.0.5', {})).toMatchObject({ 'x-forwarded-for': '10.0.0.5', 'x-forwarded-proto': 'http' });
  });
});
