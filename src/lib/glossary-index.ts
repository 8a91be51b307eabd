/**
 * The letter a glossary term is filed under, and the order terms are listed in: English terms by
 * their first letter and alphabetically; Chinese terms by the initial of their pinyin and by
 * pinyin (with pinyin-pro, which reads words, not single characters: 曝光 is bào guāng).
 */
import { customPinyin, pinyin } from 'pinyin-pro';

// Readings of the field that a general dictionary gets wrong (重排 "re-rank" is chóng pái).
customPinyin({ 重排: 'chóng pái', 重排序: 'chóng pái xù' });

/** The term as pinyin without tones ("tang pu sen cai yang"); Latin letters and digits stay. */
export function pinyinKey(term: string): string {
  return pinyin(term.trim(), { toneType: 'none', nonZh: 'consecutive' }).toLowerCase().replace(/\s+/g, ' ');
}

/** 'A'–'Z' by the term's first letter (its pinyin's, for Chinese); '#' for anything else. */
export function indexLetter(term: string): string {
  const first = /[\u3400-\u9fff]/.test([...term.trim()][0] ?? '') ? pinyinKey(term)[0] : term.trim()[0];
  return first && /[a-z]/i.test(first) ? first.toUpperCase() : '#';
}
