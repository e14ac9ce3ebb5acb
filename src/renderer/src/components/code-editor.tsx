import Editor, { DiffEditor } from '@monaco-editor/react';
import './../monaco/setup';

export interface CodeEditorProps {
  /**
   * The starting text. The editor owns the text from then on (a controlled editor fights the
   * cursor while typing); to replace the text, remount it with a new `key`.
   */
  initialValue: string;
  language: string;
  path: string;
  onChange(value: string): void;
  /** Told about syntax errors (Monaco's JSON validation), so sending can warn first. */
  onProblems?(messages: string[]): void;
}

const OPTIONS = {
  minimap: { enabled: false },
  folding: true,
  scrollBeyondLastLine: false,
  wordWrap: 'on' as const,
  fontSize: 13,
  automaticLayout: true,
};

/** An editable Monaco editor (JSON is validated as you type). Loaded lazily: Monaco is large. */
export default function CodeEditor({ initialValue, language, path, onChange, onProblems }: CodeEditorProps) {
  return (
    <div className="code-view code-editor" data-testid="code-editor">
      <Editor
        defaultValue={initialValue}
        language={language}
        path={path}
        theme="vs-dark"
        options={OPTIONS}
        onChange={(v) => onChange(v ?? '')}
        onValidate={(markers) => onProblems?.(markers.map((m) => `line ${m.startLineNumber}: ${m.message}`))}
      />
    </div>
  );
}

/** Original beside edited, changes highlighted (read-only). */
export function CodeDiff({ original, modified, language }: { original: string; modified: string; language: string }) {
  return (
    <div className="code-view" data-testid="diff-view">
      <DiffEditor original={original} modified={modified} language={language} theme="vs-dark" options={{ ...OPTIONS, readOnly: true, renderSideBySide: true }} />
    </div>
  );
}
