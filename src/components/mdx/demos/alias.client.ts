/** Makes AliasDemo interactive: rebuilds the table and redraws the samples on every edit. */
import { aliasView } from './alias-view.ts';
import { bindDemo } from './demo-client.ts';

bindDemo('alias', (form, lang) => {
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
  return aliasView(value('weights'), value('seed'), lang);
});
