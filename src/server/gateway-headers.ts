import { formatWarning, type Warning } from '../spec/index.js';
import type { TargetInfo } from '../gateway/index.js';
import type { RoutingDecision } from '../routing/policy/index.js';

/** Response headers that say what served the request, and what could not be honoured. */
export function gatewayHeaders({
  requestId,
  target,
  warnings,
  decision,
  route,
}: {
  requestId: string;
  /** The chat or embedding target that served the request. */
  target: TargetInfo;
  warnings: ReadonlyArray<Warning>;
  /** The routing decision; its id is the request id (`GET /v1/decisions/{id}`). */
  decision?: RoutingDecision | undefined;
  /** The route, when there is no stored decision to name it. */
  route?: string;
}): Record<string, string> {
  const headers: Record<string, string> = {
    'x-request-id': requestId,
    'x-switchyard-model': target.modelId,
    'x-switchyard-provider': target.providerId,
    'x-switchyard-route': decision?.route ?? route ?? 'direct',
  };
  if (decision) headers['x-switchyard-decision-id'] = requestId;
  if (warnings.length > 0)
    headers['x-switchyard-warnings'] = toHeaderValue(warnings.map(formatWarning).join('; '));
  return headers;
}

/** Keeps a header value to printable ASCII (HTTP header values cannot carry raw Unicode or newlines). */
function toHeaderValue(text: string): string {
  const ascii = text.replace(/[^\x20-\x7e]/g, (char) => encodeURIComponent(char));
  return ascii.length > 4000 ? `${ascii.slice(0, 3997)}...` : ascii;
}
