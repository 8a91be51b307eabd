/** The language of a Markdown source, from where it lives: content/notes/<lang>/... */
import { LANGS, DEFAULT_LANG, type Lang } from '../../i18n/langs.ts';

export function langOfPath(path: string | undefined): Lang {
  const m = path ? /[\\/]notes[\\/]([a-z-]+)[\\/]/.exec(path) : null;
  const lang = m?.[1];
  return (LANGS as readonly string[]).includes(lang ?? '') ? (lang as Lang) : DEFAULT_LANG;
}
