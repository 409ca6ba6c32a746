import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Inject, Injectable, Module } from '@nestjs/common';
import type { GatewayApi } from '@aside/engine';
import { GATEWAY_API, GatewayHttpModule } from '../../src/index.js';
import { FakeGatewayApi } from './support/fake-gateway-api.js';
import { boot, request } from './support/http-harness.js';

const API_SOURCE = Symbol('api source');

/** A module providing what a factory injects, the way a config or engine module would. */
@Module({ providers: [{ provide: API_SOURCE, useFactory: () => new FakeGatewayApi() }], exports: [API_SOURCE] })
class ApiSourceModule {}

@Injectable()
class ClassGatewayApi extends FakeGatewayApi {}

/** Something else in the application that injects the api through the exported token. */
@Injectable()
class Consumer {
  constructor(@Inject(GATEWAY_API) readonly api: GatewayApi) {}
}

async function createsASession(module: Parameters<typeof boot>[0], token?: string): Promise<void> {
  const running = await boot(module);
  try {
    const response = await request(`${running.url}/v1/sessions`, { body: { agent: 'greeter' }, token });
    expect(response.status).toBe(201);
    if (token !== undefined) expect((await request(`${running.url}/v1/sessions`, { body: { agent: 'greeter' } })).status).toBe(401);
  } finally {
    await running.close();
  }
}

describe('GatewayHttpModule configuration', () => {
  it('forRoot with useValue', async () => {
    await createsASession(GatewayHttpModule.forRoot({ api: { useValue: new FakeGatewayApi() }, apiTokens: [] }));
  });

  it('forRoot with useClass', async () => {
    await createsASession(GatewayHttpModule.forRoot({ api: { useClass: ClassGatewayApi }, apiTokens: [] }));
  });

  it('forRoot with useFactory, inject and imports', async () => {
    await createsASession(
      GatewayHttpModule.forRoot({ api: { useFactory: (api: GatewayApi) => api, inject: [API_SOURCE] }, imports: [ApiSourceModule], apiTokens: [] }),
    );
  });

  it('forRootAsync like @nestjs/bullmq: useFactory, inject, imports', async () => {
    await createsASession(
      GatewayHttpModule.forRootAsync({
        imports: [ApiSourceModule],
        inject: [API_SOURCE],
        useFactory: async (api: GatewayApi) => ({ api, apiTokens: ['async-token'] }),
      }),
      'async-token',
    );
  });

  it('exports GATEWAY_API to the modules that import it', async () => {
    const api = new FakeGatewayApi();
    const http = GatewayHttpModule.forRoot({ api: { useValue: api }, apiTokens: [] });
    @Module({ imports: [http], providers: [Consumer] })
    class ConsumerModule {}
    const running = await boot({ module: ConsumerModule });
    try {
      expect(running.app.get(Consumer).api).toBe(api);
    } finally {
      await running.close();
    }
  });

  it('fails the boot with one line on bad stream settings', async () => {
    await expect(boot(GatewayHttpModule.forRoot({ api: { useValue: new FakeGatewayApi() }, apiTokens: [], stream: { highWaterBytes: 0 } }))).rejects.toThrow(
      /^GatewayHttpModule stream\.highWaterBytes: /,
    );
  });
});
