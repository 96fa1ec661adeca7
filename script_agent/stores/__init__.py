"""State-store adapters: an in-memory twin (embedded default) and a Redis implementation per port.

Build them with `stores.factory.build_stores(settings)`. Behaviour when Redis is unreachable (every
call is bounded by REDIS_CONNECT/SOCKET/POOL timeouts, and a small breaker fails fast afterwards):

| component    | Redis down                                  | health fail_mode |
| ------------ | ------------------------------------------- | ---------------- |
| sessions     | StoreUnavailable                            | closed           |
| checkpoints  | StoreUnavailable                            | closed           |
| lock         | acquire: StoreUnavailable (never a local lock); release: False | closed |
| rate limiter | admit (metric + warning) or StoreUnavailable per RATE_LIMIT_FAIL_OPEN | open / closed |
| idempotency  | begin/complete: StoreUnavailable            | closed           |
"""
