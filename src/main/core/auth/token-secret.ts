import { createHash, randomBytes } from 'node:crypto';

/** Marks Hookbench tokens, so secret scanners (and people) can tell what a leaked one is. */
export const TOKEN_PREFIX = 'hbk_';

/** 32 random bytes (256 bits), base64url: `hbk_` + 43 characters. */
export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * What the database keeps instead of a token, and what a presented token is looked up by.
 *
 * A plain SHA-256 is the right tool here (as for GitHub's or Stripe's API keys): slow password
 * hashes (scrypt, argon2) exist to make guessing low-entropy passwords expensive, but a 256-bit
 * random token cannot be guessed, so a fast hash loses nothing and keeps each request to one index
 * probe. Looking up by hash is also what makes the check constant-time in effect: the database
 * compares hashes, and an attacker cannot steer a guess's hash towards a stored one byte by byte
 * without a preimage. Someone who reads the database file gets hashes, which do not authenticate.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
