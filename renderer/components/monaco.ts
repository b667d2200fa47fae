// Monaco is bundled from node_modules with only what a payload editor needs: the core editor, its
// standard features and the JSON language. Workers are local files, so nothing loads from a CDN and
// the CSP needs no 'unsafe-eval'.
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import 'monaco-editor/language/json/monaco.contribution';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

/**
 * For every editor a user types into: what the user types is what is sent. Monaco's typing helpers
 * otherwise add text the user did not type: typing `{"on":true}` over a selection auto-surrounds and
 * auto-closes into `{"on":true}"}`, and `<b>hi</b>` into `<b>hi</b>>`. Suggestions are still offered,
 * but only Tab or Enter accepts one, never a typed character.
 */
export const exactTypingOptions = {
  autoClosingBrackets: 'never',
  autoClosingQuotes: 'never',
  autoClosingComments: 'never',
  autoClosingOvertype: 'never',
  autoClosingDelete: 'never',
  autoSurround: 'never',
  acceptSuggestionOnCommitCharacter: false,
  formatOnType: false,
  formatOnPaste: false,
  linkedEditing: false,
} as const satisfies monaco.editor.IStandaloneEditorConstructionOptions;

export { monaco };

