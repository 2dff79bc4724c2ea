import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Compares digests, so the time taken says nothing about the secret. */
function matchesDigest(presented: string, expectedDigest: Buffer): boolean {
  return timingSafeEqual(sha256(presented), expectedDigest);
}

/** Whether `presented` is the secret `expected`, compared in constant time. */
export function tokensMatch(presented: string, expected: string): boolean {
  return matchesDigest(presented, sha256(expected));
}

/**
 * The local API's secrets: the bearer token, which the recruiter can replace
 * (the old one stops working at once), and the one-time codes that let a
 * browser tab opened from `serve`'s address trade the code for the token.
 */
export interface ApiCredentials {
  token: () => string;
  /** Whether `presented` is the current token, compared in constant time. */
  isToken: (presented: string) => boolean;
  /** A new token, kept where `replace` keeps it; returns it. */
  regenerate: () => string;
  /** A fresh single-use code (128 random bits). */
  issueOneTimeCode: () => string;
  /** True, once, for a code this process issued; the code is spent either way it matches. */
  redeemOneTimeCode: (code: string) => boolean;
}

export function createApiCredentials(initialToken: string, replace: () => string): ApiCredentials {
  let token = initialToken;
  // Kept with the token: each request then hashes only what it presents.
  let tokenDigest = sha256(token);
  const openCodes = new Set<string>();
  return {
    token: () => token,
    isToken: (presented) => matchesDigest(presented, tokenDigest),
    regenerate: () => {
      token = replace();
      tokenDigest = sha256(token);
      return token;
    },
    issueOneTimeCode: () => {
      const code = randomBytes(16).toString('base64url');
      openCodes.add(code);
      return code;
    },
    redeemOneTimeCode: (presented) => {
      // Compared in constant time, like the token, against each open code.
      for (const code of openCodes) {
        if (tokensMatch(presented, code)) {
          openCodes.delete(code);
          return true;
        }
      }
      return false;
    },
  };
}
