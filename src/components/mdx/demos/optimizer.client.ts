/** Makes OptimizerDemo interactive: every slider move reruns the five optimisers with the snippet code. */
import { optimizerView } from './optimizer-view.ts';

for (const demo of document.querySelectorAll<HTMLElement>('[data-demo="optimizer"]')) {
  const form = demo.querySelector<HTMLFormElement>('[data-optimizer-form]')!;
  const error = demo.querySelector('[data-optimizer-error]')!;
  const table = demo.querySelector('[data-optimizer-table]')!;
  const path = demo.querySelector('[data-optimizer-path]')!;
  const loss = demo.querySelector('[data-optimizer-loss]')!;
  const update = () => {
    // The raw text goes to the view, which rejects what Number() would silently accept ("0x10").
    const log10Lr = (form.elements.namedItem('log10Lr') as HTMLInputElement).value;
    const steps = (form.elements.namedItem('steps') as HTMLInputElement).value;
    const view = optimizerView(log10Lr, steps);
    error.textContent = view.error ?? '';
    // Keep the last good charts on screen while the reader is mid-edit.
    if (view.error) return;
    const out = form.elements.namedItem('lr-out') as HTMLOutputElement | null;
    if (out) out.value = view.lr.toPrecision(2);
    table.innerHTML = view.tableHtml;
    path.innerHTML = view.pathSvg;
    loss.innerHTML = view.lossSvg;
  };
  form.addEventListener('input', update);
  form.addEventListener('submit', (e) => e.preventDefault());
}
