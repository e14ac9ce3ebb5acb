import { safeStorage } from 'electron';
import { KEYCHAIN_TAG, type SecretBox } from './core/secrets/secret-box';

/**
 * Endpoint secrets sealed by the OS keychain (Keychain on macOS, DPAPI on Windows, the Secret
 * Service / kwallet on Linux) through Electron's safeStorage. Null where no keychain is usable
 * (e.g. Linux without a secret service): the key file is used then, and the app says which.
 */
export function keychainSecretBox(): SecretBox | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  // "basic_text" means a hard-coded key on Linux: no better than our key file, so not used.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return null;
  return {
    kind: 'OS keychain',
    tag: KEYCHAIN_TAG,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}
