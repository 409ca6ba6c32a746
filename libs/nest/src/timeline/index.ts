// The session timeline: a read model of the audit log (model/), its JSON route and its page.
export { TimelineController } from './timeline.controller.js';
export { TimelinePageController } from './timeline-page.controller.js';
export { TIMELINE_PAGE_ROUTES } from './timeline-page-routes.js';
export { buildTimeline } from './model/build-timeline.js';
export type * from './model/timeline-model.js';
