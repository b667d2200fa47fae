import { englishOf, type Message } from '../i18n';

/**
 * A timeline pair's label both ways: in English for the CLI and tests, and as a Message the
 * renderer words in the language on screen, so it is written once, in the catalogue.
 */
export function pairLabel(text: Message): { label: string; labelText: Message } {
  return { label: englishOf(text), labelText: text };
}
