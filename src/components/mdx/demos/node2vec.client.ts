/** Makes Node2vecDemo interactive: recomputes the step distribution and the walks on every slider move. */
import { formatPow2, node2vecView } from './node2vec-view.ts';

for (const demo of document.querySelectorAll<HTMLElement>('[data-demo="node2vec"]')) {
  const form = demo.querySelector<HTMLFormElement>('[data-node2vec-form]')!;
  const error = demo.querySelector('[data-node2vec-error]')!;
  const graph = demo.querySelector('[data-node2vec-graph]')!;
  const walk = demo.querySelector('[data-node2vec-walk]')!;
  const table = demo.querySelector('[data-node2vec-table]')!;
  const moves = demo.querySelector('[data-node2vec-moves]')!;
  const summary = demo.querySelector('[data-node2vec-summary]')!;
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  const update = () => {
    const logP = Number(field('logp').value);
    const logQ = Number(field('logq').value);
    const seed = Math.max(1, Math.floor(Number(field('seed').value) || 1));
    (form.elements.namedItem('p-out') as HTMLOutputElement).value = formatPow2(logP);
    (form.elements.namedItem('q-out') as HTMLOutputElement).value = formatPow2(logQ);
    const view = node2vecView(logP, logQ, seed);
    error.textContent = view.error ?? '';
    // Keep the last good state on screen if an input is momentarily invalid.
    if (view.error) return;
    graph.innerHTML = view.graphSvg;
    walk.textContent = view.walkText;
    table.innerHTML = view.tableHtml;
    moves.innerHTML = view.movesSvg;
    summary.textContent = view.summary;
  };
  form.addEventListener('input', update);
  form.addEventListener('submit', (e) => e.preventDefault());
}
