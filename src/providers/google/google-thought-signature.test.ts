import { describe, expect, it } from 'vitest';
import {
  decodeGeminiSignature,
  encodeGeminiSignature,
  isSignatureValidatingModel,
} from './google-thought-signature.js';

describe('Gemini thought signatures', () => {
  it('round-trips a signature through the gemini: prefix and refuses foreign ones.', () => {
    expect(decodeGeminiSignature(encodeGeminiSignature('EqsFCqgF'))).toBe('EqsFCqgF');
    expect(decodeGeminiSignature('ErUBCkYIBxgCKkB...anthropic')).toBeUndefined();
    expect(decodeGeminiSignature('gemini:')).toBeUndefined();
    expect(decodeGeminiSignature(undefined)).toBeUndefined();
  });

  it('knows which models validate function-call signatures.', () => {
    expect(isSignatureValidatingModel('gemini-3-pro-preview')).toBe(true);
    expect(isSignatureValidatingModel('models/gemini-3.1-flash-lite')).toBe(true);
    expect(isSignatureValidatingModel('gemini-flash-latest')).toBe(true);
    expect(isSignatureValidatingModel('gemini-2.5-flash')).toBe(false);
    expect(isSignatureValidatingModel('gemini-1.5-pro')).toBe(false);
    expect(isSignatureValidatingModel('gemma-3-27b-it')).toBe(false);
    expect(isSignatureValidatingModel('tunedModels/my-model')).toBe(false);
  });
});
