// Public API of @abt/router/server: HTTP only translates requests to the core router.
export { createRouterServer } from './create-router-server';
export type { RouterServerOptions, RouterServer } from './create-router-server';
export { serve } from './serve';
export type { ServeOptions, RunningServer } from './serve';
export { parseInvocationJson, parseInvocationCsv } from './mlflow-input';
export type { ParsedInvocation } from './mlflow-input';
// The codes the server answers with; their statuses come from abt's one table (`CODE_TO_HTTP`, @abt/registry).
export { SERVER_ERROR_CODES, HttpError, publicMessage } from './http-errors';
export type { WireErrorCode, WireError } from './http-errors';
