// Telling an English page from a Vietnamese one (marked, stripped, or read by OCR with marks of its own).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isEnglish } from '../lang/english.js';
import { foldDiacritics } from '../lang/vietnamese.js';
import { seedFile } from '../samples/seeds.js';

describe('isEnglish', () => {
  it('knows English prose, also as OCR reads it with the Vietnamese model', () => {
    expect(isEnglish('The committee met twice during the year and reviewed its budget. Members agreed to publish the minutes.')).toBe(true);
    expect(isEnglish('ANNUAL REPORT\nThế committee mệt twice during thế year and reviewed ïts budget.\nMembers agreed to publish thế minutes ơn thế website within a month.')).toBe(true);
  });

  it('never takes Vietnamese for English, with or without its marks', () => {
    for (const seed of ['000', '001', '003', '004']) {
      const text = readFileSync(seedFile(seed), 'utf8');
      expect(isEnglish(text), seed).toBe(false);
      expect(isEnglish(foldDiacritics(text)), `${seed} stripped`).toBe(false);
    }
  });

  it('says nothing of a few words', () => {
    expect(isEnglish('Report of the year')).toBe(false);
  });
});
