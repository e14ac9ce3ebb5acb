import { base64ToBytes } from '../../../../shared/body-view';

/**
 * Signed strings shown so every byte is visible and none can break the page: printable ASCII and
 * valid UTF-8 as is, control characters as escapes (\n, \x00), anything undecodable as \xNN.
 */
export function safeBytes(base64: string): string {
  const bytes = base64ToBytes(base64);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Array.from(bytes, (b) => (b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
  }
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return text.replace(/[\\\u0000-\u001f\u007f]/g, (c) => {
    if (c === '\\') return '\\\\';
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}
