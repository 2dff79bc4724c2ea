import { describe, expect, it, vi } from 'vitest';
import { trustSystemCertificates } from '../../electron/main/system-certificates';

const pem = (name: string) => `-----BEGIN CERTIFICATE-----\n${name}\n-----END CERTIFICATE-----\n`;

describe('trustSystemCertificates', () => {
  it("adds the system's authorities to the defaults, once each, keeping the defaults", () => {
    const defaults = [pem('bundled-1'), pem('bundled-2'), pem('extra')];
    const setDefaultCACertificates = vi.fn();
    const store = {
      getCACertificates: (type?: string) => (type === 'system' ? [pem('bundled-2'), pem('corporate-inspection'), pem('corporate-inspection')] : defaults),
      setDefaultCACertificates,
    };
    expect(trustSystemCertificates(store)).toBe(1);
    expect(setDefaultCACertificates).toHaveBeenCalledExactlyOnceWith([...defaults, pem('corporate-inspection')]);
  });

  it('leaves the defaults alone when the system adds nothing, or this Node cannot read its store', () => {
    const setDefaultCACertificates = vi.fn();
    expect(trustSystemCertificates({ getCACertificates: () => [pem('bundled-1')], setDefaultCACertificates })).toBe(0);
    expect(setDefaultCACertificates).not.toHaveBeenCalled();
    expect(trustSystemCertificates({})).toBe(0);
  });
});
