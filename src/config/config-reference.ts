import type { z } from 'zod';
import { configSchema } from './config.schema.js';

export const START_MARKER = '<!-- config:start -->';
export const END_MARKER = '<!-- config:end -->';

interface Def {
  type: string;
  defaultValue?: unknown;
  innerType?: Node;
  in?: Node;
  entries?: Record<string, string>;
}
type Node = { _zod: { def: Def }; minValue?: number | null; maxValue?: number | null };

/** The schema nodes of one setting from the outside in: default/optional, pipe, then the base type. */
function layers(field: Node): Node[] {
  const out: Node[] = [];
  for (let node: Node | undefined = field; node; node = node._zod.def.innerType ?? node._zod.def.in)
    out.push(node);
  return out;
}

function shownDefault(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.length ? `\`${value.join(',')}\`` : '';
  return `\`${String(value)}\``;
}

function allowedValues(nodes: Node[]): string {
  const base = nodes.at(-1)!;
  const def = base._zod.def;
  if (def.type === 'enum') {
    const values = Object.values(def.entries ?? {});
    const isFlag = values.includes('true') && values.includes('false');
    return (isFlag ? ['true', 'false'] : values).map((v) => `\`${v}\``).join(' \\| ');
  }
  if (def.type === 'number') {
    // why: zod's int() stores the safe-integer limits as bounds when none were given; those mean "no bound".
    const bound = (v: number | null | undefined) =>
      typeof v === 'number' && Math.abs(v) < Number.MAX_SAFE_INTEGER ? v : undefined;
    const [min, max] = [bound(base.minValue), bound(base.maxValue)];
    if (min !== undefined && max !== undefined) return `number ${min}–${max}`;
    if (min !== undefined) return `number ≥ ${min}`;
    return max !== undefined ? `number ≤ ${max}` : 'number';
  }
  return 'text';
}

/** The README's configuration table, one row per setting of the zod schema, in schema order. */
export function configReference(schema: z.ZodObject = configSchema): string {
  const rows = Object.entries(schema.shape).map(([name, field]) => {
    const nodes = layers(field as unknown as Node);
    const defaultNode = nodes.find((n) => n._zod.def.type === 'default');
    const description = (field.description ?? '').replaceAll('|', '\\|');
    const secret = name.startsWith('SECRET_') ? ' Secret: keep it in `env/.env.<ENV>.user` or the host.' : '';
    return [
      `\`${name}\``,
      shownDefault(defaultNode?._zod.def.defaultValue),
      allowedValues(nodes),
      description + secret,
    ];
  });
  return alignedTable(['Setting', 'Default', 'Values', 'What it does'], rows);
}

/** A markdown table with every column padded to its widest cell, as Biome formats README.md. */
function alignedTable(head: string[], rows: string[][]): string {
  const width = (text: string) => [...text].length;
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** `text` with the block between the config markers replaced by `table`; throws if the markers are missing. */
export function withConfigReference(text: string, table: string): string {
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER);
  if (start < 0 || end < start) {
    throw new Error(
      `README.md: add the lines ${START_MARKER} and ${END_MARKER} where the configuration table goes`,
    );
  }
  return `${text.slice(0, start + START_MARKER.length)}\n${table}\n${text.slice(end)}`;
}
