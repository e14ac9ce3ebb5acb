export function electronPackageDir(): string;
export function findElectronBinary(packageDir?: string): string | null;
export function electronVersion(): string;
export const DOWNLOAD_TIMEOUT_MS: number;
export const DOWNLOAD_NOTICE: string;
export function downloadElectronBinary(options?: {
  packageDir?: string;
  timeoutMs?: number;
  tickMs?: number;
  out?: { write(text: string): unknown };
}): Promise<{ binary: string | null; reason: string | null }>;
export function installFailureReason(stderr: string, details?: { timedOut?: boolean; code?: number | null; timeoutMs?: number }): string;
