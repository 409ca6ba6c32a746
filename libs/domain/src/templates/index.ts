export {
  defaultTemplates,
  mergeTemplates,
  renderDuplicateConfirm,
  renderDuplicateReject,
  renderModelUnavailable,
  renderReplyInstructions,
  renderUpdate,
} from './templates.js';
export type { RunningCall, Template, TemplateOverrides, Templates } from './templates.js';
export {
  argumentErrorPrefix,
  attachedText,
  cancelledText,
  FAILED_TO_CANCEL_DUPLICATES_PREFIX,
  INTERNAL_ERROR_TEXT,
  notCancellableText,
  notFoundText,
} from './fixed-texts.js';
