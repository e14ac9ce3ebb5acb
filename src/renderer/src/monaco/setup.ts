import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';

// Monaco is bundled with the app: a desktop tool must work offline, and the CSP allows no CDN.
// Only the workers we use are offered (each is megabytes): the base editor worker and JSON.
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

loader.config({ monaco });

// The editors' themes (names in ./theme-name.ts). Colours as styles.css's --code-bg, --panel-2 and
// --selected per theme: Monaco draws on a canvas-like DOM of its own and cannot read CSS variables.
monaco.editor.defineTheme('hookbench-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#111318', 'editorGutter.background': '#111318', 'editor.lineHighlightBackground': '#232730', 'editor.selectionBackground': '#203049' },
});
monaco.editor.defineTheme('hookbench-light', {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#f1f3f6', 'editorGutter.background': '#f1f3f6', 'editor.lineHighlightBackground': '#eef0f4', 'editor.selectionBackground': '#dbe7fb' },
});

export { monaco };
