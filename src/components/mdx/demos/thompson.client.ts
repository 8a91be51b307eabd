/** Makes ThompsonDemo interactive: reruns the three policies with the snippet code on every edit. */
import { banditView } from './thompson-view.ts';

for (const demo of document.querySelectorAll<HTMLElement>('[data-demo="thompson"]')) {
  const form = demo.querySelector<HTMLFormElement>('[data-thompson-form]')!;
  const error = demo.querySelector('[data-thompson-error]')!;
  const table = demo.querySelector('[data-thompson-table]')!;
  const chart = demo.querySelector('[data-thompson-chart]')!;
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    // The view parses the raw text itself, so "0x10" or "1e-17" get the same message as in the tests.
    const view = banditView({
      ctrs: value('ctrs'),
      alpha: value('alpha'),
      beta: value('beta'),
      steps: value('steps'),
      seed: value('seed'),
    });
    error.textContent = view.error ?? '';
    if (view.error) return;
    table.innerHTML = view.tableHtml;
    chart.innerHTML = view.svg;
  };
  // Debounced: three runs of 50 000 steps take about a tenth of a second.
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
  form.addEventListener('submit', (e) => e.preventDefault());
}
