import { describe, expect, it } from '@jest/globals';
import { demoLlm } from '../src/demo/demo-llm.js';
import { runDemo } from '../src/demo/run-demo.js';
import { demoTiming } from '../src/demo/travel-desk.js';

describe('the embedded demo (npm start)', () => {
  it('shows progress narration, a pause for an agent task, a deferred "by the way" reply after the resume, a handoff, and the audit log', async () => {
    demoTiming.stepMs = 20;
    const lines: string[] = [];

    const { audit } = await runDemo(demoLlm(), (line) => lines.push(line));

    const transcript = lines.join('\n');
    expect(transcript).toContain('search_flights progress: searching airlines');
    expect(transcript).toContain('travel_desk paused while an agent task runs');
    expect(transcript).toContain('get_email  < What email address');
    const resumed = transcript.indexOf('travel_desk resumed');
    const byTheWay = transcript.indexOf('travel_desk < By the way, your flight search is done.');
    expect(resumed).toBeGreaterThan(0);
    expect(byTheWay).toBeGreaterThan(resumed);
    expect(transcript).toContain('handoff to billing');
    expect(transcript).toContain('billing    < Invoice 4711 was paid');
    expect(transcript).toContain(`Audit log of`);
    const types = audit.map((event) => event.type);
    expect(types).toContain('AgentTaskReturned');
    expect(types.filter((type) => type === 'ReplyDeliveryStarted')).toHaveLength(1);
  });
});
