/** Makes AliasDemo interactive: rebuilds the table and redraws the samples on every edit. */
import { aliasView } from './alias-view.ts';

for (const demo of document.querySelectorAll<HTMLElement>('[data-demo="alias"]')) {
  const form = demo.querySelector<HTMLFormElement>('[data-alias-form]')!;
  const error = demo.querySelector('[data-alias-error]')!;
  const table = demo.querySelector('[data-alias-table]')!;
  const columns = demo.querySelector('[data-alias-columns]')!;
  const draws = demo.querySelector('[data-alias-draws]')!;
  const update = () => {
    const weights = (form.elements.namedItem('weights') as HTMLInputElement).value;
    const seed = Math.max(1, Math.floor(Number((form.elements.namedItem('seed') as HTMLInputElement).value) || 1));
    const view = aliasView(weights, seed);
    error.textContent = view.error ?? '';
    // Keep the last good table on screen while the reader is mid-edit.
    if (view.error) return;
    table.innerHTML = view.tableHtml;
    columns.innerHTML = view.columnsSvg;
    draws.innerHTML = view.drawsSvg;
  };
  form.addEventListener('input', update);
  form.addEventListener('submit', (e) => e.preventDefault());
}
