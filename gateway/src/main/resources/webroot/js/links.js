// Links to the dashboard's pages, written as its router reads them. The hub's Slack messages write the same links
// (DashboardLinks.java): a test runs both on the same ids and compares them.
export const SOURCE_PATH = '/source/';

export function sourceLink(sourceId) {
  return `#${SOURCE_PATH}${encodeURIComponent(sourceId)}`;
}
