import Editor, { DiffEditor } from '@monaco-editor/react';
import './../monaco/setup';
import { useMonacoTheme } from './use-monaco-theme';

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
  const theme = useMonacoTheme();
  return (
    <div className="code-view code-editor" data-testid="code-editor">
      <Editor
        defaultValue={initialValue}
        language={language}
        path={path}
        theme={theme}
        options={OPTIONS}
        onChange={(v) => onChange(v ?? '')}
        onValidate={(markers) => onProblems?.(markers.map((m) => `line ${m.startLineNumber}: ${m.message}`))}
      />
    </div>
  );
}

/** The diff's two models, one pair for the whole app: only one diff is ever on screen. */
const DIFF_PATHS = { original: 'inmemory://hookbench/diff-original', modified: 'inmemory://hookbench/diff-modified' };

/**
 * Original beside edited, changes highlighted (read-only). The wrapper library disposes its text
 * models on unmount before the diff widget lets go of them, which Monaco reports as "TextModel got
 * disposed before DiffEditorWidget model got reset" (leaving the diff after a Send), and a diff
 * still computing then finds no models ("no diff result available"). So the diff uses one pair of
 * models that is never disposed, reused by each mount with the texts and language set afresh.
 */
export function CodeDiff({ original, modified, language }: { original: string; modified: string; language: string }) {
  const theme = useMonacoTheme();
  return (
    <div className="code-view" data-testid="diff-view">
      <DiffEditor
        original={original}
        modified={modified}
        language={language}
        theme={theme}
        originalModelPath={DIFF_PATHS.original}
        modifiedModelPath={DIFF_PATHS.modified}
        keepCurrentOriginalModel
        keepCurrentModifiedModel
        onMount={(editor, monaco) => {
          // A reused model keeps the last mount's text and language: the library sets them only on later changes.
          const models = editor.getModel();
          if (!models) return;
          for (const [model, text] of [
            [models.original, original],
            [models.modified, modified],
          ] as const) {
            if (model.getValue() !== text) model.setValue(text);
            monaco.editor.setModelLanguage(model, language);
          }
        }}
        options={{ ...OPTIONS, readOnly: true, renderSideBySide: true }}
      />
    </div>
  );
}
