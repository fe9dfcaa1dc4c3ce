import type { CloudAdapter } from 'botbuilder';

export type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;
type ConnectorFactory = ReturnType<BotFrameworkAuthentication['createConnectorFactory']>;
type Claims = Parameters<BotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<BotFrameworkAuthentication['createUserTokenClient']>>;
type AuthenticateRequestResult = Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>;

/** Most clients kept; why: locally (no Bot auth) anyone can send activities naming any service URL. */
const MAX_CLIENTS = 100;

const underlying = new WeakMap<object, BotFrameworkAuthentication>();

/** The authentication a withCachedConnectors proxy wraps (or the one given, if it is not one). */
export const unwrapAuthentication = (auth: BotFrameworkAuthentication): BotFrameworkAuthentication =>
  underlying.get(auth) ?? auth;

/** The app id a factory's credentials are for, read as botbuilder reads it (audience, else appid). */
const appIdOf = (claims: Claims) => claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';

/** Promises kept by key, at most MAX_CLIENTS, a rejected one forgotten so the next call tries again. */
function keeper<T>() {
  const kept = new Map<string, Promise<T>>();
  return (key: string, make: () => Promise<T>): Promise<T> => {
    let value = kept.get(key);
    if (!value) {
      if (kept.size >= MAX_CLIENTS) kept.clear();
      value = make();
      value.catch(() => kept.delete(key));
      kept.set(key, value);
    }
    return value;
  };
}

/**
 * The bot's authentication, keeping one connector client per app id, service URL and audience (and one user
 * token client per app id) instead of building them for every turn or message. why: CloudAdapter builds both
 * (credentials, an HTTP pipeline of a dozen policies each) for each activity, which cost more than handling a
 * card submit; botbuilder's older adapter kept one per service URL too, and the credentials refresh their own
 * token. Inbound turns take their factory from authenticateRequest, proactive ones from createConnectorFactory:
 * both are kept. `prepare` adjusts each new connector client.
 */
export function withCachedConnectors(
  auth: BotFrameworkAuthentication,
  prepare: (client: ConnectorClient) => void = () => undefined,
): BotFrameworkAuthentication {
  const connectors = keeper<ConnectorClient>();
  const tokenClients = keeper<UserTokenClient>();
  const kept = (inner: ConnectorFactory, claims: Claims): ConnectorFactory => {
    const appId = appIdOf(claims);
    return {
      create: (serviceUrl: string, audience?: string) =>
        connectors(`${appId}\n${serviceUrl}\n${audience ?? ''}`, async () => {
          const client = await inner.create(serviceUrl, audience);
          prepare(client);
          return client;
        }),
    } as ConnectorFactory;
  };
  const withKeptFactory = (result: AuthenticateRequestResult): AuthenticateRequestResult =>
    result.connectorFactory
      ? { ...result, connectorFactory: kept(result.connectorFactory, result.claimsIdentity) }
      : result;
  const overrides: Record<string, unknown> = {
    createConnectorFactory: (claims: Claims) => kept(auth.createConnectorFactory(claims), claims),
    authenticateRequest: async (...args: Parameters<BotFrameworkAuthentication['authenticateRequest']>) =>
      withKeptFactory(await auth.authenticateRequest(...args)),
    createUserTokenClient: (claims: Claims) =>
      tokenClients(appIdOf(claims), () => auth.createUserTokenClient(claims)),
  };
  // why: a proxy keeps every other method bound to the real object, whatever private state it has.
  const proxy = new Proxy(auth, {
    get(target, property) {
      if (typeof property === 'string' && property in overrides) return overrides[property];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  underlying.set(proxy, auth);
  return proxy;
}
