import { useEffect, useRef } from 'react';
import type { Theme } from '../store/app-store';
import { exactTypingOptions, monaco } from './monaco';
import { useT } from '../i18n/use-t';

export type PayloadLanguage = 'json' | 'plaintext';

interface Props {
  value: string;
  language: PayloadLanguage;
  theme: Theme;
  label: string;
  onChange(value: string): void;
  /** Ctrl/Cmd+Enter inside the editor. */
  onSubmit?(): void;
}

/** A Monaco editor for a payload. The model is owned here; the parent holds the text as state. */
export function PayloadEditor({ value, language, theme, label, onChange, onSubmit }: Props) {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | undefined>(undefined);
  /** The text the editor last reported; a `value` equal to it is our own echo, not a new value to load. */
  const emitted = useRef(value);
  const callbacks = useRef({ onChange, onSubmit });
  callbacks.current = { onChange, onSubmit };

  useEffect(() => {
    if (!host.current) return;
    const instance = monaco.editor.create(host.current, {
      value,
      language,
      ariaLabel: label,
      minimap: { enabled: false },
      automaticLayout: true,
      scrollBeyondLastLine: false,
      lineNumbersMinChars: 3,
      fontSize: 13,
      tabSize: 2,
      wordWrap: 'on',
      theme: theme === 'dark' ? 'vs-dark' : 'vs',
      fixedOverflowWidgets: true,
      ...exactTypingOptions,
      // Chromium's EditContext path reorders fast synthetic input (seen with Playwright typing); the textarea path does not.
      editContext: false,
    });
    editor.current = instance;
    const changeListener = instance.onDidChangeModelContent(() => {
      emitted.current = instance.getValue();
      callbacks.current.onChange(emitted.current);
    });
    instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => callbacks.current.onSubmit?.());
    return () => {
      changeListener.dispose();
      instance.getModel()?.dispose();
      instance.dispose();
      editor.current = undefined;
    };
    // The editor is created once; later prop changes are applied by the effects below.
  }, []);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (model) monaco.editor.setModelLanguage(model, language);
  }, [language]);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  useEffect(() => {
    // Comparing with the editor's live text instead would reset it to a stale value while the user types faster than React renders.
    if (value === emitted.current) return;
    emitted.current = value;
    editor.current?.setValue(value);
  }, [value]);

  return <div className="payload-editor" ref={host} role="group" aria-label={t('connections.payloadEditor.label', { label })} />;
}
