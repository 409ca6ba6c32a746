import { ScriptedLlm, type LlmRequest, type ScriptedResponse } from '@aside/llm';

/**
 * The scripted fake model of the fuzz: asked to answer a user turn `fuzz call <key>`, it emits
 * one tool call with exactly the arguments text registered under that key; asked anything else
 * (the reply after the tool's output), it says a short sentence.
 */
export class FuzzModel {
  private readonly calls = new Map<string, { readonly callId: string; readonly name: string; readonly arguments: string }>();
  readonly llm = new ScriptedLlm([], { whenUnmatched: (request) => this.answer(request) });

  /** The user turn that makes the model emit this call. */
  expect(key: string, call: { readonly callId: string; readonly name: string; readonly arguments: string }): string {
    this.calls.set(key, call);
    return userTurnFor(key);
  }

  forget(key: string): void {
    this.calls.delete(key);
  }

  private answer(request: LlmRequest): ScriptedResponse {
    const last = request.messages.at(-1);
    const key = last?.role === 'user' ? keyOf(last.content) : undefined;
    const call = key === undefined ? undefined : this.calls.get(key);
    return call ? { toolCalls: [call] } : { text: 'Noted.' };
  }
}

const PREFIX = 'fuzz call ';

function userTurnFor(key: string): string {
  return `${PREFIX}${key}`;
}

function keyOf(content: string): string | undefined {
  return content.startsWith(PREFIX) ? content.slice(PREFIX.length) : undefined;
}
