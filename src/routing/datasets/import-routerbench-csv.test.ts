import { describe, expect, it } from 'vitest';
import { importRouterBenchCsv } from './import-routerbench-csv.js';
import { assignSplit } from './split-by-id.js';

const header =
  'sample_id,prompt,eval_name,gpt-4,gpt-4|model_response,gpt-4|total_cost,llama,llama|total_cost,llama|model_response,oracle_model_to_route_to';

describe('importRouterBenchCsv', () => {
  it('converts rows with tricky quoting into outcome records', () => {
    const text = [
      header,
      `arc.1,"['Which is ""heavier"",\nA) iron, B) feathers?']",arc,1.0,"['A']",0.003,0.0,0.0001,"['B, surely']",gpt-4`,
      `mbpp.2,"Write a function, f",mbpp,0,,0.002,,,,llama`,
    ].join('\n');
    const { records, modelIds, issues } = importRouterBenchCsv({ text, split: 'test' });
    expect(issues).toEqual([]);
    expect(modelIds).toEqual(['gpt-4', 'llama']);
    expect(records[0]).toEqual({
      id: 'arc.1',
      task: 'arc',
      split: 'test',
      prompt: 'Which is "heavier",\nA) iron, B) feathers?',
      outcomes: {
        'gpt-4': { score: 1, costUsd: 0.003, response: 'A' },
        llama: { score: 0, costUsd: 0.0001, response: 'B, surely' },
      },
    });
    // A blank score drops that model's outcome.
    expect(records[1]?.outcomes).toEqual({ 'gpt-4': { score: 0, costUsd: 0.002 } });
  });

  it('reports rows that fail validation with their row number', () => {
    const text = [header, 'a,p,arc,7,,0.1,1,0.1,,x', 'b,p,arc,,,,,,,x'].join('\n');
    const { records, issues } = importRouterBenchCsv({ text, split: 'train' });
    expect(records).toHaveLength(0);
    expect(issues.map((issue) => issue.lineNumber)).toEqual([1, 2]);
    expect(issues[0]?.reason).toMatch(/outcomes\.gpt-4\.score/);
    expect(issues[1]?.reason).toMatch(/at least one model outcome/);
  });

  it('requires a prompt column', () => {
    expect(() => importRouterBenchCsv({ text: 'x,y\n1,2', split: 'train' })).toThrow(
      /no "prompt" column/,
    );
  });

  it('assigns splits by a hash of the id: stable, near the fraction, varied by the seed', () => {
    const ids = Array.from({ length: 10_000 }, (_, index) => `task.${index}`);
    const rule = { testFraction: 0.3 };
    const tests = ids.filter((id) => assignSplit(id, rule) === 'test');
    expect(tests.length / ids.length).toBeGreaterThan(0.28);
    expect(tests.length / ids.length).toBeLessThan(0.32);
    expect(ids.filter((id) => assignSplit(id, rule) === 'test')).toEqual(tests);
    const reseeded = ids.filter((id) => assignSplit(id, { ...rule, seed: 2 }) === 'test');
    expect(reseeded).not.toEqual(tests);
    expect(assignSplit('any', 'train')).toBe('train');
  });
});
