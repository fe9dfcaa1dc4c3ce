export type StoreKind = 'pglite' | 'postgres';

/** Which stores the store tests run on: both unless TEST_STORES narrows it (never silently). */
export function testStoreKinds(): StoreKind[] {
  const raw = process.env.TEST_STORES?.trim() || 'pglite,postgres';
  return raw.split(',').map((k) => {
    if (k !== 'pglite' && k !== 'postgres') throw new Error(`TEST_STORES: unknown store "${k}"`);
    return k;
  });
}

export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
}
