import { bodyHmacHandler } from './body-hmac';

/** Shopify: base64 HMAC-SHA256 of the raw body, no prefix, app secret used raw; compared as text by shopify-api. */
export const shopify = bodyHmacHandler({ scheme: 'shopify', header: 'X-Shopify-Hmac-Sha256', algorithm: 'sha256', encoding: 'base64', prefix: '', compare: 'exact' });
