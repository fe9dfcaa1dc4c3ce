import { describe, expect, it } from 'vitest';
import { dashboardLink } from '../../../src/digest/dashboard-link.js';

const publicUrl = 'https://pulse.council.example';
const teamsAppId = '6f1c2b8e-3d4a-4f5b-9c6d-7e8f9a0b1c2d';

describe('dashboardLink', () => {
  it('is a Teams deep link to the personal "Plan dashboard" tab, its web address URL-encoded as webUrl', () => {
    expect(dashboardLink({ publicUrl, teamsAppId })).toBe(
      'https://teams.microsoft.com/l/entity/6f1c2b8e-3d4a-4f5b-9c6d-7e8f9a0b1c2d/dashboard' +
        '?webUrl=https%3A%2F%2Fpulse.council.example%2Ftab%2Findex.html%3Fview%3Dplan&label=Plan%20dashboard',
    );
  });

  it("carries a subscription's priority areas in the web address and, URL-encoded, in context.subEntityId", () => {
    const areas = ["Children's voice", 'Quality & practice'];
    const link = dashboardLink({ publicUrl, teamsAppId, areas });
    expect(link).toBe(
      'https://teams.microsoft.com/l/entity/6f1c2b8e-3d4a-4f5b-9c6d-7e8f9a0b1c2d/dashboard' +
        '?webUrl=https%3A%2F%2Fpulse.council.example%2Ftab%2Findex.html%3Fview%3Dplan' +
        '%26area%3DChildren%2527s%2Bvoice%26area%3DQuality%2B%2526%2Bpractice' +
        '&label=Plan%20dashboard' +
        '&context=%7B%22subEntityId%22%3A%22area%3DChildren%2527s%2Bvoice%26area%3DQuality%2B%2526%2Bpractice%22%7D',
    );
    // What Teams hands back: the context as JSON, whose subEntityId the tab reads as page.subPageId.
    const params = new URL(link!).searchParams;
    const { subEntityId } = JSON.parse(params.get('context')!) as { subEntityId: string };
    expect(new URLSearchParams(subEntityId).getAll('area')).toEqual(areas);
    expect(new URL(params.get('webUrl')!).searchParams.getAll('area')).toEqual(areas);
  });

  it("falls back to the tab's web address without TEAMS_APP_ID (local runs), and to nothing without PUBLIC_URL", () => {
    expect(dashboardLink({ publicUrl })).toBe('https://pulse.council.example/tab/index.html?view=plan');
    expect(dashboardLink({ publicUrl, teamsAppId: undefined, areas: ['Leadership'] })).toBe(
      'https://pulse.council.example/tab/index.html?view=plan&area=Leadership',
    );
    expect(dashboardLink({ publicUrl: undefined, teamsAppId })).toBeNull();
  });
});
