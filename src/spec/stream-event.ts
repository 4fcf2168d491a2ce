import type { FinishReason, Usage } from './canonical-response.js';

/**
 * One event of a canonical response stream. Lifecycles use start / delta / end (STYLE.md rule 5).
 * Block ids are unique within one stream; a tool call's id is its `toolCallId`.
 */
export type StreamEvent =
  | { readonly type: 'response-start'; readonly id?: string; readonly modelId: string }
  | { readonly type: 'text-start'; readonly id: string }
  | { readonly type: 'text-delta'; readonly id: string; readonly delta: string }
  | { readonly type: 'text-end'; readonly id: string }
  | { readonly type: 'reasoning-start'; readonly id: string }
  | { readonly type: 'reasoning-delta'; readonly id: string; readonly delta: string }
  | {
      readonly type: 'reasoning-end';
      readonly id: string;
      readonly signature?: string;
      readonly redactedData?: string;
    }
  | { readonly type: 'tool-call-start'; readonly id: string; readonly toolName: string }
  | { readonly type: 'tool-call-delta'; readonly id: string; readonly delta: string }
  | { readonly type: 'tool-call-end'; readonly id: string }
  | {
      readonly type: 'response-end';
      readonly finishReason: FinishReason;
      readonly rawFinishReason?: string;
      readonly usage: Usage;
    };

export type StreamEventType = StreamEvent['type'];
