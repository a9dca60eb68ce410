/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1 with an ephemeral port, for the
 * end-to-end sign-in tests. Two confidential clients are registered so that a token issued to one
 * can be presented to the other. The ID token lifetime can be shortened per test.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface TestProvider {
  issuer: string;
  /** The client Steno is configured with. */
  steno: TestClient;
  /** Another client of the same provider (a different audience). */
  other: TestClient;
  /** ID token lifetime in seconds for tokens issued from now on (default 600). */
  setIdTokenTtl(seconds: number): void;
  close(): Promise<void>;
}

export async function startTestProvider(): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const steno: TestClient = {
    clientId: 'steno',
    clientSecret: randomBytes(32).toString('base64url'),
    redirectUri: 'http://127.0.0.1:8787/v1/auth/callback',
  };
  const other: TestClient = {
    clientId: 'other-app',
    clientSecret: randomBytes(32).toString('base64url'),
    redirectUri: 'http://127.0.0.1:9999/callback',
  };
  let idTokenTtl = 600;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });

  const provider = new Provider(issuer, {
    clients: [steno, other].map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys: [{ ...jwk, kid: 'test-rs256', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    ttl: {
      IdToken: () => idTokenTtl,
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      Interaction: 600,
      Session: 600,
    },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: `${id}@example.test`, email_verified: true, name: `Test ${id}` }),
    }),
  });
  server.on('request', provider.callback());

  return {
    issuer,
    steno,
    other,
    setIdTokenTtl(seconds) {
      idTokenTtl = seconds;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
