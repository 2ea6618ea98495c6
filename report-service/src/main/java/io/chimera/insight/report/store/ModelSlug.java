package io.chimera.insight.report.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A model name made safe as a single folder name. Only {@code [a-z0-9._-]} survive, dots cannot
 * form {@code ..} and long names are cut, so no name can point outside the reports folder. A name
 * that had to change gets a short hash of the original appended ({@code gemma3:270m} becomes
 * {@code gemma3-270m-<hash>}), so two models that clean up alike ({@code gemma3:270m},
 * {@code gemma3/270m}, {@code Gemma3-270m}) never share a folder.
 */
public final class ModelSlug {

    static final int MAX_LENGTH = 80;

    private ModelSlug() {
    }

    public static String of(String model) {
        String lower = model == null ? "" : model.toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            slug.append(safe ? c : '-');
        }
        String cleaned = slug.toString().replaceAll("\\.{2,}", ".").replaceAll("-{2,}", "-")
                .replaceAll("^[-.]+", "").replaceAll("[-.]+$", "");
        if (cleaned.isEmpty()) {
            cleaned = "model";
        }
        if (cleaned.equals(model) && cleaned.length() <= MAX_LENGTH) {
            return cleaned;
        }
        // The name had to change: a hash of the original keeps distinct names apart.
        String base = cleaned.substring(0, Math.min(cleaned.length(), MAX_LENGTH - 9));
        return base + "-" + shortHash(model == null ? "" : model);
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
