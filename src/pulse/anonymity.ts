import { createHmac, randomBytes } from 'node:crypto';

/** No figure is ever shown for fewer people than this, whatever PULSE_MIN_GROUP says (DESIGN.md rule 5). */
export const ABSOLUTE_MIN_GROUP = 3;

/** The threshold actually applied: the configured one, never below the absolute floor. */
export function effectiveMinGroup(configured: number): number {
  return Math.max(ABSOLUTE_MIN_GROUP, Math.floor(configured));
}

/** A fresh per-round key for the person→ballot link; stored only while the round is open. */
export function newLinkSecret(): string {
  return randomBytes(32).toString('base64');
}

/**
 * The link from a person to their ballot while a round is open. One-way: it cannot be turned back into a
 * person id, and once the round's secret is destroyed it cannot be recomputed either.
 */
export function ballotLink(secret: string, personId: string): string {
  return createHmac('sha256', Buffer.from(secret, 'base64')).update(personId).digest('base64url');
}

export interface GroupCount {
  key: string | null;
  n: number;
}

/**
 * Which groups to hide: every group under the threshold, the unnamed group (teams too small to name), and any
 * in `alsoHidden`; then complementary suppression, because if exactly one group with respondents is hidden its
 * figures are the total minus the groups shown. The next smallest shown group is hidden too, and so on until the
 * hidden groups together reach the threshold. When the total itself is not shown, every group is hidden.
 */
export function suppressedGroups(
  groups: GroupCount[],
  minGroup: number,
  totalShown: boolean,
  alsoHidden: ReadonlySet<string | null> = new Set(),
): Set<string | null> {
  if (!totalShown) return new Set(groups.map((g) => g.key));
  const min = effectiveMinGroup(minGroup);
  const hidden = new Set(
    groups.filter((g) => g.n < min || g.key === null || alsoHidden.has(g.key)).map((g) => g.key),
  );
  const hiddenWithPeople = () => groups.filter((g) => hidden.has(g.key) && g.n > 0);
  const shown = groups.filter((g) => !hidden.has(g.key)).sort((a, b) => a.n - b.n);
  for (;;) {
    const people = hiddenWithPeople();
    const sum = people.reduce((s, g) => s + g.n, 0);
    if (people.length === 0 || (people.length > 1 && sum >= min) || shown.length === 0) break;
    hidden.add(shown.shift()?.key ?? null);
  }
  return hidden;
}
