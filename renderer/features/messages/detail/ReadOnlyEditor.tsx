import { useEffect, useRef } from 'react';
import { monaco } from '../../../components/monaco';
import type { Theme } from '../../../store/app-store';

const editorOptions = {
  readOnly: true,
  domReadOnly: true,
  folding: true,
  showFoldingControls: 'always',
  minimap: { enabled: false },
  automaticLayout: true,
  scrollBeyondLastLine: false,
  lineNumbersMinChars: 3,
  fontSize: 12.5,
  wordWrap: 'on',
  fixedOverflowWidgets: true,
} as const satisfies monaco.editor.IStandaloneEditorConstructionOptions;

/** The stylesheet's minimum height of the editor box. */
const SHORT_CONTENT_PX = 260;

function monacoTheme(theme: Theme): string {
  return theme === 'dark' ? 'vs-dark' : 'vs';
}

/** Pretty JSON in a read-only Monaco editor, for folding and search; the model is owned here. */
export function ReadOnlyEditor({ value, language, theme, label }: { value: string; language: 'json' | 'plaintext'; theme: Theme; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const model = monaco.editor.createModel(value, language);
    const element = host.current;
    const editor = monaco.editor.create(element, { ...editorOptions, model, ariaLabel: label, theme: monacoTheme(theme) });
    // A short document gets a box its own height; a long one fills the pane (the stylesheet's flex).
    const fit = () => {
      const height = editor.getContentHeight();
      element.classList.toggle('detail-editor-short', height < SHORT_CONTENT_PX);
      element.style.setProperty('--content-height', `${height + 2}px`);
    };
    const fitting = editor.onDidContentSizeChange(fit);
    fit();
    return () => {
      fitting.dispose();
      editor.dispose();
      model.dispose();
    };
    // Not the theme: theme changes apply globally below; recreating the editor for them would lose folds and scroll.
    // (This lint setup has no react-hooks plugin, so no directive: it would be an unknown rule.)
  }, [value, language, label]);
  useEffect(() => monaco.editor.setTheme(monacoTheme(theme)), [theme]);
  return <div className="detail-editor" ref={host} />;
}

/** Two texts side by side (or inline when the panel is narrow) in Monaco's read-only diff editor. */
export function ReadOnlyDiff({
  original,
  modified,
  language,
  theme,
  labels,
}: {
  original: string;
  modified: string;
  language: 'json' | 'plaintext';
  theme: Theme;
  /** The two editors' accessible names, in the user's language. */
  labels: { original: string; modified: string };
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const originalModel = monaco.editor.createModel(original, language);
    const modifiedModel = monaco.editor.createModel(modified, language);
    const editor = monaco.editor.createDiffEditor(host.current, {
      ...editorOptions,
      originalEditable: false,
      theme: monacoTheme(theme),
      originalAriaLabel: labels.original,
      modifiedAriaLabel: labels.modified,
      // Unchanged stretches of a long payload fold away, so the changes are what is on screen.
      hideUnchangedRegions: { enabled: true },
    });
    editor.setModel({ original: originalModel, modified: modifiedModel });
    return () => {
      editor.dispose();
      originalModel.dispose();
      modifiedModel.dispose();
    };
    // Not the theme, as above; the labels follow the language, a switch rebuilds the editor with them.
  }, [original, modified, language, labels.original, labels.modified]);
  useEffect(() => monaco.editor.setTheme(monacoTheme(theme)), [theme]);
  return <div className="detail-editor detail-diff" ref={host} />;
}
