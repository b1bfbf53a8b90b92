import { htmlPage } from '../html/page.js';
import type { OutputFormat } from '../report.js';

/** A self-contained HTML report: inline style and script only, nothing fetched. */
export const htmlFormat: OutputFormat = {
  name: 'html',
  views: {
    analyse: (report, options) => htmlPage(report, 'analyse', options.sort),
    timeline: (report) => htmlPage(report, 'timeline'),
  },
};
