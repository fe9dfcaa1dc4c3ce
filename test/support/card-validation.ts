import * as AC from 'adaptivecards';

/** Teams' limit on a message's card payload (with room for the activity envelope). */
export const MAX_CARD_BYTES = 28 * 1024;

/**
 * Problems the Adaptive Cards library finds when it parses a card at schema 1.5 (Teams' limit), plus the checks
 * it skips (DESIGN.md pitfalls): a missing version, an Image with no url, unexpanded template text, the size.
 */
export function validateCard(card: unknown): string[] {
  const problems: string[] = [];
  const json = JSON.stringify(card);
  if (Buffer.byteLength(json) > MAX_CARD_BYTES)
    problems.push(`card is ${Buffer.byteLength(json)} bytes (limit ${MAX_CARD_BYTES})`);
  if (json.includes('${')) problems.push('card has unexpanded template text "${"');
  const raw = card as { version?: string };
  if (!raw.version) problems.push('card has no version');
  else if (Number(raw.version) > 1.5) problems.push(`card version ${raw.version} is newer than 1.5`);
  walk(card, (node) => {
    if (node.type === 'Image' && !node.url) problems.push('Image without url');
    if (node.type === 'Image' && !node.altText) problems.push('Image without altText');
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && !node.label)
      problems.push(`${node.type} ${String(node.id)} has no label`);
    if (node.isRequired === true && !node.errorMessage)
      problems.push(`${node.type} ${String(node.id)} is required but has no errorMessage`);
  });
  const parsed = new AC.AdaptiveCard();
  parsed.maxVersion = AC.Versions.v1_5;
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card as AC.IAdaptiveCard, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents)
    problems.push(`validate: ${event.message}`);
  return problems;
}

function walk(node: unknown, visit: (n: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) for (const n of node) walk(n, visit);
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    for (const v of Object.values(node)) walk(v, visit);
  }
}
