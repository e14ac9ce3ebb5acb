import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const client = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-client.cjs');

/** Sends `count` JSON POSTs, `concurrency` at a time, from a separate process; resolves with their ids. */
export function loadFromChild(url: string, count: number, concurrency: number, bodyBytes = 1024): Promise<number[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [client, url, String(count), String(concurrency), String(bodyBytes)], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`load client failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as number[]);
    });
  });
}
