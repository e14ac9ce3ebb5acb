import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { decideWindowOpen, denyPermission, isTrustedUrl, REQUIRED_WEB_PREFERENCES, rendererFileFor, shouldBlockNavigation, webPreferenceProblems, withSecurityHeaders } from '../../../src/main/desktop/hardening';
import { CSP } from '../../../src/main/transport/security-headers';
import { tempDir } from '../../helpers/temp-dir';

const root = path.resolve(import.meta.dirname, '../../..');

/** Every `new BrowserWindow({...})` under src/main, with its webPreferences literal read from the source. */
function browserWindowsInSources(): { file: string; prefs: Record<string, unknown> | null }[] {
  const found: { file: string; prefs: Record<string, unknown> | null }[] = [];
  const files = fs.readdirSync(path.join(root, 'src/main'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const relative of files) {
    const file = path.join('src/main', relative);
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && node.expression.getText() === 'BrowserWindow') {
        const options = node.arguments?.[0];
        const prefsNode = options && ts.isObjectLiteralExpression(options) ? options.properties.find((p) => p.name?.getText() === 'webPreferences') : undefined;
        let prefs: Record<string, unknown> | null = null;
        if (prefsNode && ts.isPropertyAssignment(prefsNode) && ts.isObjectLiteralExpression(prefsNode.initializer)) {
          prefs = {};
          for (const p of prefsNode.initializer.properties) {
            if (!ts.isPropertyAssignment(p)) continue;
            const kind = p.initializer.kind;
            prefs[p.name.getText()] = kind === ts.SyntaxKind.TrueKeyword
                ? true
                : kind === ts.SyntaxKind.FalseKeyword
                  ? false
                  : ts.isStringLiteral(p.initializer)
                    ? p.initializer.text
                    : p.initializer.getText();
          }
        }
        found.push({ file, prefs });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('webPreferences', () => {
  it('every BrowserWindow under src/main is built with a literal, hardened webPreferences', () => {
    const windows = browserWindowsInSources();
    expect(windows.map((w) => w.file)).toEqual([path.join('src/main/desktop/main-window.ts')]);
    for (const { file, prefs } of windows) {
      expect(prefs, `${file}: webPreferences must be an object literal at the construction site`).not.toBeNull();
      expect(webPreferenceProblems(prefs!), file).toEqual([]);
      expect(prefs!.preload, 'the preload is the bridge').toBe('options.preloadPath');
    }
  });

  it('names each unsafe or missing preference', () => {
    expect(webPreferenceProblems({ ...REQUIRED_WEB_PREFERENCES })).toEqual([]);
    expect(webPreferenceProblems({ ...REQUIRED_WEB_PREFERENCES, nodeIntegration: true, sandbox: false })).toEqual(['sandbox must be true (is false)', 'nodeIntegration must be false (is true)']);
    const { contextIsolation: _dropped, ...missing } = REQUIRED_WEB_PREFERENCES;
    expect(webPreferenceProblems({ ...missing, webviewTag: true })).toEqual(['contextIsolation must be true (is not set)', 'webviewTag must be false (is true)']);
  });
});

describe('navigation, new windows and permissions', () => {
  it('trusts only our app:// origin (and the dev server while developing)', () => {
    expect(isTrustedUrl('app://hookbench/index.html?view=sender')).toBe(true);
    expect(isTrustedUrl('app://hookbench/assets/x.js')).toBe(true);
    for (const url of ['app://hookbench.evil/index.html', 'app://evil/index.html', 'https://hookbench/', 'file:///app/index.html', 'http://localhost:5173/', 'javascript:alert(1)', '', 'app:hookbench']) {
      expect(isTrustedUrl(url), url).toBe(false);
    }
    expect(isTrustedUrl('http://localhost:5173/?x=1', 'http://localhost:5173/')).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(shouldBlockNavigation('https://evil.example/phish')).toBe(true);
    expect(shouldBlockNavigation('app://hookbench/index.html?view=inbox')).toBe(false);
  });

  it('denies every window.open; web links go to the OS browser, anything else nowhere', () => {
    const opened: string[] = [];
    const open = (url: string) => opened.push(url);
    for (const url of ['https://docs.stripe.com/webhooks', 'http://127.0.0.1:8989/x', 'file:///etc/passwd', 'javascript:alert(1)', 'app://hookbench/index.html', 'smb://share/x', 'not a url']) {
      expect(decideWindowOpen({ url }, open), url).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://docs.stripe.com/webhooks', 'http://127.0.0.1:8989/x']);
  });

  it('refuses every permission request', () => {
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) denyPermission({}, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false, false]);
  });
});

describe('app:// responses', () => {
  it('serve files from the renderer bundle only, index.html for unknown routes', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'renderer/assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'renderer/index.html'), '<div id="root"></div>');
    fs.writeFileSync(path.join(dir, 'renderer/assets/app.js'), '1');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'no');
    const rendererDir = path.join(dir, 'renderer');
    const isFile = (f: string) => fs.statSync(f, { throwIfNoEntry: false })?.isFile() === true;
    const at = (url: string) => rendererFileFor(rendererDir, url, isFile);

    expect(at('app://hookbench/')).toEqual({ file: path.join(rendererDir, 'index.html') });
    expect(at('app://hookbench/assets/app.js?v=1')).toEqual({ file: path.join(rendererDir, 'assets/app.js') });
    expect(at('app://hookbench/inbox/42')).toEqual({ file: path.join(rendererDir, 'index.html') });
    expect(at('app://hookbench/assets')).toEqual({ file: path.join(rendererDir, 'index.html') });
    // Escapes out of the bundle: URL parsing resolves `..` and `%2e%2e` segments inside the URL;
    // an encoded slash survives parsing, is decoded, and the path leaving the bundle is refused.
    expect(at('app://hookbench/../secret.txt')).toEqual({ file: path.join(rendererDir, 'index.html') });
    expect(at('app://hookbench/%2e%2e/secret.txt')).toEqual({ file: path.join(rendererDir, 'index.html') });
    expect(at('app://hookbench/..%2fsecret.txt')).toEqual({ status: 403 });
    expect(at('app://hookbench/assets/%2e%2e%2f%2e%2e%2fsecret.txt')).toEqual({ status: 403 });
    expect(at(`app://hookbench/${encodeURIComponent(path.join(dir, 'secret.txt'))}`)).toEqual({ file: path.join(rendererDir, 'index.html') });
    expect(at('app://hookbench/%E0%A4%A')).toEqual({ status: 404 });
    expect(at('app://other/index.html')).toEqual({ status: 404 });
  });

  it('carry the CSP and the other security headers, over whatever the file had', () => {
    const headers = withSecurityHeaders(new Headers({ 'Content-Type': 'text/html', 'Content-Security-Policy': "default-src *" }));
    expect(headers.get('Content-Security-Policy')).toBe(CSP);
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).toContain("object-src 'none'");
    expect(headers.get('Content-Type')).toBe('text/html');
    expect(headers.get('X-Frame-Options')).toBe('DENY');
    expect(headers.get('X-Content-Type-Options')).toBe('nosniff');
  });
});
