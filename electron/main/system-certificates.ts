import tls from 'node:tls';

/** What this needs of node:tls: Electron's Node has both (from 24.5); Node 20, which runs `serve`, has neither. */
export type CertificateStore = Pick<typeof tls, 'getCACertificates' | 'setDefaultCACertificates'>;

/**
 * Adds the authorities the operating system trusts to those the sync's TLS
 * connections trust, as Chromium does for the app's pages. A network that
 * inspects TLS installs its own authority there; an app started from a dock
 * or menu has no NODE_EXTRA_CA_CERTS to name it. Returns how many authorities
 * the system added; 0 where this Node cannot read the system's store.
 */
export function trustSystemCertificates(store: Partial<CertificateStore> = tls): number {
  if (typeof store.getCACertificates !== 'function' || typeof store.setDefaultCACertificates !== 'function') return 0;
  const current = store.getCACertificates('default');
  const known = new Set(current);
  const added = [...new Set(store.getCACertificates('system'))].filter((certificate) => !known.has(certificate));
  if (added.length > 0) store.setDefaultCACertificates([...current, ...added]);
  return added.length;
}
