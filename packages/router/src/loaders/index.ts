// Public API of @abt/router/loaders: policies and routers from abt/MLflow model bundles and the
// registry (pulls in @abt/models, @abt/features and @abt/registry; the core entry does not).
export { loadPolicyFromBundle } from './bundle-policy';
export { createRegistryPolicyLoader } from './registry-policy-loader';
export { saveRouterBundle, readRouterBundle, createRegistryRouterSource, ROUTER_SIGNATURE } from './router-bundle';
export { registerRouter } from './register-router';
export type { RegisterRouterOptions } from './register-router';
