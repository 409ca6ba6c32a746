/** What an LLM provider accepts as a function name (OpenAI: letters, digits, `_`, `-`, at most 64). */
export const TOOL_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$/;

/** Agent names and toolset ids end up inside stream names and ids, so they keep to a safe alphabet. */
export const DEFINITION_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** The management tools every owner shares (SEMANTICS.md §5); a user tool may not shadow them. */
/** The tool every agent task gets for handing back its result (see complete-task-tool.ts). */
export const COMPLETE_TASK_TOOL = 'complete_task';

export const RESERVED_TOOL_NAMES: readonly string[] = ['get_running_tasks', 'cancel_task', COMPLETE_TASK_TOOL];

/** Added to a tool's schema under the `confirm` duplicate mode; stripped before the body runs. */
export const CONFIRM_DUPLICATE_PARAMETER = 'confirm_duplicate';
