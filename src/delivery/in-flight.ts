import type { ClaimedMessage } from './claim.repository.js';

/** The messages a worker holds and is working on: by id (lease renewal, re-claims) and counted per organisation. */
export class InFlight {
  private readonly tasks = new Set<Promise<void>>();
  private readonly held = new Map<string, ClaimedMessage>();
  private readonly byOrg = new Map<string, number>();

  get size(): number {
    return this.tasks.size;
  }

  get(id: string): ClaimedMessage | undefined {
    return this.held.get(id);
  }

  /** Holds `message` while `task` runs; `done` gets how many of its organisation's are left. */
  add(message: ClaimedMessage, task: Promise<void>, done: (orgLeft: number) => void): void {
    const { id, orgId } = message;
    this.held.set(id, message);
    this.byOrg.set(orgId, (this.byOrg.get(orgId) ?? 0) + 1);
    const tracked = task.finally(() => {
      this.tasks.delete(tracked);
      this.held.delete(id);
      const left = (this.byOrg.get(orgId) ?? 1) - 1;
      if (left > 0) this.byOrg.set(orgId, left);
      else this.byOrg.delete(orgId);
      done(left);
    });
    this.tasks.add(tracked);
  }

  messages(): ClaimedMessage[] {
    return [...this.held.values()];
  }

  /** How many messages in hand, per organisation. */
  heldByOrg(): Record<string, number> {
    return Object.fromEntries(this.byOrg);
  }

  /** Organisations with at least `cap` messages in hand. */
  busyOrgs(cap: number): string[] {
    return [...this.byOrg].filter(([, n]) => n >= cap).map(([org]) => org);
  }

  async settled(): Promise<void> {
    await Promise.all(this.tasks);
  }
}
