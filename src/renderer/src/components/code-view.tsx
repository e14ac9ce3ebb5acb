import Editor from '@monaco-editor/react';
import './../monaco/setup';
import { useMonacoTheme } from './use-monaco-theme';

export interface CodeViewProps {
  value: string;
  language: string;
  /** Distinct per document, so switching requests swaps models instead of diffing text. */
  path: string;
  /**
   * A document too big for the full treatment (a multi-megabyte body): shown as plain text without
   * line wrapping. In bench/detail-open.mjs a 2 MB JSON body (300k pretty lines) took ~2.3 s to
   * appear with wrapping on, ~0.9 s with wrapping off, ~0.6 s as plain text, and the JSON mode also
   * left stalls of ~1 s behind (worker sync, decorations). Folding (by indentation) and find remain.
   */
  large?: boolean;
}

/** A read-only Monaco view with folding, used for bodies. Loaded lazily: Monaco is large. */
export default function CodeView({ value, language, path, large = false }: CodeViewProps) {
  const theme = useMonacoTheme();
  return (
    <div className="code-view" data-testid="code-view">
      <Editor
        value={value}
        language={large ? 'plaintext' : language}
        path={path}
        theme={theme}
        options={{
          readOnly: true,
          domReadOnly: true,
          minimap: { enabled: false },
          folding: true,
          scrollBeyondLastLine: false,
          wordWrap: large ? 'off' : 'on',
          fontSize: 13,
          automaticLayout: true,
          renderLineHighlight: 'none',
        }}
      />
    </div>
  );
}
