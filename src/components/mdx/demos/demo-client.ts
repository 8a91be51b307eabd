/**
 * What every demo's script does, once: read the form, ask the demo's view module (the same code
 * that drew the static render at build time) for what to show, and show it. A value the view
 * cannot use gets its message next to its input, with aria-invalid, and the results stay visible
 * but marked out of date until the input is fixed, so nothing stale passes for current.
 */
import { isLang, DEFAULT_LANG, type Lang } from '../../../i18n/langs.ts';

/** What a view returns: HTML for each output slot, or the one input that is wrong and why. */
export interface DemoView {
  /** HTML for each `[data-out="<key>"]` element of the demo. */
  html: Record<string, string>;
  error?: { field: string; message: string } | undefined;
}

export interface BindOptions {
  /** Update this many milliseconds after the last edit instead of at once (for views that take a while). */
  delay?: number;
}

/** Whether any control of `form` differs from the value the page was built with. */
function edited(form: HTMLFormElement): boolean {
  return [...form.elements].some((el) =>
    el instanceof HTMLInputElement
      ? el.type === 'checkbox' || el.type === 'radio'
        ? el.checked !== el.defaultChecked
        : el.value !== el.defaultValue
      : el instanceof HTMLSelectElement && [...el.options].some((o) => o.selected !== o.defaultSelected),
  );
}

/** Wire every `[data-demo="<name>"]` on the page to `view`, which reads the form's values. */
export function bindDemo(
  name: string,
  view: (form: HTMLFormElement, lang: Lang) => DemoView,
  options: BindOptions = {},
): void {
  const lang = isLang(document.documentElement.dataset['lang'])
    ? (document.documentElement.dataset['lang'] as Lang)
    : DEFAULT_LANG;
  for (const demo of document.querySelectorAll<HTMLElement>(`[data-demo="${name}"]`)) {
    const form = demo.querySelector('form')!;
    const update = () => {
      const result = view(form, lang);
      for (const input of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input[name], select[name]')) {
        const bad = result.error?.field === input.name;
        if (bad) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
        const message = form.querySelector(`[data-field-error="${input.name}"]`);
        if (message) message.textContent = bad ? result.error!.message : '';
      }
      // A message for the whole form (no single input to blame) goes to the demo's alert line.
      const alert = demo.querySelector('[data-demo-alert]');
      if (alert)
        alert.textContent = result.error && !form.elements.namedItem(result.error.field) ? result.error.message : '';
      demo.classList.toggle('stale', Boolean(result.error));
      if (result.error) return;
      for (const [key, html] of Object.entries(result.html)) {
        const out = demo.querySelector(`[data-out="${key}"]`);
        if (out) out.innerHTML = html;
      }
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    form.addEventListener('input', () => {
      if (!options.delay) return update();
      clearTimeout(timer);
      timer = setTimeout(update, options.delay);
    });
    form.addEventListener('submit', (e) => e.preventDefault());
    // The browser may restore edited values (reload, back): show the results for what is on screen.
    if (edited(form)) update();
  }
}
