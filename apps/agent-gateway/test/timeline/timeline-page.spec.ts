import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Gateway } from '@aside/engine';
import { startHttpApp } from '@aside/nest';
import { demoLlm } from '../../src/demo/demo-llm.js';
import { playDemoConversation } from '../../src/demo/run-demo.js';
import { demoAgents, demoTiming } from '../../src/demo/travel-desk.js';
import { GatewayAppModule } from '../../src/gateway-app.module.js';
import { findChromium } from './find-chromium.js';

/**
 * The session timeline page (/timeline/:id), as an operator's browser shows it: a session
 * produced by the demo's conversation, drawn as swimlanes in headless Chromium, then followed
 * live over the stream. `TIMELINE_SCREENSHOT=1` also writes docs/timeline.png (not on normal runs).
 */
const TOKEN = 'operator-token';
const SCREENSHOT = fileURLToPath(new URL('../../../../docs/timeline.png', import.meta.url));
const lane = (id: string, kind: string) => `[data-lane="${id}"] [data-kind="${kind}"]`;

describe('the session timeline page in headless Chromium', () => {
  let app: NestFastifyApplication;
  let browser: Browser;
  let url: string;
  let sessionId: string;

  beforeAll(async () => {
    const executablePath = findChromium(); // fails with the fix when Chromium is missing
    demoTiming.stepMs = 20;
    app = await startHttpApp(
      GatewayAppModule.forAgents({ agents: demoAgents, llm: demoLlm(), apiTokens: [TOKEN] }, { level: 'silent' }),
      { port: 0, host: '127.0.0.1' },
      { logger: false },
    );
    url = await app.getUrl();
    const gateway = app.get(Gateway, { strict: false });
    ({ sessionId } = await gateway.createSession({ agent: 'travel_desk', playout: 'instant' }));
    await playDemoConversation(gateway, sessionId);
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A fresh tab; every script error or failed request of the page fails the test. */
  async function openPage(path: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    await page.goto(`${url}${path}`);
    return { page, problems };
  }

  it('draws a demo session as swimlanes: turns, speech, tool calls, the flight search with its progress, the deferred reply and why it waited', async () => {
    const { page, problems } = await openPage(`/timeline/${sessionId}?token=${TOKEN}`);
    await page.locator('#live[data-state="live"]').waitFor();
    await page.locator('svg.timeline').waitFor();

    expect(page.url()).toBe(`${url}/timeline/${sessionId}`); // the token left the address bar
    expect(await page.locator('[data-lane]').evaluateAll((lanes) => lanes.map((element) => element.getAttribute('data-lane')))).toEqual([
      'agents',
      'user',
      'speech',
      'tool_calls',
      'tasks',
      'replies',
    ]);
    expect(await page.locator(lane('agents', 'activity')).allTextContents()).toEqual([
      expect.stringContaining('travel_desk'),
      expect.stringContaining('get_email (agent task)'),
      expect.stringContaining('billing'),
    ]);
    expect(await page.locator(`${lane('agents', 'activity')} .paused`).count()).toBe(1);

    const turns = await page.locator(`${lane('user', 'user_turn')} .item-label`).allTextContents();
    expect(turns).toHaveLength(5);
    expect(turns[0]).toBe('Hi! I need a flight to Lisbon on December 5th.');

    expect(await page.locator(lane('speech', 'speech')).count()).toBe(6);
    expect(await page.locator(`${lane('speech', 'speech')} title`).allTextContents()).toContainEqual(expect.stringContaining('By the way, your flight search is done.'));

    const calls = await page.locator(`${lane('tool_calls', 'tool_call')} .item-label`).allTextContents();
    expect(calls).toEqual(expect.arrayContaining(['search_flights', 'send_itinerary', 'transfer_to_billing', 'invoice_status']));

    const search = page.locator(lane('tasks', 'task'), { hasText: 'search_flights' });
    expect(await search.locator('.bar').count()).toBe(1);
    expect(await search.locator('.progress-mark title').allTextContents()).toEqual([
      'update 1 (attempt 1): searching airlines for flights to Lisbon on 2026-12-05',
      'update 2 (attempt 1): comparing prices across 14 airlines',
    ]);
    expect((await search.locator('.progress-label').allTextContents()).join(' ')).toContain('1. searching airlines');
    expect(await search.getAttribute('class')).toContain('status-succeeded');

    const reply = page.locator(lane('replies', 'deferred_reply'));
    expect(await reply.count()).toBe(1);
    expect(await reply.locator('.item-label').textContent()).toMatch(/^waited: activity paused/);
    expect(await reply.getAttribute('class')).toContain('status-delivered');
    if (process.env['TIMELINE_SCREENSHOT']) await page.locator('main').screenshot({ path: SCREENSHOT });
    await reply.locator('.bar').click();
    expect(await page.locator('#details').textContent()).toContain('waited for: activity paused, tool call pending');

    // The time axis redraws the same items elsewhere.
    const onLogAxis = await search.locator('.bar').getAttribute('x');
    const itemCount = await page.locator('[data-kind]').count();
    await page.locator('#axis').selectOption('time');
    await page.waitForFunction(`document.querySelector('${lane('tasks', 'task')} .bar').getAttribute('x') !== '${onLogAxis}'`);
    expect(await page.locator('[data-kind]').count()).toBe(itemCount);
    expect(await search.locator('.progress-mark').count()).toBe(2);
    expect(problems).toEqual([]);
    await page.close();
  }, 30_000);

  it('follows the session live: a turn submitted over HTTP appears without a reload', async () => {
    const { page, problems } = await openPage(`/timeline/${sessionId}?token=${TOKEN}`);
    await page.locator('#live[data-state="live"]').waitFor();
    await page.locator(lane('user', 'user_turn')).first().waitFor();
    const turnsBefore = await page.locator(lane('user', 'user_turn')).count();
    const speechBefore = await page.locator(lane('speech', 'speech')).count();
    await page.evaluate('globalThis.sameDocument = true'); // lost if the page reloaded

    const posted = await fetch(`${url}/v1/sessions/${sessionId}/turns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Thanks, that is all for today.' }),
    });
    expect(posted.status).toBe(202);

    await page.locator(lane('user', 'user_turn'), { hasText: 'Thanks, that is all for today.' }).waitFor({ timeout: 10_000 });
    await page.waitForFunction(`document.querySelectorAll('${lane('speech', 'speech')}').length > ${speechBefore}`, undefined, { timeout: 10_000 });
    expect(await page.locator(lane('user', 'user_turn')).count()).toBe(turnsBefore + 1);
    expect(await page.evaluate('globalThis.sameDocument')).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 30_000);

  it('lists the open sessions and finds one by a part of its id', async () => {
    const { page, problems } = await openPage(`/timeline?token=${TOKEN}`);
    await page.locator(`#sessions a[href="/timeline/${sessionId}"]`).waitFor();
    await page.locator('#search').fill('no-such-part');
    await page.locator('#list-note', { hasText: '0 open sessions matching' }).waitFor();
    expect(await page.locator('#sessions a').count()).toBe(0);

    await page.locator('#search').fill(sessionId.slice(-8));
    await page.locator(`#sessions a[href="/timeline/${sessionId}"]`).click();
    await page.waitForURL(`${url}/timeline/${sessionId}`);
    await page.locator(lane('user', 'user_turn')).first().waitFor(); // the token came along in sessionStorage
    expect(problems).toEqual([]);
    await page.close();
  }, 30_000);
});

describe('finding Chromium', () => {
  it('fails with the fix, rather than skipping, when the browser is missing', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).toThrow('CHROMIUM_PATH=/nonexistent/chromium is not an executable file');
    // No CHROMIUM_PATH, and only directories without it on the PATH: only the default path can answer.
    const found = (() => {
      try {
        return findChromium({ PATH: '/nonexistent' });
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(found === '/usr/bin/chromium' || found.includes('apt-get install chromium')).toBe(true);
  });
});
