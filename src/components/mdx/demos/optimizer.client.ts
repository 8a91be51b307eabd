/** Makes OptimizerDemo interactive: every edit reruns the five optimisers with the snippet code. */
import { bindDemo } from './demo-client.ts';
import { optimizerSliderText, optimizerView } from './optimizer-view.ts';

bindDemo('optimizer', (form, lang) => {
  const slider = form.elements.namedItem('log10Lr') as HTMLInputElement;
  // The slider moves log10 of the rate: show, and say, the rate itself.
  const text = optimizerSliderText(slider.value, lang);
  slider.setAttribute('aria-valuetext', text.valueText);
  const out = form.querySelector('[data-value-of="log10Lr"]');
  if (out) out.textContent = text.output;
  return optimizerView(slider.value, (form.elements.namedItem('steps') as HTMLInputElement).value, lang);
});
