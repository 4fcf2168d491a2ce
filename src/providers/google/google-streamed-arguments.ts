import type { GooglePartialArg } from './google-api.js';

type PathSegment = string | number;

/**
 * Assembles the arguments of a function call that Gemini streams in pieces
 * (`streamFunctionCallArguments`): each piece sets the value at a JSON path (`$.recipe.steps[2]`);
 * a string piece with `willContinue` is continued by the next piece for the same path.
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/multimodal/function-calling#streaming-function-call-arguments
 */
export class GoogleStreamedArguments {
  private readonly root: Record<string, unknown> = {};
  private readonly continuedPaths = new Set<string>();
  private skippedPathCount = 0;

  /** Applies the pieces of one chunk, in order. */
  apply(pieces: ReadonlyArray<GooglePartialArg>): void {
    for (const piece of pieces) this.applyPiece(piece);
  }

  /** The arguments assembled so far. */
  get args(): Record<string, unknown> {
    return this.root;
  }

  /** How many pieces named a path this class cannot read; they were skipped. */
  get skippedPieces(): number {
    return this.skippedPathCount;
  }

  private applyPiece(piece: GooglePartialArg): void {
    const segments = parseJsonPath(piece.jsonPath);
    if (segments === undefined || segments.length === 0) {
      this.skippedPathCount += 1;
      return;
    }
    const wasContinued = this.continuedPaths.has(piece.jsonPath);
    if (piece.willContinue) this.continuedPaths.add(piece.jsonPath);
    else this.continuedPaths.delete(piece.jsonPath);
    if (piece.stringValue != null) {
      const current = getAt(this.root, segments);
      const text =
        wasContinued && typeof current === 'string'
          ? current + piece.stringValue
          : piece.stringValue;
      setAt(this.root, segments, text);
    } else if (piece.numberValue != null) {
      setAt(this.root, segments, piece.numberValue);
    } else if (piece.boolValue != null) {
      setAt(this.root, segments, piece.boolValue);
    } else if ('nullValue' in piece) {
      setAt(this.root, segments, null);
    }
  }
}

/**
 * Parses the JSON paths Gemini uses: `$`, then `.name`, `[index]` or `['name']` steps.
 * Undefined for anything else.
 */
export function parseJsonPath(path: string): PathSegment[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments: PathSegment[] = [];
  const step = /\.([^.[\]]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;
  step.lastIndex = 1;
  while (step.lastIndex < path.length) {
    const match = step.exec(path);
    if (!match) return undefined;
    const [, name, index, singleQuoted, doubleQuoted] = match;
    if (index !== undefined) segments.push(Number(index));
    else segments.push((name ?? singleQuoted ?? doubleQuoted ?? '').replace(/\\(.)/g, '$1'));
  }
  return segments;
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

function getAt(root: Record<string, unknown>, segments: ReadonlyArray<PathSegment>): unknown {
  let current: unknown = root;
  for (const segment of segments) {
    if (!isContainer(current)) return undefined;
    current = Array.isArray(current)
      ? typeof segment === 'number'
        ? current[segment]
        : undefined
      : current[String(segment)];
  }
  return current;
}

function setAt(
  root: Record<string, unknown>,
  segments: ReadonlyArray<PathSegment>,
  value: unknown,
): void {
  let container: Record<string, unknown> | unknown[] = root;
  segments.forEach((segment, index) => {
    const isLast = index === segments.length - 1;
    const next = segments[index + 1];
    const existing = readSlot(container, segment);
    if (isLast) {
      writeSlot(container, segment, value);
      return;
    }
    if (isContainer(existing) && Array.isArray(existing) === (typeof next === 'number')) {
      container = existing;
      return;
    }
    const created: Record<string, unknown> | unknown[] = typeof next === 'number' ? [] : {};
    writeSlot(container, segment, created);
    container = created;
  });
}

function readSlot(container: Record<string, unknown> | unknown[], segment: PathSegment): unknown {
  if (Array.isArray(container)) return typeof segment === 'number' ? container[segment] : undefined;
  return container[String(segment)];
}

function writeSlot(
  container: Record<string, unknown> | unknown[],
  segment: PathSegment,
  value: unknown,
): void {
  if (Array.isArray(container)) {
    if (typeof segment !== 'number') return;
    // JSON arrays have no holes: positions that have not arrived yet hold null until they do.
    while (container.length < segment) container.push(null);
    container[segment] = value;
    return;
  }
  container[String(segment)] = value;
}
