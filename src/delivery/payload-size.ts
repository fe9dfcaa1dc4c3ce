/** Teams refuses a message whose activity is larger than about 40 KB, and renders cards only up to about 28 KB. */
export const maxActivityBytes = 40_000;
export const maxCardBytes = 28_000;

export class PayloadTooLargeError extends Error {
  override name = 'PayloadTooLargeError';
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Throws PayloadTooLargeError, naming the part and its size, when Teams would refuse the activity. */
export function checkPayloadSize(activity: Record<string, unknown>): void {
  const total = Buffer.byteLength(JSON.stringify(activity), 'utf8');
  const attachments = Array.isArray(activity.attachments) ? activity.attachments : [];
  for (const [index, attachment] of attachments.entries()) {
    const content = (attachment as { content?: unknown } | null)?.content;
    if (content === undefined) continue;
    const size = Buffer.byteLength(JSON.stringify(content), 'utf8');
    if (size > maxCardBytes)
      throw new PayloadTooLargeError(
        `card ${index + 1} is ${kb(size)} of JSON; Teams accepts at most ${kb(maxCardBytes)}: shorten its text or split it`,
      );
  }
  if (total > maxActivityBytes)
    throw new PayloadTooLargeError(`message is ${kb(total)}; Teams accepts at most ${kb(maxActivityBytes)}`);
}
