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
    const view = banditView({
      ctrs: value('ctrs'),
      alpha: Number(value('alpha')),
      beta: Number(value('beta')),
      steps: Math.floor(Number(value('steps'))),
      seed: Math.max(1, Math.floor(Number(value('seed')) || 1)),
    });
    error.textContent = view.error ?? '';
    if (view.error) return;
    table.innerHTML = view.tableHtml;
    chart.innerHTML = view.svg;
  };
  // Debounced: a run of 50 000 steps takes a few tens of milliseconds.
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
  form.addEventListener('submit', (e) => e.preventDefault());
}
