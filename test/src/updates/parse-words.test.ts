import { describe, expect, it } from 'vitest';
import { looksLikeStatusAnswer, parseWords } from '../../../src/updates/parse-words.js';

describe('parseWords', () => {
  it('reads the ref, the status and keeps the text as the narrative', () => {
    expect(parseWords('3a on track, comms plan signed off by the DCS')).toEqual({
      refs: ['3a'],
      rag: 'green',
      done: false,
      narrative: '3a on track, comms plan signed off by the DCS',
    });
  });

  it.each([
    ['7C is done, signed off', { refs: ['7c'], rag: 'green', percent: 100, done: true }],
    ['8d at risk, about 60% there', { refs: ['8d'], rag: 'amber', percent: 60, done: false }],
    ['blocked on HR for 10e', { refs: ['10e'], rag: 'red', done: false }],
    ['not done yet, 40%', { refs: [], percent: 40, done: false }],
    ['interviews held', { refs: [], done: false }],
  ])('%s', (text, expected) => {
    expect(parseWords(text)).toMatchObject(expected);
    if (!('rag' in expected)) expect(parseWords(text).rag).toBeUndefined();
  });

  it('ignores percentages over 100 and names each ref once', () => {
    const p = parseWords('1d and 1d again 250%');
    expect(p.refs).toEqual(['1d']);
    expect(p.percent).toBeUndefined();
  });

  it('tells a status answer from other text', () => {
    expect(looksLikeStatusAnswer('3a on track')).toBe(true);
    expect(looksLikeStatusAnswer('signed off, on track')).toBe(true);
    expect(looksLikeStatusAnswer('what is the weather')).toBe(false);
    expect(looksLikeStatusAnswer('version 2.3a')).toBe(false);
  });
});
