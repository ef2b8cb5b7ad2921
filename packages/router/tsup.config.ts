import { abtBuild } from '../../tsup.base';

export default abtBuild({
  index: 'src/index.ts',
  server: 'src/server/index.ts',
  loaders: 'src/loaders/index.ts',
  redis: 'src/redis/index.ts',
  testing: 'src/testing/index.ts',
});
