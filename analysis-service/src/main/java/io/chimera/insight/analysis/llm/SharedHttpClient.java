package io.chimera.insight.analysis.llm;

import okhttp3.OkHttpClient;

/**
 * One OkHttp client whose connection pool and dispatcher every chat client derives from (via
 * {@code newBuilder()}), so many clients do not each hold their own threads and sockets. Its
 * sockets send without Nagle's delay (see {@link NoDelaySocketFactory}).
 */
final class SharedHttpClient {

    static final OkHttpClient INSTANCE = new OkHttpClient.Builder()
            .socketFactory(new NoDelaySocketFactory())
            .build();

    private SharedHttpClient() {
    }
}
