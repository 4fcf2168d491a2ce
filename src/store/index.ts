export { createSqliteRequestLogStore } from './sqlite-request-log-store.js';
export type {
  Dialect,
  RequestLogQuery,
  RequestLogRecord,
  RequestLogStore,
} from './request-log-store.js';
