/** A button that picks one file: a label styled as a button around a hidden file input. */
export function FileButton({ label, accept, testId, onFile }: { label: string; accept: string; testId: string; onFile(file: File): void }) {
  return (
    <label className="copy-button">
      {label}
      <input
        type="file"
        accept={accept}
        data-testid={testId}
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared so that picking the same file again (after fixing it) is a change too.
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </label>
  );
}
