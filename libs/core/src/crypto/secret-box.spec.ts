import { SEALED_PREFIX, SecretBox } from './secret-box';

describe('SecretBox (AES-256-GCM for secrets at rest)', () => {
  const key = 'a'.repeat(32);
  const box = new SecretBox(key);

  it('seals with a fresh IV each time and opens in the same context only', () => {
    const a = box.seal('JBSWY3DPEHPK3PXP', 'totp:1');
    const b = box.seal('JBSWY3DPEHPK3PXP', 'totp:1');
    expect(a.startsWith(SEALED_PREFIX)).toBe(true);
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(a, 'totp:1')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => box.open(a, 'totp:2')).toThrow();
  });

  it('refuses an altered value and a plain one', () => {
    const sealed = box.seal('secret', 'c');
    const parts = sealed.split(':');
    const ct = Buffer.from(parts[parts.length - 1], 'base64url');
    ct[0] ^= 1;
    parts[parts.length - 1] = ct.toString('base64url');
    expect(() => box.open(parts.join(':'), 'c')).toThrow();
    expect(() => box.open('secret', 'c')).toThrow('Not a sealed value');
  });

  it('rotates: a previous key opens, the current one seals, and isCurrent tells them apart', () => {
    const old = new SecretBox('o'.repeat(32));
    const sealedOld = old.seal('s', 'c');
    const rotated = new SecretBox('n'.repeat(32), ['o'.repeat(32)]);
    expect(rotated.open(sealedOld, 'c')).toBe('s');
    expect(rotated.isCurrent(sealedOld)).toBe(false);
    expect(rotated.isCurrent(rotated.seal('s', 'c'))).toBe(true);
    expect(() => new SecretBox('n'.repeat(32)).open(sealedOld, 'c')).toThrow(/unknown key/);
  });
});
