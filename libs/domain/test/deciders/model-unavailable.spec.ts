import { describe, expect, it } from '@jest/globals';
import { defaultTemplates } from '../../src/templates/templates.js';
import { isIdle } from '../../src/deciders/index.js';
import { command } from './support/commands.js';
import { defaultContext } from './support/given-when-then.js';
import { ofType, scenario } from './support/scenario.js';

describe('a model that stays unavailable (FailGeneration)', () => {
  it('records the failure and speaks a short apology instead of leaving the user in silence', () => {
    const s = scenario('Plain', 'client');
    s.userSays('hello?');
    const generationId = s.pendingGenerationIds()[0]!;

    const events = s.send(command('FailGeneration', { generationId, message: 'LLM unavailable after 3 attempts (HTTP 503)' }));

    expect(ofType(events, 'GenerationFailed')[0]?.data).toEqual({ generationId, message: 'LLM unavailable after 3 attempts (HTTP 503)' });
    expect(ofType(events, 'SpeechQueued')[0]?.data.text).toBe(defaultTemplates.modelUnavailable);
    expect(s.chat().at(-1)).toEqual({ type: 'message', role: 'assistant', text: defaultTemplates.modelUnavailable });
    s.playAll();
    expect(isIdle(s.state(), 'a1')).toBe(true);
  });

  it('says what the session configured instead', () => {
    const s = scenario('Plain', 'instant', { ...defaultContext, templates: { modelUnavailable: 'One moment please, {agent} is reconnecting.' } });
    s.userSays('hello?');

    const events = s.send(command('FailGeneration', { generationId: s.pendingGenerationIds()[0]!, message: 'down' }));

    expect(ofType(events, 'SpeechQueued')[0]?.data.text).toBe('One moment please, Plain is reconnecting.');
  });
});
