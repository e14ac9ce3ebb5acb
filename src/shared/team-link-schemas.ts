import { z } from 'zod';
import { Slug } from './endpoint-schemas';

/**
 * The local core's link to a team server: `hookbench listen` run inside the app, configured from
 * Settings. The token is write-only: it is sealed at rest and only its hint ever comes back.
 */

const HttpUrl = z.url({ protocol: /^https?$/ });

export const PutTeamLinkInput = z.object({
  /** The team server's UI/API address; only its origin is kept (a pasted UI URL carries a token in its query). */
  url: HttpUrl,
  /** A named token of the team server; omitted = keep the stored one. */
  token: z.string().min(1).max(512).optional(),
  /** The local app, e.g. http://localhost:3000/webhooks. */
  forwardTo: HttpUrl,
  /** Only this endpoint's captures; omitted or null = every capture. */
  endpoint: Slug.nullable().optional(),
  enabled: z.boolean(),
  /** Show the team server in this app's UI instead of this app's own data; omitted = keep as it is. */
  browse: z.boolean().optional(),
});
export type PutTeamLinkInput = z.infer<typeof PutTeamLinkInput>;

export const TeamLinkState = z.enum(['off', 'connecting', 'catching-up', 'live', 'app-down', 'error']);
export type TeamLinkState = z.infer<typeof TeamLinkState>;

export const TeamLinkForward = z.object({
  id: z.number().int(),
  method: z.string(),
  /** As captured, with its query. */
  path: z.string(),
  /** What the local app answered. */
  status: z.number().int(),
  ms: z.number().int(),
  at: z.iso.datetime(),
});
export type TeamLinkForward = z.infer<typeof TeamLinkForward>;

export const TeamLinkStatus = z.object({
  state: TeamLinkState,
  /** The team server's origin, or null when none is set. */
  url: z.string().nullable(),
  /** The last problem in plain words (app down, server unreachable, token refused), or null. */
  lastError: z.string().nullable(),
  /** Captures forwarded since the link (re)started. */
  forwarded: z.number().int().nonnegative(),
  /** The last few forwards, newest first. */
  lastForwards: z.array(TeamLinkForward),
  since: z.iso.datetime(),
});
export type TeamLinkStatus = z.infer<typeof TeamLinkStatus>;

export const TeamLinkSettings = z.object({
  url: z.string(),
  forwardTo: z.string(),
  endpoint: Slug.nullable(),
  enabled: z.boolean(),
  /** This app's UI shows the team server (every call but the team-link ones relayed with the token). */
  browse: z.boolean(),
  /** `…` + the token's last characters: enough to tell two tokens apart, never the token. */
  tokenHint: z.string(),
});
export type TeamLinkSettings = z.infer<typeof TeamLinkSettings>;

export const TeamLinkView = z.object({
  /** Null until one is saved. */
  settings: TeamLinkSettings.nullable(),
  status: TeamLinkStatus,
});
export type TeamLinkView = z.infer<typeof TeamLinkView>;
