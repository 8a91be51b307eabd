/** Makes AucDemo interactive: every change recomputes AUC and the ROC curve with the snippet code. */
import { aucFieldNames, aucView, formatScore, type AucItem } from './auc-view.ts';
import { bindDemo } from './demo-client.ts';

bindDemo('auc', (form, lang) => {
  const items: AucItem[] = [];
  for (let i = 0; ; i++) {
    const names = aucFieldNames(i);
    const score = form.elements.namedItem(names.score) as HTMLInputElement | null;
    const label = form.elements.namedItem(names.label) as HTMLInputElement | null;
    if (!score || !label) break;
    // The value next to each slider follows it even while the form as a whole is invalid.
    const out = form.querySelector(`[data-score-of="${names.score}"]`);
    if (out) out.textContent = formatScore(score.value, lang);
    items.push({ label: label.checked ? 1 : 0, score: score.value });
  }
  return aucView(items, lang);
});
