/** Makes SampleSizeDemo interactive: recomputes the sample size and the power curve on every edit. */
import { parseDecimal, sampleSizeView } from './sample-size-view.ts';

for (const demo of document.querySelectorAll<HTMLElement>('[data-demo="sample-size"]')) {
  const form = demo.querySelector<HTMLFormElement>('[data-sample-size-form]')!;
  const error = demo.querySelector('[data-sample-size-error]')!;
  const table = demo.querySelector('[data-sample-size-table]')!;
  const chart = demo.querySelector('[data-sample-size-chart]')!;
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value;
  const update = () => {
    const view = sampleSizeView({
      baselinePct: parseDecimal(value('baselinePct')),
      liftPct: parseDecimal(value('liftPct')),
      alpha: parseDecimal(value('alpha')),
      power: parseDecimal(value('power')),
      twoSided: value('sided') === 'two',
      // an empty field hides the duration, as 0 does
      dailyUnits: parseDecimal(value('dailyUnits'), 0),
    });
    error.textContent = view.error ?? '';
    // On an error, clear the answer too: a table next to the message would belong to other inputs.
    table.innerHTML = view.tableHtml;
    chart.innerHTML = view.svg;
  };
  form.addEventListener('input', update);
  form.addEventListener('submit', (e) => e.preventDefault());
  // The browser may restore edited inputs on reload or back navigation: sync the output with them.
  update();
}
