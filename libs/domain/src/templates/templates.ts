/**
 * The texts the LLM sees for async tools (SEMANTICS.md §3–§5, §7), as overridable defaults.
 * A template is a string with `{placeholders}` or a function of its input. Layers are merged
 * session < agent < toolset: the most specific one wins.
 */
export type Template<Input> = string | ((input: Input) => string);

export interface RunningCall {
  readonly callId: string;
  /** The call's arguments as canonical JSON text. */
  readonly arguments: string;
}

export interface Templates {
  /** Output of an update item. Placeholders: {tool}, {message}. */
  readonly update: Template<{ readonly toolName: string; readonly message: string }>;
  /** Output of a rejected duplicate. Placeholders: {tool}, {running}. */
  readonly duplicateReject: Template<{ readonly toolName: string; readonly running: readonly RunningCall[] }>;
  /** Output of a duplicate that needs `confirm_duplicate: true`. Placeholders: {tool}, {running}. */
  readonly duplicateConfirm: Template<{ readonly toolName: string; readonly running: readonly RunningCall[] }>;
  /** One-off instructions of a deferred reply (never saved in the chat). Placeholder: {callIds}. */
  readonly replyInstructions: Template<{ readonly callIds: readonly string[] }>;
  /** Spoken in place of an answer when the model stays unavailable (retries exhausted). Placeholder: {agent}. */
  readonly modelUnavailable: Template<{ readonly agent: string }>;
}

export type TemplateOverrides = Partial<Templates>;

export const defaultTemplates: Templates = {
  update:
    'Tool `{tool}` reports an update: {message}\n' +
    'The tool is still running in the background, so do not invent any result beyond this update. ' +
    'Mention it naturally in your next reply unless you already did.',
  duplicateReject:
    'Tool `{tool}` is already running, so this call was not started. Running calls:\n{running}\n' +
    'Wait for the running call to finish, or use `cancel_task` with its call_id to stop it first.',
  duplicateConfirm:
    'Tool `{tool}` is already running. Running calls:\n{running}\n' +
    'To start another one anyway, call `{tool}` again with `confirm_duplicate: true`; ' +
    'to stop a running one, use `cancel_task` with its call_id.',
  replyInstructions:
    'New results arrived from background tools (calls {callIds}). Check your most recent messages: ' +
    'if they already conveyed these results, answer with an empty response. Otherwise work them into ' +
    'the conversation naturally, with a brief "by the way" style transition. Never repeat what the user ' +
    'was already told.',
  modelUnavailable: "Sorry, I'm having trouble answering right now. Could you say that again in a moment?",
};

export function mergeTemplates(...layers: readonly (TemplateOverrides | undefined)[]): Templates {
  return Object.assign({}, defaultTemplates, ...layers.map((layer) => withoutUndefined(layer ?? {}))) as Templates;
}

export function renderUpdate(templates: Templates, toolName: string, message: string): string {
  return render(templates.update, { toolName, message }, { tool: toolName, message });
}

export function renderDuplicateReject(templates: Templates, toolName: string, running: readonly RunningCall[]): string {
  return render(templates.duplicateReject, { toolName, running }, { tool: toolName, running: listRunning(running) });
}

export function renderDuplicateConfirm(templates: Templates, toolName: string, running: readonly RunningCall[]): string {
  return render(templates.duplicateConfirm, { toolName, running }, { tool: toolName, running: listRunning(running) });
}

export function renderReplyInstructions(templates: Templates, callIds: readonly string[]): string {
  return render(templates.replyInstructions, { callIds }, { callIds: `[${callIds.join(', ')}]` });
}

export function renderModelUnavailable(templates: Templates, agent: string): string {
  return render(templates.modelUnavailable, { agent }, { agent });
}

function render<Input>(template: Template<Input>, input: Input, placeholders: Readonly<Record<string, string>>): string {
  if (typeof template === 'function') return template(input);
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => placeholders[key] ?? whole);
}

function listRunning(running: readonly RunningCall[]): string {
  return running.map((call) => `- call_id ${call.callId}, arguments ${call.arguments}`).join('\n');
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
