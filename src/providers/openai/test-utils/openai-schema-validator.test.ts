import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../test-utils/shared-path.js';
import {
  validateChatCompletion,
  validateChatCompletionChunk,
  validateErrorResponse,
} from './openai-schema-validator.js';

function sseChunks(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice('data: '.length)));
}

describe('openai schema validator', () => {
  it('accepts every recorded Chat Completions body', () => {
    const folder = sharedPath('conformance', 'openai-streams', 'chat-completions-json');
    const files = [
      ...readdirSync(folder).map((name) => join(folder, name)),
      sharedPath('conformance', 'ai-sdk-fixtures', 'openai', 'chat', 'openai-text.json'),
    ];
    for (const file of files) {
      expect(validateChatCompletion(JSON.parse(readFileSync(file, 'utf8'))), file).toEqual([]);
    }
  });

  it('accepts every chunk of the recorded streams', () => {
    const folder = sharedPath('conformance', 'openai-streams', 'chat-completions');
    for (const name of readdirSync(folder)) {
      for (const chunk of sseChunks(readFileSync(join(folder, name), 'utf8'))) {
        expect(validateChatCompletionChunk(chunk), name).toEqual([]);
      }
    }
    const lines = readFileSync(
      sharedPath('conformance', 'ai-sdk-fixtures', 'openai', 'chat', 'openai-text.chunks.txt'),
      'utf8',
    )
      .trim()
      .split('\n');
    for (const line of lines) expect(validateChatCompletionChunk(JSON.parse(line))).toEqual([]);
  });

  it('accepts the recorded error body and rejects bodies that break the spec', () => {
    const error = readFileSync(
      sharedPath(
        'conformance',
        'ai-sdk-fixtures',
        'openai',
        'chat',
        'reasoning-model-legacy-parameter-error.json',
      ),
      'utf8',
    );
    expect(validateErrorResponse(JSON.parse(error))).toEqual([]);
    expect(validateChatCompletion({ object: 'chat.completion', choices: 'nope' })).not.toEqual([]);
    expect(
      validateChatCompletionChunk({
        id: 'x',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        choices: [{ index: 0, delta: {}, finish_reason: 'done' }],
      }).join('\n'),
    ).toContain('finish_reason');
  });

  it('validates repeatedly in well under a millisecond once compiled', () => {
    const chunk = {
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'gpt-4o-mini',
      choices: [{ index: 0, delta: { content: 'Hi' }, logprobs: null, finish_reason: null }],
      usage: null,
    };
    validateChatCompletionChunk(chunk);
    const started = performance.now();
    for (let index = 0; index < 1000; index++) validateChatCompletionChunk(chunk);
    expect((performance.now() - started) / 1000).toBeLessThan(1);
  });
});
