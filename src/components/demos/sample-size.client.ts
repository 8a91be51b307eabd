/** Makes SampleSizeDemo interactive: recomputes the sample size and the power curve on every edit. */
import { sampleSizeView } from './sample-size-view.ts';

for (const demo of document.querySelectorAll<HTMLElement>('[data-demo="sample-size"]')) {
  const form = demo.querySelector<HTMLFormElement>('[data-sample-size-form]')!;
  const error = demo.querySelector('[data-sample-size-error]')!;
  const table = demo.querySelector('[data-sample-size-table]')!;
  const chart = demo.querySelector('[data-sample-size-chart]')!;
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value;
  const update = () => {
    const view = sampleSizeView({
      baselinePct: Number(value('baselinePct')),
      liftPct: Number(value('liftPct')),
      alpha: Number(value('alpha')),
      power: Number(value('power')),
      twoSided: value('sided') === 'two',
      dailyUnits: Number(value('dailyUnits')),
    });
    error.textContent = view.error ?? '';
    // Keep the last good answer on screen while the reader is mid-edit.
    if (view.error) return;
    table.innerHTML = view.tableHtml;
    chart.innerHTML = view.svg;
  };
  form.addEventListener('input', update);
  form.addEventListener('submit', (e) => e.preventDefault());
  // The browser may restore edited inputs on reload or back navigation: sync the output with them.
  update();
}
