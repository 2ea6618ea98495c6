/**
 * The GPU worker pool: several endpoints, a bounded number of calls per endpoint, least-outstanding
 * routing among healthy endpoints, health and model-presence probes, retries with exponential
 * backoff and jitter (resilience4j {@code Retry}, honouring {@code Retry-After}) and a circuit
 * breaker per endpoint (resilience4j {@code CircuitBreaker}). Entry point: {@link
 * io.chimera.insight.analysis.llm.pool.WorkerPool}.
 */
package io.chimera.insight.analysis.llm.pool;
