import type { CloudAdapter } from 'botbuilder';

export type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;
type ConnectorFactory = ReturnType<BotFrameworkAuthentication['createConnectorFactory']>;
type Claims = Parameters<BotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/** Most clients kept; why: locally (no Bot auth) anyone can send activities naming any service URL. */
const MAX_CLIENTS = 100;

const underlying = new WeakMap<object, BotFrameworkAuthentication>();

/** The authentication a withCachedConnectors proxy wraps (or the one given, if it is not one). */
export const unwrapAuthentication = (auth: BotFrameworkAuthentication): BotFrameworkAuthentication =>
  underlying.get(auth) ?? auth;

/**
 * The bot's authentication, keeping one connector client per app id, service URL and audience instead of
 * building one for every turn or message. why: CloudAdapter builds a client (credentials, an HTTP pipeline of a
 * dozen policies) for each activity, which cost more than handling a card submit; botbuilder's older adapter
 * kept one per service URL too. The credentials refresh their own token. `prepare` adjusts each new client.
 */
export function withCachedConnectors(
  auth: BotFrameworkAuthentication,
  prepare: (client: ConnectorClient) => void = () => undefined,
): BotFrameworkAuthentication {
  const clients = new Map<string, Promise<ConnectorClient>>();
  const createConnectorFactory = (claims: Claims): ConnectorFactory => {
    const inner = auth.createConnectorFactory(claims);
    // why: the app id the factory's credentials are for, read as botbuilder does (audience, else appid).
    const appId = claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
    return {
      create(serviceUrl: string, audience?: string) {
        const key = `${appId}\n${serviceUrl}\n${audience ?? ''}`;
        let client = clients.get(key);
        if (!client) {
          if (clients.size >= MAX_CLIENTS) clients.clear();
          client = inner.create(serviceUrl, audience).then((c) => {
            prepare(c);
            return c;
          });
          client.catch(() => clients.delete(key));
          clients.set(key, client);
        }
        return client;
      },
    } as ConnectorFactory;
  };
  // why: a proxy keeps every other method bound to the real object, whatever private state it has.
  const proxy = new Proxy(auth, {
    get(target, property) {
      if (property === 'createConnectorFactory') return createConnectorFactory;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  underlying.set(proxy, auth);
  return proxy;
}
