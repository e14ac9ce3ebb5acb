import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { harPathsIn, HarOpenError, importHarFile, OpenFileQueue } from '../../../src/main/desktop/har-files';
import { asLocal, startTestCore } from '../../helpers/core';
import { request } from '../../helpers/http';
import { tempDir } from '../../helpers/temp-dir';

describe('harPathsIn (argv of a launch, or of a second launch)', () => {
  it('picks .har files, resolved against the launching folder, including file:// URIs', () => {
    const cwd = '/home/ana/Downloads';
    const argv = ['/opt/Hookbench/hookbench', '--no-sandbox', 'session.har', '/tmp/Other.HAR', 'notes.txt', pathToFileURL('/tmp/with space.har').href, '--flag=x.har', '.'];
    expect(harPathsIn(argv, cwd)).toEqual([path.resolve(cwd, 'session.har'), '/tmp/Other.HAR', '/tmp/with space.har']);
    expect(harPathsIn(['/usr/lib/electron/electron', '/work/main'], cwd)).toEqual([]);
  });
});

describe('importHarFile (through the core Api, as Import does)', () => {
  async function harFileFromACapture(dir: string): Promise<string> {
    const source = await startTestCore();
    await request(`${source.receiverUrl}/from-browser?page=2`, { method: 'POST', body: '{"type":"invoice.paid"}', headers: { 'Content-Type': 'application/json', 'X-Trace': 'abc' } });
    const har = await asLocal(source.api).call('exportRequests', { format: 'har', filter: {} });
    const file = path.join(dir, 'capture.har');
    fs.writeFileSync(file, '\uFEFF' + JSON.stringify(har));
    return file;
  }

  it('imports a HAR file into the inbox', async () => {
    const dir = tempDir();
    const file = await harFileFromACapture(dir);
    const target = await startTestCore();
    const local = asLocal(target.api);
    const { ids } = await importHarFile(file, (input) => local.call('importRequests', input as never));
    expect(ids).toHaveLength(1);
    const stored = await local.call('getRequest', { id: ids[0]! });
    expect(stored).toMatchObject({ method: 'POST', path: '/from-browser', query: 'page=2', event: 'invoice.paid' });
    expect(stored.headers).toContainEqual(['X-Trace', 'abc']);
  });

  it('says in plain words why a file cannot be opened', async () => {
    const dir = tempDir();
    const target = await startTestCore();
    const local = asLocal(target.api);
    const importIt = (file: string) => importHarFile(file, (input) => local.call('importRequests', input as never));
    const failure = async (file: string) => {
      const error = await importIt(file).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(HarOpenError);
      return (error as HarOpenError).message;
    };

    expect(await failure(path.join(dir, 'gone.har'))).toBe('gone.har was not found (it may have been moved or deleted).');
    fs.writeFileSync(path.join(dir, 'page.har'), '<html>not json</html>');
    expect(await failure(path.join(dir, 'page.har'))).toMatch(/^page\.har is not a HAR file: its content is not JSON\. Export it again/);
    fs.writeFileSync(path.join(dir, 'other.har'), JSON.stringify({ log: { version: '1.2', entries: [{ request: { method: 'GET' } }] } }));
    expect(await failure(path.join(dir, 'other.har'))).toMatch(/^other\.har is not a HAR 1\.2 log Hookbench can import:\n.+/);
    fs.mkdirSync(path.join(dir, 'folder.har'));
    expect(await failure(path.join(dir, 'folder.har'))).toBe('folder.har is a folder, not a HAR file.');
    // Nothing half-imported.
    expect((await local.call('listRequests', {})).items).toEqual([]);
  });
});

describe('OpenFileQueue', () => {
  it('keeps files asked for before the app is ready, in order, then passes new ones straight on', () => {
    const queue = new OpenFileQueue();
    const handled: string[] = [];
    queue.add('/a.har');
    queue.add('/b.har');
    expect(handled).toEqual([]);
    queue.drainTo((file) => handled.push(file));
    expect(handled).toEqual(['/a.har', '/b.har']);
    queue.add('/c.har');
    expect(handled).toEqual(['/a.har', '/b.har', '/c.har']);
  });
});
