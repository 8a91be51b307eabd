/** Makes SampleSizeDemo interactive: recomputes the sample size and the power curve on every edit. */
import { bindDemo } from './demo-client.ts';
import { sampleSizeView } from './sample-size-view.ts';

bindDemo('sample-size', (form, lang) => {
  const value = (name: string) => {
    const field = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
    // A number field reads "" both when empty (no daily traffic given) and when what is typed is
    // not a number ("1e"): only the first may pass as empty.
    return field instanceof HTMLInputElement && field.validity.badInput ? 'not a number' : field.value;
  };
  return sampleSizeView(
    {
      baselinePct: value('baselinePct'),
      liftPct: value('liftPct'),
      alpha: value('alpha'),
      power: value('power'),
      sided: value('sided'),
      dailyUnits: value('dailyUnits'),
    },
    lang,
  );
});
