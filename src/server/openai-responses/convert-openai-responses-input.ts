import {
  InvalidRequestError,
  type AssistantContentPart,
  type CanonicalMessage,
  type ImagePart,
  type TextPart,
  type ToolResultPart,
  type UserContentPart,
  type Warning,
} from '../../spec/index.js';
import type {
  OpenAIResponsesContentPart,
  OpenAIResponsesInputItem,
} from './openai-responses-request-schema.js';

/**
 * Converts Responses API input items to canonical messages. Consecutive assistant-side items
 * (output messages, function calls, reasoning) merge into one assistant turn, and consecutive
 * function outputs into one tool turn, as every vendor expects.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 */
export function convertOpenAIResponsesInput({
  input,
  warnings,
}: {
  input: string | ReadonlyArray<OpenAIResponsesInputItem>;
  warnings: Warning[];
}): CanonicalMessage[] {
  if (typeof input === 'string')
    return [{ role: 'user', content: [{ type: 'text', text: input }] }];
  const builder = new MessageBuilder();
  input.forEach((item, index) => {
    const param = `input[${index}]`;
    switch (item.type) {
      case undefined:
      case 'message':
        convertMessageItem({ item, param, builder });
        return;
      case 'function_call':
        builder.toolNames.set(item.call_id, item.name);
        builder.addAssistant({
          type: 'tool-call',
          toolCallId: item.call_id,
          toolName: item.name,
          input: item.arguments || '{}',
        });
        return;
      case 'function_call_output': {
        const toolName = builder.toolNames.get(item.call_id);
        builder.addToolResult({
          type: 'tool-result',
          toolCallId: item.call_id,
          ...(toolName === undefined ? {} : { toolName }),
          content: convertOutputContent({ output: item.output, param: `${param}.output` }),
          isError: false,
        });
        return;
      }
      case 'reasoning': {
        const text = [...(item.content ?? []), ...(item.summary ?? [])]
          .map((part) => part.text)
          .join('\n\n');
        if (text.length === 0 && item.encrypted_content == null) {
          warnings.push({
            type: 'other',
            message: `${param}: a reasoning item without text was dropped`,
          });
          return;
        }
        builder.addAssistant({
          type: 'reasoning',
          text,
          ...(item.encrypted_content == null ? {} : { signature: item.encrypted_content }),
        });
        return;
      }
      default:
        throw new InvalidRequestError({
          message:
            item.type === 'item_reference'
              ? `'${param}' is an item_reference: the gateway does not keep conversation state, so send the referenced item itself.`
              : `Input items of type '${item.type}' belong to OpenAI's hosted tools and are not supported by the gateway; send messages, function_call and function_call_output items.`,
          param: `${param}.type`,
        });
    }
  });
  return builder.finish();
}

/** Collects messages, merging consecutive assistant parts and tool results. */
class MessageBuilder {
  readonly toolNames = new Map<string, string>();
  private readonly messages: CanonicalMessage[] = [];
  private assistant: AssistantContentPart[] | undefined;
  private toolResults: ToolResultPart[] | undefined;

  add(message: CanonicalMessage): void {
    this.flush();
    this.messages.push(message);
  }

  addAssistant(part: AssistantContentPart): void {
    if (!this.assistant) {
      this.flush();
      this.assistant = [];
    }
    this.assistant.push(part);
  }

  addToolResult(part: ToolResultPart): void {
    if (!this.toolResults) {
      this.flush();
      this.toolResults = [];
    }
    this.toolResults.push(part);
  }

  finish(): CanonicalMessage[] {
    this.flush();
    return this.messages;
  }

  private flush(): void {
    if (this.assistant) this.messages.push({ role: 'assistant', content: this.assistant });
    if (this.toolResults) this.messages.push({ role: 'tool', content: this.toolResults });
    this.assistant = undefined;
    this.toolResults = undefined;
  }
}

type MessageItem = Extract<OpenAIResponsesInputItem, { role: string }>;

function convertMessageItem({
  item,
  param,
  builder,
}: {
  item: MessageItem;
  param: string;
  builder: MessageBuilder;
}): void {
  const parts: ReadonlyArray<OpenAIResponsesContentPart> =
    typeof item.content === 'string' ? [{ type: 'input_text', text: item.content }] : item.content;
  switch (item.role) {
    case 'system':
    case 'developer':
      builder.add({ role: 'system', content: textOf({ parts, param }) });
      return;
    case 'assistant': {
      const text = textOf({ parts, param });
      if (text.length > 0) builder.addAssistant({ type: 'text', text });
      return;
    }
    case 'user':
      builder.add({
        role: 'user',
        content: parts.map((part, partIndex) =>
          convertUserPart({ part, param: `${param}.content[${partIndex}]` }),
        ),
      });
      return;
  }
}

function textOf({
  parts,
  param,
}: {
  parts: ReadonlyArray<OpenAIResponsesContentPart>;
  param: string;
}): string {
  let text = '';
  parts.forEach((part, index) => {
    switch (part.type) {
      case 'input_text':
      case 'output_text':
        text += part.text;
        return;
      case 'refusal':
        text += part.refusal;
        return;
      case 'input_image':
      case 'input_file':
      case 'input_audio':
        throw new InvalidRequestError({
          message: `Content parts of type '${part.type}' are only accepted in user messages; this message may hold text only.`,
          param: `${param}.content[${index}].type`,
        });
    }
  });
  return text;
}

function convertUserPart({
  part,
  param,
}: {
  part: OpenAIResponsesContentPart;
  param: string;
}): UserContentPart {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: part.text };
    case 'refusal':
      return { type: 'text', text: part.refusal };
    case 'input_image':
      return convertImage({ part, param });
    case 'input_file':
    case 'input_audio':
      throw new InvalidRequestError({
        message: `Content parts of type '${part.type}' are not supported by the gateway yet; send input_text or input_image parts.`,
        param: `${param}.type`,
      });
  }
}

function convertOutputContent({
  output,
  param,
}: {
  output: Extract<OpenAIResponsesInputItem, { type: 'function_call_output' }>['output'];
  param: string;
}): Array<TextPart | ImagePart> {
  if (typeof output === 'string') return [{ type: 'text', text: output }];
  return output.map((part, index): TextPart | ImagePart => {
    switch (part.type) {
      case 'input_text':
        return { type: 'text', text: part.text };
      case 'input_image':
        return convertImage({ part, param: `${param}[${index}]` });
      case 'input_file':
        throw new InvalidRequestError({
          message: "Function outputs of type 'input_file' are not supported by the gateway yet.",
          param: `${param}[${index}].type`,
        });
    }
  });
}

const dataUrlPattern = /^data:([a-z]+\/[a-z0-9.+-]+);base64,/i;

function convertImage({
  part,
  param,
}: {
  part: Extract<OpenAIResponsesContentPart, { type: 'input_image' }>;
  param: string;
}): ImagePart {
  const url = part.image_url;
  if (url == null) {
    throw new InvalidRequestError({
      message:
        part.file_id == null
          ? "An input_image part needs an 'image_url' (an http(s) URL or a base64 data URL)."
          : "Images given by 'file_id' are not supported: the gateway has no access to OpenAI's file storage. Send the image as an 'image_url' (http(s) or base64 data URL).",
      param: part.file_id == null ? `${param}.image_url` : `${param}.file_id`,
    });
  }
  const extra = part.detail == null ? {} : { detail: part.detail };
  if (url.startsWith('data:')) {
    const match = dataUrlPattern.exec(url);
    if (!match?.[1]) {
      throw new InvalidRequestError({
        message: "Image data URLs must look like 'data:image/png;base64,<data>'.",
        param: `${param}.image_url`,
      });
    }
    return {
      type: 'image',
      source: {
        type: 'base64',
        mediaType: match[1].toLowerCase(),
        data: url.slice(match[0].length),
      },
      ...extra,
    };
  }
  if (!/^https?:\/\//i.test(url)) {
    throw new InvalidRequestError({
      message: 'Image URLs must be http(s) URLs or base64 data URLs.',
      param: `${param}.image_url`,
    });
  }
  return { type: 'image', source: { type: 'url', url }, ...extra };
}
