import { describe, expect, it } from 'vitest';
import { buildNoticeCard } from '../../cards/notice.card.js';
import { renderCard } from '../../scripts/render-card.js';

describe('render-card', () => {
  it('renders a card to a PNG in headless Chromium', async () => {
    const png = await renderCard(
      buildNoticeCard({ title: 'Digest stopped', lines: ['**Bold** and \\*literal\\*'] }),
      { width: 320 },
    );
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe((320 + 32) * 2); // width at device scale 2
  });

  it('refuses a card that does not parse at schema 1.5', async () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Table', columns: [] }, { type: 'NoSuchElement' }],
    };
    await expect(renderCard(card)).rejects.toThrow('the card did not parse cleanly');
  });
});
