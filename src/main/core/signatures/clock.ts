/** Unix seconds now; callers pass `now`/`timestamp` explicitly in tests. */
export function nowSec(): number {
  return Math.floor(Date.now() / 1000);
}
