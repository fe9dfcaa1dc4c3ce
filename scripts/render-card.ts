import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const usage = `npx tsx scripts/render-card.ts <card.json> <out.png> [--width 520] [--theme light|dark]
  Renders an Adaptive Card as Teams shows it (adaptivecards' own renderer, Teams host config and CSS)
  in headless Chromium (/usr/bin/chromium, or CHROMIUM_PATH) and saves a PNG of the card.`;

const require = createRequire(import.meta.url);
const file = (specifier: string) => readFileSync(require.resolve(specifier), 'utf8');

/** The card as a PNG, rendered in a page that loads the adaptivecards UMD bundle: no network, no server. */
export async function renderCard(
  card: unknown,
  options: { width?: number; theme?: 'light' | 'dark' } = {},
): Promise<Buffer> {
  const theme = options.theme ?? 'light';
  const hostConfig = file(`adaptivecards-designer/lib/hostConfigs/microsoft-teams-${theme}.json`);
  const css = file(`adaptivecards-designer/dist/containers/teams-container-${theme}.css`);
  const background = theme === 'dark' ? '#292929' : '#ffffff';
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>${css}
    body { margin: 0; background: ${background}; font-family: 'Segoe UI', system-ui, sans-serif; }
    #card { width: ${options.width ?? 520}px; padding: 16px; background: ${background}; }</style></head>
    <body><div id="card"></div></body></html>`;
  const profile = mkdtempSync(join(tmpdir(), 'pp-render-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    deviceScaleFactor: 2,
    viewport: { width: (options.width ?? 520) + 32, height: 800 },
  });
  try {
    const page = await context.newPage();
    await page.setContent(html);
    await page.addScriptTag({ content: file('adaptivecards/dist/adaptivecards.min.js') });
    const problems = await page.evaluate(
      ({ cardJson, hostConfigJson }) => {
        // biome-ignore lint/suspicious/noExplicitAny: the UMD bundle's global, typed only in Node
        const AC = (window as any).AdaptiveCards;
        // why: the library leaves markdown to the host; Teams renders this subset (bold, italic, links, escapes).
        AC.AdaptiveCard.onProcessMarkdown = (
          text: string,
          result: { outputHtml?: string; didProcess: boolean },
        ) => {
          const escaped: string[] = [];
          let html = text
            .replace(/\\(.)/g, (_m, c: string) => `\uE000${escaped.push(c) - 1}\uE000`)
            .replace(/&/g, '&amp;')
            .replace(/</g, '&lt;')
            .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
            .replace(/(^|\W)_(.+?)_(?=\W|$)/g, '$1<em>$2</em>')
            .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>');
          html = html.replace(/\uE000(\d+)\uE000/g, (_m, i: string) =>
            (escaped[Number(i)] ?? '').replace(/</g, '&lt;'),
          );
          result.outputHtml = `<p>${html}</p>`;
          result.didProcess = true;
        };
        const adaptive = new AC.AdaptiveCard();
        adaptive.hostConfig = new AC.HostConfig(JSON.parse(hostConfigJson));
        const context = new AC.SerializationContext(AC.Versions.v1_5);
        adaptive.parse(JSON.parse(cardJson), context);
        document.getElementById('card')?.appendChild(adaptive.render());
        return Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message as string);
      },
      { cardJson: JSON.stringify(card), hostConfigJson: hostConfig },
    );
    if (problems.length) throw new Error(`the card did not parse cleanly:\n${problems.join('\n')}`);
    return await page.locator('#card').screenshot({ type: 'png' });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { width: { type: 'string' }, theme: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [input, output] = positionals;
  if (values.help || !input || !output || (values.theme && !['light', 'dark'].includes(values.theme))) {
    process.stdout.write(`${usage}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const png = await renderCard(JSON.parse(readFileSync(input, 'utf8')), {
    ...(values.width ? { width: Number(values.width) } : {}),
    theme: (values.theme as 'light' | 'dark' | undefined) ?? 'light',
  });
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, png);
  process.stdout.write(`${output}: ${png.length.toLocaleString('en-GB')} bytes\n`);
}
