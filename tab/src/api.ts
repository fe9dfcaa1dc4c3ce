/** Calls the tab API with the signed-in person's credentials; errors carry the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type Credentials = () => Promise<string>;

export interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  /** A file download: its bytes and the name the server gave it. */
  download(path: string): Promise<{ blob: Blob; filename: string }>;
}

export function createApi(authorization: Credentials): Api {
  async function call(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', await authorization());
    const res = await fetch(path, { ...init, headers });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      throw new ApiError(res.status, body.message ?? `The server answered ${res.status}.`);
    }
    return res;
  }
  return {
    get: async <T>(path: string) => (await (await call(path)).json()) as T,
    post: async <T>(path: string, body: unknown) =>
      (await (
        await call(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json()) as T,
    download: async (path: string) => {
      const res = await call(path);
      const filename =
        /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'export';
      return { blob: await res.blob(), filename };
    },
  };
}
