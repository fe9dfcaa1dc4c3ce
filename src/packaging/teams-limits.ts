/**
 * Limits Teams enforces when an app is uploaded that the JSON schema does not (or states less clearly).
 * Each entry reads a value at a path and says what is wrong with it, or nothing.
 */
type Manifest = Record<string, unknown>;

interface Limit {
  /** Dotted path with `[]` for every array item, e.g. `bots[].commandLists[].commands[].title`. */
  path: string;
  check(value: unknown): string | undefined;
}

const maxChars = (max: number) => (value: unknown) =>
  typeof value === 'string' && value.length > max
    ? `${value.length} characters; Teams allows at most ${max}: shorten it`
    : undefined;

const maxItems = (max: number) => (value: unknown) =>
  Array.isArray(value) && value.length > max
    ? `${value.length} items; Teams shows at most ${max}: remove ${value.length - max}`
    : undefined;

const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

export const teamsLimits: Limit[] = [
  { path: 'name.short', check: maxChars(30) },
  { path: 'name.full', check: maxChars(100) },
  { path: 'description.short', check: maxChars(80) },
  { path: 'description.full', check: maxChars(4000) },
  { path: 'developer.name', check: maxChars(32) },
  {
    path: 'version',
    check: (v) =>
      typeof v === 'string' && !SEMVER.test(v) ? `"${v}" is not a version like 1.2.3` : undefined,
  },
  // why: Teams documents 10 commands per command list, although the schema lets 12 through.
  { path: 'bots[].commandLists[].commands', check: maxItems(10) },
  { path: 'bots[].commandLists[].commands[].title', check: maxChars(32) },
  { path: 'bots[].commandLists[].commands[].description', check: maxChars(128) },
  { path: 'staticTabs[].name', check: maxChars(128) },
  { path: 'staticTabs[].entityId', check: maxChars(64) },
  {
    path: 'validDomains[]',
    check: (v) =>
      typeof v === 'string' && /^[a-z]+:\/\//i.test(v)
        ? `"${v}" must be a domain without https://`
        : undefined,
  },
];

/** Every value at `path`, with its concrete path (`bots[0].commandLists[1].commands`). */
function valuesAt(node: unknown, path: string[], at: string): Array<[string, unknown]> {
  if (path.length === 0) return node === undefined ? [] : [[at, node]];
  const [head, ...rest] = path as [string, ...string[]];
  const isArray = head.endsWith('[]');
  const key = isArray ? head.slice(0, -2) : head;
  const child = (node as Record<string, unknown> | undefined)?.[key];
  const here = at ? `${at}.${key}` : key;
  if (!isArray) return valuesAt(child, rest, here);
  if (!Array.isArray(child)) return [];
  return child.flatMap((item, i) => valuesAt(item, rest, `${here}[${i}]`));
}

/** `path: what is wrong` for every value over a Teams limit. */
export function checkTeamsLimits(manifest: Manifest): string[] {
  const problems: string[] = [];
  for (const limit of teamsLimits) {
    for (const [path, value] of valuesAt(manifest, limit.path.split('.'), '')) {
      const problem = limit.check(value);
      if (problem) problems.push(`${path}: ${problem}`);
    }
  }
  return problems;
}
