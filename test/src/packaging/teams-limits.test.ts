import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkTeamsLimits } from '../../../src/packaging/teams-limits.js';

const template = () => JSON.parse(readFileSync('manifest/manifest.json', 'utf8'));

describe('checkTeamsLimits', () => {
  it('passes the project manifest', () => {
    expect(checkTeamsLimits(template())).toEqual([]);
  });

  it('reports more than 10 commands in a list, by concrete path', () => {
    const manifest = template();
    const list = manifest.bots[0].commandLists[1];
    while (list.commands.length < 11) list.commands.push({ title: 'extra', description: 'one too many' });
    expect(checkTeamsLimits(manifest)).toEqual([
      'bots[0].commandLists[1].commands: 11 items; Teams shows at most 10: remove 1',
    ]);
  });

  it.each([
    [
      'description.short',
      (m: Record<string, Record<string, string>>) => (m.description!.short = 'x'.repeat(81)),
    ],
    ['developer.name', (m: Record<string, Record<string, string>>) => (m.developer!.name = 'x'.repeat(33))],
  ])('reports %s over its limit', (path, edit) => {
    const manifest = template();
    edit(manifest);
    expect(checkTeamsLimits(manifest)).toEqual([
      expect.stringMatching(new RegExp(`^${path}: \\d+ characters`)),
    ]);
  });

  it('reports a command title over 32 characters and a domain written as a URL', () => {
    const manifest = template();
    manifest.bots[0].commandLists[0].commands[0].title = 'show me every action that I own now';
    manifest.validDomains = ['https://example.org'];
    expect(checkTeamsLimits(manifest)).toEqual([
      'bots[0].commandLists[0].commands[0].title: 35 characters; Teams allows at most 32: shorten it',
      'validDomains[0]: "https://example.org" must be a domain without https://',
    ]);
  });

  it('reports a version that is not semver', () => {
    expect(checkTeamsLimits({ ...template(), version: '1.0' })).toEqual([
      'version: "1.0" is not a version like 1.2.3',
    ]);
  });
});
