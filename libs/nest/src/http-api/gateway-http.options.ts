import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency, Type } from '@nestjs/common';
import type { GatewayApi } from '@aside/engine';

/** Inject the gateway the HTTP surface drives: `@Inject(GATEWAY_API) api: GatewayApi`. */
export const GATEWAY_API = Symbol.for('aside.http-api.gateway-api');
/** The resolved settings of the HTTP surface (`GatewayHttpSettings`). */
export const GATEWAY_HTTP_SETTINGS = Symbol.for('aside.http-api.settings');

type Dependencies = (InjectionToken | OptionalFactoryDependency)[];

/** How the module gets its `GatewayApi`: a value, a class, an existing provider or a factory. */
export type GatewayApiProvider =
  | { readonly useValue: GatewayApi }
  | { readonly useClass: Type<GatewayApi> }
  | { readonly useExisting: InjectionToken }
  | { readonly useFactory: (...args: any[]) => GatewayApi | Promise<GatewayApi>; readonly inject?: Dependencies };

export interface StreamOptions {
  /** Stop reading events for a client while this many bytes wait to be sent to it. Default 1 MiB. */
  readonly highWaterBytes?: number;
  /** A client that keeps the buffer above the mark this long is closed with 1013. Default 30 s. */
  readonly stallTimeoutMs?: number;
  /** Ping interval; a client that missed the previous pong is dropped. Default 30 s; 0 disables. */
  readonly heartbeatMs?: number;
}

export interface GatewayHttpModuleOptions {
  readonly api: GatewayApiProvider;
  /**
   * Accepted bearer tokens. Omitted: read from `ASIDE_API_TOKENS` at boot. Empty: no
   * authentication.
   */
  readonly apiTokens?: readonly string[];
  readonly stream?: StreamOptions;
  /** Modules whose providers the api factory injects. */
  readonly imports?: ModuleMetadata['imports'];
}

/** What `forRootAsync`'s factory resolves to: the api itself, already built. */
export interface GatewayHttpAsyncConfig {
  readonly api: GatewayApi;
  readonly apiTokens?: readonly string[];
  readonly stream?: StreamOptions;
}

export interface GatewayHttpModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: Dependencies;
  readonly useFactory: (...args: any[]) => GatewayHttpAsyncConfig | Promise<GatewayHttpAsyncConfig>;
}
