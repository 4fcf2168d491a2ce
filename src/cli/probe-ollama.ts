import { z } from 'zod';

const tagsSchema = z.object({ models: z.array(z.object({ name: z.string() })) });

/** Asks a local Ollama for its models; undefined when nothing answers within `timeoutMs`. */
export async function probeOllama(
  origin: string,
  timeoutMs = 300,
): Promise<ReadonlyArray<string> | undefined> {
  try {
    const response = await fetch(`${origin}/api/tags`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return undefined;
    const parsed = tagsSchema.safeParse(await response.json());
    return parsed.success ? parsed.data.models.map((model) => model.name) : undefined;
  } catch {
    return undefined;
  }
}
