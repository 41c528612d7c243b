// A fake CupdateBridge for component tests: the core cannot run in happy-dom, so each test answers
// the contract's methods itself (typed by internal/api/contract.ts) and pushes events by hand.
import type {
  ApiEventName,
  ApiEvents,
  ApiMethod,
  ApiParams,
  ApiResult,
  CupdateBridge,
} from '../../../internal/api/contract.js';

export type FakeHandlers = {
  [M in ApiMethod]?: (params: ApiParams<M>) => ApiResult<M> | Promise<ApiResult<M>>;
};

export interface FakeBridge extends CupdateBridge {
  /** Every call made, in order. */
  readonly calls: { readonly method: ApiMethod; readonly params: unknown }[];
  emit<E extends ApiEventName>(name: E, event: ApiEvents[E]): void;
}

export function fakeBridge(handlers: FakeHandlers): FakeBridge {
  const listeners = new Set<(name: ApiEventName, event: ApiEvents[ApiEventName]) => void>();
  const calls: { method: ApiMethod; params: unknown }[] = [];
  return {
    calls,
    async invoke<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
      calls.push({ method, params });
      const handler = handlers[method] as
        ((p: ApiParams<M>) => ApiResult<M> | Promise<ApiResult<M>>) | undefined;
      if (handler === undefined) {
        throw { code: 'unknown-method', message: `the fake bridge has no "${method}" handler` };
      }
      return handler(params);
    },
    subscribe(listener) {
      const wrapped = listener as (name: ApiEventName, event: ApiEvents[ApiEventName]) => void;
      listeners.add(wrapped);
      return () => listeners.delete(wrapped);
    },
    emit(name, event) {
      for (const listener of listeners) listener(name, event);
    },
  };
}
