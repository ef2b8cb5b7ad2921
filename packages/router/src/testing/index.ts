// Public API of @abt/router/testing: the contract suite every HistoryStore passes.
export { historyStoreContract } from './history-store-contract';
export type { ContractApi, HistoryStoreFixture } from './history-store-contract';
export { startRedisServer, freePort, redisServerBinary } from './redis-server';
export type { RedisServer } from './redis-server';
