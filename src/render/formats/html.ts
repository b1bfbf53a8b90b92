import { htmlPage } from '../html/page.js';
import type { OutputFormat } from '../report.js';

/** A self-contained HTML report: inline style and script only, nothing fetched. */
export const htmlFormat: OutputFormat = {
  name: 'html',
  views: {
    analyse: (report) => htmlPage(report, 'analyse'),
    timeline: (report) => htmlPage(report, 'timeline'),
  },
};
