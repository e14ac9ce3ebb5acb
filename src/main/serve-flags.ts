import type { ParseArgsConfig } from 'node:util';
import type { ApiExposureFlags } from './transport/api-exposure';

/**
 * The flags of `hookbench serve` (DESIGN §5), in a module of their own so the deploy examples
 * (Dockerfile, deploy/hookbench.service) can be checked against exactly what the CLI accepts.
 */
export const SERVE_OPTIONS = {
  'data-dir': { type: 'string' },
  database: { type: 'string' },
  'receiver-port': { type: 'string' },
  'ui-port': { type: 'string' },
  host: { type: 'string' },
  'api-host': { type: 'string' },
  'api-origin': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'behind-proxy': { type: 'boolean' },
  'trusted-proxy': { type: 'string' },
  token: { type: 'string' },
  tunnel: { type: 'boolean' },
  'tunnel-host': { type: 'string' },
  subdomain: { type: 'string' },
  'sender-ssrf': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** The UI/API exposure part of parsed serve flags, for startHeadless (checked there, before binding). */
export function apiExposureFlags(values: {
  'api-host'?: string;
  'api-origin'?: string;
  'tls-cert'?: string;
  'tls-key'?: string;
  'behind-proxy'?: boolean;
  'trusted-proxy'?: string;
}): ApiExposureFlags {
  return {
    apiHost: values['api-host'],
    apiOrigin: values['api-origin'],
    tlsCert: values['tls-cert'],
    tlsKey: values['tls-key'],
    behindProxy: values['behind-proxy'],
    trustedProxies: values['trusted-proxy']?.split(',').map((entry) => entry.trim()),
  };
}
