import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../spec/canonical-request.js';
import type { ModelCatalogueEntry } from '../catalogue/model-catalogue-entry.js';
import type { LearnedRouter } from '../learned/learned-router.js';
import { profileRequest, type RequestHeaders } from './request-profile.js';
import type {
  CostQualityRoute,
  QualityPrior,
  RouteCandidate,
  RoutePolicy,
  RoutingStats,
} from './route-policy.js';
import { describeExclusions, selectTargets } from './select-targets.js';

const BASE_ENTRY: ModelCatalogueEntry = {
  vendor: 'test',
  contextWindowTokens: 128_000,
  maxOutputTokens: 16_000,
  supportsTools: true,
  supportsVision: true,
  supportsJsonSchema: true,
  supportsReasoning: false,
  inputUsdPerMillionTokens: 1,
  outputUsdPerMillionTokens: 4,
  tags: [],
  isHouse: false,
};

function candidate(modelId: string, entry: Partial<ModelCatalogueEntry> = {}): RouteCandidate {
  return {
    modelId,
    providerId: `${modelId}-provider`,
    vendorModel: modelId,
    configPath: `models[${modelId}]`,
    entry: { ...BASE_ENTRY, ...entry },
    entrySource: 'config',
  };
}

const CANDIDATES = new Map<string, RouteCandidate>(
  [
    candidate('small', { inputUsdPerMillionTokens: 0.15, outputUsdPerMillionTokens: 0.6 }),
    candidate('large', {
      inputUsdPerMillionTokens: 3,
      outputUsdPerMillionTokens: 15,
      supportsReasoning: true,
    }),
    candidate('text-only', {
      inputUsdPerMillionTokens: 0.1,
      outputUsdPerMillionTokens: 0.1,
      supportsTools: false,
      supportsVision: false,
      supportsJsonSchema: false,
      contextWindowTokens: 1_000,
      maxOutputTokens: 500,
    }),
  ].map((entry) => [entry.modelId, entry]),
);

const NO_STATS: RoutingStats = { latencyMs: () => undefined, isCircuitOpen: () => false };

function userRequest(text: string, extra: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return { messages: [{ role: 'user', content: [{ type: 'text', text }] }], ...extra };
}

const MATH =
  'Solve for x: 3x + 7 = 22. Show each step of the equation and give the final value of x.';
const CHAT = 'hey, how are you doing today?';

function costQuality(overrides: Partial<CostQualityRoute> = {}): CostQualityRoute {
  return {
    name: 'auto',
    configPath: 'built-in',
    strategy: 'cost-quality',
    candidateIds: ['small', 'large'],
    maxTargets: 3,
    preset: 'balanced',
    priceWeight: undefined,
    constraints: {},
    priors: new Map(),
    ...overrides,
  };
}

function decide({
  route,
  request = userRequest(CHAT),
  headers = {},
  stats = NO_STATS,
  random = 0.5,
  keyId,
  team,
}: {
  route: RoutePolicy;
  request?: CanonicalRequest;
  headers?: RequestHeaders;
  stats?: RoutingStats;
  random?: number;
  keyId?: string;
  team?: string;
}) {
  return selectTargets({
    route,
    request: profileRequest({ request, headers, keyId, team }),
    candidates: CANDIDATES,
    stats,
    random,
  });
}

describe('selectTargets: cost-quality', () => {
  it('sends hard tasks to the strong model and easy ones to the cheap one when balanced', () => {
    const math = decide({ route: costQuality(), request: userRequest(MATH) });
    expect(math.task?.family).toBe('math');
    expect(math.targets).toEqual(['large', 'small']);
    expect(math.reason).toMatch(/'large' scored highest for math/);

    const chat = decide({ route: costQuality() });
    expect(chat.task?.family).toBe('chat');
    expect(chat.targets).toEqual(['small', 'large']);
    const small = chat.candidates.find((verdict) => verdict.modelId === 'small');
    expect(small?.qualitySource).toMatch(/assumed from price/);
    expect(small?.predictedCostUsd).toBeGreaterThan(0);
  });

  it('follows the presets and the client trade-off header', () => {
    expect(decide({ route: costQuality({ preset: 'quality' }) }).targets[0]).toBe('large');
    expect(
      decide({ route: costQuality({ preset: 'cost' }), request: userRequest(MATH) }).targets[0],
    ).toBe('small');
    const header = decide({
      route: costQuality({ preset: 'cost' }),
      headers: { 'x-switchyard-tradeoff': 'quality' },
    });
    expect(header.targets[0]).toBe('large');
    expect(header.objective).toMatch(/x-switchyard-tradeoff/);
    const numeric = decide({
      route: costQuality({ preset: 'quality' }),
      request: userRequest(MATH),
      headers: { 'x-switchyard-tradeoff': '5' },
    });
    expect(numeric.targets[0]).toBe('small');
  });

  it('uses measured per-task priors over the price guess, by family then default', () => {
    const priors = new Map<string, QualityPrior>([
      ['small', { default: 0.5, byFamily: { math: 0.9 }, source: 'routes[0].qualityPriors' }],
      ['large', { default: 0.9, byFamily: { math: 0.8 }, source: 'routes[0].qualityPriors' }],
    ]);
    const math = decide({
      route: costQuality({ priors, preset: 'quality' }),
      request: userRequest(MATH),
    });
    expect(math.targets[0]).toBe('small');
    expect(math.candidates.find((verdict) => verdict.modelId === 'small')?.qualitySource).toBe(
      'routes[0].qualityPriors (math)',
    );
    const chat = decide({ route: costQuality({ priors, preset: 'quality' }) });
    expect(chat.targets[0]).toBe('large');
    expect(chat.candidates.find((verdict) => verdict.modelId === 'large')?.qualitySource).toBe(
      'routes[0].qualityPriors (default)',
    );
  });

  it('excludes models breaking the constraints, saying which and why', () => {
    const decision = decide({
      route: costQuality({ constraints: { minQuality: 0.6, maxCostUsd: 0.001 } }),
      request: userRequest(MATH),
    });
    expect(decision.targets).toEqual([]);
    const small = decision.candidates.find((verdict) => verdict.modelId === 'small');
    const large = decision.candidates.find((verdict) => verdict.modelId === 'large');
    expect(small?.excludedBy.join()).toMatch(/predicted quality 0\.\d+ is below minQuality 0\.6/);
    expect(large?.excludedBy.join()).toMatch(/predicted cost \$0\.\d+ is above maxCostUsd/);
    expect(describeExclusions(decision)).toMatch(
      /'small': predicted quality .* \| 'large': predicted cost/,
    );
  });

  it('skips latency constraints for unmeasured models and applies them to measured ones', () => {
    const stats: RoutingStats = {
      latencyMs: (modelId) => (modelId === 'large' ? 9_000 : undefined),
      isCircuitOpen: () => false,
    };
    const decision = decide({
      route: costQuality({ preset: 'quality', constraints: { maxLatencyMs: 2_000 } }),
      stats,
    });
    expect(decision.targets).toEqual(['small']);
    expect(decision.candidates.find((verdict) => verdict.modelId === 'large')?.excludedBy).toEqual([
      'observed latency 9000 ms is above maxLatencyMs 2000',
    ]);
  });
});

describe('selectTargets: eligibility', () => {
  const all = costQuality({ candidateIds: ['text-only', 'small', 'large'], preset: 'cost' });

  it('excludes models lacking tools, vision, JSON schema, context or output room', () => {
    const request = userRequest('x'.repeat(8_000), {
      tools: [{ name: 'lookup', inputSchema: { type: 'object' } }],
      responseFormat: { type: 'json', schema: { type: 'object' } },
      maxOutputTokens: 1_000,
    });
    const decision = decide({ route: all, request });
    const textOnly = decision.candidates.find((verdict) => verdict.modelId === 'text-only');
    expect(textOnly?.excludedBy).toEqual([
      'does not support tools',
      'cannot follow a JSON schema (response_format json_schema)',
      expect.stringMatching(
        /context window of 1000 tokens is smaller than ~2\d\d\d prompt tokens \+ 1000 output tokens/,
      ),
      'max output of 500 tokens is below the requested 1000',
    ]);
    expect(decision.targets).toEqual(['small', 'large']);
    expect(decision.request?.needs).toEqual(['tools', 'json-schema']);
  });

  it('excludes models without vision for image requests', () => {
    const request: CanonicalRequest = {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this picture?' },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
          ],
        },
      ],
    };
    const decision = decide({ route: all, request });
    expect(decision.candidates[0]?.excludedBy).toEqual([
      'does not accept images',
      expect.stringMatching(
        /^context window of 1000 tokens is smaller than ~16\d\d prompt tokens$/,
      ),
    ]);
    expect(decision.targets[0]).toBe('small');
  });

  it('runs extra filters (governance, budgets) and reports their reasons', () => {
    const decision = selectTargets({
      route: all,
      request: profileRequest({ request: userRequest(CHAT) }),
      candidates: CANDIDATES,
      stats: NO_STATS,
      random: 0,
      filters: [
        ({ candidate }) =>
          candidate.modelId === 'small' ? 'data rule: no EU data to small' : undefined,
      ],
    });
    expect(decision.candidates.find((verdict) => verdict.modelId === 'small')?.excludedBy).toEqual([
      'data rule: no EU data to small',
    ]);
    expect(decision.targets).toEqual(['text-only', 'large']);
  });

  it('moves models whose circuit is open to the end and caps the targets', () => {
    const stats: RoutingStats = {
      latencyMs: () => undefined,
      isCircuitOpen: (modelId) => modelId === 'text-only',
    };
    const decision = decide({ route: { ...all, maxTargets: 2 }, stats });
    expect(decision.targets).toEqual(['small', 'large']);
    expect(decision.reason).toMatch(/its circuit is open, so 'small' is tried first/);
    const textOnly = decision.candidates.find((verdict) => verdict.modelId === 'text-only');
    expect(textOnly?.notes).toContain('circuit open after repeated failures: moved to the end');
    expect(textOnly?.rank).toBeUndefined();
  });

  it('is deterministic and leaves its inputs alone', () => {
    const route = costQuality();
    const before = JSON.stringify([...route.priors]);
    const first = decide({ route, request: userRequest(MATH) });
    const second = decide({ route, request: userRequest(MATH) });
    expect(second).toEqual(first);
    expect(JSON.stringify([...route.priors])).toBe(before);
  });
});

describe('selectTargets: other strategies', () => {
  it('rules: the first matching rule lists the models; no match uses the default', () => {
    const route: RoutePolicy = {
      name: 'coding',
      configPath: 'routes[1]',
      strategy: 'rules',
      candidateIds: ['small', 'large', 'text-only'],
      maxTargets: 3,
      rules: [
        { when: { headers: { 'X-Switchyard-Tag': ['batch', 'bulk'] } }, models: ['text-only'] },
        { when: { task: ['math', 'reasoning'] }, models: ['large', 'small'] },
        { when: { teams: ['research'] }, models: ['large'] },
      ],
      defaultModels: ['small'],
    };
    expect(decide({ route, request: userRequest(MATH) }).targets).toEqual(['large', 'small']);
    expect(decide({ route, request: userRequest(MATH) }).reason).toMatch(
      /rule 2 \(task math\|reasoning\)/,
    );
    expect(decide({ route, headers: { 'x-switchyard-tag': 'bulk' } }).targets).toEqual([
      'text-only',
    ]);
    expect(decide({ route, team: 'research', keyId: 'k1' }).targets).toEqual(['large']);
    const fallback = decide({ route });
    expect(fallback.targets).toEqual(['small']);
    expect(fallback.reason).toMatch(/no rule matched, so the default list applied/);
  });

  it('weighted: the draw picks by weight; the rest follow by weight', () => {
    const route: RoutePolicy = {
      name: 'split',
      configPath: 'routes[2]',
      strategy: 'weighted',
      candidateIds: ['small', 'large'],
      maxTargets: 2,
      weights: new Map([
        ['small', 3],
        ['large', 1],
      ]),
    };
    expect(decide({ route, random: 0.1 }).targets).toEqual(['small', 'large']);
    expect(decide({ route, random: 0.74 }).targets).toEqual(['small', 'large']);
    expect(decide({ route, random: 0.76 }).targets).toEqual(['large', 'small']);
    expect(decide({ route, random: 0.76 }).reason).toBe(
      "'large' drawn with probability 0.25 by weight",
    );
  });

  it('least-latency: unmeasured models first, then the fastest', () => {
    const route: RoutePolicy = {
      name: 'fast',
      configPath: 'routes[3]',
      strategy: 'least-latency',
      candidateIds: ['small', 'large', 'text-only'],
      maxTargets: 3,
    };
    const measured: RoutingStats = {
      latencyMs: (modelId) => ({ small: 900, large: 300, 'text-only': 500 })[modelId],
      isCircuitOpen: () => false,
    };
    expect(decide({ route, stats: measured }).targets).toEqual(['large', 'text-only', 'small']);
    const partly: RoutingStats = {
      latencyMs: (modelId) => (modelId === 'small' ? 100 : undefined),
      isCircuitOpen: () => false,
    };
    const decision = decide({ route, stats: partly });
    expect(decision.targets).toEqual(['large', 'text-only', 'small']);
    expect(decision.reason).toMatch(/no latency measured yet/);
  });

  it('cascade: cheapest first, with the checks to escalate on', () => {
    const route: RoutePolicy = {
      name: 'auto-cascade',
      configPath: 'routes[4]',
      strategy: 'cascade',
      candidateIds: ['small', 'large'],
      maxTargets: 3,
      models: ['small', 'large'],
      cascade: { checks: ['json', 'empty'] },
    };
    const decision = decide({ route });
    expect(decision.targets).toEqual(['small', 'large']);
    expect(decision.cascadeChecks).toEqual(['json', 'empty']);
  });

  it('learned: ranks by predicted quality minus the trade-off and excludes unknown models', () => {
    const router: LearnedRouter = {
      modelIds: ['cheap-model', 'big-model'],
      contentHash: 'abcdef0123456789',
      costScaleUsd: 0.01,
      operatingPoints: {
        'max-quality': { lambda: 0, trainMeanScore: 0, trainTotalCostUsd: 0 },
        'min-cost': { lambda: null, trainMeanScore: 0, trainTotalCostUsd: 0 },
        'best-single-quality': { lambda: 0.5, trainMeanScore: 0, trainTotalCostUsd: 0 },
        'best-single-quality-99': { lambda: 0.5, trainMeanScore: 0, trainTotalCostUsd: 0 },
        'best-single-quality-95': { lambda: 0.5, trainMeanScore: 0, trainTotalCostUsd: 0 },
        'half-best-single-cost': { lambda: 0.5, trainMeanScore: 0, trainTotalCostUsd: 0 },
      } as unknown as LearnedRouter['operatingPoints'],
      predict: ({ candidates = [] }) => ({
        predictions: candidates.map((modelId) => ({
          modelId,
          predictedQuality: modelId === 'big-model' ? 0.9 : 0.7,
          predictedCostUsd: modelId === 'big-model' ? 0.002 : 0.0001,
        })),
        skipped: [],
      }),
      choose: () => {
        throw new Error('not used');
      },
      predictInto: () => {},
    };
    const route: RoutePolicy = {
      name: 'auto-learned',
      configPath: 'routes[5]',
      strategy: 'learned',
      candidateIds: ['small', 'large', 'text-only'],
      maxTargets: 3,
      router: () => router,
      artifactPath: 'router.json',
      objective: 'best-single-quality',
      lambda: undefined,
      artifactNames: new Map([
        ['small', 'cheap-model'],
        ['large', 'big-model'],
      ]),
    };
    // 0.9 − 0.5 × 0.002 / 0.01 = 0.8 beats 0.7 − 0.5 × 0.0001 / 0.01 = 0.695.
    const decision = decide({ route });
    expect(decision.targets).toEqual(['large', 'small']);
    expect(
      decision.candidates.find((verdict) => verdict.modelId === 'text-only')?.excludedBy,
    ).toEqual(["not in the learned router's training outcomes (artifact abcdef012345)"]);
    expect(decide({ route, headers: { 'x-switchyard-tradeoff': 'cost' } }).targets[0]).toBe(
      'small',
    );
    expect(decide({ route: { ...route, lambda: 10 } }).targets[0]).toBe('small');
  });
});
