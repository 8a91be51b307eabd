import { describe, expect, it } from 'vitest';
import { indexLetter, pinyinKey } from '../../src/lib/glossary-index.ts';

describe('indexLetter', () => {
  it('files English terms by their first letter', () => {
    expect(indexLetter('Thompson sampling')).toBe('T');
    expect(indexLetter('auc')).toBe('A');
    expect(indexLetter('ε-greedy')).toBe('#');
  });
  it('files Chinese terms by the initial of their pinyin', () => {
    // 召回 zhào, 排序 pái, 汤普森 tāng, 嵌入 qiàn, 点击率 diǎn, 遗憾 yí, 阿尔法 ā, 曝光 bào (not pù), 负样本 fù
    expect(
      ['召回', '排序', '汤普森采样', '嵌入', '点击率', '遗憾', '阿尔法', '曝光', '负样本'].map(indexLetter),
    ).toEqual(['Z', 'P', 'T', 'Q', 'D', 'Y', 'A', 'B', 'F']);
  });
  it('files a Chinese term that starts with Latin letters under that letter', () => {
    expect(indexLetter('Beta 分布')).toBe('B');
  });
});

describe('pinyinKey', () => {
  it('reads words, including the field readings a dictionary gets wrong', () => {
    expect(pinyinKey('重排')).toBe('chong pai');
    expect(pinyinKey('长尾物品')).toBe('chang wei wu pin');
    expect(pinyinKey('Beta 分布')).toBe('beta fen bu');
  });
});
