/**
 * The few parts of oidc-provider (a devDependency that ships no types) the test fixture uses.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface ProviderAccount {
    accountId: string;
    claims(use: string, scope: string): Record<string, unknown> | Promise<Record<string, unknown>>;
  }

  export interface ProviderConfiguration {
    clients?: Record<string, unknown>[];
    jwks?: { keys: Record<string, unknown>[] };
    cookies?: { keys?: string[] };
    claims?: Record<string, string[]>;
    features?: Record<string, unknown>;
    ttl?: Record<string, unknown>;
    pkce?: Record<string, unknown>;
    conformIdTokenClaims?: boolean;
    clockTolerance?: number;
    findAccount?(
      ctx: unknown,
      id: string,
    ): ProviderAccount | Promise<ProviderAccount | undefined> | undefined;
    [key: string]: unknown;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: ProviderConfiguration);
    readonly issuer: string;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
