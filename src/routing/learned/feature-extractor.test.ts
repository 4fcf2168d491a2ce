import { describe, expect, it } from 'vitest';
import {
  computeInverseDocumentFrequency,
  copySparseVector,
  createFeatureExtractor,
  DEFAULT_FEATURE_CONFIG,
  DENSE_FEATURE_COUNT,
} from './feature-extractor.js';

const hashSize = 2 ** DEFAULT_FEATURE_CONFIG.hashBits;

describe('createFeatureExtractor', () => {
  it('is deterministic across calls and instances', () => {
    const prompt = 'Write a Python function `def add(a, b): return a + b` and explain it?';
    const first = copySparseVector(createFeatureExtractor().extract(prompt));
    const extractor = createFeatureExtractor();
    extractor.extract('something else entirely');
    const second = copySparseVector(extractor.extract(prompt));
    expect(Array.from(second.indices)).toEqual(Array.from(first.indices));
    expect(Array.from(second.values)).toEqual(Array.from(first.values));
  });

  it('L2-normalises the hashed words and appends the dense features', () => {
    const vector = createFeatureExtractor().extract('the cat sat on the mat');
    let sumSquares = 0;
    for (let entry = 0; entry < vector.length; entry += 1) {
      if ((vector.indices[entry] ?? 0) < hashSize) sumSquares += (vector.values[entry] ?? 0) ** 2;
    }
    expect(sumSquares).toBeCloseTo(1, 5);
    const dense = Array.from(
      vector.indices.subarray(vector.length - DENSE_FEATURE_COUNT, vector.length),
    );
    expect(dense).toEqual(
      Array.from({ length: DENSE_FEATURE_COUNT }, (_, index) => hashSize + index),
    );
    expect(vector.values[vector.length - DENSE_FEATURE_COUNT]).toBe(1);
  });

  it('is case-insensitive for words and counts code markers', () => {
    const extractor = createFeatureExtractor();
    const lower = copySparseVector(extractor.extract('def solve return'));
    const upper = copySparseVector(extractor.extract('DEF Solve RETURN'));
    expect(Array.from(upper.indices)).toEqual(Array.from(lower.indices));
    const keywordFeature = hashSize + 8;
    const keywordValue = lower.values[Array.from(lower.indices).indexOf(keywordFeature)];
    expect(keywordValue).toBeCloseTo(0.2);
  });

  it('reads every Han, kana or Thai character as a word, and other scripts by spaces', () => {
    const extractor = createFeatureExtractor();
    const wordFeatures = (prompt: string): number[] => {
      const vector = extractor.extract(prompt);
      return Array.from(vector.indices.subarray(0, vector.length)).filter(
        (feature) => feature < hashSize,
      );
    };
    // 计算 shares its characters with 计算机 and 算; a run hashed whole would share nothing.
    const chinese = wordFeatures('请计算三加五');
    expect(chinese).toHaveLength(6);
    expect(wordFeatures('计算机')).toEqual(expect.arrayContaining(wordFeatures('计算')));
    expect(wordFeatures('これはテスト')).toHaveLength(6);
    expect(wordFeatures('สวัสดี')).toHaveLength(new Set('สวัสดี').size);
    // Mixed text: the Latin word stays one word next to the ideographs.
    expect(wordFeatures('用Python写')).toEqual(expect.arrayContaining(wordFeatures('python')));
    expect(wordFeatures('Grüße aus Köln')).toHaveLength(3);
  });

  it('reads only the head and tail of a long prompt', () => {
    const extractor = createFeatureExtractor({
      config: { ...DEFAULT_FEATURE_CONFIG, wordNgramMax: 2, maxCharacters: 64, headFraction: 0.5 },
    });
    const middle = 'zebra '.repeat(100);
    const a = copySparseVector(
      extractor.extract(`alpha beta ${middle}${'x'.repeat(10)} gamma delta`),
    );
    const b = copySparseVector(
      extractor.extract(`alpha beta ${'quokka '.repeat(100)}${'x'.repeat(10)} gamma delta`),
    );
    expect(Array.from(a.indices).slice(0, 3)).toEqual(Array.from(b.indices).slice(0, 3));
  });

  it('reads word unigrams by default and adds bigrams when configured', () => {
    const hashed = (vector: { indices: Int32Array; length: number }): number =>
      Array.from(vector.indices.subarray(0, vector.length)).filter((index) => index < hashSize)
        .length;
    expect(hashed(createFeatureExtractor().extract('alpha beta gamma'))).toBe(3);
    const withBigrams = createFeatureExtractor({
      config: { ...DEFAULT_FEATURE_CONFIG, wordNgramMax: 2 },
    });
    expect(hashed(withBigrams.extract('alpha beta gamma'))).toBe(5);
  });

  it('adds character n-grams in the upper half when configured', () => {
    const extractor = createFeatureExtractor({
      config: { ...DEFAULT_FEATURE_CONFIG, charNgramSizes: [3] },
    });
    const vector = extractor.extract('abcd');
    const charFeatures = Array.from(vector.indices.subarray(0, vector.length)).filter(
      (index) => index >= hashSize / 2 && index < hashSize,
    );
    expect(charFeatures).toHaveLength(2);
  });
});

describe('computeInverseDocumentFrequency', () => {
  it('weighs words shared by every prompt less than rare ones', () => {
    const idf = computeInverseDocumentFrequency({
      prompts: ['shared alpha', 'shared beta', 'shared gamma'],
      config: DEFAULT_FEATURE_CONFIG,
    });
    const extractor = createFeatureExtractor();
    const shared = extractor.extract('shared').indices[0] ?? 0;
    const alpha = extractor.extract('alpha').indices[0] ?? 0;
    expect(idf[shared]).toBeCloseTo(1);
    expect(idf[alpha]).toBeCloseTo(Math.log(4 / 2) + 1);
  });
});
