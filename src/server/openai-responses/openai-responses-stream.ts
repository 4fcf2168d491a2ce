import { assertNever, type StreamEvent } from '../../spec/index.js';
import {
  mapFinishReasonToResponseStatus,
  renderOpenAIResponsesUsage,
  renderResponseObject,
  type OpenAIResponsesEnvelope,
  type OpenAIResponsesOutputItem,
} from './render-openai-responses-response.js';

/** One output item being streamed; `itemIdJson` is its id, already JSON-encoded. */
type OpenItem = {
  readonly kind: 'message' | 'function_call' | 'reasoning';
  readonly id: string;
  readonly itemIdJson: string;
  readonly outputIndex: number;
  readonly callId: string;
  readonly name: string;
  /** Text, arguments or reasoning summary so far. */
  text: string;
  /** Reasoning only: whether the summary part was opened. */
  hasPart: boolean;
  signature: string | undefined;
};

const emptyOutputText = '{"type":"output_text","text":"","annotations":[],"logprobs":[]}';

/**
 * Turns canonical stream events into Responses API SSE frames (`event: <type>\ndata: {...}\n\n`),
 * each with a `sequence_number` one above the last: response.created and response.in_progress
 * first; per text block a message item (output_item.added, content_part.added,
 * output_text.delta..., output_text.done, content_part.done, output_item.done); per tool call a
 * function_call item (output_item.added, function_call_arguments.delta..., .done,
 * output_item.done); per reasoning block a reasoning item with its text as a summary part; then
 * response.completed, or response.incomplete when the output-token limit was hit. Output indexes
 * follow the order in which blocks open. The event constants are fixed strings; each delta costs
 * one small JSON.stringify.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export class OpenAIResponsesStreamEncoder {
  private envelope: OpenAIResponsesEnvelope;
  private readonly openItems = new Map<string, OpenItem>();
  private readonly output: OpenAIResponsesOutputItem[] = [];
  private readonly now: () => number;
  private sequenceNumber = 0;
  private nextOutputIndex = 0;
  private hasStarted = false;
  private hasEnded = false;

  constructor({
    envelope,
    now = () => Date.now(),
  }: {
    envelope: OpenAIResponsesEnvelope;
    /** Clock for `completed_at`, in ms since the epoch. */
    now?: () => number;
  }) {
    this.envelope = envelope;
    this.now = now;
  }

  /** True once the final response event (completed, incomplete or failed) was encoded. */
  get isComplete(): boolean {
    return this.hasEnded;
  }

  /** SSE text for one event; empty when the event produces no frame. */
  encode(event: StreamEvent): string {
    if (this.hasEnded) return '';
    let text = this.hasStarted ? '' : this.start(event);
    switch (event.type) {
      case 'response-start':
        return text;
      case 'text-start':
        return text + this.openMessage(event.id);
      case 'text-delta': {
        const item = this.openItems.get(event.id);
        if (!item) text += this.openMessage(event.id);
        const open = item ?? this.mustGet(event.id);
        open.text += event.delta;
        return (
          text +
          this.frame(
            'response.output_text.delta',
            `"item_id":${open.itemIdJson},"output_index":${open.outputIndex},"content_index":0,"delta":${JSON.stringify(event.delta)},"logprobs":[]`,
          )
        );
      }
      case 'reasoning-start':
        return text + this.openItem({ kind: 'reasoning', key: event.id, name: '' });
      case 'reasoning-delta':
        return text + this.reasoningDelta(event.id, event.delta);
      case 'reasoning-end': {
        if (!this.openItems.has(event.id))
          text += this.openItem({ kind: 'reasoning', key: event.id, name: '' });
        const item = this.mustGet(event.id);
        if (event.signature !== undefined) item.signature = event.signature;
        return text + this.close(item, 'completed');
      }
      case 'tool-call-start':
        return text + this.openItem({ kind: 'function_call', key: event.id, name: event.toolName });
      case 'tool-call-delta': {
        if (!this.openItems.has(event.id))
          text += this.openItem({ kind: 'function_call', key: event.id, name: '' });
        const item = this.mustGet(event.id);
        item.text += event.delta;
        return (
          text +
          this.frame(
            'response.function_call_arguments.delta',
            `"item_id":${item.itemIdJson},"output_index":${item.outputIndex},"delta":${JSON.stringify(event.delta)}`,
          )
        );
      }
      case 'text-end':
      case 'tool-call-end': {
        const item = this.openItems.get(event.id);
        return item ? text + this.close(item, 'completed') : text;
      }
      case 'response-end':
        return text + this.end(event);
      default:
        return assertNever(event);
    }
  }

  /**
   * The frames for a failure after the stream started: an `error` event, then response.failed.
   * The error event carries the fields of the spec's ResponseErrorEvent and, like the live API,
   * the same data nested under `error`, which makes the `openai` SDK raise it as an APIError.
   */
  encodeFailure({ code, type, message }: { code: string; type: string; message: string }): string {
    if (this.hasEnded) return '';
    let text = this.hasStarted ? '' : this.start(undefined);
    this.hasEnded = true;
    const error = { type, code, message, param: null };
    text += this.frame(
      'error',
      `"code":${JSON.stringify(code)},"message":${JSON.stringify(message)},"param":null,"error":${JSON.stringify(error)}`,
    );
    const response = renderResponseObject({
      envelope: this.envelope,
      status: 'failed',
      // Items still open when the stream failed leave holes; only finished items are reported.
      output: this.output.filter((item) => item !== undefined),
      usage: null,
      error: { code: code === 'rate_limited' ? 'rate_limit_exceeded' : 'server_error', message },
    });
    return text + this.frame('response.failed', `"response":${JSON.stringify(response)}`);
  }

  private start(event: StreamEvent | undefined): string {
    this.hasStarted = true;
    if (event?.type === 'response-start')
      this.envelope = { ...this.envelope, model: event.modelId };
    const response = JSON.stringify(
      renderResponseObject({
        envelope: this.envelope,
        status: 'in_progress',
        output: [],
        usage: null,
      }),
    );
    return (
      this.frame('response.created', `"response":${response}`) +
      this.frame('response.in_progress', `"response":${response}`)
    );
  }

  private openMessage(key: string): string {
    let text = this.openItem({ kind: 'message', key, name: '' });
    const item = this.mustGet(key);
    text += this.frame(
      'response.content_part.added',
      `"item_id":${item.itemIdJson},"output_index":${item.outputIndex},"content_index":0,"part":${emptyOutputText}`,
    );
    return text;
  }

  private openItem({
    kind,
    key,
    name,
  }: {
    kind: OpenItem['kind'];
    key: string;
    name: string;
  }): string {
    const outputIndex = this.nextOutputIndex++;
    const base = this.envelope.id.slice('resp_'.length);
    const id =
      kind === 'function_call'
        ? `fc_${key}`
        : `${kind === 'message' ? 'msg' : 'rs'}_${base}_${outputIndex}`;
    const item: OpenItem = {
      kind,
      id,
      itemIdJson: JSON.stringify(id),
      outputIndex,
      callId: key,
      name,
      text: '',
      hasPart: false,
      signature: undefined,
    };
    this.openItems.set(key, item);
    return this.frame(
      'response.output_item.added',
      `"output_index":${outputIndex},"item":${JSON.stringify(this.renderItem(item, 'in_progress'))}`,
    );
  }

  private reasoningDelta(key: string, delta: string): string {
    let text = this.openItems.has(key) ? '' : this.openItem({ kind: 'reasoning', key, name: '' });
    const item = this.mustGet(key);
    if (!item.hasPart) {
      item.hasPart = true;
      text += this.frame(
        'response.reasoning_summary_part.added',
        `"item_id":${item.itemIdJson},"output_index":${item.outputIndex},"summary_index":0,"part":{"type":"summary_text","text":""}`,
      );
    }
    item.text += delta;
    return (
      text +
      this.frame(
        'response.reasoning_summary_text.delta',
        `"item_id":${item.itemIdJson},"output_index":${item.outputIndex},"summary_index":0,"delta":${JSON.stringify(delta)}`,
      )
    );
  }

  private close(item: OpenItem, status: 'completed' | 'incomplete'): string {
    this.openItems.delete(item.callId);
    const where = `"item_id":${item.itemIdJson},"output_index":${item.outputIndex}`;
    const textJson = JSON.stringify(item.text);
    let text = '';
    switch (item.kind) {
      case 'message': {
        const part = `{"type":"output_text","text":${textJson},"annotations":[],"logprobs":[]}`;
        text =
          this.frame(
            'response.output_text.done',
            `${where},"content_index":0,"text":${textJson},"logprobs":[]`,
          ) + this.frame('response.content_part.done', `${where},"content_index":0,"part":${part}`);
        break;
      }
      case 'function_call':
        text = this.frame(
          'response.function_call_arguments.done',
          `${where},"name":${JSON.stringify(item.name)},"arguments":${textJson}`,
        );
        break;
      case 'reasoning':
        if (item.hasPart) {
          const part = `{"type":"summary_text","text":${textJson}}`;
          text =
            this.frame(
              'response.reasoning_summary_text.done',
              `${where},"summary_index":0,"text":${textJson}`,
            ) +
            this.frame(
              'response.reasoning_summary_part.done',
              `${where},"summary_index":0,"part":${part}`,
            );
        }
        break;
      default:
        return assertNever(item.kind);
    }
    const rendered = this.renderItem(item, status);
    // Items close in any order; `output` is kept in output_index order.
    this.output[item.outputIndex] = rendered;
    return (
      text +
      this.frame(
        'response.output_item.done',
        `"output_index":${item.outputIndex},"item":${JSON.stringify(rendered)}`,
      )
    );
  }

  private end(event: Extract<StreamEvent, { type: 'response-end' }>): string {
    const { status, incompleteReason } = mapFinishReasonToResponseStatus(event.finishReason);
    let text = '';
    const itemStatus = status === 'completed' ? 'completed' : 'incomplete';
    for (const item of [...this.openItems.values()]) text += this.close(item, itemStatus);
    this.hasEnded = true;
    const response = renderResponseObject({
      envelope: this.envelope,
      status,
      output: this.output,
      usage: renderOpenAIResponsesUsage(event.usage),
      incompleteReason,
      completedSeconds: Math.floor(this.now() / 1000),
    });
    const type = status === 'completed' ? 'response.completed' : 'response.incomplete';
    return text + this.frame(type, `"response":${JSON.stringify(response)}`);
  }

  private renderItem(
    item: OpenItem,
    status: 'in_progress' | 'completed' | 'incomplete',
  ): OpenAIResponsesOutputItem {
    switch (item.kind) {
      case 'message':
        return {
          type: 'message',
          id: item.id,
          role: 'assistant',
          status,
          content:
            status === 'in_progress'
              ? []
              : [{ type: 'output_text', text: item.text, annotations: [], logprobs: [] }],
        };
      case 'function_call':
        return {
          type: 'function_call',
          id: item.id,
          call_id: item.callId,
          name: item.name,
          arguments: status === 'in_progress' ? '' : item.text,
          status,
        };
      case 'reasoning':
        return {
          type: 'reasoning',
          id: item.id,
          summary:
            status === 'in_progress' || item.text.length === 0
              ? []
              : [{ type: 'summary_text', text: item.text }],
          ...(item.signature === undefined ? {} : { encrypted_content: item.signature }),
          status,
        };
      default:
        return assertNever(item.kind);
    }
  }

  private mustGet(key: string): OpenItem {
    const item = this.openItems.get(key);
    if (!item) throw new Error(`No open output item for stream block '${key}'.`);
    return item;
  }

  private frame(type: string, body: string): string {
    return `event: ${type}\ndata: {"type":"${type}","sequence_number":${this.sequenceNumber++},${body}}\n\n`;
  }
}
