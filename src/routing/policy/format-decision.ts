import type { RoutingDecision } from './routing-decision.js';
import { formatUsd } from './select-targets.js';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** A routing decision as text for a terminal: the task, every candidate and why the winner won. */
export function formatDecision(decision: RoutingDecision): string {
  const lines: string[] = [];
  lines.push(`Route: ${decision.route} (${decision.strategy}, ${decision.configPath})`);
  if (decision.task) {
    lines.push(
      `Task: ${decision.task.family} (confidence ${decision.task.confidence})${decision.task.signals.length > 0 ? ` - ${decision.task.signals.join('; ')}` : ''}`,
    );
  }
  if (decision.request) {
    lines.push(
      `Request: ~${decision.request.estimatedInputTokens} prompt tokens, ~${decision.request.expectedOutputTokens} output tokens expected; needs: ${decision.request.needs.join(', ') || 'nothing special'}`,
    );
  }
  if (decision.objective) lines.push(`Objective: ${decision.objective}`);
  if (decision.cascadeChecks) lines.push(`Cascade checks: ${decision.cascadeChecks.join(', ')}`);
  if (decision.candidates.length > 0) {
    // Targets first, in the order they are tried; then the rest.
    const ordered = [...decision.candidates].sort(
      (a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER),
    );
    const rows = ordered.map((verdict) => [
      verdict.rank === undefined ? '-' : String(verdict.rank),
      verdict.modelId,
      verdict.providerId,
      verdict.predictedQuality === undefined ? '-' : verdict.predictedQuality.toFixed(3),
      formatUsd(verdict.predictedCostUsd),
      verdict.predictedLatencyMs === undefined
        ? '-'
        : `${Math.round(verdict.predictedLatencyMs)} ms`,
      verdict.score === undefined ? '-' : String(verdict.score),
      verdict.excludedBy.length > 0
        ? `excluded: ${verdict.excludedBy.join('; ')}`
        : [verdict.qualitySource, ...verdict.notes].filter(Boolean).join('; '),
    ]);
    const header = ['#', 'model', 'provider', 'quality', 'cost', 'latency', 'score', 'why'];
    const widths = header.map((title, column) =>
      Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
    );
    const render = (row: string[]) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : pad(cell, widths[column] ?? 0)))
        .join('  ');
    lines.push('', render(header));
    for (const row of rows) lines.push(render(row));
    lines.push('');
  }
  lines.push(
    decision.targets.length > 0
      ? `Targets, in order: ${decision.targets.join(' → ')}`
      : 'Targets: none (no model can serve this request)',
  );
  lines.push(`Why: ${decision.reason}`);
  return `${lines.join('\n')}\n`;
}
