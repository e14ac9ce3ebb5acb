import type { Buffer } from 'node:buffer';
import type { CustomSchemeInput, ReferenceTime, SchemeId, VerifyResult } from '../../../shared/signatures';

export type HeaderList = [string, string][];
/** Form parameters as Twilio signs them; a repeated key carries several values. */
export type FormParams = Record<string, string | string[]>;

export interface SignInput {
  scheme: SchemeId;
  /** HMAC key, or for Discord / Standard Webhooks v1a an Ed25519 private seed (see SCHEMES help). */
  secret: string;
  body: Uint8Array;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Standard Webhooks message id (also {id} in custom templates); generated when absent. */
  id?: string;
  /** The URL the request goes to (Twilio, custom {url}). */
  url?: string;
  custom?: CustomSchemeInput;
  /** Twilio: the form parameters to sign; parsed from the body when absent. */
  formParams?: FormParams;
  /** Standard Webhooks: send svix-* header names instead of webhook-*. */
  brand?: 'webhook' | 'svix';
}

export interface SignOutput {
  headers: HeaderList;
  /** The exact bytes that were signed. */
  signedString: Buffer;
}

export interface VerifyInput {
  /** Detected from the headers when absent. */
  scheme?: SchemeId;
  headers: HeaderList;
  /** The exact raw bytes received: never a re-serialised object. */
  body: Uint8Array;
  url?: string;
  /** Several during a rotation; the result says which one matched. */
  secrets: string[];
  /** Overrides the scheme default; 0 turns the timestamp check off. */
  toleranceSec?: number;
  /** The time signed timestamps are judged against, Unix seconds; defaults to now. */
  now?: number;
  /** What `now` is (the arrival time or the current time): only words the verdict. */
  at?: ReferenceTime;
  custom?: CustomSchemeInput;
}

/** What each scheme family implements; `index.ts` dispatches on the scheme id. */
export interface SchemeHandler {
  sign(input: SignInput): SignOutput;
  verify(input: VerifyInput & { scheme: SchemeId; now: number }): VerifyResult;
}
