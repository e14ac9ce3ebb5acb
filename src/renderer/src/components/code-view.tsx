import Editor from '@monaco-editor/react';
import './../monaco/setup';

export interface CodeViewProps {
  value: string;
  language: string;
  /** Distinct per document, so switching requests swaps models instead of diffing text. */
  path: string;
}

/** A read-only Monaco view with folding, used for bodies. Loaded lazily: Monaco is large. */
export default function CodeView({ value, language, path }: CodeViewProps) {
  return (
    <div className="code-view" data-testid="code-view">
      <Editor
        value={value}
        language={language}
        path={path}
        theme="vs-dark"
        options={{
          readOnly: true,
          domReadOnly: true,
          minimap: { enabled: false },
          folding: true,
          scrollBeyondLastLine: false,
          wordWrap: 'on',
          fontSize: 13,
          automaticLayout: true,
          renderLineHighlight: 'none',
        }}
      />
    </div>
  );
}
