import type { EvaluationReport } from './report-types.js';

const WIDTH = 760;
const HEIGHT = 480;
const MARGIN = { left: 70, right: 190, top: 40, bottom: 56 };

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Renders the cost–quality plot as a standalone SVG: the router's curve (points and its
 * non-decreasing hull), each single model as a labelled dot, the oracle as a star, and the
 * train-chosen operating points. Cost axis is logarithmic.
 */
export function renderCurveSvg(report: EvaluationReport): string {
  const models = Object.entries(report.models);
  const costs = [
    ...report.router.curve.map((point) => point.totalCostUsd),
    ...models.map(([, model]) => model.totalCostUsd),
    report.oracle.totalCostUsd,
  ].filter((cost) => cost > 0 && Number.isFinite(cost));
  const scores = [
    ...report.router.curve.map((point) => point.meanScore),
    ...models.map(([, model]) => model.meanScore),
    report.oracle.meanScore,
  ];
  const minLog = Math.log10(Math.min(...costs)) - 0.05;
  const maxLog = Math.log10(Math.max(...costs)) + 0.05;
  const minScore = Math.max(0, Math.floor(Math.min(...scores) * 20) / 20 - 0.02);
  const maxScore = Math.min(1, Math.ceil(Math.max(...scores) * 20) / 20 + 0.02);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (cost: number): number =>
    MARGIN.left +
    ((Math.log10(Math.max(cost, 10 ** minLog)) - minLog) / (maxLog - minLog)) * plotWidth;
  const y = (value: number): number =>
    MARGIN.top + (1 - (value - minScore) / (maxScore - minScore)) * plotHeight;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">`,
  );
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`);
  parts.push(
    `<text x="${MARGIN.left}" y="22" font-size="14">${escapeXml(`Cost–quality on ${report.dataset} (test, ${report.rows} prompts)`)}</text>`,
  );
  for (let decade = Math.ceil(minLog * 2) / 2; decade <= maxLog; decade += 0.5) {
    const cost = 10 ** decade;
    parts.push(
      `<line x1="${x(cost).toFixed(1)}" x2="${x(cost).toFixed(1)}" y1="${MARGIN.top}" y2="${MARGIN.top + plotHeight}" stroke="#eee"/>`,
    );
    parts.push(
      `<text x="${x(cost).toFixed(1)}" y="${MARGIN.top + plotHeight + 16}" text-anchor="middle">$${cost < 1 ? cost.toPrecision(2) : cost.toFixed(1)}</text>`,
    );
  }
  for (let value = Math.ceil(minScore * 20) / 20; value <= maxScore + 1e-9; value += 0.05) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" stroke="#eee"/>`,
    );
    parts.push(
      `<text x="${MARGIN.left - 6}" y="${(y(value) + 4).toFixed(1)}" text-anchor="end">${value.toFixed(2)}</text>`,
    );
  }
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#999"/>`,
  );
  parts.push(
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 14}" text-anchor="middle">total cost on test (USD, log scale)</text>`,
  );
  parts.push(
    `<text transform="translate(18 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">mean score</text>`,
  );
  const bestCost = report.bestSingle.totalCostUsd;
  parts.push(
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(report.bestSingle.meanScore).toFixed(1)}" y2="${y(report.bestSingle.meanScore).toFixed(1)}" stroke="#c33" stroke-dasharray="4 4"/>`,
  );
  parts.push(
    `<line x1="${x(bestCost / 2).toFixed(1)}" x2="${x(bestCost / 2).toFixed(1)}" y1="${MARGIN.top}" y2="${MARGIN.top + plotHeight}" stroke="#c33" stroke-dasharray="2 4"/>`,
  );
  const hull = report.router.hull
    .map((point) => `${x(point.costUsd).toFixed(1)},${y(point.quality).toFixed(1)}`)
    .join(' ');
  parts.push(`<polyline points="${hull}" fill="none" stroke="#1f6fd1" stroke-width="2"/>`);
  for (const point of report.router.curve) {
    parts.push(
      `<circle cx="${x(point.totalCostUsd).toFixed(1)}" cy="${y(point.meanScore).toFixed(1)}" r="1.8" fill="#1f6fd1"/>`,
    );
  }
  for (const [objective, point] of Object.entries(report.router.operatingPoints)) {
    if (!Number.isFinite(point.totalCostUsd)) continue;
    parts.push(
      `<rect x="${(x(point.totalCostUsd) - 3.5).toFixed(1)}" y="${(y(point.meanScore) - 3.5).toFixed(1)}" width="7" height="7" fill="none" stroke="#0a3"><title>${escapeXml(objective)}</title></rect>`,
    );
  }
  for (const [id, model] of models) {
    const isBest = id === report.bestSingle.model;
    parts.push(
      `<circle cx="${x(model.totalCostUsd).toFixed(1)}" cy="${y(model.meanScore).toFixed(1)}" r="4" fill="${isBest ? '#c33' : '#777'}"/>`,
    );
    parts.push(
      `<text x="${(x(model.totalCostUsd) + 6).toFixed(1)}" y="${(y(model.meanScore) + 4).toFixed(1)}" fill="#555" font-size="9">${escapeXml(id)}</text>`,
    );
  }
  const ox = x(report.oracle.totalCostUsd);
  const oy = y(report.oracle.meanScore);
  parts.push(
    `<text x="${ox.toFixed(1)}" y="${(oy + 5).toFixed(1)}" text-anchor="middle" font-size="16" fill="#d90">★</text>`,
  );
  const legendX = MARGIN.left + plotWidth + 14;
  const legend: [string, string][] = [
    ['#1f6fd1', 'router (λ sweep) and hull'],
    ['#0a3', 'points chosen on train'],
    ['#777', 'single models'],
    ['#c33', 'best single; half its cost'],
    ['#d90', 'oracle ★'],
  ];
  legend.forEach(([color, label], index) => {
    const ly = MARGIN.top + 10 + index * 18;
    parts.push(`<rect x="${legendX}" y="${ly - 8}" width="10" height="10" fill="${color}"/>`);
    parts.push(`<text x="${legendX + 16}" y="${ly + 1}">${escapeXml(label)}</text>`);
  });
  parts.push('</svg>', '');
  return parts.join('\n');
}
