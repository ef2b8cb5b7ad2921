/** Every user-facing message of the replay simulation, as functions (tests assert on them). */
export const simMessages = {
  badSetting: (name: string, value: unknown, allowed: string) => `simulation setting ${name} = ${JSON.stringify(value)}; expected ${allowed}`,
  emptyTest: () => 'the test period has no interactions to replay; check the prepare stage output (prepared/tables.json)',
  interrupted: (done: number, total: number) => `replay interrupted after scoring ${done.toLocaleString('en')} of ${total.toLocaleString('en')} candidate rows`,
  armChanged: (userId: number, first: string, now: string) =>
    `user ${userId} was routed to ${first} and later to ${now}; the randomization unit is the user, so the router's assignment must be stable (sticky or hash-based)`,
  noReadout: (users: string, reason: string) =>
    `the online A/B readout cannot be computed from the replay (users per arm: ${users}): ${reason}. Use more data or different --weights.`,
  noArms: () => 'the router has fewer than two arms; an A/B readout needs two',
  routerLoad: (uri: string, reason: string) => `could not load the registered router ${uri}: ${reason}. Run the 'router' stage first (--steps router,simulate).`,
} as const;
