package io.chimera.insight.localstack.registry;

import io.chimera.insight.schemas.registry.HttpSchemaRegistryClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * Who may use the registry: HTTP basic authentication with one {@code user:password}, the
 * {@code basic.auth.user.info} convention of Confluent's clients (credentials source
 * {@code USER_INFO}), guarding nothing, the writes only, or every request.
 *
 * <ul>
 *   <li>{@link #open()}: anyone reads and writes.</li>
 *   <li>{@link #ownerWrites()}: reads are open; writes (a new schema version, a compatibility level)
 *       need a credential generated here, which only the process that started the registry holds:
 *       local mode's pipeline gets it through {@link #client}, every other local process gets 403.</li>
 *   <li>{@link #basicAuth(String)}: every request needs the credential, else 401 — what a registry
 *       reached by other hosts needs.</li>
 * </ul>
 *
 * <p>Credentials are compared in constant time; {@link #toString()} never shows the password.
 */
public final class RegistryAccess {

    /** What the credential guards. */
    public enum Guarded { NOTHING, WRITES, EVERYTHING }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Guarded guarded;
    private final String user;
    private final String password;
    private final byte[] expectedDigest;

    private RegistryAccess(Guarded guarded, String userInfo) {
        this.guarded = guarded;
        if (userInfo == null) {
            this.user = null;
            this.password = null;
            this.expectedDigest = null;
        } else {
            int colon = userInfo.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("registry credentials must be user:password");
            }
            this.user = userInfo.substring(0, colon);
            this.password = userInfo.substring(colon + 1);
            this.expectedDigest = sha256(userInfo);
        }
    }

    /** No credentials: anyone may read and write. */
    public static RegistryAccess open() {
        return new RegistryAccess(Guarded.NOTHING, null);
    }

    /** Reads open to all; writes only with a random credential made now, known to this process alone. */
    public static RegistryAccess ownerWrites() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new RegistryAccess(Guarded.WRITES, "chimera-pipeline:" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Every request needs {@code userInfo} ({@code user:password}) by HTTP basic authentication. */
    public static RegistryAccess basicAuth(String userInfo) {
        return new RegistryAccess(Guarded.EVERYTHING, userInfo);
    }

    public Guarded guarded() {
        return guarded;
    }

    /** A client of the registry at {@code url} holding this credential: it may do all the registry allows. */
    public HttpSchemaRegistryClient client(String url) {
        return new HttpSchemaRegistryClient(url, user, password);
    }

    /**
     * Whether a request with this {@code Authorization} header (null when absent) may do everything:
     * always when nothing is guarded, else only with the credential.
     */
    boolean admits(String authorization) {
        if (guarded == Guarded.NOTHING) {
            return true;
        }
        return MessageDigest.isEqual(sha256(presentedUserInfo(authorization)), expectedDigest);
    }

    /** The {@code user:password} of a basic {@code Authorization} header; empty when there is none. */
    private static String presentedUserInfo(String authorization) {
        if (authorization == null) {
            return "";
        }
        String header = authorization.trim();
        if (!header.toLowerCase(Locale.ROOT).startsWith("basic ")) {
            return "";
        }
        try {
            return new String(Base64.getDecoder().decode(header.substring("basic ".length()).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }

    /** Digests of equal length, so the comparison takes the same time whatever was presented. */
    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return switch (guarded) {
            case NOTHING -> "open to all";
            case WRITES -> "reads open, writes by its owner only";
            case EVERYTHING -> "basic auth for user " + user;
        };
    }
}
