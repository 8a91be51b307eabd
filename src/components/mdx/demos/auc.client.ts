/** Makes AucDemo interactive: every input change recomputes AUC and the ROC curve with the snippet code. */
import { aucView, type AucItem } from './auc-view.ts';

for (const demo of document.querySelectorAll<HTMLElement>('[data-demo="auc"]')) {
  const form = demo.querySelector<HTMLFormElement>('[data-auc-form]')!;
  const summary = demo.querySelector('[data-auc-summary]')!;
  const chart = demo.querySelector('[data-auc-chart]')!;
  const update = () => {
    const items: AucItem[] = [];
    for (let i = 0; ; i++) {
      const score = form.elements.namedItem(`score-${i}`) as HTMLInputElement | null;
      const label = form.elements.namedItem(`label-${i}`) as HTMLInputElement | null;
      if (!score || !label) break;
      const out = form.elements.namedItem(`score-out-${i}`) as HTMLOutputElement | null;
      if (out) out.value = Number(score.value).toFixed(2);
      items.push({ label: label.checked ? 1 : 0, score: Number(score.value) });
    }
    const view = aucView(items);
    summary.textContent = view.summary;
    chart.innerHTML = view.svg;
  };
  form.addEventListener('input', update);
  update();
}
