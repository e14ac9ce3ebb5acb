import { contract, desktopOnlyPushEvents, methodNames, PUSH_ROUTE, pushEventNames } from './contract';

/**
 * The README's REST table, generated from the contract (a unit test keeps the README in step).
 * `role` is the least role that may call the route (viewer < member < admin, roles.ts).
 */
export function apiTableMarkdown(): string {
  const rows = methodNames.map((name) => {
    const { route, summary, role } = contract[name];
    return `| \`${route.method} ${route.path}\` | \`${name}\` | ${role} | ${summary} |`;
  });
  const events = pushEventNames
    .filter((e) => !desktopOnlyPushEvents.includes(e))
    .map((e) => `\`${e}\``)
    .join(', ');
  return [
    '| route | method | role | what |',
    '|---|---|---|---|',
    ...rows,
    `| \`GET ${PUSH_ROUTE}\` (WebSocket) | push | viewer | events: ${events} |`,
  ].join('\n');
}
