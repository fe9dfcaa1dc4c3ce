import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands, matchCommand } from '../../../bot/commands/index.js';

interface CommandList {
  scopes: string[];
  commands: Array<{ title: string }>;
}
const lists: CommandList[] = JSON.parse(readFileSync('manifest/manifest.json', 'utf8')).bots[0].commandLists;

/** The words a command starts with, before its first `‹argument›` or `[option]`: "snooze ‹ref› ‹days›" → "snooze". */
const literal = (usage: string) =>
  usage
    .split(/\s*[<‹[]/)[0]!
    .trim()
    .toLowerCase();
const commandTitled = (title: string) => commands.find((c) => literal(c.usage) === title.toLowerCase());

// why: Teams offers these titles in its command menu; a title the bot does not know, or one it refuses in that
// scope, is a dead end for the person who picks it.
describe('the command menu in manifest/manifest.json', () => {
  it('offers only commands the bot has', () => {
    const titles = lists.flatMap((list) => list.commands.map((c) => c.title));
    expect(titles.filter((title) => !commandTitled(title))).toEqual([]);
  });

  it('answers each title as the menu sends it, alone, with that command: not help, not a plain-text answer', () => {
    const titles = lists.flatMap((list) => list.commands.map((c) => c.title));
    const misrouted = titles.filter((title) => matchCommand(title)?.command !== commandTitled(title));
    expect(misrouted).toEqual([]);
  });

  it('offers in channels and group chats none of the commands answered only in the 1:1 chat', () => {
    const shared = lists.filter((list) => list.scopes.some((scope) => scope !== 'personal'));
    expect(shared.length).toBeGreaterThan(0);
    const personalOnly = shared.flatMap((list) =>
      list.commands.filter((c) => commandTitled(c.title)?.personalOnly).map((c) => c.title),
    );
    expect(personalOnly).toEqual([]);
  });
});
