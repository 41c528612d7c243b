// The one table from API method to core: validate the params, run the handler on the session, and
// turn any failure into an ApiError. Both hosts (Electron IPC, HTTP) call `dispatch` and nothing else.
import { ApiError, toApiError } from './api-error.js';
import type { ApiMethod, ApiParams, ApiResult } from './contract.js';
import type { Session } from './session.js';
import { validators } from './validate.js';

type Handlers = {
  readonly [M in ApiMethod]: (session: Session, params: ApiParams<M>) => ApiResult<M> | Promise<ApiResult<M>>;
};

const handlers: Handlers = {
  snapshot: (session) => session.snapshot(),
  summary: (session) => session.summary(),
  listImages: (session, query) => session.listImages(query),
  recentUpdates: (session, { limit }) => session.recentUpdates(limit),
  exportReport: (session, request) => session.exportReport(request),
  getImage: (session, { reference }) => session.getImage(reference),
  checkNow: (session, { reference }) => session.checkNow(reference),
  updateActions: (session, { reference, bump }) => session.updateActions(reference, bump),
  checkAll: (session) => session.checkAll(),
  discovery: (session) => session.discovery(),
  selectPlatforms: (session, selection) => session.selectPlatforms(selection),
  getSettings: (session) => session.getSettings(),
  changeSettings: (session, change) => session.changeSettings(change),
  listRules: (session) => session.listRules(),
  setRule: (session, rule) => session.setRule(rule),
  deleteRule: (session, { pattern }) => session.deleteRule(pattern),
};

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(handlers, name);
}

/** Runs `method` with the untrusted `params`; rejects only with an ApiError. */
export async function dispatch(session: Session, method: string, params: unknown): Promise<unknown> {
  if (!isApiMethod(method)) {
    throw new ApiError(
      'unknown-method',
      `there is no API method ${JSON.stringify(method.slice(0, 100))}; see internal/api/contract.ts`,
    );
  }
  try {
    return await run(session, method, params);
  } catch (error) {
    throw toApiError(method, error);
  }
}

function run<M extends ApiMethod>(
  session: Session,
  method: M,
  params: unknown,
): ApiResult<M> | Promise<ApiResult<M>> {
  return handlers[method](session, validators[method](params));
}
