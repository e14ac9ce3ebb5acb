import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FlagError, parseCustomScheme, parseScheme, parseSecrets, parseTarget, parseTimeoutMs, runCommand, SHARED_OPTIONS } from './core/collections/cli-flags';
import { junitXml } from './core/collections/junit';
import { CollectionLoadError, loadCollection } from './core/collections/load-collection';
import { caseLine, headerLine, summaryLine } from './core/collections/report';
import { casePassed, runCollection } from './core/collections/run-collection';

/** `hookbench test`: replays a collection against a handler and checks each answer. */

export const TEST_USAGE = `Usage: hookbench test --collection FILE --target URL [options]

Sends each request of a collection, in order, to the handler under test, re-signed with a fresh
timestamp, and checks each answer against the request's expectation (a status or a class such as
2xx, optionally a JSON subset of the body). Exit code 0 when every expectation holds, 1 otherwise,
2 for a usage error.

  --collection FILE     a collection (hookbench-collection JSON), or a HAR or JSON export of
                        Hookbench: each of their requests expects a 2xx
  --target URL          the handler, e.g. http://localhost:3000; each request's captured path and
                        query are appended (the URL exactly as given if the collection says
                        "paths": "ignore")
  --secret S            re-sign every request with S (default: env HOOKBENCH_SECRET). Repeatable
                        per scheme: --secret stripe=whsec_… --secret github=…. Without a secret
                        requests go as captured, their old signatures included ("not re-signed")
  --scheme ID           re-sign with this scheme (default: the request's, else the one its headers
                        show): stripe, github, standard-webhooks, shopify, slack, twilio, …
  --custom-scheme JSON  the definition the custom scheme signs with
  --junit FILE          also write the results as JUnit XML, for CI
  --timeout SECONDS     how long to wait for each answer (default 10)
  -h, --help            this text
`;

async function readCollection(file: string) {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new CollectionLoadError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return loadCollection(text, path.basename(file));
  } catch (error) {
    if (error instanceof CollectionLoadError) throw new CollectionLoadError(`${file}: ${error.message}`);
    throw error;
  }
}

async function run(argv: string[]): Promise<boolean> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...SHARED_OPTIONS,
      collection: { type: 'string' },
      secret: { type: 'string', multiple: true },
      junit: { type: 'string' },
    },
  });
  if (values.help) {
    process.stdout.write(TEST_USAGE);
    return true;
  }
  if (positionals.length > 0) throw new FlagError(`unexpected argument "${positionals[0]}"`);
  if (values.collection === undefined) throw new FlagError('--collection FILE is required');
  const target = parseTarget(values.target);
  const options = {
    target,
    secrets: parseSecrets(values.secret, process.env.HOOKBENCH_SECRET || undefined),
    scheme: parseScheme(values.scheme),
    customScheme: parseCustomScheme(values['custom-scheme']),
    timeoutMs: parseTimeoutMs(values.timeout),
  };
  const collection = await readCollection(values.collection);
  // A suite that tests nothing must not pass in CI.
  if (collection.requests.length === 0) throw new CollectionLoadError(`${values.collection} has no requests: nothing to test`);
  process.stdout.write(headerLine(collection.name, collection.requests.length, target.href) + '\n');
  const result = await runCollection(collection, { ...options, onCase: (c) => process.stdout.write(caseLine(c) + '\n') });
  process.stdout.write(summaryLine(result) + '\n');
  if (values.junit !== undefined) {
    await fs.mkdir(path.dirname(path.resolve(values.junit)), { recursive: true });
    await fs.writeFile(values.junit, junitXml(result));
    process.stdout.write(`JUnit XML written to ${values.junit}\n`);
  }
  return result.cases.every(casePassed);
}

/** Exit 0: every expectation held; 1: one did not, or the run could not happen; 2: usage error. */
export function testCommand(argv: string[]): Promise<void> {
  return runCommand('test', TEST_USAGE, () => run(argv));
}
