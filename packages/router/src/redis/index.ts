// Public API of @abt/router/redis: a history store shared by router replicas (optional peer: redis).
export { createRedisHistoryStore } from './redis-history-store';
export type { RedisHistoryStoreOptions } from './redis-history-store';
