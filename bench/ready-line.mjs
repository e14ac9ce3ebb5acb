import readline from 'node:readline';

/** The first line a child process prints (its ready line); rejects if it exits first. */
export function readyLine(child) {
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`exited ${code}`)));
  });
}
