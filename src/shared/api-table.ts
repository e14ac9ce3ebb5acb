import { contract, methodNames, PUSH_ROUTE, pushEventNames } from './contract';

/** The README's REST table, generated from the contract (a unit test keeps the README in step). */
export function apiTableMarkdown(): string {
  const rows = methodNames.map((name) => {
    const { route, summary } = contract[name];
    return `| \`${route.method} ${route.path}\` | \`${name}\` | ${summary} |`;
  });
  const events = pushEventNames.map((e) => `\`${e}\``).join(', ');
  return [
    '| route | method | what |',
    '|---|---|---|',
    ...rows,
    `| \`GET ${PUSH_ROUTE}\` (WebSocket) | push | events: ${events} |`,
  ].join('\n');
}
