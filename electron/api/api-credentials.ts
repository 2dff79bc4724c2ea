import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Whether `presented` is the secret, in time that says nothing of the secret's
 * content. Only a presented value of the secret's own length is compared; any
 * other is refused at once, which tells no more than that length: 43
 * characters for every token this app makes, and a token is no easier to
 * guess for knowing it. Every request is checked, so this stays cheap (hashing
 * both sides first cost ~3% of a GET by id).
 */
function matchesSecret(presented: string, secret: Buffer): boolean {
  const bytes = Buffer.from(presented, 'utf8');
  return bytes.length === secret.length && timingSafeEqual(bytes, secret);
}

/** Whether `presented` is the secret `expected`, compared as matchesSecret does. */
export function tokensMatch(presented: string, expected: string): boolean {
  return matchesSecret(presented, Buffer.from(expected, 'utf8'));
}

/**
 * The local API's secrets: the bearer token, which the recruiter can replace
 * (the old one stops working at once), and the one-time codes that let a
 * browser tab opened from `serve`'s address trade the code for the token.
 */
export interface ApiCredentials {
  token: () => string;
  /** Whether `presented` is the current token, compared as matchesSecret does. */
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
  // Kept with the token: each request then encodes only what it presents.
  let tokenBytes = Buffer.from(token, 'utf8');
  const openCodes = new Set<string>();
  return {
    token: () => token,
    isToken: (presented) => matchesSecret(presented, tokenBytes),
    regenerate: () => {
      token = replace();
      tokenBytes = Buffer.from(token, 'utf8');
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
