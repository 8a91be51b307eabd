/** Makes ThompsonDemo interactive: reruns the three policies with the snippet code after each edit. */
import { bindDemo } from './demo-client.ts';
import { banditView } from './thompson-view.ts';

bindDemo(
  'thompson',
  (form, lang) => {
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    // The view parses the raw text itself, so "0x10" or "1e-17" get the same message as in the tests.
    return banditView(
      { ctrs: value('ctrs'), alpha: value('alpha'), beta: value('beta'), steps: value('steps'), seed: value('seed') },
      lang,
    );
  },
  // Three runs of 50,000 steps take about a tenth of a second: wait for a pause in the typing.
  { delay: 150 },
);
