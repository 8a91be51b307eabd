/**
 * Every string the site's chrome shows, one dictionary per language. The English dictionary
 * defines the shape; the Chinese one is typed by it, so a missing or misspelt key fails the type
 * check. Functions take what varies (a title, a count) and return the sentence.
 */
import type { Lang } from './langs.ts';
import { en } from './en.ts';
import { zh } from './zh.ts';

export type UiStrings = typeof en;

const DICTIONARIES: Record<Lang, UiStrings> = { en, zh };

export function uiFor(lang: Lang): UiStrings {
  return DICTIONARIES[lang];
}
