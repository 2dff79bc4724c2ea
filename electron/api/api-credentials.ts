import { randomBytes } from 'node:crypto';
import { tokensMatch } from './request-guards';

/**
 * The local API's secrets: the bearer token, which the recruiter can replace
 * (the old one stops working at once), and the one-time codes that let a
 * browser tab opened from `serve`'s address trade the code for the token.
 */
export interface ApiCredentials {
  token: () => string;
  /** A new token, kept where `replace` keeps it; returns it. */
  regenerate: () => string;
  /** A fresh single-use code (128 random bits). */
  issueOneTimeCode: () => string;
  /** True, once, for a code this process issued; the code is spent either way it matches. */
  redeemOneTimeCode: (code: string) => boolean;
}

export function createApiCredentials(initialToken: string, replace: () => string): ApiCredentials {
  let token = initialToken;
  const openCodes = new Set<string>();
  return {
    token: () => token,
    regenerate: () => {
      token = replace();
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
