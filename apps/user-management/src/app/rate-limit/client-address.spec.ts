import { clientAddress, parseTrustedProxies } from './client-address';

describe('clientAddress', () => {
  const gateway = parseTrustedProxies(['10.0.0.0/8', '127.0.0.1']);

  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', undefined)).toBe('203.0.113.9');
    expect(clientAddress('203.0.113.9', '198.51.100.1', gateway)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', undefined, undefined)).toBe('203.0.113.9');
  });

  it('takes the first untrusted hop from the right behind trusted proxies', () => {
    expect(clientAddress('10.1.2.3', '198.51.100.1', gateway)).toBe('198.51.100.1');
    // the client forged the left-most entry; the gateway appended the real peer
    expect(clientAddress('10.1.2.3', '1.1.1.1, 198.51.100.1', gateway)).toBe('198.51.100.1');
    expect(clientAddress('::ffff:127.0.0.1', ['198.51.100.1', '10.9.9.9'], gateway)).toBe('198.51.100.1');
  });

  it('stops at garbage and falls back to the last trusted address', () => {
    expect(clientAddress('10.1.2.3', 'not-an-ip', gateway)).toBe('10.1.2.3');
    expect(clientAddress('10.1.2.3', undefined, gateway)).toBe('10.1.2.3');
  });

  it('refuses a bad TRUSTED_PROXIES entry by name', () => {
    expect(() => parseTrustedProxies(['10.0.0.0/33'])).toThrow('TRUSTED_PROXIES: "10.0.0.0/33"');
    expect(() => parseTrustedProxies(['gateway'])).toThrow('"gateway" is not an IP address');
    expect(() => parseTrustedProxies(['fd00::/8', '::1'])).not.toThrow();
  });
});
