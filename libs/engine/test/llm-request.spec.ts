import { describe, expect, it } from '@jest/globals';
import type { ChatItem } from '@aside/events';
import { toLlmMessages } from '../src/reactors/llm-request.js';

const user = (text: string): ChatItem => ({ type: 'message', role: 'user', text });
const assistant = (text: string): ChatItem => ({ type: 'message', role: 'assistant', text });
const call = (callId: string, name = 'search'): ChatItem => ({ type: 'function_call', callId, name, arguments: '{}' });
const output = (callId: string, text = 'ok', name = 'search'): ChatItem => ({ type: 'function_call_output', callId, name, output: text, isError: false });

describe('chat items as provider messages', () => {
  it('joins parallel calls to the assistant text before them, outputs right after', () => {
    expect(toLlmMessages([user('hi'), assistant('Let me look.'), call('c1'), call('c2'), output('c1', 'one'), output('c2', 'two')])).toEqual([
      { role: 'user', content: 'hi' },
      {
        role: 'assistant',
        content: 'Let me look.',
        toolCalls: [
          { callId: 'c1', name: 'search', arguments: '{}' },
          { callId: 'c2', name: 'search', arguments: '{}' },
        ],
      },
      { role: 'tool', callId: 'c1', output: 'one' },
      { role: 'tool', callId: 'c2', output: 'two' },
    ]);
  });

  it('moves an output recorded after a later user message back behind its call', () => {
    expect(toLlmMessages([user('find'), call('c1'), user('are you there?'), output('c1', 'found')])).toEqual([
      { role: 'user', content: 'find' },
      { role: 'assistant', toolCalls: [{ callId: 'c1', name: 'search', arguments: '{}' }] },
      { role: 'tool', callId: 'c1', output: 'found' },
      { role: 'user', content: 'are you there?' },
    ]);
  });

  it('leaves out a call that has no output yet', () => {
    expect(toLlmMessages([user('find'), call('c1')])).toEqual([{ role: 'user', content: 'find' }]);
  });

  it('keeps each _update_n / _finished pair valid on its own', () => {
    const messages = toLlmMessages([user('find'), call('c1'), output('c1', 'searching'), assistant('Searching.'), call('c1_finished'), output('c1_finished', '42')]);

    expect(messages.slice(1)).toEqual([
      { role: 'assistant', toolCalls: [{ callId: 'c1', name: 'search', arguments: '{}' }] },
      { role: 'tool', callId: 'c1', output: 'searching' },
      { role: 'assistant', content: 'Searching.', toolCalls: [{ callId: 'c1_finished', name: 'search', arguments: '{}' }] },
      { role: 'tool', callId: 'c1_finished', output: '42' },
    ]);
  });
});
