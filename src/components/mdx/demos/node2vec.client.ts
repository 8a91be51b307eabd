/** Makes Node2vecDemo interactive: recomputes the step distribution and the walks on every edit. */
import { bindDemo } from './demo-client.ts';
import { node2vecSliderText, node2vecView } from './node2vec-view.ts';

bindDemo('node2vec', (form, lang) => {
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
  // Each slider moves log2 of its parameter: show, and say, the parameter itself.
  for (const [name, param] of [
    ['logp', 'p'],
    ['logq', 'q'],
  ] as const) {
    const text = node2vecSliderText(param, value(name), lang);
    (form.elements.namedItem(name) as HTMLInputElement).setAttribute('aria-valuetext', text.valueText);
    const out = form.querySelector(`[data-value-of="${name}"]`);
    if (out) out.textContent = text.output;
  }
  return node2vecView(value('logp'), value('logq'), value('seed'), lang);
});
